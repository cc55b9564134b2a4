import { migrateBoard, readMeta } from '@koers/board';
import * as encoding from 'lib0/encoding';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { errorFields, type Logger } from '../log';
import type { BoardStore } from '../storage/board-store';
import { CLOSE_REASON, CloseCode } from './close-codes';
import type { Connection } from './connection';
import { MessageType, encodeAwarenessMessage, encodeSyncStep2Message, encodeUpdateMessage } from './messages';
import { LOAD_ORIGIN, isSyncOrigin, remoteOrigin } from './origins';
import { checkPresenceUpdate, readPresenceEntries } from './presence-limits';
import type { SyncStats } from './sync-stats';

export interface RoomOptions {
  boardId: string;
  store: BoardStore;
  log: Logger;
  /** Compact the log after this many appended updates… */
  compactUpdates: number;
  /** …or this many bytes. */
  compactBytes: number;
  stats: SyncStats;
  /** Called when the last connection left: the registry unloads the room. */
  onEmpty(room: Room): void;
  /** Called once when storing failed: the registry discards the room (its doc holds unstored changes). */
  onFailed(room: Room): void;
}

interface PendingUpdate {
  update: Uint8Array;
  /** The socket the update came from: it already has it, so it is not echoed back. */
  from: Connection | undefined;
  /** performance.now() when it was applied, for the pipeline latency stats. */
  appliedAt: number;
}

/**
 * One board in memory: its Y.Doc, the awareness of everyone on it, its sockets, and the write pipeline.
 *
 * Pipeline per update: a client update is validated and applied to the doc (origin `remote`); the doc's
 * `update` event queues the resulting diff; once per event-loop turn the queue is appended to storage in one
 * transaction (group commit), and only after that commit is each update broadcast to the other sockets. A
 * SyncStep2 reply likewise waits until every change in the doc is stored, so nothing leaves the server
 * before it is durable.
 */
export class Room {
  readonly boardId: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  readonly connections = new Set<Connection>();

  readonly #options: RoomOptions;
  readonly #log: Logger;
  #pending: PendingUpdate[] = [];
  #flushing: Promise<void> | undefined;
  /** Updates queued for storage so far, and how many of them are committed and broadcast. */
  #queued = 0;
  #written = 0;
  #waiters: { upTo: number; resolve: () => void }[] = [];
  /** Which socket introduced each awareness client id (the only one that may update it). */
  readonly #awarenessOwners = new Map<number, Connection>();
  /** After a failed compaction, the log length at which to try again. */
  #compactRetryAt = 0;
  #lastSeq: number;
  #logCount: number;
  #logBytes: number;
  #failed = false;
  #destroyed = false;

  private constructor(options: RoomOptions, lastSeq: number, logCount: number, logBytes: number) {
    this.boardId = options.boardId;
    this.#options = options;
    this.#log = options.log.child({ boardId: options.boardId });
    this.#lastSeq = lastSeq;
    this.#logCount = logCount;
    this.#logBytes = logBytes;
    this.awareness = new Awareness(this.doc);
    // The server is not a participant: without this, clients would list a phantom presence.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.#onDocUpdate);
    this.awareness.on('update', this.#onAwarenessUpdate);
  }

  /**
   * Load a board from storage. The stored state is applied before the room is handed to any socket, so
   * the first SyncStep2 a client receives already holds the whole board.
   */
  static async load(options: RoomOptions): Promise<Room> {
    const state = await options.store.loadBoardState(options.boardId);
    const room = new Room(options, state.lastSeq, state.updates.length, state.logBytes);
    const stored = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
    if (stored.length > 0) Y.applyUpdate(room.doc, Y.mergeUpdates(stored), LOAD_ORIGIN);
    // A board written by an older version is lifted here; the migration's writes are stored like any other.
    migrateBoard(room.doc);
    return room;
  }

  get failed(): boolean {
    return this.#failed;
  }

  /** Updates appended since the last snapshot (for tests and metrics). */
  get logCount(): number {
    return this.#logCount;
  }

  /** True while changes are applied to the doc but not yet committed. */
  get hasUnwrittenChanges(): boolean {
    return this.#written < this.#queued;
  }

  /**
   * Resolves when every change applied so far is committed and broadcast (or the room failed). Changes
   * applied later do not extend the wait, so a busy room cannot starve it.
   */
  whenWritten(): Promise<void> {
    const upTo = this.#queued;
    if (this.#written >= upTo || this.#failed) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ upTo, resolve }));
  }

  /** Resolves when the write loop has stopped (after a failure: before the room is destroyed). */
  async settled(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  #releaseWaiters(): void {
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiting) {
      if (this.#failed || this.#written >= waiter.upTo) waiter.resolve();
      else this.#waiters.push(waiter);
    }
  }

  /** Attach a socket: send our state vector (so it sends what we lack) and everyone's presence. */
  add(connection: Connection): void {
    this.connections.add(connection);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    connection.send(encoding.toUint8Array(encoder));
    this.sendAwarenessTo(connection);
  }

  /** Detach a socket and release its presence; the last one out triggers the unload. */
  remove(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessIds.size > 0 && !this.#destroyed) {
      removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    for (const id of connection.awarenessIds) {
      if (this.#awarenessOwners.get(id) === connection) this.#awarenessOwners.delete(id);
    }
    if (this.connections.size === 0 && !this.#failed) this.#options.onEmpty(this);
  }

  /** Apply a client's update (SyncStep2 or Update). Throws on an undecodable update. */
  applyClientUpdate(update: Uint8Array, from: Connection): void {
    if (this.#failed) return;
    // Decode first: applying a corrupt update could leave half of it in the doc before throwing.
    Y.decodeUpdate(update);
    Y.applyUpdate(this.doc, update, remoteOrigin(from));
  }

  /** Answer a SyncStep1 with what the client lacks, once everything in the doc is committed. */
  replySyncStep1(stateVector: Uint8Array, to: Connection): void {
    Y.decodeStateVector(stateVector); // throws on a malformed state vector, before anything is queued
    const reply = (): void => {
      if (this.#failed || to.isClosed) return;
      to.send(encodeSyncStep2Message(Y.encodeStateAsUpdate(this.doc, stateVector)));
    };
    if (this.hasUnwrittenChanges) {
      this.whenWritten()
        .then(reply)
        .catch((error: unknown) => {
          this.#log.error('answering SyncStep1 failed', errorFields(error));
          to.close(CloseCode.STORAGE_FAILURE, 'storage failure');
        });
    } else {
      reply();
    }
  }

  /**
   * Apply a socket's presence. A socket may only speak for awareness client ids that no socket of another
   * user introduced, so nobody can rename, move or remove someone else's presence; the same user on a new
   * socket (a reconnect while the old one is not yet known dead) takes hers over. An update above the
   * presence limits (presence-limits.ts) is never applied nor relayed: it closes its socket with
   * PRESENCE_TOO_LARGE. Throws on a malformed update.
   */
  applyAwareness(update: Uint8Array, from: Connection): void {
    const entries = readPresenceEntries(update);
    const { breach, fresh } = checkPresenceUpdate(entries, this.awareness, from.touchedAwarenessIds);
    if (breach !== undefined) {
      this.#log.warn('presence over the limits; closing socket', { connection: from.id, breach });
      from.close(CloseCode.PRESENCE_TOO_LARGE, CLOSE_REASON.PRESENCE_TOO_LARGE);
      return;
    }
    for (const { clientId } of entries) {
      const owner = this.#awarenessOwners.get(clientId);
      if (owner !== undefined && owner !== from && owner.user?.id !== from.user?.id) {
        this.#log.debug('awareness update for another socket’s client dropped', {
          connection: from.id,
          clientId,
        });
        return;
      }
    }
    for (const id of fresh) from.touchedAwarenessIds.add(id);
    applyAwarenessUpdate(this.awareness, update, from);
  }

  sendAwarenessTo(connection: Connection): void {
    const states = this.awareness.getStates();
    if (states.size === 0) return;
    connection.send(encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, [...states.keys()])));
  }

  /** Close every socket with `code`; each close detaches it (the last one triggers the unload). */
  closeConnections(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /**
   * Prepare to leave memory: wait for pending writes, fold the log into a snapshot, release everything.
   * Called by the registry only after the last socket left.
   */
  async unload(): Promise<void> {
    // No sockets are left, so nothing new arrives: wait for the write loop (and a compaction in it) to end.
    await this.whenWritten();
    await this.settled();
    if (!this.#failed && this.#logCount > 1) {
      try {
        await this.#compact();
      } catch (error) {
        // The log is still complete; compaction just happens on the next load/unload.
        this.#log.warn('compaction on unload failed', errorFields(error));
      }
    }
    this.destroy();
  }

  /** Release listeners and timers (awareness has an interval). Idempotent. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.doc.off('update', this.#onDocUpdate);
    this.awareness.off('update', this.#onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN || this.#failed) return;
    const from = isSyncOrigin(origin) && origin.kind === 'remote' ? origin.connection : undefined;
    this.#pending.push({ update, from, appliedAt: performance.now() });
    this.#queued++;
    this.#scheduleFlush();
  };

  readonly #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
      const connection = origin as Connection;
      for (const id of [...added, ...updated]) {
        const previous = this.#awarenessOwners.get(id);
        // Taken over by a new socket: the old one must not remove this presence when it finally dies.
        if (previous && previous !== connection) previous.awarenessIds.delete(id);
        connection.awarenessIds.add(id);
        this.#awarenessOwners.set(id, connection);
      }
    }
    for (const id of removed) {
      this.#awarenessOwners.get(id)?.awarenessIds.delete(id);
      this.#awarenessOwners.delete(id);
    }
    const message = encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, changed));
    for (const connection of this.connections) connection.send(message);
  };

  #scheduleFlush(): void {
    if (this.#flushing) return;
    // setImmediate: every update that arrived in this I/O turn goes into one transaction (group commit).
    this.#flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#flushLoop())
      // Anything unexpected in the loop is treated like a storage failure: never broadcast what is unsure.
      .catch((error: unknown) => this.#fail(error))
      .finally(() => {
        this.#flushing = undefined;
        if (this.#pending.length > 0 && !this.#failed) this.#scheduleFlush();
      });
  }

  async #flushLoop(): Promise<void> {
    while (this.#pending.length > 0 && !this.#failed) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        const started = performance.now();
        const { lastSeq } = await this.#options.store.appendUpdates(
          this.boardId,
          batch.map((item) => item.update),
        );
        this.#options.stats.recordCommit(performance.now() - started, batch.length);
        this.#lastSeq = lastSeq;
      } catch (error) {
        this.#fail(error);
        return;
      }
      this.#logCount += batch.length;
      for (const item of batch) this.#logBytes += item.update.byteLength;
      // Committed: now, and only now, the other sockets may see these updates.
      for (const item of batch) {
        const message = encodeUpdateMessage(item.update);
        for (const connection of this.connections) {
          if (connection !== item.from) connection.send(message);
        }
        this.#options.stats.recordPipeline(performance.now() - item.appliedAt);
      }
      this.#written += batch.length;
      this.#releaseWaiters();
      if (
        this.#pending.length === 0 &&
        this.#logCount >= this.#compactRetryAt &&
        (this.#logCount >= this.#options.compactUpdates || this.#logBytes >= this.#options.compactBytes)
      ) {
        try {
          await this.#compact();
          this.#compactRetryAt = 0;
        } catch (error) {
          // The log is complete without it; do not re-encode the whole doc on every write meanwhile.
          this.#compactRetryAt = this.#logCount + this.#options.compactUpdates;
          this.#log.warn('compaction failed', errorFields(error));
        }
      }
    }
  }

  /** Only called with nothing pending: then the doc holds exactly what is stored up to `#lastSeq`. */
  async #compact(): Promise<void> {
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const upToSeq = this.#lastSeq;
    const folded = this.#logCount;
    const title = readMeta(this.doc).title.trim();
    await this.#options.store.compact(this.boardId, snapshot, upToSeq);
    this.#logCount = 0;
    this.#logBytes = 0;
    // A title renamed inside the document reaches the board list at the next compaction.
    if (title) await this.#options.store.setTitle(this.boardId, title);
    this.#log.debug('compacted', { folded, snapshotBytes: snapshot.byteLength });
  }

  /**
   * Storing failed. The doc now holds changes that are not durable, so it must not serve anyone: close
   * every socket (their clients resend unacknowledged changes on reconnect) and let the registry discard it.
   */
  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#pending = [];
    this.#releaseWaiters();
    this.#log.error('storing an update failed; closing the room', errorFields(error));
    this.closeConnections(CloseCode.STORAGE_FAILURE, 'storage failure');
    this.#options.onFailed(this);
  }
}
