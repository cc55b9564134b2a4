import * as decoding from 'lib0/decoding';
import type { Awareness } from 'y-protocols/awareness';

/**
 * The largest presence state (the UTF-8 JSON of one client's awareness state) the server accepts. Ours
 * holds a name, a colour and the current step (under 200 bytes); an editor cursor or selection as
 * relative positions adds a few dozen bytes more. 8 KiB leaves ample room for that while one full room
 * (40 sockets × a few ids × 8 KiB) stays around a megabyte, which every newcomer and every answered query
 * receives in one message.
 */
export const MAX_PRESENCE_STATE_BYTES = 8 * 1024;

/**
 * How many awareness client ids one socket may ever set or remove. A browser tab has one (its doc's
 * client id, for the provider's lifetime); a few more leave room for a client that recreates its doc on
 * the same socket. Counted over the socket's life, not at one moment, so a socket cannot cycle through
 * fresh ids (each leaves a clock entry behind in the room's awareness until the room unloads).
 */
export const MAX_PRESENCE_IDS_PER_SOCKET = 4;

/** One entry of a y-protocols awareness update: client id, clock, and the state's JSON size. */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  /** UTF-8 bytes of the state's JSON (`null` is a removal: 4 bytes). */
  stateBytes: number;
  removal: boolean;
}

/** Read an awareness update without parsing its JSON (throws on a malformed update). */
export function readPresenceEntries(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // A varString is a varUint8Array of UTF-8: its length is the size, without decoding it.
    const json = decoding.readVarUint8Array(decoder);
    const removal = json.byteLength === 4 && String.fromCharCode(...json) === 'null';
    entries.push({ clientId, clock, stateBytes: json.byteLength, removal });
  }
  return entries;
}

/** What the limits say about one awareness update from one socket. */
export interface PresenceCheck {
  /** Why the update must be refused, or undefined when it is within the limits. */
  breach: string | undefined;
  /** The client ids it would touch that this socket never touched before (to add to its record). */
  fresh: Set<number>;
}

/**
 * Check an awareness update from a socket. `touched` holds every client id this socket has set or
 * removed so far. Only entries the awareness would actually apply (y-protocols' clock rule) count as new
 * ids: the stock client echoes everyone's presence back to the server with clocks the server already has,
 * and those echoes change nothing. Removals count too: applying one for an unknown id leaves a clock
 * entry in the room's awareness, so unlimited removals would grow it without bound.
 */
export function checkPresenceUpdate(
  entries: readonly PresenceEntry[],
  awareness: Awareness,
  touched: ReadonlySet<number>,
): PresenceCheck {
  const fresh = new Set<number>();
  for (const entry of entries) {
    if (entry.stateBytes > MAX_PRESENCE_STATE_BYTES) {
      return {
        breach: `presence state of ${entry.stateBytes} bytes (limit ${MAX_PRESENCE_STATE_BYTES})`,
        fresh,
      };
    }
    if (touched.has(entry.clientId)) continue;
    const currentClock = awareness.meta.get(entry.clientId)?.clock ?? 0;
    const applies =
      currentClock < entry.clock ||
      (currentClock === entry.clock && entry.removal && awareness.states.has(entry.clientId));
    if (applies) fresh.add(entry.clientId);
  }
  const count = touched.size + fresh.size;
  return {
    breach:
      count > MAX_PRESENCE_IDS_PER_SOCKET
        ? `${count} presence client ids on one socket (limit ${MAX_PRESENCE_IDS_PER_SOCKET})`
        : undefined,
    fresh,
  };
}
