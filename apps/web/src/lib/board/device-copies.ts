/**
 * The offline copies of boards on this device, per account (the shared school laptop).
 *
 * Each account keeps its own IndexedDB copy of a board ({@link deviceCopyName}), so one teacher's unsent
 * edits are never loaded, and so never sent, under another teacher's login: the server would refuse them
 * anyway (their Yjs client ids belong to the first account, close code 4409) and throw the second teacher off.
 *
 * Beside the copies a small registry per account (localStorage, board ids only: no titles, no names) says
 * which boards have a copy and whether it holds edits the server has not confirmed. Logout reads it: confirmed
 * copies are deleted, unconfirmed ones are kept for the account's next login (and she is warned first).
 *
 * A copy from before this scheme (`koers-board-<boardId>`, without an account) is never opened: nothing says
 * whose edits it holds, and loading it under the wrong login would send them under that name (or get that
 * teacher thrown off). It is not deleted either, since it may be someone's only copy of an edit; the edits
 * the server had already received are on the server anyway.
 */

/** The IndexedDB database of one account's copy of one board. */
export function deviceCopyName(userId: string, boardId: string): string {
  return `koers-board-${userId}-${boardId}`;
}

/**
 * A copy set aside after the server refused one of its edits (close code 4422): kept on the device, never
 * opened or sent by Koers (its prefix is not `koers-board-`), never deleted by logout.
 */
export function asideCopyName(userId: string, boardId: string, at: number): string {
  return `koers-aside-${userId}-${boardId}-${at}`;
}

/** The storage this registry needs (localStorage in the app, a Map-backed stand-in in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Per board id: `true` when the copy holds edits the server has not confirmed. */
type Registry = Record<string, boolean>;

function registryKey(userId: string): string {
  return `koers.deviceCopies.${userId}`;
}

/** The registry of one account's board copies on this device. */
export class DeviceCopies {
  constructor(
    private readonly storage: KeyValueStorage | null,
    readonly userId: string,
  ) {}

  /** Record that the copy of `boardId` holds unconfirmed edits (`true`) or only what the server has. */
  record(boardId: string, unsent: boolean): void {
    const registry = this.#read();
    if (registry[boardId] === unsent) return;
    registry[boardId] = unsent;
    this.#write(registry);
  }

  /** A copy of `boardId` exists (opened now); an entry already there keeps what it says. */
  note(boardId: string): void {
    if (!(boardId in this.#read())) this.record(boardId, false);
  }

  /** The copy of `boardId` is gone (deleted on logout). */
  forget(boardId: string): void {
    const registry = this.#read();
    if (!(boardId in registry)) return;
    delete registry[boardId];
    this.#write(registry);
  }

  /** Boards whose copy holds edits the server has not confirmed: kept on logout. */
  unsent(): string[] {
    return Object.entries(this.#read())
      .filter(([, unsent]) => unsent)
      .map(([boardId]) => boardId)
      .sort();
  }

  /** Boards whose copy the server has entirely: deleted on logout. */
  confirmed(): string[] {
    return Object.entries(this.#read())
      .filter(([, unsent]) => !unsent)
      .map(([boardId]) => boardId)
      .sort();
  }

  #read(): Registry {
    try {
      const raw = this.storage?.getItem(registryKey(this.userId));
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      // Only well-formed entries: a damaged registry must not make logout delete an unsent copy.
      return Object.fromEntries(
        Object.entries(parsed).filter(([, value]) => typeof value === 'boolean'),
      ) as Registry;
    } catch {
      return {};
    }
  }

  #write(registry: Registry): void {
    try {
      if (Object.keys(registry).length === 0) this.storage?.removeItem(registryKey(this.userId));
      else this.storage?.setItem(registryKey(this.userId), JSON.stringify(registry));
    } catch {
      // Storage blocked or full: logout then deletes nothing it cannot prove was confirmed.
    }
  }
}

/** localStorage when the browser allows it. */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Delete one IndexedDB database; resolves once it is gone (it waits for open connections to close). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
  });
}
