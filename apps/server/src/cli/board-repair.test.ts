import { appendParagraphs, boardToJSON, stepText } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../sync/close-codes';
import { forgeUpdate, poisonStoredBoard } from '../testing/forged-updates';
import {
  closeCodeOf,
  connectClient,
  createBoardViaApi,
  openRawSocket,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';
import { boardRepairCommand } from './board-repair';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

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

async function repair(s: TestServer, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await boardRepairCommand(args, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { DATA_DIR: s.dataDir },
  });
  return { code, out: out.join(''), err: err.join('') };
}

/** Two clients type three lines; everyone leaves and the room unloads (its log compacted). */
async function typedBoard(
  s: TestServer,
): Promise<{ boardId: string; expected: ReturnType<typeof boardToJSON> }> {
  const boardId = await createBoardViaApi(s, 'Studiedag');
  const a = client(boardId);
  const b = client(boardId);
  await Promise.all([waitSynced(a), waitSynced(b)]);
  appendParagraphs(stepText(a.doc, 's4'), ['regel 1', 'regel 2']);
  appendParagraphs(stepText(b.doc, 's4'), ['regel 3']);
  await waitFor(() => a.text('s4').split('\n').length === 3 && b.text('s4') === a.text('s4'), 'the lines');
  const expected = boardToJSON(a.doc);
  for (const c of clients.splice(0)) c.destroy();
  const rooms = s.server.sync.rooms;
  await waitFor(() => rooms.size === 0 && rooms.unloadingCount === 0, 'the room to unload');
  return { boardId, expected };
}

describe('pnpm koers board repair', () => {
  it('rebuilds a board whose snapshot the old compaction poisoned: dry run first, then --write, then it opens again', async () => {
    const s = await startTestServer({}, { failedLoadCacheMs: 100 });
    server = s;
    const { boardId, expected } = await typedBoard(s);
    await poisonStoredBoard(s.store, boardId, { compact: true });
    const ws = await openRawSocket(s, boardId);
    expect(await closeCodeOf(ws)).toBe(CloseCode.BOARD_UNAVAILABLE);

    const before = await s.store.loadBoardState(boardId);
    const dry = await repair(s, [boardId]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/snapshot: gedeeltelijk hersteld \(delete range .* beyond the known clock\)/);
    expect(dry.out).toContain('Proefrun');
    expect(await s.store.loadBoardState(boardId)).toEqual(before);

    const written = await repair(s, [boardId, '--write']);
    expect(written.code).toBe(0);
    expect(written.out).toContain('Hersteld');
    const after = await s.store.loadBoardState(boardId);
    expect(after.updates).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 150)); // the failed-load cache expires
    const fresh = client(boardId);
    await waitSynced(fresh);
    expect(boardToJSON(fresh.doc)).toEqual(expected);
    expect(fresh.doc.store.pendingDs).toBeNull();
    appendParagraphs(stepText(fresh.doc, 's4'), ['na het herstel']);
    const other = client(boardId);
    await waitFor(() => other.text('s4').endsWith('na het herstel'), 'editing again after the repair');

    expect((await repair(s, [boardId])).out).toContain('niets te herstellen');
  });

  it('skips poisoned log entries by seq and keeps every honest update around them', async () => {
    const s = await startTestServer();
    server = s;
    const { boardId, expected } = await typedBoard(s);
    const poisonSeq = await poisonStoredBoard(s.store, boardId);
    // A second kind of damage: a struct beyond its client's clock, also written straight into the log.
    const { lastSeq: gapSeq } = await s.store.appendUpdates(boardId, [
      forgeUpdate([
        { client: 99, clock: 7, items: [{ parentKey: 'text:s4', content: { xmlElement: 'paragraph' } }] },
      ]),
    ]);
    // An honest update after the damage (a late edit of someone who had the board open).
    const writer = new Y.Doc();
    const state = await s.store.loadBoardState(boardId);
    Y.applyUpdate(writer, state.snapshot ?? new Uint8Array([0, 0]));
    const vector = Y.encodeStateVector(writer);
    appendParagraphs(stepText(writer, 's4'), ['late regel']);
    const { lastSeq: lateSeq } = await s.store.appendUpdates(boardId, [
      Y.encodeStateAsUpdate(writer, vector),
    ]);

    const dry = await repair(s, [boardId]);
    expect(dry.out).toContain(`update ${poisonSeq}: overgeslagen`);
    expect(dry.out).toContain(`update ${gapSeq}: overgeslagen`);
    expect(dry.out).not.toContain(`update ${lateSeq}:`);

    expect((await repair(s, [boardId, '--write'])).code).toBe(0);
    const repaired = await s.store.loadBoardState(boardId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, repaired.snapshot ?? new Uint8Array());
    expect(doc.store.pendingDs).toBeNull();
    expect(doc.store.pendingStructs).toBeNull();
    const s4 = (json: ReturnType<typeof boardToJSON>) => json.steps.find((step) => step.id === 's4')?.text;
    expect(s4(boardToJSON(doc))).toBe(`${s4(expected) ?? ''}\nlate regel`);
  });

  it('refuses an unknown board and wrong usage', async () => {
    server = await startTestServer();
    expect((await repair(server, ['bestaat-niet'])).code).toBe(1);
    expect((await repair(server, [])).code).toBe(2);
    expect((await repair(server, ['a', '--wis'])).code).toBe(2);
  });
});
