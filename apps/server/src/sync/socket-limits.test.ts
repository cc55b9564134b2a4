import { appendParagraphs, stepText } from '@koers/board';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
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
import type { Connection } from './connection';
import { MessageType } from './messages';
import { updateGuard } from './update-guard';
import { MAX_PRESENCE_IDS_PER_SOCKET, MAX_PRESENCE_STATE_BYTES } from './presence-limits';
import { QUERY_AWARENESS_INTERVAL_MS } from './query-throttle';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer | undefined;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

function client(boardId: string): TestClient {
  if (!server) throw new Error('no server');
  const c = connectClient(server.url, boardId, { cookie: server.cookie });
  clients.push(c);
  return c;
}

/** The server's Connections on a board now. */
function connectionsOf(boardId: string): Set<Connection> {
  return new Set(server?.server.sync.rooms.get(boardId)?.connections ?? []);
}

/** The server's Connection attached since `before` was taken. */
async function newConnection(boardId: string, before: Set<Connection>): Promise<Connection> {
  let connection: Connection | undefined;
  await waitFor(() => {
    connection = [...connectionsOf(boardId)].find((c) => !before.has(c));
    return connection !== undefined;
  }, 'the socket to be attached');
  return connection!;
}

/** A raw socket on the board, and the server's Connection for it once attached. */
async function rawSocket(boardId: string): Promise<{ ws: WebSocket; connection: Connection }> {
  if (!server) throw new Error('no server');
  const before = connectionsOf(boardId);
  const ws = await openRawSocket(server, boardId);
  sockets.push(ws);
  return { ws, connection: await newConnection(boardId, before) };
}

/** Stop reading: the kernel buffers fill, then the server's send buffer for this socket grows. */
function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
}

function resumeReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { resume(): void } })._socket.resume();
}

/** An awareness message (y-websocket format) for hand-picked client ids, clocks and states. */
function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MessageType.AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** A presence state whose JSON is exactly `bytes` long. */
function stateOfSize(bytes: number, name = 'x'): { user: { name: string }; pad: string } {
  const empty = JSON.stringify({ user: { name }, pad: '' }).length;
  return { user: { name }, pad: 'p'.repeat(bytes - empty) };
}

const QUERY = Uint8Array.from([MessageType.QUERY_AWARENESS]);

/** Awareness messages received on a raw socket. */
function countAwareness(ws: WebSocket): { count: number } {
  const counter = { count: 0 };
  ws.on('message', (data: Buffer) => {
    if (data[0] === MessageType.AWARENESS) counter.count++;
  });
  return counter;
}

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

describe('presence limits', () => {
  it('refuses a presence state above 8 KiB with PRESENCE_TOO_LARGE; nobody receives it, one at the limit passes', async () => {
    // Without the name stamping, so the exact bytes the raw socket sends are the state that is relayed.
    server = await startTestServer({}, { syncExtensions: [updateGuard()] });
    const boardId = await createBoardViaApi(server);
    const watcher = client(boardId);
    await waitSynced(watcher);
    const states = (): Map<number, Record<string, unknown>> => watcher.provider.awareness.getStates();

    const { ws: fits } = await rawSocket(boardId);
    fits.send(awarenessMessage([{ clientId: 5001, clock: 1, state: stateOfSize(MAX_PRESENCE_STATE_BYTES) }]));
    await waitFor(() => states().has(5001), 'the state at the limit to be relayed');

    const { ws: big } = await rawSocket(boardId);
    const closed = closeCodeOf(big);
    big.send(
      awarenessMessage([{ clientId: 5002, clock: 1, state: stateOfSize(MAX_PRESENCE_STATE_BYTES + 1) }]),
    );
    expect(await closed).toBe(CloseCode.PRESENCE_TOO_LARGE);

    // The finding from outside: a 1 MB presence state (within SYNC_MAX_MESSAGE_BYTES).
    const { ws: huge } = await rawSocket(boardId);
    const hugeClosed = closeCodeOf(huge);
    huge.send(awarenessMessage([{ clientId: 5003, clock: 1, state: stateOfSize(1024 * 1024) }]));
    expect(await hugeClosed).toBe(CloseCode.PRESENCE_TOO_LARGE);

    // A marker sent after the refusals: once the watcher has it, the refused states would have come first.
    fits.send(awarenessMessage([{ clientId: 5001, clock: 2, state: { user: { name: 'marker' } } }]));
    await waitFor(
      () => (states().get(5001)?.user as { name?: string } | undefined)?.name === 'marker',
      'the marker',
    );
    expect(states().has(5002)).toBe(false);
    expect(states().has(5003)).toBe(false);
    const room = server.server.sync.rooms.get(boardId)!;
    expect(room.awareness.getStates().has(5002)).toBe(false);
    expect(room.awareness.getStates().has(5003)).toBe(false);
    expect(room.awareness.meta.has(5003)).toBe(false);
    expect(watcher.provider.wsconnected).toBe(true);
  });

  it(`a socket may introduce at most ${MAX_PRESENCE_IDS_PER_SOCKET} client ids, also one after another`, async () => {
    server = await startTestServer();
    const boardId = await createBoardViaApi(server);
    const watcher = client(boardId);
    await waitSynced(watcher);
    const { ws } = await rawSocket(boardId);
    const closed = closeCodeOf(ws);
    // Introduce an id and remove it again, each time a new one: the count is over the socket's life.
    for (let i = 0; i < MAX_PRESENCE_IDS_PER_SOCKET; i++) {
      const clientId = 6000 + i;
      ws.send(awarenessMessage([{ clientId, clock: 1, state: { user: { name: `tab ${i}` } } }]));
      await waitFor(() => watcher.provider.awareness.getStates().has(clientId), `id ${clientId}`);
      ws.send(awarenessMessage([{ clientId, clock: 2, state: null }]));
      await waitFor(() => !watcher.provider.awareness.getStates().has(clientId), `id ${clientId} gone`);
    }
    const oneTooMany = 6000 + MAX_PRESENCE_IDS_PER_SOCKET;
    ws.send(awarenessMessage([{ clientId: oneTooMany, clock: 1, state: { user: { name: 'te veel' } } }]));
    expect(await closed).toBe(CloseCode.PRESENCE_TOO_LARGE);
    expect(server.server.sync.rooms.get(boardId)?.awareness.meta.has(oneTooMany)).toBe(false);
    expect(watcher.provider.awareness.getStates().has(oneTooMany)).toBe(false);
  });

  it('removals for ids nobody has count too: a socket cannot fill the room’s clock table', async () => {
    server = await startTestServer();
    const boardId = await createBoardViaApi(server);
    const watcher = client(boardId);
    await waitSynced(watcher);
    const room = server.server.sync.rooms.get(boardId)!;
    const { ws } = await rawSocket(boardId);
    const closed = closeCodeOf(ws);
    // Each applied removal of an unknown id would leave a clock entry behind until the room unloads.
    const removals = Array.from({ length: 1000 }, (_, i) => ({ clientId: 8000 + i, clock: 5, state: null }));
    ws.send(awarenessMessage(removals.slice(0, MAX_PRESENCE_IDS_PER_SOCKET)));
    await waitFor(
      () => room.awareness.meta.has(8000 + MAX_PRESENCE_IDS_PER_SOCKET - 1),
      'the allowed removals',
    );
    ws.send(awarenessMessage(removals));
    expect(await closed).toBe(CloseCode.PRESENCE_TOO_LARGE);
    expect(room.awareness.meta.has(8000 + MAX_PRESENCE_IDS_PER_SOCKET)).toBe(false);
    expect([...room.awareness.meta.keys()].filter((id) => id >= 8000 && id < 9000)).toHaveLength(
      MAX_PRESENCE_IDS_PER_SOCKET,
    );
  });

  it('names between real providers still work while others come and go (their echoes are not counted)', async () => {
    // The test kit's clients share one account: with name stamping both would carry that account's name.
    server = await startTestServer({}, { syncExtensions: [updateGuard()] });
    const boardId = await createBoardViaApi(server);
    const anja = client(boardId);
    const bram = client(boardId);
    await Promise.all([waitSynced(anja), waitSynced(bram)]);
    anja.provider.awareness.setLocalStateField('user', { name: 'Juf Anja', color: '#0b4f6c', stepId: 's3' });
    bram.provider.awareness.setLocalStateField('user', { name: 'Meester Bram', color: '#1f6f3a' });
    const nameIn = (c: TestClient, id: number): unknown =>
      (c.provider.awareness.getStates().get(id)?.user as { name?: string } | undefined)?.name;
    await waitFor(
      () =>
        nameIn(bram, anja.doc.clientID) === 'Juf Anja' && nameIn(anja, bram.doc.clientID) === 'Meester Bram',
      'both names on both sides',
    );
    // The stock client sends every presence change it hears back to the server: with twice the id limit
    // of colleagues joining and leaving, Anja's and Bram's sockets echo many foreign ids.
    for (let i = 0; i < 2 * MAX_PRESENCE_IDS_PER_SOCKET; i++) {
      const guest = client(boardId);
      await waitSynced(guest);
      guest.provider.awareness.setLocalStateField('user', { name: `Gast ${i}`, color: '#444444' });
      const guestId = guest.doc.clientID;
      await waitFor(() => nameIn(anja, guestId) === `Gast ${i}`, `guest ${i} to appear`);
      guest.destroy();
      clients.splice(clients.indexOf(guest), 1);
      await waitFor(() => !anja.provider.awareness.getStates().has(guestId), `guest ${i} to leave`);
    }
    anja.provider.awareness.setLocalStateField('user', { name: 'Juf Anja', color: '#0b4f6c', stepId: 's4' });
    await waitFor(
      () =>
        (bram.provider.awareness.getStates().get(anja.doc.clientID)?.user as { stepId?: string }).stepId ===
        's4',
      'anja’s move to reach bram',
    );
    expect(anja.provider.wsconnected).toBe(true);
    expect(bram.provider.wsconnected).toBe(true);
  });
});

describe('presence queries', () => {
  it('200 queries from a socket that never reads get two answers and leave server memory flat', async () => {
    server = await startTestServer();
    const boardId = await createBoardViaApi(server);
    // A room full of presence at the limits: 10 sockets × 4 ids × 8 KiB ≈ 320 KiB per full answer.
    const watcher = client(boardId);
    await waitSynced(watcher);
    for (let s = 0; s < 10; s++) {
      const { ws } = await rawSocket(boardId);
      ws.send(
        awarenessMessage(
          Array.from({ length: MAX_PRESENCE_IDS_PER_SOCKET }, (_, i) => ({
            clientId: 7000 + s * 10 + i,
            clock: 1,
            state: stateOfSize(MAX_PRESENCE_STATE_BYTES - 100, `gast ${s}.${i}`),
          })),
        ),
      );
    }
    await waitFor(
      () => watcher.provider.awareness.getStates().size === 1 + 10 * MAX_PRESENCE_IDS_PER_SOCKET,
      'every presence',
    );
    const room = server.server.sync.rooms.get(boardId)!;
    const fullAnswerBytes = [...room.awareness.getStates().values()].reduce<number>(
      (sum, state) => sum + JSON.stringify(state).length,
      0,
    );
    expect(fullAnswerBytes).toBeGreaterThan(300_000);

    const { ws: asker, connection } = await rawSocket(boardId);
    const received = countAwareness(asker);
    await waitFor(() => received.count === 1, 'the presence every newcomer gets');
    stopReading(asker);
    const sentBefore = { ...connection.sent };
    const memoryBefore = process.memoryUsage();
    for (let i = 0; i < 200; i++) asker.send(QUERY);
    await waitFor(() => connection.sent.awarenessAnswers >= 1, 'the first answer');
    await new Promise((resolve) => setTimeout(resolve, QUERY_AWARENESS_INTERVAL_MS + 500));
    const memoryAfter = process.memoryUsage();

    // One answer at once, the other 199 folded into one answer a second later.
    expect(connection.sent.awarenessAnswers).toBe(2);
    expect(connection.sent.bytes - sentBefore.bytes).toBeLessThan(3 * fullAnswerBytes);
    expect(connection.ws.bufferedAmount).toBeLessThan(3 * fullAnswerBytes);
    // Answering all 200 would queue 200 × 320 KiB ≈ 64 MB for this socket.
    expect(memoryAfter.arrayBuffers - memoryBefore.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    expect(memoryAfter.rss - memoryBefore.rss).toBeLessThan(48 * 1024 * 1024);

    // Reading again, the socket gets exactly what was sent: the first presence and two answers.
    resumeReading(asker);
    await waitFor(() => received.count === 3, 'the two answers');
    await new Promise((resolve) => setTimeout(resolve, QUERY_AWARENESS_INTERVAL_MS));
    expect(received.count).toBe(3);
    expect(asker.readyState).toBe(WebSocket.OPEN);
  });
});

describe('send-buffer backpressure', () => {
  const LIMIT = 256 * 1024;

  it('closes a socket that stops reading with SEND_BUFFER_FULL while the room keeps receiving edits', async () => {
    server = await startTestServer({ syncMaxBufferedBytes: LIMIT });
    const boardId = await createBoardViaApi(server);
    const writer = client(boardId);
    const reader = client(boardId);
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    const { ws: slow, connection } = await rawSocket(boardId);
    stopReading(slow);
    const chunk = 'x'.repeat(64 * 1024);
    let peakBuffered = 0;
    let edits = 0;
    // Fill the kernel's buffers, then the server's; every edit must still reach the reader.
    while (!connection.isClosed && edits < 1000) {
      appendParagraphs(stepText(writer.doc, 's6'), [`${edits} ${chunk}`]);
      edits++;
      const expected = `${edits - 1} x`;
      await waitFor(() => reader.text('s6').includes(expected), `edit ${edits} to reach the reader`);
      peakBuffered = Math.max(peakBuffered, connection.ws.bufferedAmount);
    }
    expect(connection.isClosed).toBe(true);
    // Never more queued than the limit plus the one message that crossed it (plus the close frame).
    expect(peakBuffered).toBeLessThanOrEqual(LIMIT + 2 * chunk.length);
    const sentAtClose = connection.sent.messages;

    // The room carries on: more edits reach the reader on its same socket; nothing more is queued.
    appendParagraphs(stepText(writer.doc, 's6'), ['na de trage']);
    await waitFor(() => reader.text('s6').includes('na de trage'), 'the room to carry on');
    expect(connection.sent.messages).toBe(sentAtClose);
    expect(reader.provider.wsconnected).toBe(true);
    expect(writer.provider.wsconnected).toBe(true);

    // A slow client that reads again within the grace gets the close frame behind its data: 1013.
    const closed = closeCodeOf(slow);
    resumeReading(slow);
    expect(await closed).toBe(CloseCode.SEND_BUFFER_FULL);
  });

  it('a y-websocket client on a slow link is cut off, reconnects by itself and catches up on every edit', async () => {
    server = await startTestServer({ syncMaxBufferedBytes: LIMIT });
    const boardId = await createBoardViaApi(server);
    const writer = client(boardId);
    await waitSynced(writer);
    const before = connectionsOf(boardId);
    const laptop = client(boardId);
    await waitSynced(laptop);
    const connection = await newConnection(boardId, before);
    const closeCodes: (number | undefined)[] = [];
    laptop.provider.on('connection-close', (event) => closeCodes.push(event?.code));

    // The wifi stalls: the laptop's socket stops reading while the writer keeps typing.
    const socket = laptop.provider.ws as unknown as WebSocket;
    stopReading(socket);
    const chunk = 'w'.repeat(64 * 1024);
    for (let i = 0; !connection.isClosed && i < 1000; i++) {
      appendParagraphs(stepText(writer.doc, 's6'), [`${i} ${chunk}`]);
      await server.server.sync.rooms.get(boardId)!.whenWritten();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(connection.isClosed).toBe(true);
    appendParagraphs(stepText(writer.doc, 's6'), ['terwijl de laptop weg was']);

    // The wifi recovers: the laptop reads its backlog and the 1013, reconnects and resyncs.
    resumeReading(socket);
    await waitFor(() => laptop.text('s6') === writer.text('s6'), 'the laptop to catch up', 20_000);
    expect(closeCodes[0]).toBe(CloseCode.SEND_BUFFER_FULL);
    expect(laptop.provider.wsconnected).toBe(true);
    expect(laptop.provider.ws).not.toBe(socket);
  });

  it('terminates a socket that never reads again, freeing its buffer', async () => {
    server = await startTestServer({ syncMaxBufferedBytes: LIMIT });
    const boardId = await createBoardViaApi(server);
    const writer = client(boardId);
    await waitSynced(writer);
    const { ws: slow, connection } = await rawSocket(boardId);
    stopReading(slow);
    const chunk = 'y'.repeat(64 * 1024);
    for (let i = 0; !connection.isClosed && i < 1000; i++) {
      appendParagraphs(stepText(writer.doc, 's6'), [chunk]);
      await server.server.sync.rooms.get(boardId)!.whenWritten();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(connection.isClosed).toBe(true);
    await waitFor(() => connection.ws.readyState === WebSocket.CLOSED, 'the socket to be terminated', 5000);
    expect(connection.ws.bufferedAmount).toBe(0);
    expect(writer.provider.wsconnected).toBe(true);
  });

  it('covers SyncStep2 replies: a socket asking for the board again and again without reading is closed', async () => {
    server = await startTestServer({ syncMaxBufferedBytes: LIMIT });
    const boardId = await createBoardViaApi(server);
    const writer = client(boardId);
    await waitSynced(writer);
    appendParagraphs(stepText(writer.doc, 's2'), ['z'.repeat(512 * 1024)]);
    const check = client(boardId);
    await waitFor(() => check.text('s2').length >= 512 * 1024, 'the big board to be stored');

    const { ws: greedy, connection } = await rawSocket(boardId);
    stopReading(greedy);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.SYNC);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc()); // "I have nothing": every reply is the whole board
    const step1 = encoding.toUint8Array(encoder);
    const memoryBefore = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 200; i++) greedy.send(step1);
    await waitFor(() => connection.isClosed, 'the greedy socket to be closed');
    // Answering all 200 would queue 200 × 512 KiB ≈ 100 MB.
    expect(connection.sent.bytes).toBeLessThan(40 * 1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - memoryBefore).toBeLessThan(48 * 1024 * 1024);
    const closed = closeCodeOf(greedy);
    resumeReading(greedy);
    expect(await closed).toBe(CloseCode.SEND_BUFFER_FULL);
    expect(writer.provider.wsconnected).toBe(true);
  });
});
