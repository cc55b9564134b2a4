/**
 * Just enough of the y-websocket wire format for the idle benchmark clients (lib0 is not a dependency of
 * this package): varuint, length-prefixed bytes, and the three messages an idle client sends.
 */

function varUint(out: number[], value: number): void {
  let rest = value;
  while (rest > 0x7f) {
    out.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

function varBytes(out: number[], bytes: Uint8Array): void {
  varUint(out, bytes.length);
  for (const byte of bytes) out.push(byte);
}

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;

/** SyncStep1 carrying an (empty) state vector: "send me everything". */
export function syncStep1(stateVector: Uint8Array): Uint8Array {
  const out: number[] = [];
  varUint(out, MESSAGE_SYNC);
  varUint(out, SYNC_STEP1);
  varBytes(out, stateVector);
  return Uint8Array.from(out);
}

/** SyncStep2 carrying an update (the answer to the server's SyncStep1). */
export function syncStep2(update: Uint8Array): Uint8Array {
  const out: number[] = [];
  varUint(out, MESSAGE_SYNC);
  varUint(out, SYNC_STEP2);
  varBytes(out, update);
  return Uint8Array.from(out);
}

/** An awareness update for one client, as y-protocols/awareness encodes it. */
export function awarenessUpdate(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner: number[] = [];
  varUint(inner, 1);
  varUint(inner, clientId);
  varUint(inner, clock);
  varBytes(inner, new TextEncoder().encode(JSON.stringify(state)));
  const out: number[] = [];
  varUint(out, MESSAGE_AWARENESS);
  varBytes(out, Uint8Array.from(inner));
  return Uint8Array.from(out);
}

/** Message type and (for sync messages) sync type of an incoming message. */
export function messageKind(data: Uint8Array): { type: number; syncType: number | undefined } {
  const type = data[0] ?? -1;
  return { type, syncType: type === MESSAGE_SYNC ? data[1] : undefined };
}

export const SYNC_STEP2_TYPE = SYNC_STEP2;
export const SYNC_STEP1_TYPE = SYNC_STEP1;

const MESSAGE_STATELESS = 5;

/** A stateless message (the facilitation channel): type 5, then the payload as a length-prefixed UTF-8 string. */
export function statelessMessage(payload: string): Uint8Array {
  const out: number[] = [];
  varUint(out, MESSAGE_STATELESS);
  varBytes(out, new TextEncoder().encode(payload));
  return Uint8Array.from(out);
}

/** The payload of an incoming stateless message, or undefined for any other message. */
export function readStateless(data: Uint8Array): string | undefined {
  if (data[0] !== MESSAGE_STATELESS) return undefined;
  let length = 0;
  let shift = 0;
  let at = 1;
  for (;;) {
    const byte = data[at++] ?? 0;
    length += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  return new TextDecoder().decode(data.subarray(at, at + length));
}
