import { appendParagraphs, boardToJSON, stepText } from '@koers/board';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ControlledStore, Gate } from '../testing/controlled-store';
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

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer | undefined;
const clients: TestClient[] = [];

function client(boardId: string): TestClient {
  if (!server) throw new Error('no server');
  const c = connectClient(server.url, boardId, { cookie: server.cookie });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

async function storedDoc(s: TestServer, boardId: string): Promise<Y.Doc> {
  const state = await s.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
  return doc;
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;
}

describe('room lifecycle', () => {
  it('unloads a room after its last client leaves: registry empty, log compacted, timers released', async () => {
    const timersBefore = activeTimers();
    server = await startTestServer();
    const boardId = await createBoardViaApi(server);
    const a = client(boardId);
    const b = client(boardId);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    for (let i = 0; i < 5; i++) appendParagraphs(stepText(a.doc, 's5'), [`trend ${i}`]);
    await waitFor(() => b.text('s5').includes('trend 4'), 'the edits to arrive');
    const rooms = server.server.sync.rooms;
    expect(rooms.size).toBe(1);

    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => rooms.size === 0 && rooms.unloadingCount === 0, 'the room to unload');
    expect(server.server.sync.connectionCount).toBe(0);
    const state = await server.store.loadBoardState(boardId);
    expect(state.updates).toHaveLength(0);
    expect(state.snapshot).toBeDefined();
    expect(boardToJSON(await storedDoc(server, boardId)).steps[4]?.text).toBe(
      ['trend 0', 'trend 1', 'trend 2', 'trend 3', 'trend 4'].join('\n'),
    );

    await server.stop();
    server = undefined;
    // Rooms' awareness intervals and the ping timer are gone; the clients' own timers were destroyed too.
    await waitFor(() => activeTimers() <= timersBefore, 'timers to be released');
  });

  it('a client reconnecting during an unload waits and gets the latest state', async () => {
    const controlled: { store?: ControlledStore } = {};
    server = await startTestServer(
      {},
      { wrapStore: (inner) => (controlled.store = new ControlledStore(inner)) },
    );
    const store = controlled.store;
    if (!store) throw new Error('no store');
    const boardId = await createBoardViaApi(server);
    const rooms = server.server.sync.rooms;

    const teacher = client(boardId);
    await waitSynced(teacher);
    appendParagraphs(stepText(teacher.doc, 's9'), ['eerste gedachte']);
    await waitFor(() => (rooms.get(boardId)?.logCount ?? 0) >= 2, 'the first edit to be stored');

    // Hold the last write and the compaction, so the unload is caught with both still in flight.
    store.appendGate = new Gate();
    store.compactGate = new Gate();
    const appendsBefore = store.appendCalls;
    appendParagraphs(stepText(teacher.doc, 's9'), ['laatste zin voor het wegvallen']);
    await waitFor(() => store.appendCalls > appendsBefore, 'the last edit to reach the store');
    teacher.destroy();
    await waitFor(() => rooms.isUnloading(boardId), 'the unload to start');

    const returning = client(boardId);
    await waitFor(() => returning.provider.wsconnected, 'the returning socket to open');
    expect(returning.provider.synced).toBe(false);
    expect(rooms.size).toBe(0); // it waits for the unload instead of attaching to the dying room

    store.appendGate.open();
    await waitFor(() => store.compactCalls > 0, 'the unload to compact after the write');
    expect(returning.provider.synced).toBe(false);
    store.compactGate.open();

    await waitSynced(returning);
    expect(returning.text('s9')).toBe('eerste gedachte\nlaatste zin voor het wegvallen');
    expect(rooms.size).toBe(1);
  });

  it('on a storage failure nothing is broadcast, sockets close with STORAGE_FAILURE, and the edit is resent', async () => {
    const controlled: { store?: ControlledStore } = {};
    server = await startTestServer(
      {},
      { wrapStore: (inner) => (controlled.store = new ControlledStore(inner)) },
    );
    const store = controlled.store;
    if (!store) throw new Error('no store');
    const boardId = await createBoardViaApi(server);
    const writer = client(boardId);
    const reader = client(boardId);
    await Promise.all([waitSynced(writer), waitSynced(reader)]);

    const closes: { who: string; code: number | undefined; readerText: string }[] = [];
    for (const [who, c] of [
      ['writer', writer],
      ['reader', reader],
    ] as const) {
      c.provider.on('connection-close', (event) => {
        closes.push({ who, code: event?.code, readerText: reader.text('s10a') });
      });
    }
    store.failAppends = true;
    appendParagraphs(stepText(writer.doc, 's10a'), ['zorgsignaal groep 6']);
    await waitFor(() => closes.length >= 2, 'both sockets to close');
    expect(closes.map((c) => c.code)).toEqual([CloseCode.STORAGE_FAILURE, CloseCode.STORAGE_FAILURE]);
    expect(closes.every((c) => !c.readerText.includes('zorgsignaal'))).toBe(true);

    // Storage recovers: the writer reconnects on its own and resends what was never acknowledged.
    store.failAppends = false;
    await waitFor(() => reader.text('s10a') === 'zorgsignaal groep 6', 'the resent edit to arrive', 15_000);
    await server.server.sync.rooms.get(boardId)?.settled();
    expect(boardToJSON(await storedDoc(server, boardId)).steps.find((s) => s.id === 's10a')?.text).toBe(
      'zorgsignaal groep 6',
    );
  });

  it('compacts the log by count while clients are connected and keeps every edit', async () => {
    server = await startTestServer({ syncCompactUpdates: 10 });
    const boardId = await createBoardViaApi(server);
    const a = client(boardId);
    await waitSynced(a);
    const lines = Array.from({ length: 25 }, (_, i) => `observatie ${i + 1}`);
    for (const line of lines) {
      appendParagraphs(stepText(a.doc, 's7'), [line]);
      // One update per macrotask, so each lands in the log separately rather than in one group commit.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const b = client(boardId);
    await waitSynced(b);
    await waitFor(() => b.text('s7') === lines.join('\n'), 'all edits to reach a new client');
    await server.server.sync.rooms.get(boardId)?.settled();
    const state = await server.store.loadBoardState(boardId);
    expect(state.snapshot).toBeDefined();
    expect(state.updates.length).toBeLessThan(10);
    expect(boardToJSON(await storedDoc(server, boardId)).steps.find((s) => s.id === 's7')?.text).toBe(
      lines.join('\n'),
    );
  });

  it('answers a SyncStep1 only after the earlier updates of that socket are committed (the client’s “saved” signal)', async () => {
    const controlled: { store?: ControlledStore } = {};
    server = await startTestServer(
      {},
      { wrapStore: (inner) => (controlled.store = new ControlledStore(inner)) },
    );
    const store = controlled.store;
    if (!store) throw new Error('no store');
    const boardId = await createBoardViaApi(server);
    const ws = await openRawSocket(server, boardId);
    const replies: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => {
      // Sync message (0), SyncStep2 (1): the answer to our question.
      if (data[0] === 0 && data[1] === 1) replies.push(new Uint8Array(data));
    });
    await waitFor(() => server?.server.sync.rooms.get(boardId) !== undefined, 'the room to load');

    const local = new Y.Doc();
    appendParagraphs(stepText(local, 's3'), ['invoer gecontroleerd']);
    store.appendGate = new Gate();
    const message = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      write(encoder);
      return encoding.toUint8Array(encoder);
    };
    ws.send(message((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(local))));
    ws.send(message((e) => syncProtocol.writeSyncStep1(e, local)));
    await waitFor(() => store.appendCalls > 0, 'the update to reach the store');
    expect(replies).toHaveLength(0);

    store.appendGate.open();
    await waitFor(() => replies.length === 1, 'the SyncStep2 answer');
    expect(boardToJSON(await storedDoc(server, boardId)).steps.find((s) => s.id === 's3')?.text).toBe(
      'invoer gecontroleerd',
    );
    ws.close();
  });

  it('a graceful shutdown closes sockets with SERVER_SHUTDOWN and leaves every edit compacted in storage', async () => {
    server = await startTestServer();
    const boardId = await createBoardViaApi(server);
    const a = client(boardId);
    await waitSynced(a);
    const codes: (number | undefined)[] = [];
    a.provider.on('connection-close', (event) => codes.push(event?.code));
    for (let i = 0; i < 3; i++) appendParagraphs(stepText(a.doc, 'h1'), [`actie ${i + 1}`]);
    await waitFor(
      () => (server?.server.sync.rooms.get(boardId)?.logCount ?? 0) >= 2,
      'the edits to be stored',
    );
    const { dataDir } = server;
    await server.close();
    await waitFor(() => codes.length > 0, 'the close event');
    expect(codes[0]).toBe(CloseCode.SERVER_SHUTDOWN);
    a.provider.disconnect();

    // Reopen the same data: one snapshot, no log, all three lines.
    const reopened = await startTestServer({ dataDir });
    try {
      const state = await reopened.store.loadBoardState(boardId);
      expect(state.updates).toHaveLength(0);
      expect(boardToJSON(await storedDoc(reopened, boardId)).steps.find((s) => s.id === 'h1')?.text).toBe(
        'actie 1\nactie 2\nactie 3',
      );
    } finally {
      await reopened.stop();
    }
  });

  it('sockets arriving while a board loads share one load and all get the stored state', async () => {
    const controlled: { store?: ControlledStore } = {};
    server = await startTestServer(
      {},
      { wrapStore: (inner) => (controlled.store = new ControlledStore(inner)) },
    );
    const store = controlled.store;
    if (!store) throw new Error('no store');
    const boardId = await createBoardViaApi(server, 'Gelijktijdig');
    store.loadGate = new Gate();
    const arriving = [client(boardId), client(boardId), client(boardId)];
    await waitFor(() => arriving.every((c) => c.provider.wsconnected), 'three sockets to open');
    await waitFor(() => store.loadCalls > 0, 'the load to start');
    expect(arriving.some((c) => c.provider.synced)).toBe(false);
    store.loadGate.open();
    await Promise.all(arriving.map(waitSynced));
    expect(store.loadCalls).toBe(1);
    for (const c of arriving) expect(boardToJSON(c.doc).title).toBe('Gelijktijdig');
  });

  it('does not buffer without bound while a board loads: too much early data closes with MESSAGE_TOO_LARGE', async () => {
    const controlled: { store?: ControlledStore } = {};
    server = await startTestServer(
      { syncMaxMessageBytes: 4096 },
      { wrapStore: (inner) => (controlled.store = new ControlledStore(inner)) },
    );
    const store = controlled.store;
    if (!store) throw new Error('no store');
    const boardId = await createBoardViaApi(server);
    store.loadGate = new Gate();
    const ws = await openRawSocket(server, boardId);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await waitFor(() => store.loadCalls > 0, 'the load to start');
    for (let i = 0; i < 3; i++) ws.send(new Uint8Array(3000));
    expect(await closed).toBe(CloseCode.MESSAGE_TOO_LARGE);
    store.loadGate.open();
  });

  it('compacts by size too, and a failing compaction loses nothing (the log stays complete)', async () => {
    const controlled: { store?: ControlledStore } = {};
    server = await startTestServer(
      { syncCompactUpdates: 1_000_000, syncCompactBytes: 2048 },
      { wrapStore: (inner) => (controlled.store = new ControlledStore(inner)) },
    );
    const store = controlled.store;
    if (!store) throw new Error('no store');
    const boardId = await createBoardViaApi(server);
    const a = client(boardId);
    await waitSynced(a);
    const long = 'Observatie: '.padEnd(600, 'x');
    for (let i = 0; i < 5; i++) {
      appendParagraphs(stepText(a.doc, 's6'), [`${i} ${long}`]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => store.compactCalls > 0, 'a compaction by size');
    await server.server.sync.rooms.get(boardId)?.settled();
    expect((await server.store.loadBoardState(boardId)).snapshot).toBeDefined();

    store.failCompactions = true;
    const compactionsBefore = store.compactCalls;
    for (let i = 5; i < 10; i++) {
      appendParagraphs(stepText(a.doc, 's6'), [`${i} ${long}`]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => store.compactCalls > compactionsBefore, 'a failing compaction');
    await server.server.sync.rooms.get(boardId)?.settled();
    const text = boardToJSON(await storedDoc(server, boardId)).steps.find((s) => s.id === 's6')?.text ?? '';
    expect(text.split('\n').map((line) => line.split(' ')[0])).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
  });
});
