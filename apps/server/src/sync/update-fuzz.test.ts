import { appendParagraphs, boardToJSON, migrateBoard, stepText, STEP_IDS } from '@koers/board';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  forgeUpdate,
  takeApart,
  updateMessage,
  type ForgedClient,
  type ForgedItem,
} from '../testing/forged-updates';
import {
  connectClient,
  createBoardViaApi,
  openRawSocket,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';
import { CloseCode } from './close-codes';
import { checkUpdate } from './update-guard';

/**
 * Fuzz of the update path: honest updates, mutated with a seeded PRNG (clocks, lengths, client ids,
 * origins, parents, keys, delete ranges, truncation, duplication, byte flips), sent through real sockets.
 * Every mutant is either refused (4422, or 4400 when it no longer decodes) or a valid edit; the honest
 * clients are never disconnected, their edits keep arriving, and the board loads from storage with exactly
 * what they see. Set FUZZ_SEED to replay another sequence.
 */

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MUTANTS = 300;

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

function client(boardId: string): TestClient {
  if (!server) throw new Error('no server');
  const c = connectClient(server.url, boardId, { cookie: server.cookie });
  clients.push(c);
  return c;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Honest updates of a client editing its copy of the board: the material the fuzz mutates. */
function honestMaterial(board: Y.Doc, random: () => number): Uint8Array[] {
  const source = new Y.Doc();
  source.clientID = 424_242; // fixed, so a seed replays the same mutants
  Y.applyUpdate(source, Y.encodeStateAsUpdate(board));
  const material: Uint8Array[] = [];
  source.on('update', (update: Uint8Array) => material.push(update));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let i = 0; i < 40; i++) {
    const fragment = stepText(source, pick(STEP_IDS));
    const roll = random();
    if (roll < 0.4 || fragment.length === 0)
      appendParagraphs(fragment, [`bron ${i}: ${'tekst '.repeat(1 + (i % 5))}`]);
    else if (roll < 0.55) fragment.delete(0, 1);
    else if (roll < 0.7)
      ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText | undefined)?.format(0, 3, { bold: true });
    else if (roll < 0.8)
      ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText | undefined)?.insert(2, 'ingevoegd ');
    else if (roll < 0.9) source.getMap('stepDone').set(pick(STEP_IDS), random() < 0.5);
    else source.getMap('meta').set('title', `Titel ${i}`);
  }
  material.push(Y.encodeStateAsUpdate(source, Y.encodeStateVector(board)));
  source.destroy();
  return material;
}

const ROOTS = ['meta', 'stepDone', 'text:s4', 'text:s99', 'geheim', ''];
const CLOCKS = [-1, 1, 2, 1000, 2 ** 31, 2 ** 40, 2 ** 53];

/** One structural or byte-level mutation of `update`. */
function mutate(update: Uint8Array, random: () => number, knownClients: number[]): Uint8Array {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const kind = Math.floor(random() * 12);
  if (kind === 0) return update.slice(0, Math.floor(random() * update.byteLength)); // truncate
  if (kind === 1) {
    const flipped = update.slice();
    const at = Math.floor(random() * flipped.length);
    flipped[at] = (flipped[at] ?? 0) ^ (1 << Math.floor(random() * 8));
    return flipped;
  }
  let parts: ReturnType<typeof takeApart>;
  try {
    parts = takeApart(update);
  } catch {
    return update; // already broken by an earlier byte-level mutation
  }
  const [structs, deletes] = parts;
  const block: ForgedClient | undefined = structs.length > 0 ? pick(structs) : undefined;
  const item: ForgedItem | undefined = block && block.items.length > 0 ? pick(block.items) : undefined;
  const shift = (value: number): number => Math.max(0, value + pick(CLOCKS));
  switch (kind) {
    case 2: // the block's starting clock
      if (block) block.clock = shift(block.clock);
      break;
    case 3: // the block's client: a fresh one, or one that exists
      if (block) block.client = random() < 0.5 ? Math.floor(random() * 2 ** 32) : pick(knownClients);
      break;
    case 4: // origin / right origin moved
      if (item?.origin)
        item.origin =
          random() < 0.5 ? [item.origin[0], shift(item.origin[1])] : [pick(knownClients), shift(0)];
      else if (item?.rightOrigin) item.rightOrigin = [item.rightOrigin[0], shift(item.rightOrigin[1])];
      else if (item) item.origin = [pick(knownClients), shift(0)];
      break;
    case 5: // parent moved: another root, or another item as parent
      if (item) {
        delete item.origin;
        delete item.rightOrigin;
        if (random() < 0.5) {
          delete item.parentId;
          item.parentKey = pick(ROOTS);
        } else {
          delete item.parentKey;
          item.parentId = [pick(knownClients), shift(0)];
        }
      }
      break;
    case 6: // a map key where none belongs, or another key
      if (item) {
        delete item.origin;
        delete item.rightOrigin;
        item.parentKey ??= pick(ROOTS);
        item.parentSub = pick(['title', 'schemaVersion', 's4', 'x', 'createdAt']);
      }
      break;
    case 7: // a length: deleted runs, GC runs, or text replaced
      if (item && 'deleted' in item.content) item.content = { deleted: shift(item.content.deleted) || 1 };
      else if (item && 'string' in item.content)
        item.content = { string: 'x'.repeat(1 + Math.floor(random() * 50)) };
      else if (block) block.items.push({ content: { gc: pick([1, 2 ** 20, 2 ** 40]) } });
      break;
    case 8: // delete ranges anywhere
      deletes.push([
        random() < 0.5 ? pick(knownClients) : Math.floor(random() * 2 ** 32),
        shift(0),
        pick(CLOCKS.slice(1)),
      ]);
      break;
    case 9: // a block or an item duplicated
      if (block && random() < 0.5) structs.push({ ...block, items: [...block.items] });
      else if (block && item) block.items.splice(block.items.indexOf(item), 0, { ...item });
      break;
    case 10: // an item dropped (a gap in its client's clocks)
      if (block && item) block.items.splice(block.items.indexOf(item), 1);
      break;
    default: // content of the wrong kind
      if (item)
        item.content = pick<ForgedItem['content']>([
          { any: [pick([1, 'x', true, null, [1], { a: 1 }])] },
          { string: 'x' },
          { xmlElement: 'paragraph' },
          { xmlText: true },
        ]);
  }
  return forgeUpdate(structs, deletes);
}

function syncStep1Message(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/**
 * Send one update and a SyncStep1 right behind it. The server answers the SyncStep1 only once everything
 * before it is stored, so a SyncStep2 means "accepted and stored"; a close means refused.
 */
async function sendAndClassify(
  ws: WebSocket,
  update: Uint8Array,
  stateVector: Uint8Array,
): Promise<number | 'accepted'> {
  const outcome = new Promise<number | 'accepted'>((resolve) => {
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === syncProtocol.messageYjsSyncStep2) resolve('accepted');
    });
    ws.once('close', (code) => resolve(code));
  });
  ws.send(updateMessage(update));
  ws.send(syncStep1Message(stateVector));
  const result = await outcome;
  ws.close();
  return result;
}

describe('fuzz of the update path', () => {
  it(`${MUTANTS} mutated honest updates through real sockets: refused or valid, the board stays whole (seed ${SEED})`, async () => {
    const s = await startTestServer();
    server = s;
    const boardId = await createBoardViaApi(s, 'Studiedag');
    const anja = client(boardId);
    const bram = client(boardId);
    await Promise.all([waitSynced(anja), waitSynced(bram)]);
    const closes: number[] = [];
    for (const c of [anja, bram])
      c.provider.on('connection-close', (event) => closes.push(event?.code ?? -1));
    appendParagraphs(stepText(anja.doc, 's4'), ['eerlijk begin']);
    await waitFor(() => bram.text('s4') === 'eerlijk begin', 'the first honest line');

    const random = prng(SEED);
    const material = honestMaterial(anja.doc, random);
    // The forge takes honest updates apart and puts them back together faithfully (Yjs's encoder sets one
    // info bit its reader ignores, so compare what they do, not their bytes).
    for (const update of material) {
      const apply = (u: Uint8Array): string => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(anja.doc));
        Y.applyUpdate(doc, u);
        return JSON.stringify([boardToJSON(doc), [...Y.encodeStateVector(doc)]]);
      };
      expect(apply(forgeUpdate(...takeApart(update)))).toBe(apply(update));
    }
    const knownClients = [...Y.decodeStateVector(Y.encodeStateVector(anja.doc)).keys()];

    const outcomes = new Map<string, number>();
    const honestLines: string[] = [];
    for (let i = 0; i < MUTANTS; i++) {
      let mutant = material[Math.floor(random() * material.length)] as Uint8Array;
      const rounds = 1 + Math.floor(random() * 3);
      for (let r = 0; r < rounds; r++) mutant = mutate(mutant, random, knownClients);
      const ws = await openRawSocket(s, boardId);
      const outcome = await sendAndClassify(ws, mutant, Y.encodeStateVector(anja.doc));
      if (process.env.FUZZ_DUMP && typeof outcome === 'number' && outcome !== 4422 && outcome !== 4400) {
        (await import('node:fs')).writeFileSync(
          process.env.FUZZ_DUMP,
          JSON.stringify({ mutant: [...mutant], board: [...Y.encodeStateAsUpdate(anja.doc)] }),
        );
      }
      outcomes.set(String(outcome), (outcomes.get(String(outcome)) ?? 0) + 1);
      expect([CloseCode.UPDATE_REFUSED, CloseCode.MALFORMED_MESSAGE, 'accepted']).toContain(outcome);

      if (i % 30 === 29) {
        const [writer, reader] = i % 60 === 29 ? [anja, bram] : [bram, anja];
        const line = `eerlijke regel ${i}`;
        honestLines.push(line);
        appendParagraphs(stepText(writer.doc, 's2'), [line]);
        await waitFor(() => reader.text('s2').split('\n').includes(line), `honest line ${i} to arrive`);
      }
    }
    console.log(`fuzz seed ${SEED}: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    // Most mutants are refused; the rest were valid edits and are part of the board like any other.
    expect(
      (outcomes.get(String(CloseCode.UPDATE_REFUSED)) ?? 0) +
        (outcomes.get(String(CloseCode.MALFORMED_MESSAGE)) ?? 0),
    ).toBeGreaterThan(MUTANTS / 2);
    expect(closes).toEqual([]);
    await waitFor(
      () => JSON.stringify(boardToJSON(anja.doc)) === JSON.stringify(boardToJSON(bram.doc)),
      'the honest clients to converge',
    );
    for (const c of [anja, bram]) {
      expect(c.doc.store.pendingStructs).toBeNull();
      expect(c.doc.store.pendingDs).toBeNull();
    }
    const expected = boardToJSON(anja.doc);
    expect(
      honestLines.every((line) => expected.steps.find((step) => step.id === 's2')?.text.includes(line)),
    ).toBe(true);

    for (const c of clients.splice(0)) c.destroy();
    const rooms = s.server.sync.rooms;
    await waitFor(() => rooms.size === 0 && rooms.unloadingCount === 0, 'the room to unload');
    const state = await s.store.loadBoardState(boardId);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
    expect(stored.store.pendingStructs).toBeNull();
    expect(stored.store.pendingDs).toBeNull();
    expect(boardToJSON(stored)).toEqual(expected);
    // A valid mutant may have deleted meta.schemaVersion (any client may delete): the reload then runs the
    // migration, as it would for any board, so the reopened board is the stored one, migrated.
    migrateBoard(stored);
    const late = client(boardId);
    await waitSynced(late);
    expect(boardToJSON(late.doc)).toEqual(boardToJSON(stored));
  }, 30_000);

  it('10,000 mutants straight at the guard: whatever it lets through applies cleanly, without pending data', async () => {
    const random = prng(SEED + 1);
    const board = new Y.Doc();
    board.clientID = 1;
    appendParagraphs(stepText(board, 's4'), ['eerlijk begin', 'tweede regel']);
    board.getMap('meta').set('title', 'Studiedag');
    const material = honestMaterial(board, random);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(board));
    const knownClients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    let passed = 0;
    for (let i = 0; i < 10_000; i++) {
      let mutant = material[Math.floor(random() * material.length)] as Uint8Array;
      const rounds = 1 + Math.floor(random() * 3);
      for (let r = 0; r < rounds; r++) mutant = mutate(mutant, random, knownClients);
      let verdict: string | undefined;
      try {
        verdict = checkUpdate(doc, mutant);
      } catch {
        continue; // malformed: the socket would be closed with 4400
      }
      if (verdict !== undefined) continue;
      passed++;
      const before = Y.encodeStateAsUpdate(doc);
      try {
        Y.applyUpdate(doc, mutant);
      } catch (error) {
        if (process.env.FUZZ_DUMP)
          (await import('node:fs')).writeFileSync(
            process.env.FUZZ_DUMP,
            JSON.stringify({ mutant: [...mutant], board: [...before] }),
          );
        throw new Error(
          `mutant ${i} passed the guard but Yjs threw: ${String(error)} ${JSON.stringify([...mutant])} on ${JSON.stringify([...before])}`,
          { cause: error },
        );
      }
      if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
        throw new Error(
          `mutant ${i} passed the guard but left pending data: ${JSON.stringify([...mutant])} on ${JSON.stringify([...before])}`,
        );
      }
    }
    expect(passed).toBeGreaterThan(0);
    // The doc the mutants built is still whole: its snapshot loads back identical.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(boardToJSON(copy)).toEqual(boardToJSON(doc));
  }, 30_000);
});
