import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { errorFields, type Logger } from '../log';
import type { BoardStore } from '../storage/board-store';
import { CLOSE_REASON, CloseCode } from './close-codes';
import { Connection, type ConnectionAccess } from './connection';
import { SyncHooks, type SyncExtension } from './hooks';
import { BoardLoadError } from './room';
import { BoardUnavailableError, Rooms } from './rooms';
import { SyncStats } from './sync-stats';
import { updateGuard } from './update-guard';

/** The answer of the access check at the upgrade (the auth module provides the real one). */
export type UpgradeDecision =
  { ok: true; readOnly: boolean; user?: ConnectionAccess['user'] } | { ok: false; status: 401 | 403 | 404 };

export type AuthorizeUpgrade = (request: IncomingMessage, boardId: string) => Promise<UpgradeDecision>;

/** Without an auth module everyone may read and write (the embedded single-school default). */
export const allowAllUpgrades: AuthorizeUpgrade = async () => ({ ok: true, readOnly: false });

export interface SyncServerOptions {
  store: BoardStore;
  log: Logger;
  maxMessageBytes: number;
  /** Close a socket when more than this waits unread in its send buffer. */
  maxBufferedBytes: number;
  compactUpdates: number;
  compactBytes: number;
  pingIntervalMs: number;
  /** How often the pipeline counters are logged (only when something was written). */
  statsIntervalMs: number;
  authorizeUpgrade?: AuthorizeUpgrade;
  /**
   * Extensions called by every room, in order (see hooks.ts). Default: just the update guard. A list given
   * here replaces the default, so keep `updateGuard()` first in it.
   */
  extensions?: readonly SyncExtension[];
  /** How long a board that failed to load is refused at once (default 30 s). */
  failedLoadCacheMs?: number;
}

const SYNC_PATH = /^\/sync\/([A-Za-z0-9_-]{1,64})$/;

const DENIED = {
  401: { code: CloseCode.UNAUTHORIZED, reason: CLOSE_REASON.UNAUTHORIZED },
  403: { code: CloseCode.FORBIDDEN, reason: CLOSE_REASON.FORBIDDEN },
  404: { code: CloseCode.BOARD_NOT_FOUND, reason: CLOSE_REASON.BOARD_NOT_FOUND },
} as const;

/**
 * The Yjs sync endpoint `/sync/<boardId>`, speaking the stock y-websocket protocol. Attach `handleUpgrade`
 * to the HTTP server's 'upgrade' event.
 */
export class SyncServer {
  readonly rooms: Rooms;
  readonly stats = new SyncStats();
  readonly #options: SyncServerOptions;
  readonly #log: Logger;
  readonly #wss: WebSocketServer;
  readonly #connections = new Set<Connection>();
  readonly #pingTimer: NodeJS.Timeout;
  readonly #statsTimer: NodeJS.Timeout;
  #closing = false;

  constructor(options: SyncServerOptions) {
    this.#options = options;
    this.#log = options.log.child({ component: 'sync' });
    this.rooms = new Rooms({
      store: options.store,
      log: this.#log,
      compactUpdates: options.compactUpdates,
      compactBytes: options.compactBytes,
      stats: this.stats,
      hooks: new SyncHooks(options.extensions ?? [updateGuard()], this.#log),
      ...(options.failedLoadCacheMs === undefined ? {} : { failedLoadCacheMs: options.failedLoadCacheMs }),
    });
    // maxPayload: `ws` itself closes a socket with 1009 (MESSAGE_TOO_LARGE) when a message is larger.
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    // One timer for all sockets (not one per socket): ping, and end sockets that missed the last pong.
    this.#pingTimer = setInterval(() => this.#pingAll(), options.pingIntervalMs);
    this.#pingTimer.unref();
    this.#statsTimer = setInterval(() => this.#logStats(), options.statsIntervalMs);
    this.#statsTimer.unref();
  }

  #logStats(): void {
    const window = this.stats.takeWindow();
    if (window.updates === 0) return;
    this.#log.info('sync stats', {
      ...window,
      rooms: this.rooms.size,
      connections: this.#connections.size,
    });
  }

  /** Sockets currently attached (for tests and metrics). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Returns false for paths that are not ours (the caller then rejects the upgrade). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = SYNC_PATH.exec(pathname);
    if (!match?.[1] || this.#closing) return false;
    const boardId = match[1];
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      this.#accept(ws, request, boardId).catch((error: unknown) => {
        // A bug in accepting one socket must not take the process (and every other room) down.
        this.#log.error('accepting a sync socket failed', { boardId, ...errorFields(error) });
        ws.terminate();
      });
    });
    return true;
  }

  async #accept(ws: WebSocket, request: IncomingMessage, boardId: string): Promise<void> {
    const log = this.#log.child({ boardId });
    // Messages can arrive while we authorize and load: keep them, in order, until the room is ready.
    const early: { data: RawData; isBinary: boolean }[] = [];
    const attached: { connection: Connection | undefined } = { connection: undefined };
    let earlyBytes = 0;
    ws.on('message', (data, isBinary) => {
      const connection = attached.connection;
      if (connection?.room) {
        connection.receive(toBytes(data), isBinary);
        return;
      }
      // A client has no reason to send much before it got our SyncStep1; do not buffer without bound.
      earlyBytes += toBytes(data).byteLength;
      if (earlyBytes > 2 * this.#options.maxMessageBytes) {
        ws.close(CloseCode.MESSAGE_TOO_LARGE, CLOSE_REASON.MESSAGE_TOO_LARGE);
        return;
      }
      early.push({ data, isBinary });
    });
    ws.on('error', (error) => log.debug('socket error', errorFields(error)));
    ws.on('pong', () => {
      if (attached.connection) attached.connection.alive = true;
    });
    ws.on('close', () => {
      const connection = attached.connection;
      if (connection) {
        this.#connections.delete(connection);
        connection.detach();
      }
    });

    let decision: UpgradeDecision;
    try {
      decision = await (this.#options.authorizeUpgrade ?? allowAllUpgrades)(request, boardId);
      if (decision.ok && !(await this.#options.store.getBoard(boardId)))
        decision = { ok: false, status: 404 };
    } catch (error) {
      log.error('authorizing a sync socket failed', errorFields(error));
      ws.close(CloseCode.STORAGE_FAILURE, CLOSE_REASON.STORAGE_FAILURE);
      return;
    }
    if (!decision.ok) {
      const { code, reason } = DENIED[decision.status];
      ws.close(code, reason);
      return;
    }

    const params = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const conn = new Connection(
      ws,
      boardId,
      { readOnly: decision.readOnly, user: decision.user },
      log,
      { maxBufferedBytes: this.#options.maxBufferedBytes },
      params,
    );
    attached.connection = conn;
    let room;
    try {
      room = await this.rooms.acquire(boardId);
    } catch (error) {
      if (error instanceof BoardUnavailableError) {
        log.debug('board recently failed to load; socket refused', { connection: conn.id });
        conn.close(CloseCode.BOARD_UNAVAILABLE, CLOSE_REASON.BOARD_UNAVAILABLE);
      } else if (error instanceof BoardLoadError) {
        log.error(
          'loading a board failed; its stored data is kept (see `pnpm koers board repair`)',
          errorFields(error),
        );
        conn.close(CloseCode.BOARD_UNAVAILABLE, CLOSE_REASON.BOARD_UNAVAILABLE);
      } else {
        log.error('loading a board failed', errorFields(error));
        conn.close(CloseCode.STORAGE_FAILURE, CLOSE_REASON.STORAGE_FAILURE);
      }
      return;
    }
    // No await between acquire and attach: the room cannot unload in between.
    if (conn.isClosed || this.#closing) {
      conn.close(CloseCode.SERVER_SHUTDOWN, CLOSE_REASON.SERVER_SHUTDOWN);
      this.rooms.releaseIfEmpty(room);
      return;
    }
    this.#connections.add(conn);
    conn.room = room;
    room.add(conn);
    log.debug('sync socket attached', {
      connection: conn.id,
      readOnly: conn.readOnly,
      sockets: room.connections.size,
    });
    for (const message of early.splice(0)) conn.receive(toBytes(message.data), message.isBinary);
  }

  /**
   * Close every attached socket that `match` selects (e.g. when access ends: a projector link revoked, a
   * member removed) with `code`; returns how many were closed. Their rooms unload as usual.
   */
  closeConnections(
    match: (connection: { boardId: string; user: ConnectionAccess['user']; readOnly: boolean }) => boolean,
    code: number = CloseCode.FORBIDDEN,
    reason: string = CLOSE_REASON.FORBIDDEN,
  ): number {
    let closed = 0;
    for (const connection of [...this.#connections]) {
      if (!match(connection)) continue;
      this.#connections.delete(connection);
      connection.close(code, reason);
      closed++;
    }
    return closed;
  }

  /** The attached sockets `match` selects (e.g. a member's, to give them her new role). */
  connectionsWhere(match: (connection: Connection) => boolean): Connection[] {
    return [...this.#connections].filter(match);
  }

  /**
   * Before a board is deleted: close its sockets with BOARD_NOT_FOUND (the clients stop) and wait until its
   * room has written and unloaded, so nothing writes to the board's rows after they are gone.
   */
  async evictBoard(boardId: string): Promise<number> {
    const closed = this.closeConnections(
      (c) => c.boardId === boardId,
      CloseCode.BOARD_NOT_FOUND,
      CLOSE_REASON.BOARD_NOT_FOUND,
    );
    const room = this.rooms.get(boardId);
    if (room) this.rooms.releaseIfEmpty(room);
    await this.rooms.whenUnloaded(boardId);
    return closed;
  }

  #pingAll(): void {
    for (const connection of this.#connections) {
      if (!connection.alive) {
        this.#connections.delete(connection);
        connection.ws.terminate();
        connection.detach();
        continue;
      }
      connection.alive = false;
      try {
        connection.ws.ping();
      } catch {
        // The socket is closing; its 'close' event detaches it.
      }
    }
  }

  /** Stop accepting, close every socket (SERVER_SHUTDOWN), and wait until all rooms are stored and unloaded. */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#pingTimer);
    clearInterval(this.#statsTimer);
    await this.rooms.closeAll(CloseCode.SERVER_SHUTDOWN, CLOSE_REASON.SERVER_SHUTDOWN);
    for (const connection of this.#connections) connection.ws.terminate();
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
