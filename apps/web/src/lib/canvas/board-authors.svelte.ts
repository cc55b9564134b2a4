import type { AuthorLedger } from './authors-api';

/** Don't ask the server again for unknown authors more often than this. */
export const AUTHORS_REFRESH_MS = 5000;

export interface BoardAuthorsOptions {
  /** Fetches the ledger (`fetchAuthors` bound to the board). */
  load: () => Promise<AuthorLedger>;
  /** This tab's Yjs client id and account name: one's own new cards are named before the server knows. */
  self?: { clientId: number; name: string };
  now?: () => number;
}

/**
 * The author names of a board's cards: the record's creating client id (`recordClientId`) looked up in the
 * server's ledger. A client id the ledger does not have yet (a card a colleague just made) triggers one
 * reload, at most every {@link AUTHORS_REFRESH_MS}.
 */
export class BoardAuthors {
  names = $state<Record<string, string>>({});
  #options: BoardAuthorsOptions;
  #lastLoad = -Infinity;
  #pending: Promise<void> | null = null;

  constructor(options: BoardAuthorsOptions) {
    this.#options = options;
  }

  /**
   * The author's name, or null when no account wrote with this client id (yet): the card then shows only its
   * time. That is content the server wrote (the demo seed, a next-cycle copy, a restored version: no account
   * owns its client id), a deleted account's, or a ledger that could not be loaded (offline); naming anyone
   * there, even "onbekend", would be a false claim. Asks the server again if needed.
   */
  nameOf(clientId: number | undefined): string | null {
    if (clientId === undefined) return null;
    const self = this.#options.self;
    if (self && clientId === self.clientId) return self.name;
    const name = this.names[String(clientId)];
    if (name) return name;
    void this.refresh();
    return null;
  }

  /** Reload the ledger (throttled; `force` skips the wait). */
  refresh(force = false): Promise<void> {
    const now = (this.#options.now ?? Date.now)();
    if (this.#pending) return this.#pending;
    if (!force && now - this.#lastLoad < AUTHORS_REFRESH_MS) return Promise.resolve();
    this.#lastLoad = now;
    this.#pending = this.#options
      .load()
      .then((ledger) => {
        const names: Record<string, string> = {};
        for (const [id, entry] of Object.entries(ledger)) if (entry?.name) names[id] = entry.name;
        this.names = names;
      })
      .finally(() => (this.#pending = null));
    return this.#pending;
  }
}
