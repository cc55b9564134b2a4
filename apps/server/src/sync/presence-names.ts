import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Connection } from './connection';
import type { AwarenessRewrite, SyncExtension } from './hooks';

/**
 * Presence names come from the account, not from the client: every awareness state a socket sends gets its
 * `user.name` and `user.id` overwritten with the account's (the rest of `user`, such as colour and step, is
 * the client's), so nobody can appear as someone else. A projector link has no person behind it and shows
 * no presence: its states are relayed as removed (null). A socket without an account (the embedded mode
 * without auth) is left as it is.
 */
export function presenceNames(): SyncExtension {
  return {
    name: 'presence-names',
    beforeAwareness({ connection, update }): AwarenessRewrite | undefined {
      const user = connection.user;
      if (!user) return undefined;
      return { rewrite: stampAwareness(update, connection) };
    },
  };
}

/** A projector link's connection (its user id is `projector:<linkId>`, see auth/access-events.ts). */
function isProjector(connection: Connection): boolean {
  return connection.user?.id.startsWith('projector:') === true;
}

/** The awareness update with every state stamped (y-protocols format: count, then id, clock, JSON state). */
export function stampAwareness(update: Uint8Array, connection: Connection): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  encoding.writeVarUint(encoder, count);
  const projector = isProjector(connection);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    encoding.writeVarString(encoder, JSON.stringify(projector ? null : stamp(state, connection)));
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in an awareness update');
  return encoding.toUint8Array(encoder);
}

function stamp(state: unknown, connection: Connection): unknown {
  // null: the client leaves; anything that is not an object carries no name to forge.
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state;
  const record = state as Record<string, unknown>;
  const user = record.user;
  const own = user !== null && typeof user === 'object' && !Array.isArray(user) ? user : {};
  return {
    ...record,
    user: { ...own, id: connection.user?.id, name: connection.user?.name ?? '' },
  };
}
