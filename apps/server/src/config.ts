import path from 'node:path';

/**
 * All configuration of the Koers server, parsed and validated here and nowhere else. Every variable has a
 * safe default so `pnpm start` runs on a fresh machine with no setup.
 */
export interface Config {
  /** HTTP port (PORT, default 3000). */
  port: number;
  /** Interface to bind (HOST, default 0.0.0.0 so teachers' laptops on the school network can connect). */
  host: string;
  /** Where the SQLite database and other state live (DATA_DIR, default ./data). */
  dataDir: string;
  /** The built web app served at / (WEB_BUILD_DIR, default apps/web/build). */
  webBuildDir: string;
  /** The URL users reach Koers at (PUBLIC_URL); its scheme decides Secure cookies and the allowed Origin. */
  publicUrl: string | undefined;
  /** Create the demo school and demo board when the database is empty (DEMO, default true). */
  demo: boolean;
  /** Largest WebSocket message accepted before the socket is closed (SYNC_MAX_MESSAGE_BYTES, default 2 MiB). */
  syncMaxMessageBytes: number;
  /**
   * Close a sync socket when more than this waits unread in its send buffer (SYNC_MAX_BUFFERED_BYTES,
   * default 4 MiB): a client that stops reading cannot make the server hold its messages without bound.
   */
  syncMaxBufferedBytes: number;
  /** Compact a board's update log into a snapshot after this many updates (SYNC_COMPACT_UPDATES, default 500). */
  syncCompactUpdates: number;
  /** … or after this many bytes of updates (SYNC_COMPACT_BYTES, default 1 MiB). */
  syncCompactBytes: number;
  /** How often sync sockets are pinged; one missed pong ends the socket (SYNC_PING_INTERVAL_MS, default 30 s). */
  syncPingIntervalMs: number;
  /** How often the sync pipeline counters are logged, when anything was written (SYNC_STATS_INTERVAL_MS, default 60 s). */
  syncStatsIntervalMs: number;
  /** Log level (LOG_LEVEL: debug, info, warn, error; default info). */
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Session lifetime in days; sliding, so active users stay logged in (SESSION_DAYS, default 30). */
  sessionDays: number;
  /**
   * Take the client address from the last X-Forwarded-For entry, as set by our own reverse proxy
   * (TRUST_PROXY, default false). Only turn on behind a proxy: otherwise clients could pick their address.
   */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    return parsed.origin;
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as https://koers.school.nl, got "${raw}"`);
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Parse and validate the configuration; throws a {@link ConfigError} naming the variable at fault. */
export function loadConfig(env: Env = process.env): Config {
  // Relative paths are meant from where the user typed the command: `pnpm start` in the repo root runs the
  // server in apps/server, but pnpm passes the original directory as INIT_CWD.
  const baseDir = env.INIT_CWD || process.cwd();
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(baseDir, env.DATA_DIR || './data'),
    webBuildDir: path.resolve(baseDir, env.WEB_BUILD_DIR || path.join(repoRoot, 'apps/web/build')),
    publicUrl: url(env, 'PUBLIC_URL'),
    demo: boolean(env, 'DEMO', true),
    syncMaxMessageBytes: integer(env, 'SYNC_MAX_MESSAGE_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    syncMaxBufferedBytes: integer(
      env,
      'SYNC_MAX_BUFFERED_BYTES',
      4 * 1024 * 1024,
      16 * 1024,
      1024 * 1024 * 1024,
    ),
    syncCompactUpdates: integer(env, 'SYNC_COMPACT_UPDATES', 500, 1, 1_000_000),
    syncCompactBytes: integer(env, 'SYNC_COMPACT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    syncPingIntervalMs: integer(env, 'SYNC_PING_INTERVAL_MS', 30_000, 1_000, 600_000),
    syncStatsIntervalMs: integer(env, 'SYNC_STATS_INTERVAL_MS', 60_000, 100, 3_600_000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    sessionDays: integer(env, 'SESSION_DAYS', 30, 1, 365),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
  };
}
