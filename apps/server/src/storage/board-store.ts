/**
 * Where boards and their Yjs update logs live. Async on purpose: the SQLite implementation answers at once,
 * a PostgreSQL one (a later issue) will not. Every write method resolves only once the data is durably
 * committed; the sync pipeline broadcasts an update only after its append resolved.
 */

export interface BoardRecord {
  id: string;
  title: string;
  /** The school the board belongs to; null until boards are scoped per school. */
  schoolId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewBoardRecord {
  id: string;
  title: string;
  schoolId?: string | null;
  createdAt: Date;
  /** The first stored update: the board's initial state written by `initBoard`. */
  initialUpdate: Uint8Array;
}

/** A board's stored document: an optional snapshot plus the updates appended after it, in order. */
export interface StoredBoardState {
  snapshot: Uint8Array | undefined;
  updates: Uint8Array[];
  /** The sequence number of each entry of `updates` (for `board repair`'s report). */
  seqs?: number[];
  /** Sequence number of the last update (0 when the log is empty): what a later `compact` may fold up to. */
  lastSeq: number;
  /** Total bytes of `updates`, so the room knows when to compact next. */
  logBytes: number;
}

export interface AppendResult {
  /** Sequence number of the last appended update. */
  lastSeq: number;
}

export interface BoardListFilter {
  /** Only boards of this school (undefined: all boards). */
  schoolId?: string | null;
}

export interface BoardStore {
  createBoard(board: NewBoardRecord): Promise<BoardRecord>;
  /** Newest first (by creation). */
  listBoards(filter?: BoardListFilter): Promise<BoardRecord[]>;
  getBoard(id: string): Promise<BoardRecord | undefined>;
  countBoards(): Promise<number>;
  loadBoardState(id: string): Promise<StoredBoardState>;
  /** Append updates in order, in one transaction (group commit), and bump the board's `updatedAt`. */
  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<AppendResult>;
  /**
   * Atomically replace the snapshot and every log entry with seq ≤ `upToSeq` by `snapshot`, which must
   * contain all of them. Entries appended later stay in the log.
   */
  compact(id: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  /**
   * Give every board without a school (created before boards were scoped per school) to `schoolId`;
   * returns how many. Until then such boards are unreachable: the access checks treat them as not found.
   */
  assignUnscopedBoards(schoolId: string): Promise<number>;
  /** Remove a board with its whole update log and snapshot, in one transaction; false when unknown. */
  deleteBoard(id: string): Promise<boolean>;
  /** Keep the listing title in step with the title inside the document. */
  setTitle(id: string, title: string): Promise<void>;
  /** Cheap round trip for health checks; rejects when the storage is unusable. */
  ping(): Promise<void>;
}
