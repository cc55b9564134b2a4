import { BOARD_SCHEMA_VERSION, readSchemaVersion } from '@koers/board';
import { CLOSE_REASON, CloseCode } from './close-codes';
import type { Connection } from './connection';
import type { Refusal, SyncExtension } from './hooks';
import { updateChangesDoc } from './update-changes';

/**
 * The schema version a client writes with. The web app connects with `?schema=<BOARD_SCHEMA_VERSION>` (a
 * y-websocket `params` entry). A client announcing an OLDER version than the board's may read, but its first
 * update that would change the board closes it with CLIENT_OUTDATED (4426, "Vernieuw de pagina"), never
 * applied: an old client can drop or misshape fields it does not know.
 *
 * Without the parameter (a stock client, a script) the version is unknown and the client may write: the
 * update guard checks every write against the current layout anyway, so the parameter is about helping an
 * old tab reload before it loses work, not about security. A value that is not a whole number counts as
 * version 0 (older than every board). A NEWER version than the server's is allowed: the guard refuses what
 * this server does not know (4422).
 */

/** The announced version: a number, or undefined when the client did not say. */
export function announcedSchema(params: URLSearchParams): number | undefined {
  const raw = params.get('schema');
  if (raw === null) return undefined;
  return /^\d{1,6}$/.test(raw) ? Number(raw) : 0;
}

export function schemaVersionCheck(): SyncExtension {
  const announced = new WeakMap<Connection, number | undefined>();
  return {
    name: 'schema-version',
    onConnect({ connection }) {
      announced.set(connection, announcedSchema(connection.params));
    },
    beforeApply({ doc, connection, update }): Refusal | undefined {
      // Messages that arrived before the room was ready are handled right after onConnect; be safe anyway.
      const version = announced.has(connection)
        ? announced.get(connection)
        : announcedSchema(connection.params);
      if (version === undefined) return undefined;
      const boardVersion = Math.max(readSchemaVersion(doc), BOARD_SCHEMA_VERSION);
      if (version >= boardVersion) return undefined;
      // Its SyncStep2 answer to our SyncStep1 is no write when it holds nothing new.
      if (!updateChangesDoc(doc, update)) return undefined;
      return {
        code: CloseCode.CLIENT_OUTDATED,
        reason: CLOSE_REASON.CLIENT_OUTDATED,
        detail: `client writes schema ${version}, the board is at ${boardVersion}`,
      };
    },
  };
}
