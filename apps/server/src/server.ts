import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app';
import { BoardVersionStore } from './boards/board-versions';
import { editBoard } from './boards/edit-board';
import { readBoardDoc } from './boards/read-board-doc';
import { createAuthModule, type AccessRevoked, type AuthModule } from './auth';
import { loadConfig, type Config } from './config';
import { createDatasetStore, type DatasetStore } from './datasets/dataset-store';
import { openDatabase } from './db/sqlite';
import { seedDemoData } from './demo/seed-demo-data';
import { createLogger, errorFields, type Logger } from './log';
import type { BoardStore } from './storage/board-store';
import { boardDirectory } from './storage/board-directory';
import { ClientLedgerStore } from './storage/client-ledger-store';
import { SqliteBoardStore } from './storage/sqlite-board-store';
import { clientLedger } from './sync/client-ledger';
import type { SyncExtension } from './sync/hooks';
import { presenceNames } from './sync/presence-names';
import { schemaVersionCheck } from './sync/schema-version';
import { SyncServer, type AuthorizeUpgrade } from './sync/sync-server';
import { updateGuard } from './sync/update-guard';
import { facilitationExtension, type FacilitationExtension } from './facilitation/facilitation-extension';
import { SessionStore } from './facilitation/session-store';
import { CLOSE_REASON, CloseCode } from './sync/close-codes';

export interface KoersServerDeps {
  config: Config;
  log: Logger;
  store: BoardStore;
  auth: AuthModule;
  datasets: DatasetStore;
  /** Which account introduced each Yjs client id on each board (`sync/client-ledger.ts`). */
  ledger: ClientLedgerStore;
  /** Named versions of the boards. */
  versions: BoardVersionStore;
  /** The database: the facilitation sessions are stored in it (without it, no facilitation channel). */
  db?: DatabaseSync;
  /** Replaces the auth module's upgrade check (sync pipeline tests only). */
  authorizeUpgrade?: AuthorizeUpgrade;
  /** Replaces the sync server's extensions (default: {@link defaultSyncExtensions}; tests only). */
  syncExtensions?: readonly SyncExtension[];
  /** How long a board that failed to load is refused at once (default 30 s; tests only). */
  failedLoadCacheMs?: number;
}

export interface KoersServer {
  /** The Hono app (its `routes` list every mounted route: the authorization matrix test walks it). */
  app: ReturnType<typeof createApp>;
  http: Server;
  sync: SyncServer;
  /** The facilitation channel (undefined without `db` or when tests replace the extensions). */
  facilitation: FacilitationExtension | undefined;
  /** Start listening on config.host:config.port; resolves with the bound port (useful with PORT=0). */
  listen(): Promise<number>;
  /** Stop accepting, close sockets, store and unload every room, close the HTTP server. */
  close(): Promise<void>;
}

/**
 * Close the open sockets whose access just ended: the upgrade check only stops the next connection.
 * A revoked projector link's sockets carry `projector:<linkId>` as user id; a removed member's sockets
 * are closed on the boards of the school she left; after a password change, every socket of the user's
 * other sessions; after a logout, the sockets of that session. Ended access closes with 4403, an ended
 * session with 4401 (the web app then asks to log in again); clients do not reconnect (4400–4499 are permanent).
 * A changed role closes nothing: the member's sockets carry the new role from then on.
 */
async function closeRevoked(
  event: AccessRevoked,
  sync: SyncServer,
  store: BoardStore,
  log: Logger,
  facilitation: FacilitationExtension | undefined,
): Promise<void> {
  let closed = 0;
  switch (event.kind) {
    case 'role': {
      // Not an end of access: the sockets stay, with the new role (and a fresh session view).
      const boards = new Set((await store.listBoards({ schoolId: event.schoolId })).map((b) => b.id));
      const changed = sync.connectionsWhere((c) => c.user?.id === event.userId && boards.has(c.boardId));
      for (const connection of changed) {
        if (connection.user) connection.user.role = event.role;
        facilitation?.refresh(connection);
      }
      log.info('role changed: open sockets updated', { sockets: changed.length });
      return;
    }
    case 'projector-link':
      closed = sync.closeConnections((c) => c.user?.id === event.connectionUserId);
      break;
    case 'member': {
      const boards = new Set((await store.listBoards({ schoolId: event.schoolId })).map((b) => b.id));
      closed = sync.closeConnections((c) => c.user?.id === event.userId && boards.has(c.boardId));
      break;
    }
    case 'sessions':
      closed = sync.closeConnections(
        (c) => c.user?.id === event.userId && c.user.sessionId !== event.keepSessionId,
        CloseCode.UNAUTHORIZED,
        CLOSE_REASON.UNAUTHORIZED,
      );
      break;
    case 'session':
      closed = sync.closeConnections(
        (c) => c.user?.sessionId === event.sessionId,
        CloseCode.UNAUTHORIZED,
        CLOSE_REASON.UNAUTHORIZED,
      );
      break;
  }
  log.info('access revoked: sockets closed', { kind: event.kind, closed });
}

/**
 * The sync server's extensions, in order: the update guard first (everything after it may trust an update to
 * be well-formed and to fit the layout), the schema-version check, the presence names, and the client-id
 * ledger last among the `beforeApply` hooks (it records its claims when it lets an update through).
 */
export function defaultSyncExtensions(deps: { ledger: ClientLedgerStore; log: Logger }): SyncExtension[] {
  return [updateGuard(), schemaVersionCheck(), presenceNames(), clientLedger(deps.ledger, deps.log)];
}

/**
 * The facilitation store's own connection to the same database file, with synchronous=NORMAL: a session
 * change survives a crash or `kill -9` of the process (WAL) but does not wait for an fsync, which on a busy
 * disk takes hundreds of milliseconds and, with node:sqlite being synchronous, would hold every room.
 * Documents keep the main connection's FULL. An in-memory database has no second connection.
 */
function sessionDatabase(db: DatabaseSync): DatabaseSync {
  const file = db.location();
  return file ? openDatabase(file, { synchronous: 'NORMAL' }) : db;
}

/** Compose the HTTP app and the sync endpoint on one Node HTTP server. */
export function createKoersServer(deps: KoersServerDeps): KoersServer {
  const sessionDb = deps.db && !deps.syncExtensions ? sessionDatabase(deps.db) : undefined;
  const facilitation = sessionDb
    ? facilitationExtension({ store: new SessionStore(sessionDb), log: deps.log })
    : undefined;
  const sync = new SyncServer({
    store: deps.store,
    log: deps.log,
    maxMessageBytes: deps.config.syncMaxMessageBytes,
    maxBufferedBytes: deps.config.syncMaxBufferedBytes,
    compactUpdates: deps.config.syncCompactUpdates,
    compactBytes: deps.config.syncCompactBytes,
    pingIntervalMs: deps.config.syncPingIntervalMs,
    statsIntervalMs: deps.config.syncStatsIntervalMs,
    authorizeUpgrade: deps.authorizeUpgrade ?? deps.auth.authorizeUpgrade,
    // Facilitation comes after the ledger: it may trust that an update is well-formed and honestly authored.
    extensions: deps.syncExtensions ?? [
      ...defaultSyncExtensions(deps),
      ...(facilitation ? [facilitation] : []),
    ],
    ...(deps.failedLoadCacheMs === undefined ? {} : { failedLoadCacheMs: deps.failedLoadCacheMs }),
  });
  const app = createApp({
    config: deps.config,
    log: deps.log,
    store: deps.store,
    auth: deps.auth,
    datasets: deps.datasets,
    ledger: deps.ledger,
    readBoard: (boardId, read) => readBoardDoc(sync.rooms, deps.store, boardId, read),
    evictBoard: (boardId) => sync.evictBoard(boardId),
    editBoard: (boardId, edit) => editBoard(sync.rooms, boardId, edit),
    versions: deps.versions,
  });
  const http = createAdaptorServer({ fetch: app.fetch }) as Server;
  const unsubscribe = deps.auth.onAccessRevoked((event) => {
    closeRevoked(event, sync, deps.store, deps.log, facilitation).catch((error: unknown) =>
      deps.log.error('closing revoked sockets failed', { kind: event.kind, ...errorFields(error) }),
    );
  });
  const stopHousekeeping = deps.auth.startHousekeeping();
  http.on('upgrade', (request, socket, head: Buffer) => {
    if (!sync.handleUpgrade(request, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  return {
    app,
    http,
    sync,
    facilitation,
    listen: () =>
      new Promise<number>((resolve, reject) => {
        http.once('error', reject);
        http.listen(deps.config.port, deps.config.host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    close: async () => {
      unsubscribe();
      stopHousekeeping();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      await sync.close();
      if (sessionDb && sessionDb !== deps.db) sessionDb.close();
      http.closeAllConnections();
      await closed;
    },
  };
}

export interface StartOptions {
  /** Wrap the store (tests use this to slow down or break storage). */
  wrapStore?: (store: BoardStore) => BoardStore;
  authorizeUpgrade?: AuthorizeUpgrade;
  log?: Logger;
  syncExtensions?: readonly SyncExtension[];
  failedLoadCacheMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  config: Config;
  store: BoardStore;
  db: DatabaseSync;
  auth: AuthModule;
  datasets: DatasetStore;
  ledger: ClientLedgerStore;
  versions: BoardVersionStore;
  server: KoersServer;
  log: Logger;
  close(): Promise<void>;
}

/**
 * Everything `main.ts` does, callable in-process: open the database in `dataDir`, build the auth module
 * and the dataset store on it, seed the demo school (logins, board, results) if asked, listen. Tests
 * pass `{ port: 0, dataDir: tmp }`.
 */
export async function startServer(
  overrides: Partial<Config> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const config: Config = { ...loadConfig(), ...overrides };
  const log = options.log ?? createLogger(config.logLevel);
  const db = openDatabase(path.join(config.dataDir, 'koers.db'));
  const sqliteStore = new SqliteBoardStore(db);
  const store = options.wrapStore ? options.wrapStore(sqliteStore) : sqliteStore;
  let server: KoersServer;
  let auth: AuthModule;
  let datasets: DatasetStore;
  let ledger: ClientLedgerStore;
  let versions: BoardVersionStore;
  let port: number;
  try {
    auth = createAuthModule({ db, config, boards: boardDirectory(store) });
    datasets = createDatasetStore(db);
    ledger = new ClientLedgerStore(db);
    versions = new BoardVersionStore(db);
    if (config.demo) await seedDemoData({ db, store, datasets, audit: auth.audit, log });
    server = createKoersServer({
      config,
      log,
      store,
      auth,
      datasets,
      ledger,
      versions,
      db,
      ...(options.authorizeUpgrade ? { authorizeUpgrade: options.authorizeUpgrade } : {}),
      ...(options.syncExtensions ? { syncExtensions: options.syncExtensions } : {}),
      ...(options.failedLoadCacheMs === undefined ? {} : { failedLoadCacheMs: options.failedLoadCacheMs }),
    });
  } catch (error) {
    db.close();
    throw error;
  }
  try {
    port = await server.listen();
  } catch (error) {
    await server.close().catch(() => undefined);
    db.close();
    throw error;
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    config,
    store,
    db,
    auth,
    datasets,
    ledger,
    versions,
    server,
    log,
    close: () => {
      closing ??= (async () => {
        try {
          await server.close();
        } catch (error) {
          log.error('closing the server failed', errorFields(error));
        }
        db.close();
      })();
      return closing;
    },
  };
}
