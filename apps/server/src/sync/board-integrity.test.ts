import { appendParagraphs, createFact, boardToJSON, stepText } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ControlledStore } from '../testing/controlled-store';
import { poisonDeleteSetUpdate, poisonStoredBoard, sendUpdate } from '../testing/forged-updates';
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
import { CloseCode } from './close-codes';
import { verifiedSnapshot } from './room';

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

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;
}

/** The stored snapshot and log as one flat list of bytes (-1 between entries), to prove it unchanged. */
async function storedBytes(s: TestServer, boardId: string): Promise<number[]> {
  const state = await s.store.loadBoardState(boardId);
  return [...(state.snapshot ?? []), -1, ...state.updates.flatMap((u) => [...u, -1])];
}

/** How long a failed load is cached in the first test: long enough for a storm of 20 sockets on a busy machine. */
const CACHE_MS = 2000;

describe('a board that fails to load', () => {
  it('keeps its data, leaks no room or timer, closes with 4410 and is not reloaded by a reconnect storm', async () => {
    const controlled: { store?: ControlledStore } = {};
    const s = await startTestServer(
      {},
      { wrapStore: (inner) => (controlled.store = new ControlledStore(inner)), failedLoadCacheMs: CACHE_MS },
    );
    server = s;
    const store = controlled.store as ControlledStore;
    const boardId = await createBoardViaApi(s);
    await poisonStoredBoard(s.store, boardId, { compact: true });
    const before = await storedBytes(s, boardId);
    const rooms = s.server.sync.rooms;
    const timersBefore = activeTimers();
    const loadsBefore = store.loadCalls;

    const first = await openRawSocket(s, boardId);
    expect(await closeCodeOf(first)).toBe(CloseCode.BOARD_UNAVAILABLE);
    const failedAt = performance.now();
    expect(store.loadCalls).toBe(loadsBefore + 1);
    expect(rooms.size).toBe(0);
    expect(rooms.loadingCount).toBe(0);

    // A reconnect storm within the cache time: every socket refused at once, the board not loaded again.
    // (Right after the failure: waiting for timers first could outlast the cache on a busy machine.)
    for (let i = 0; i < 20; i++) {
      const ws = await openRawSocket(s, boardId);
      expect(await closeCodeOf(ws)).toBe(CloseCode.BOARD_UNAVAILABLE);
    }
    expect(performance.now() - failedAt).toBeLessThan(CACHE_MS);
    expect(store.loadCalls).toBe(loadsBefore + 1);
    expect(rooms.size).toBe(0);
    // The awareness interval of the failed room is gone (the sockets' close-handshake timers end soon).
    await waitFor(() => activeTimers() <= timersBefore, 'the timers to be released', 3000);

    // A stock client stops for good on 4410 instead of retrying every few seconds.
    const stock = client(boardId);
    const codes: number[] = [];
    stock.provider.on('connection-close', (event) => codes.push(event?.code ?? -1));
    await waitFor(() => codes.length > 0, 'the stock client to be refused');
    expect(codes[0]).toBe(CloseCode.BOARD_UNAVAILABLE);
    expect(stock.provider.shouldConnect).toBe(false);
    clients.splice(0).forEach((c) => c.destroy()); // its own timers are not the server's

    // After the cache time the board is tried again (e.g. once repaired), and still refused here.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, failedAt + CACHE_MS + 50 - performance.now())),
    );
    const later = await openRawSocket(s, boardId);
    expect(await closeCodeOf(later)).toBe(CloseCode.BOARD_UNAVAILABLE);
    expect(store.loadCalls).toBe(loadsBefore + 2);

    expect(rooms.size).toBe(0);
    await waitFor(() => activeTimers() <= timersBefore, 'the timers to be released', 3000);
    expect(await storedBytes(s, boardId)).toEqual(before);
  });

  it('other boards keep working while one is unavailable', async () => {
    server = await startTestServer();
    const broken = await createBoardViaApi(server);
    const fine = await createBoardViaApi(server);
    await poisonStoredBoard(server.store, broken);
    const ws = await openRawSocket(server, broken);
    expect(await closeCodeOf(ws)).toBe(CloseCode.BOARD_UNAVAILABLE);
    const a = client(fine);
    const b = client(fine);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    appendParagraphs(stepText(a.doc, 's2'), ['gewoon verder']);
    await waitFor(() => b.text('s2') === 'gewoon verder', 'an edit on the other board');
  });
});

describe('belt and braces behind the guard', () => {
  it('without the guard, an update that leaves pending data fails the room with 1011 and is never stored', async () => {
    const s = await startTestServer({}, { syncExtensions: [] });
    server = s;
    const boardId = await createBoardViaApi(s, 'Studiedag');
    const anja = client(boardId);
    const bram = client(boardId);
    await Promise.all([waitSynced(anja), waitSynced(bram)]);
    appendParagraphs(stepText(anja.doc, 's4'), ['eerlijke regel']);
    // Relayed means committed.
    await waitFor(() => bram.text('s4') === 'eerlijke regel', 'the line stored and relayed');
    const poison = poisonDeleteSetUpdate();
    const codes: number[] = [];
    anja.provider.on('connection-close', (event) => codes.push(event?.code ?? -1));

    const ws = await openRawSocket(s, boardId);
    const closed = closeCodeOf(ws);
    sendUpdate(ws, poison);
    expect(await closed).toBe(CloseCode.STORAGE_FAILURE);
    await waitFor(() => codes.includes(CloseCode.STORAGE_FAILURE), 'the honest client to be closed too');
    const state = await s.store.loadBoardState(boardId);
    const stored = new Y.Doc();
    for (const update of [...(state.snapshot ? [state.snapshot] : []), ...state.updates])
      Y.applyUpdate(stored, update);
    expect(stored.store.pendingDs).toBeNull();
    expect(stored.store.pendingStructs).toBeNull();
    expect(boardToJSON(stored).steps.find((step) => step.id === 's4')?.text).toBe('eerlijke regel');

    // The stock client reconnects after 1011 and gets the board as stored, without the poison.
    await waitFor(() => anja.provider.synced && anja.provider.wsconnected, 'the reconnect');
    appendParagraphs(stepText(anja.doc, 's4'), ['na de storing']);
    const late = client(boardId);
    await waitFor(
      () => late.text('s4') === 'eerlijke regel\nna de storing',
      'a fresh client to see both lines',
    );
    expect(late.doc.store.pendingDs).toBeNull();
  });
});

describe('compaction never destroys a board', () => {
  it('refuses to snapshot a doc with pending data, and proves a normal snapshot loads back identical', () => {
    const doc = new Y.Doc();
    appendParagraphs(stepText(doc, 's4'), ['een', 'twee']);
    doc.getMap('meta').set('title', 'Studiedag');
    const snapshot = verifiedSnapshot(doc);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, snapshot);
    expect(boardToJSON(copy)).toEqual(boardToJSON(doc));

    Y.applyUpdate(doc, poisonDeleteSetUpdate());
    expect(() => verifiedSnapshot(doc)).toThrow(/pending/);
  });

  it('proves a snapshot of cards two people added at once, whose map order differs after a reload', () => {
    // The live doc integrates the low client's card first; a snapshot lists the high client first, so the
    // reloaded `records` map iterates in the other order while holding the same cards.
    const low = new Y.Doc();
    low.clientID = 1;
    const high = new Y.Doc();
    high.clientID = 2;
    createFact(low, { stepId: 's4', text: 'Groep 6: 46% op I–III' });
    createFact(high, { stepId: 's4', text: 'Groep 7: 96% op I–III' });
    Y.applyUpdate(low, Y.encodeStateAsUpdate(high));
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(low));
    expect([...reloaded.getMap('records').keys()]).not.toEqual([...low.getMap('records').keys()]);
    expect(() => verifiedSnapshot(low)).not.toThrow();
  });
});
