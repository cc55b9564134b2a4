import { TokenBucketLimiter } from './rate-limit';

/**
 * Login throttling, tuned so a whole school behind one NAT address (40 teachers logging in within a
 * minute, a few typos among them) is never slowed down, while guessing stays hopeless:
 *
 * - Per account (the e-mail as typed, lowercased; also for addresses without an account, so the answer
 *   does not reveal which exist): the first {@link ACCOUNT_FREE_FAILURES} failures cost nothing; each
 *   further failure makes the next attempt wait 2^(n-5) seconds (1, 2, 4, 8, 16 s); after
 *   {@link ACCOUNT_LOCK_FAILURES} failures the account is locked for 15 minutes. A success resets it.
 * - Per client address: a token bucket of {@link IP_BUDGET} per minute, refilled continuously. An attempt
 *   costs 1 and a failure 2 more, so 40 successful logins use 40 of 100, and a guesser from one address
 *   gets ~33 tries a minute spread over accounts that each lock after 10.
 *
 * State is in memory with a bounded number of keys (see {@link TokenBucketLimiter}); a restart forgets it,
 * and several server processes each keep their own: a Redis version belongs with the scaling work.
 */
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_LOCK_FAILURES = 10;
export const ACCOUNT_LOCK_MS = 15 * 60 * 1000;
export const IP_BUDGET = 100;
const IP_FAILURE_EXTRA_COST = 2;
const ACCOUNT_MEMORY_MS = 60 * 60 * 1000;

interface AccountState {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginThrottle {
  readonly #accounts = new Map<string, AccountState>();
  readonly #ip: TokenBucketLimiter;
  readonly #now: () => number;
  readonly #maxAccounts: number;

  constructor(options: { now?: () => number; maxKeys?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxAccounts = options.maxKeys ?? 10_000;
    this.#ip = new TokenBucketLimiter({
      capacity: IP_BUDGET,
      refillPerMs: IP_BUDGET / 60_000,
      maxKeys: options.maxKeys ?? 10_000,
      now: this.#now,
    });
  }

  /** May this attempt go ahead? Call before verifying the password; takes the attempt's base cost. */
  check(email: string, ip: string): ThrottleDecision {
    const now = this.#now();
    const account = this.#account(email);
    if (account && now < account.blockedUntil) {
      return { allowed: false, retryAfterSeconds: Math.ceil((account.blockedUntil - now) / 1000) };
    }
    if (!this.#ip.tryTake(ip, 1)) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(this.#ip.waitMs(ip, 1) / 1000)) };
    }
    return { allowed: true };
  }

  /** Record a failed attempt (wrong password or unknown address). */
  failure(email: string, ip: string): void {
    const now = this.#now();
    this.#ip.charge(ip, IP_FAILURE_EXTRA_COST);
    const key = email.trim().toLowerCase();
    const state = this.#account(email) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
    state.failures += 1;
    state.lastFailure = now;
    if (state.failures >= ACCOUNT_LOCK_FAILURES) {
      state.blockedUntil = now + ACCOUNT_LOCK_MS;
    } else if (state.failures > ACCOUNT_FREE_FAILURES) {
      state.blockedUntil = now + 1000 * 2 ** (state.failures - ACCOUNT_FREE_FAILURES - 1);
    }
    this.#accounts.delete(key);
    this.#accounts.set(key, state);
    if (this.#accounts.size > this.#maxAccounts) {
      const oldest = this.#accounts.keys().next().value;
      if (oldest !== undefined) this.#accounts.delete(oldest);
    }
  }

  /** A successful login clears the account's failures (the address keeps its spent budget). */
  success(email: string): void {
    this.#accounts.delete(email.trim().toLowerCase());
  }

  /** Failures counted for an account (for tests and the admin's reset). */
  failures(email: string): number {
    return this.#account(email)?.failures ?? 0;
  }

  /** Forget an account's failures, e.g. after an admin reset its password. */
  reset(email: string): void {
    this.#accounts.delete(email.trim().toLowerCase());
  }

  #account(email: string): AccountState | undefined {
    const key = email.trim().toLowerCase();
    const state = this.#accounts.get(key);
    if (!state) return undefined;
    // Failures an hour old with no lock running are forgotten: one typo a week never adds up to a lock.
    if (this.#now() - state.lastFailure > ACCOUNT_MEMORY_MS && this.#now() >= state.blockedUntil) {
      this.#accounts.delete(key);
      return undefined;
    }
    return state;
  }
}
