import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app';
import { loadConfig, type Config } from './config';
import { openDatabase } from './db/sqlite';
import { seedDemo } from './demo/seed-demo';
import { createLogger, errorFields, type Logger } from './log';
import type { BoardStore } from './storage/board-store';
import { SqliteBoardStore } from './storage/sqlite-board-store';
import { SyncServer, type AuthorizeUpgrade } from './sync/sync-server';

export interface KoersServerDeps {
  config: Config;
  log: Logger;
  store: BoardStore;
  authorizeUpgrade?: AuthorizeUpgrade;
}

export interface KoersServer {
  http: Server;
  sync: SyncServer;
  /** Start listening on config.host:config.port; resolves with the bound port (useful with PORT=0). */
  listen(): Promise<number>;
  /** Stop accepting, close sockets, store and unload every room, close the HTTP server. */
  close(): Promise<void>;
}

/** Compose the HTTP app and the sync endpoint on one Node HTTP server. */
export function createKoersServer(deps: KoersServerDeps): KoersServer {
  const app = createApp({ config: deps.config, log: deps.log, store: deps.store });
  const http = createAdaptorServer({ fetch: app.fetch }) as Server;
  const sync = new SyncServer({
    store: deps.store,
    log: deps.log,
    maxMessageBytes: deps.config.syncMaxMessageBytes,
    compactUpdates: deps.config.syncCompactUpdates,
    compactBytes: deps.config.syncCompactBytes,
    pingIntervalMs: deps.config.syncPingIntervalMs,
    statsIntervalMs: deps.config.syncStatsIntervalMs,
    ...(deps.authorizeUpgrade ? { authorizeUpgrade: deps.authorizeUpgrade } : {}),
  });
  http.on('upgrade', (request, socket, head: Buffer) => {
    if (!sync.handleUpgrade(request, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  return {
    http,
    sync,
    listen: () =>
      new Promise<number>((resolve, reject) => {
        http.once('error', reject);
        http.listen(deps.config.port, deps.config.host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      await sync.close();
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
}

export interface RunningServer {
  url: string;
  port: number;
  config: Config;
  store: BoardStore;
  db: DatabaseSync;
  server: KoersServer;
  log: Logger;
  close(): Promise<void>;
}

/**
 * Everything `main.ts` does, callable in-process: open the database in `dataDir`, seed the demo board if
 * asked, listen. Tests pass `{ port: 0, dataDir: tmp }`.
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
  if (config.demo) {
    const seeded = await seedDemo(store);
    if (seeded) log.info('demo board created', { boardId: seeded.id });
  }
  const server = createKoersServer({
    config,
    log,
    store,
    ...(options.authorizeUpgrade ? { authorizeUpgrade: options.authorizeUpgrade } : {}),
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (error) {
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
