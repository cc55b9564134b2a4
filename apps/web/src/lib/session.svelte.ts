import { colorForName } from '@koers/board';
import { ApiError, me, type Me, type Role } from '$lib/api';

/** The last known account, so a board still opens (from IndexedDB) when a reload happens offline. */
const STORAGE_KEY = 'koers.account';

function stored(): Me | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

function store(value: Me | null): void {
  try {
    if (value) localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode); then an offline reload asks the server again.
  }
}

/**
 * Who is using the app in this tab: the account, the school it acts for and the role, from
 * `GET /api/auth/me` (or the answer to a login or an accepted invite). The display name on carets and in
 * the presence list is the account's name.
 *
 * - `unknown`: not asked yet; `loading`: asking; `in`: logged in; `out`: the server said 401.
 * - `error`: the server could not be reached (offline); `me` is then the last known account, if any.
 */
export class Session {
  state = $state<'unknown' | 'loading' | 'in' | 'out' | 'error'>('unknown');
  me = $state<Me | null>(null);

  readonly user = $derived(this.me?.user ?? null);
  readonly school = $derived(this.me?.school ?? null);
  readonly role = $derived<Role | null>(this.me?.role ?? null);
  readonly isLeider = $derived(this.me?.role === 'leider');
  readonly color = $derived(colorForName(this.me?.user.name ?? ''));

  #pending: Promise<void> | null = null;

  /**
   * Ask the server who is logged in; once known to be logged in, only again when `force`. A logged-out
   * answer is not kept: the visitor may have logged in in another tab since.
   */
  load(force = false): Promise<void> {
    if (!force && this.state === 'in') return Promise.resolve();
    if (this.#pending) return this.#pending;
    this.state = 'loading';
    this.#pending = me()
      .then((answer) => this.set(answer))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          this.clear();
        } else {
          this.me = stored();
          this.state = 'error';
        }
      })
      .finally(() => (this.#pending = null));
    return this.#pending;
  }

  /** Logged in (login, accepted invite, or `me`). */
  set(answer: Me): void {
    this.me = answer;
    this.state = 'in';
    store(answer);
  }

  /** Logged out (or the session ended). */
  clear(): void {
    this.me = null;
    this.state = 'out';
    store(null);
  }
}

/** One instance for the whole app, so every page and component sees the same account. */
export const session = new Session();
