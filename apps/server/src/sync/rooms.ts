import { errorFields, type Logger } from '../log';
import type { BoardStore } from '../storage/board-store';
import type { SyncHooks } from './hooks';
import { BoardLoadError, Room } from './room';
import type { SyncStats } from './sync-stats';

export interface RoomsOptions {
  store: BoardStore;
  log: Logger;
  compactUpdates: number;
  compactBytes: number;
  stats: SyncStats;
  hooks: SyncHooks;
  /** How long a board that failed to load is refused without trying again (default 30 s). */
  failedLoadCacheMs?: number;
}

/** Thrown by `acquire` while a board is in the failed-load cache: it failed to load moments ago. */
export class BoardUnavailableError extends Error {
  constructor(readonly boardId: string) {
    super(`board ${boardId} failed to load recently`);
    this.name = 'BoardUnavailableError';
  }
}

/**
 * The rooms in memory. One in-flight load per board (two sockets arriving together share it); a room
 * unloads when its last socket leaves, but only after its writes are committed and its log compacted. A
 * socket arriving during an unload waits for it to finish and then gets a freshly loaded room, which holds
 * everything the old one stored.
 */
export class Rooms {
  readonly #options: RoomsOptions;
  readonly #rooms = new Map<string, Room>();
  readonly #loading = new Map<string, Promise<Room>>();
  readonly #unloading = new Map<string, Promise<void>>();
  /** Boards whose load failed, until when they are refused at once (a reconnect storm must not reload them). */
  readonly #failedLoads = new Map<string, number>();

  constructor(options: RoomsOptions) {
    this.#options = options;
  }

  /** Rooms in memory (loaded and not unloading). */
  get size(): number {
    return this.#rooms.size;
  }

  /** Rooms whose unload is still running. */
  get unloadingCount(): number {
    return this.#unloading.size;
  }

  /** Loads in flight (for tests and metrics). */
  get loadingCount(): number {
    return this.#loading.size;
  }

  /** Forget a failed load (e.g. after `board repair`), so the next socket tries again. */
  forgetFailedLoad(boardId: string): void {
    this.#failedLoads.delete(boardId);
  }

  get(boardId: string): Room | undefined {
    return this.#rooms.get(boardId);
  }

  /** Resolves once the board's room, if it is unloading, has written, compacted and unloaded. */
  async whenUnloaded(boardId: string): Promise<void> {
    await this.#unloading.get(boardId);
  }

  isUnloading(boardId: string): boolean {
    return this.#unloading.has(boardId);
  }

  /**
   * The loaded room for a board. The caller must attach its connection in the same microtask sequence it
   * resumes in (no other await in between), so the room cannot unload under it.
   */
  async acquire(boardId: string): Promise<Room> {
    for (;;) {
      const unloading = this.#unloading.get(boardId);
      if (unloading) {
        await unloading;
        continue;
      }
      const loaded = this.#rooms.get(boardId);
      if (loaded) return loaded;
      const failedUntil = this.#failedLoads.get(boardId);
      if (failedUntil !== undefined) {
        if (performance.now() < failedUntil) throw new BoardUnavailableError(boardId);
        this.#failedLoads.delete(boardId);
      }
      let loading = this.#loading.get(boardId);
      if (!loading) {
        loading = this.#load(boardId);
        this.#loading.set(boardId, loading);
      }
      const room = await loading;
      if (this.#rooms.get(boardId) === room) return room;
    }
  }

  /** Room in memory with no sockets (e.g. the acquiring socket closed while loading): unload it. */
  releaseIfEmpty(room: Room): void {
    if (room.connections.size === 0 && this.#rooms.get(room.boardId) === room) this.#unload(room);
  }

  /** Close every socket with `code` and wait until every room has written, compacted and unloaded. */
  async closeAll(code: number, reason: string): Promise<void> {
    await Promise.allSettled([...this.#loading.values()]);
    for (const room of [...this.#rooms.values()]) {
      room.closeConnections(code, reason);
      this.releaseIfEmpty(room);
    }
    await Promise.allSettled([...this.#unloading.values()]);
  }

  async #load(boardId: string): Promise<Room> {
    try {
      const room = await Room.load({
        boardId,
        store: this.#options.store,
        log: this.#options.log,
        compactUpdates: this.#options.compactUpdates,
        compactBytes: this.#options.compactBytes,
        stats: this.#options.stats,
        hooks: this.#options.hooks,
        onEmpty: (r) => this.#unload(r),
        onFailed: (r) => this.#discard(r),
      });
      this.#rooms.set(boardId, room);
      return room;
    } catch (error) {
      // Room.load destroyed what it made; remember the failure so the next sockets are refused at once.
      // A storage error (not the board's data) is not cached: it may be gone on the next try.
      if (error instanceof BoardLoadError) {
        this.#failedLoads.set(boardId, performance.now() + (this.#options.failedLoadCacheMs ?? 30_000));
      }
      throw error;
    } finally {
      this.#loading.delete(boardId);
    }
  }

  #unload(room: Room): void {
    if (this.#rooms.get(room.boardId) !== room) return;
    this.#rooms.delete(room.boardId);
    const done = room
      .unload()
      .catch((error: unknown) =>
        this.#options.log.error('unloading a room failed', { boardId: room.boardId, ...errorFields(error) }),
      )
      .finally(() => {
        if (this.#unloading.get(room.boardId) === done) this.#unloading.delete(room.boardId);
      });
    this.#unloading.set(room.boardId, done);
  }

  /** A failed room's doc holds changes that are not stored: drop it without writing anything more. */
  #discard(room: Room): void {
    if (this.#rooms.get(room.boardId) === room) this.#rooms.delete(room.boardId);
    const done = room
      .settled()
      .then(() => room.destroy())
      .finally(() => {
        if (this.#unloading.get(room.boardId) === done) this.#unloading.delete(room.boardId);
      });
    this.#unloading.set(room.boardId, done);
  }
}
