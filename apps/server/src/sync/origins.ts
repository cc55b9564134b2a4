import type { Connection } from './connection';

/**
 * Typed transaction origins: who caused a change to a room's Y.Doc. Persistence and broadcast read them to
 * decide what to store and whom to skip (a client never gets its own update echoed back).
 */
export type SyncOrigin =
  /** An update or SyncStep2 received from a client socket. */
  | { kind: 'remote'; connection: Connection }
  /** A change the server makes itself (e.g. a migration or a future server-side write). */
  | { kind: 'server' }
  /** Stored state applied while loading the room: already persisted, never re-stored nor broadcast. */
  | { kind: 'load' };

export const LOAD_ORIGIN: SyncOrigin = { kind: 'load' };
export const SERVER_ORIGIN: SyncOrigin = { kind: 'server' };

export function remoteOrigin(connection: Connection): SyncOrigin {
  return { kind: 'remote', connection };
}

export function isSyncOrigin(value: unknown): value is SyncOrigin {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
