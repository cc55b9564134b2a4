import { TITLE_MAX_LENGTH, migrateBoard, readMeta, rootKindOf } from '@koers/board';
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
import type { HookContext, SyncHooks } from './hooks';
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
  /** The server's extensions (validation first): called at fixed points of the pipeline. */
  hooks: SyncHooks;
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
    try {
      const stored = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
      if (stored.length > 0) Y.applyUpdate(room.doc, Y.mergeUpdates(stored), LOAD_ORIGIN);
      // Stored data Yjs cannot place (written before the update guard existed): serving or compacting
      // this doc would spread or freeze the damage. The stored log stays as it is, for `board repair`.
      if (hasPendingData(room.doc)) throw new Error('the stored board leaves pending data');
      // A board written by an older version is lifted here; the migration's writes are stored like any other.
      migrateBoard(room.doc);
    } catch (error) {
      room.destroy(); // the awareness interval and listeners must not outlive a failed load
      throw new BoardLoadError(options.boardId, error);
    }
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
    this.#options.hooks.onConnect(this.#context(connection));
  }

  #context(connection: Connection): HookContext {
    return { boardId: this.boardId, doc: this.doc, connection };
  }

  /** Detach a socket and release its presence; the last one out triggers the unload. */
  remove(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.#options.hooks.onDisconnect(this.#context(connection));
    if (connection.awarenessIds.size > 0 && !this.#destroyed) {
      removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    for (const id of connection.awarenessIds) {
      if (this.#awarenessOwners.get(id) === connection) this.#awarenessOwners.delete(id);
    }
    if (this.connections.size === 0 && !this.#failed) this.#options.onEmpty(this);
  }

  /**
   * Apply a client's update (SyncStep2 or Update), if every `beforeApply` extension lets it through (a
   * refusal closes the socket with the extension's code). Throws on an undecodable update.
   */
  applyClientUpdate(update: Uint8Array, from: Connection): void {
    if (this.#failed) return;
    // The guard decodes the whole update first: applying a corrupt one could leave half of it in the doc.
    const refusal = this.#options.hooks.beforeApply({ ...this.#context(from), update });
    if (refusal) {
      this.#log.warn('update refused; closing socket', {
        connection: from.id,
        bytes: update.byteLength,
        reason: refusal.reason,
        detail: refusal.detail,
      });
      from.close(refusal.code, refusal.reason);
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, remoteOrigin(from));
    } catch (error) {
      // Yjs threw halfway: what is in the doc now is unsure, so none of it may be stored or served.
      this.#fail(error, 'applying an update failed');
      return;
    }
    // Belt and braces: the guard should make this impossible, but a doc with pending data must never be
    // stored or compacted (the snapshot would not load). The update is still only queued, not stored.
    if (hasPendingData(this.doc))
      this.#fail(new Error('an update left pending data'), 'pending data in the doc');
  }

  /**
   * Let the `beforeAwareness` extensions see a presence update: the update to apply (possibly rewritten by
   * them), or undefined (socket closed) when one refused it.
   */
  allowAwareness(update: Uint8Array, from: Connection): Uint8Array | undefined {
    const answer = this.#options.hooks.beforeAwareness({ ...this.#context(from), update });
    if ('rewrite' in answer) return answer.rewrite;
    const refusal = answer;
    this.#log.warn('awareness update refused; closing socket', {
      connection: from.id,
      reason: refusal.reason,
      detail: refusal.detail,
    });
    from.close(refusal.code, refusal.reason);
    return undefined;
  }

  /** A stateless message: only the extensions see it (nothing is stored or relayed here). */
  receiveStateless(payload: string, from: Connection): void {
    this.#options.hooks.onStatelessMessage({ ...this.#context(from), payload });
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
        // A room failed while this batch was being written must not compact its (unsure) doc.
        !this.#failed &&
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

  /**
   * Only called with nothing pending: then the doc holds exactly what is stored up to `#lastSeq`. The log is
   * replaced only by a snapshot proven to load back into the same document (verifiedSnapshot).
   */
  async #compact(): Promise<void> {
    const snapshot = verifiedSnapshot(this.doc);
    const upToSeq = this.#lastSeq;
    const folded = this.#logCount;
    // The guard keeps titles within the limit; a board from before it may still hold a longer one.
    const title = readMeta(this.doc).title.trim().slice(0, TITLE_MAX_LENGTH);
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
  #fail(error: unknown, what = 'storing an update failed'): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#pending = [];
    this.#releaseWaiters();
    this.#log.error(`${what}; closing the room`, errorFields(error));
    this.closeConnections(CloseCode.STORAGE_FAILURE, 'storage failure');
    this.#options.onFailed(this);
  }
}
/** A board whose stored state could not be loaded; the store is left untouched. */
export class BoardLoadError extends Error {
  constructor(
    readonly boardId: string,
    cause: unknown,
  ) {
    super(`board ${boardId} cannot be loaded: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'BoardLoadError';
  }
}

/** Structs or deletes Yjs could not integrate yet (they wait for data that may never come). */
export function hasPendingData(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * Encode `doc` as a snapshot and prove it loads back into the same document: a fresh doc built from it has
 * no pending data, the same state vector, the same delete set, and the same content in every root the board
 * layout knows. Throws (and the caller keeps its log) otherwise.
 */
export function verifiedSnapshot(doc: Y.Doc): Uint8Array {
  if (hasPendingData(doc)) throw new Error('the doc holds pending data; not compacting');
  const snapshot = Y.encodeStateAsUpdate(doc);
  const check = new Y.Doc({ gc: doc.gc });
  try {
    Y.applyUpdate(check, snapshot);
    if (hasPendingData(check)) throw new Error('the snapshot leaves pending data');
    const stateVector = Y.encodeStateVector(doc);
    if (!equalBytes(Y.encodeStateVector(check), stateVector)) throw new Error('the snapshot lost clocks');
    // With the full state vector, an encoded update holds no structs: just the delete set.
    if (!equalBytes(Y.encodeStateAsUpdate(check, stateVector), Y.encodeStateAsUpdate(doc, stateVector))) {
      throw new Error('the snapshot lost deletions');
    }
    for (const name of doc.share.keys()) {
      const kind = rootKindOf(name);
      if (!kind) continue;
      // Map keys in sorted order: a map's iteration order follows how its entries were integrated, which
      // differs between the live doc and one loaded from the snapshot while the content is the same.
      const read = (d: Y.Doc): string =>
        canonicalJson(kind === 'map' ? d.getMap(name).toJSON() : d.getXmlFragment(name).toJSON());
      if (read(check) !== read(doc)) throw new Error(`the snapshot differs in root "${name}"`);
    }
    return snapshot;
  } finally {
    check.destroy();
  }
}

/** JSON with every object's keys sorted, so two equal values give the same text whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
