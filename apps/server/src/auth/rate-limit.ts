/**
 * In-memory token buckets keyed by a string (an account, an IP address, a projector link), with a bounded
 * number of keys so an attacker cycling through addresses cannot grow memory without limit: when full, the
 * least recently touched key is dropped (Map keeps insertion order; touching re-inserts).
 *
 * One process only: with several server processes each keeps its own buckets, so the effective budget
 * multiplies by the number of processes. A Redis-backed version belongs with the scaling work.
 */
export interface TokenBucketOptions {
  /** Tokens in a full bucket (the burst). */
  capacity: number;
  /** Tokens added back per millisecond. */
  refillPerMs: number;
  /** Most keys kept at once (default 10,000). */
  maxKeys?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBucketLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(options: TokenBucketOptions) {
    this.#capacity = options.capacity;
    this.#refillPerMs = options.refillPerMs;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Tokens available for `key` right now. */
  available(key: string): number {
    return this.#current(key).tokens;
  }

  /** Take `cost` tokens if there are that many; returns whether the action may go ahead. */
  tryTake(key: string, cost = 1): boolean {
    const bucket = this.#current(key);
    if (bucket.tokens < cost) return false;
    this.#store(key, { tokens: bucket.tokens - cost, at: bucket.at });
    return true;
  }

  /** Take `cost` tokens unconditionally (may go below zero: a penalty that must be earned back). */
  charge(key: string, cost: number): void {
    const bucket = this.#current(key);
    this.#store(key, { tokens: bucket.tokens - cost, at: bucket.at });
  }

  /** Milliseconds until `cost` tokens are available for `key` (0 when they are). */
  waitMs(key: string, cost = 1): number {
    const missing = cost - this.#current(key).tokens;
    return missing <= 0 ? 0 : Math.ceil(missing / this.#refillPerMs);
  }

  get size(): number {
    return this.#buckets.size;
  }

  #current(key: string): Bucket {
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    if (!bucket) return { tokens: this.#capacity, at: now };
    const tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#refillPerMs);
    return { tokens, at: now };
  }

  #store(key: string, bucket: Bucket): void {
    this.#buckets.delete(key);
    if (bucket.tokens >= this.#capacity) return; // a full bucket is the default: no need to keep it
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
  }
}
