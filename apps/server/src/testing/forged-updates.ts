import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { BoardStore } from '../storage/board-store';
import { MessageType } from '../sync/messages';

/**
 * Hand-made Yjs updates (v1 encoding) for tests: what a hostile or broken client could send, byte by byte,
 * without going through a Y.Doc that would refuse to produce it.
 */

type Id = readonly [client: number, clock: number];

export type ForgedContent =
  { string: string } | { any: unknown[] } | { deleted: number } | { xmlElement: string } | { json: string[] };

export interface ForgedItem {
  origin?: Id;
  rightOrigin?: Id;
  /** Parent given by root name (only used when there is no origin and no right origin). */
  parentKey?: string;
  /** Parent given by the ID of a type item. */
  parentId?: Id;
  parentSub?: string;
  content: ForgedContent;
}

export interface ForgedClient {
  client: number;
  clock: number;
  items: ForgedItem[];
}

/** An update of the given structs plus a delete set of `[client, clock, length]` ranges. */
export function forgeUpdate(clients: ForgedClient[], deletes: [number, number, number][] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients.length);
  for (const { client, clock, items } of clients) {
    encoding.writeVarUint(encoder, items.length);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    for (const item of items) writeItem(encoder, item);
  }
  const byClient = new Map<number, [number, number][]>();
  for (const [client, clock, length] of deletes) {
    byClient.set(client, [...(byClient.get(client) ?? []), [clock, length]]);
  }
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, length);
    }
  }
  return encoding.toUint8Array(encoder);
}

function writeItem(encoder: encoding.Encoder, item: ForgedItem): void {
  const content = item.content;
  const ref =
    'deleted' in content
      ? 1
      : 'json' in content
        ? 2
        : 'string' in content
          ? 4
          : 'xmlElement' in content
            ? 7
            : 8;
  const hasOrigins = item.origin !== undefined || item.rightOrigin !== undefined;
  const info =
    ref |
    (item.origin ? 0b1000_0000 : 0) |
    (item.rightOrigin ? 0b0100_0000 : 0) |
    (!hasOrigins && item.parentSub !== undefined ? 0b0010_0000 : 0);
  encoding.writeUint8(encoder, info);
  if (item.origin) writeId(encoder, item.origin);
  if (item.rightOrigin) writeId(encoder, item.rightOrigin);
  if (!hasOrigins) {
    if (item.parentKey !== undefined) {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, item.parentKey);
    } else {
      encoding.writeVarUint(encoder, 0);
      writeId(encoder, item.parentId ?? [0, 0]);
    }
    if (item.parentSub !== undefined) encoding.writeVarString(encoder, item.parentSub);
  }
  if ('deleted' in content) encoding.writeVarUint(encoder, content.deleted);
  else if ('json' in content) {
    encoding.writeVarUint(encoder, content.json.length);
    for (const json of content.json) encoding.writeVarString(encoder, json);
  } else if ('string' in content) encoding.writeVarString(encoder, content.string);
  else if ('xmlElement' in content) {
    encoding.writeVarUint(encoder, 3);
    encoding.writeVarString(encoder, content.xmlElement);
  } else {
    encoding.writeVarUint(encoder, content.any.length);
    for (const value of content.any) encoding.writeAny(encoder, value as never);
  }
}

function writeId(encoder: encoding.Encoder, [client, clock]: Id): void {
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
}

/** The y-websocket message carrying `update` (sync, type Update), as a client sends it. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function sendUpdate(ws: WebSocket, update: Uint8Array): void {
  ws.send(updateMessage(update));
}

/** The 28-byte update from the finding: no structs, a delete set for an unknown client beyond 2^53. */
export function poisonDeleteSetUpdate(): Uint8Array {
  return forgeUpdate([], [[4_242_424_242, 2 ** 53 + 2, 2 ** 53 + 4]]);
}

/**
 * Damage a stored board the way the server could before the update guard: the poisoned update appended
 * straight to its log (as if relayed and stored), and optionally folded into a snapshot the way the old
 * compaction did (`Y.encodeStateAsUpdate` of a doc holding the pending data). Returns the poisoned seq.
 */
export async function poisonStoredBoard(
  store: BoardStore,
  boardId: string,
  options: { compact?: boolean; update?: Uint8Array } = {},
): Promise<number> {
  const { lastSeq } = await store.appendUpdates(boardId, [options.update ?? poisonDeleteSetUpdate()]);
  if (options.compact) {
    const state = await store.loadBoardState(boardId);
    const doc = new Y.Doc();
    for (const update of [...(state.snapshot ? [state.snapshot] : []), ...state.updates])
      Y.applyUpdate(doc, update);
    await store.compact(boardId, Y.encodeStateAsUpdate(doc), state.lastSeq);
    doc.destroy();
  }
  return lastSeq;
}
