import { appendParagraphs, boardToJSON, stepText } from '@koers/board';
import * as encoding from 'lib0/encoding';
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
import { updateGuard } from './update-guard';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer | undefined;
const clients: TestClient[] = [];

function client(boardId: string, params?: Record<string, string>): TestClient {
  if (!server) throw new Error('no server');
  const c = connectClient(server.url, boardId, { cookie: server.cookie, ...(params ? { params } : {}) });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

describe('sync between real y-websocket clients', () => {
  it('two clients converge and a third joining later gets everything', async () => {
    server = await startTestServer();
    const boardId = await createBoardViaApi(server, 'Studiedag');
    const anja = client(boardId);
    const bram = client(boardId);
    await Promise.all([waitSynced(anja), waitSynced(bram)]);
    // The initial state written by the server at creation reaches every client.
    expect(boardToJSON(anja.doc).title).toBe('Studiedag');

    appendParagraphs(stepText(anja.doc, 's4'), ['Groep 6: 68% op I–III']);
    appendParagraphs(stepText(bram.doc, 's4'), ['Groep 5: 82% op I–III']);
    await waitFor(
      () => anja.text('s4').includes('Groep 5') && bram.text('s4').includes('Groep 6'),
      'both edits on both clients',
    );
    expect(anja.text('s4')).toBe(bram.text('s4'));

    const late = client(boardId);
    await waitSynced(late);
    expect(late.text('s4')).toBe(anja.text('s4'));
    expect(boardToJSON(late.doc).title).toBe('Studiedag');
  });

  it('a client that was offline for a while merges its edits with what the others wrote meanwhile', async () => {
    server = await startTestServer();
    const boardId = await createBoardViaApi(server);
    const teacher = client(boardId);
    const colleague = client(boardId);
    await Promise.all([waitSynced(teacher), waitSynced(colleague)]);
    appendParagraphs(stepText(teacher.doc, 's7'), ['voor de storing']);
    await waitFor(() => colleague.text('s7') === 'voor de storing', 'the first line');

    teacher.provider.disconnect(); // the wifi drops
    appendParagraphs(stepText(teacher.doc, 's7'), ['getypt zonder wifi 1', 'getypt zonder wifi 2']);
    appendParagraphs(stepText(colleague.doc, 's7'), ['intussen online geschreven']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(colleague.text('s7')).not.toContain('zonder wifi');

    teacher.provider.connect(); // and comes back
    const all = [
      'voor de storing',
      'getypt zonder wifi 1',
      'getypt zonder wifi 2',
      'intussen online geschreven',
    ];
    const hasAll = (c: TestClient): boolean => all.every((line) => c.text('s7').split('\n').includes(line));
    await waitFor(() => hasAll(teacher) && hasAll(colleague), 'both sides to merge');
    expect(teacher.text('s7')).toBe(colleague.text('s7'));
  });

  it('relays awareness between clients and removes it when a client leaves', async () => {
    server = await startTestServer();
    const boardId = await createBoardViaApi(server);
    const anja = client(boardId);
    const bram = client(boardId);
    await Promise.all([waitSynced(anja), waitSynced(bram)]);
    anja.provider.awareness.setLocalStateField('user', { name: 'Juf Anja', color: '#0b4f6c' });
    const anjaId = anja.doc.clientID;
    await waitFor(
      () => bram.provider.awareness.getStates().get(anjaId)?.user?.color === '#0b4f6c',
      'presence',
    );
    // The name is the account's (the test kit's leider), whatever the client said.
    expect(bram.provider.awareness.getStates().get(anjaId)?.user?.name).toMatch(/^leider-/);
    anja.provider.disconnect();
    await waitFor(() => !bram.provider.awareness.getStates().has(anjaId), 'presence removed');
  });

  it('refuses an upgrade on a path that is not /sync/<boardId>', async () => {
    server = await startTestServer();
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/elders`);
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode));
      ws.once('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });

  it('nobody can overwrite or remove another user’s presence, but a user’s new socket takes hers over', async () => {
    server = await startTestServer(
      {},
      {
        // Without the presence-name stamp (sync/presence-names.test.ts): the client's own name shows here
        // which socket's state won.
        syncExtensions: [updateGuard()],
        authorizeUpgrade: async (request) => ({
          ok: true,
          readOnly: false,
          user: { id: new URL(request.url ?? '/', 'http://x').searchParams.get('wie') ?? 'onbekend' },
        }),
      },
    );
    const boardId = await createBoardViaApi(server);
    const anja = client(boardId, { wie: 'anja' });
    const watcher = client(boardId, { wie: 'bram' });
    await Promise.all([waitSynced(anja), waitSynced(watcher)]);
    anja.provider.awareness.setLocalStateField('user', { name: 'Juf Anja', color: '#0b4f6c' });
    const anjaId = anja.doc.clientID;
    const nameOfAnja = (): unknown => watcher.provider.awareness.getStates().get(anjaId)?.user?.name;
    await waitFor(() => nameOfAnja() === 'Juf Anja', 'anja’s presence');

    // Someone else forges an update for Anja's client id (higher clock, other name), then a removal.
    const forged = (state: unknown, clock: number): Uint8Array => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, anjaId);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, JSON.stringify(state));
      const outer = encoding.createEncoder();
      encoding.writeVarUint(outer, 1);
      encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
      return encoding.toUint8Array(outer);
    };
    const mallory = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${boardId}?wie=mallory`);
    await new Promise((resolve) => mallory.once('open', resolve));
    mallory.send(forged({ user: { name: 'Nep', color: '#000000' } }, 1000));
    mallory.send(forged(null, 1001));
    // A marker from the forger's own client id, sent after the forgeries on the same socket.
    const marker = encoding.createEncoder();
    encoding.writeVarUint(marker, 1);
    const markerInner = encoding.createEncoder();
    encoding.writeVarUint(markerInner, 1);
    encoding.writeVarUint(markerInner, 424242);
    encoding.writeVarUint(markerInner, 1);
    encoding.writeVarString(markerInner, JSON.stringify({ user: { name: 'Mallory' } }));
    encoding.writeVarUint8Array(marker, encoding.toUint8Array(markerInner));
    mallory.send(encoding.toUint8Array(marker));
    await waitFor(() => watcher.provider.awareness.getStates().has(424242), 'the forger’s own presence');
    expect(nameOfAnja()).toBe('Juf Anja');
    mallory.close();

    // Anja's wifi drops; her laptop opens a new socket before the server knows the old one is dead.
    const raw = (who: string): WebSocket =>
      new WebSocket(`${server!.url.replace(/^http/, 'ws')}/sync/${boardId}?wie=${who}`);
    const oldSocket = raw('anja');
    await new Promise((resolve) => oldSocket.once('open', resolve));
    const laptopId = 777_001;
    const presence = (name: string, clock: number): Uint8Array => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, laptopId);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, JSON.stringify({ user: { name } }));
      const outer = encoding.createEncoder();
      encoding.writeVarUint(outer, 1);
      encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
      return encoding.toUint8Array(outer);
    };
    const nameOfLaptop = (): unknown => watcher.provider.awareness.getStates().get(laptopId)?.user?.name;
    oldSocket.send(presence('Anja (laptop)', 1));
    await waitFor(() => nameOfLaptop() === 'Anja (laptop)', 'the laptop’s presence');
    const newSocket = raw('anja');
    await new Promise((resolve) => newSocket.once('open', resolve));
    newSocket.send(presence('Anja (laptop, weer online)', 2));
    await waitFor(() => nameOfLaptop() === 'Anja (laptop, weer online)', 'the takeover');
    // The old socket finally goes: the presence now belongs to the new one and stays.
    oldSocket.terminate();
    await waitFor(() => server!.server.sync.connectionCount === 3, 'the old socket to be gone');
    // The old socket's close handler ran (it also detaches), so the server's awareness is final here.
    const roomStates = server.server.sync.rooms.get(boardId)?.awareness.getStates();
    expect(roomStates?.get(laptopId)?.user?.name).toBe('Anja (laptop, weer online)');
    expect(nameOfLaptop()).toBe('Anja (laptop, weer online)');
    newSocket.close();
  });

  it('closes a socket to an unknown board with BOARD_NOT_FOUND', async () => {
    server = await startTestServer();
    const ws = await openRawSocket(server, 'bestaatniet00000');
    expect(await closeCodeOf(ws)).toBe(CloseCode.BOARD_NOT_FOUND);
  });
});

describe('bad input closes only the socket that sent it', () => {
  async function roomWithBystanders(): Promise<{
    boardId: string;
    bystander: TestClient;
    elsewhere: TestClient;
  }> {
    if (!server) throw new Error('no server');
    const boardId = await createBoardViaApi(server, 'Bord A');
    const otherBoard = await createBoardViaApi(server, 'Bord B');
    const bystander = client(boardId);
    const elsewhere = client(otherBoard);
    await Promise.all([waitSynced(bystander), waitSynced(elsewhere)]);
    return { boardId, bystander, elsewhere };
  }

  async function stillWorking(boardId: string, bystander: TestClient, elsewhere: TestClient): Promise<void> {
    // The bystander's socket is the same one as before (no reconnect), and the room still syncs.
    expect(bystander.provider.wsconnected).toBe(true);
    const writer = client(boardId);
    await waitSynced(writer);
    appendParagraphs(stepText(writer.doc, 's1'), ['nog steeds in de lucht']);
    await waitFor(() => bystander.text('s1').includes('nog steeds in de lucht'), 'the room to carry on');
    appendParagraphs(stepText(elsewhere.doc, 's1'), ['ander bord']);
    const otherReader = client(elsewhere.provider.roomname);
    await waitFor(() => otherReader.text('s1').includes('ander bord'), 'the other room to carry on');
  }

  it('random bytes close with MALFORMED_MESSAGE', async () => {
    server = await startTestServer();
    const { boardId, bystander, elsewhere } = await roomWithBystanders();
    const bad = await openRawSocket(server, boardId);
    const closed = closeCodeOf(bad);
    // Message type 0 (sync), sync type 2 (update), then a length prefix far beyond the frame.
    bad.send(Uint8Array.from([0, 2, 0xff, 0xff, 0x03, 1, 2, 3]));
    expect(await closed).toBe(CloseCode.MALFORMED_MESSAGE);
    await stillWorking(boardId, bystander, elsewhere);
  });

  it('a truncated varint closes with MALFORMED_MESSAGE', async () => {
    server = await startTestServer();
    const { boardId, bystander, elsewhere } = await roomWithBystanders();
    const bad = await openRawSocket(server, boardId);
    const closed = closeCodeOf(bad);
    bad.send(Uint8Array.from([0x80, 0x80])); // continuation bits set, then the frame ends
    expect(await closed).toBe(CloseCode.MALFORMED_MESSAGE);
    await stillWorking(boardId, bystander, elsewhere);
  });

  it('a well-framed update with a corrupt body closes with MALFORMED_MESSAGE and changes nothing', async () => {
    server = await startTestServer();
    const { boardId, bystander, elsewhere } = await roomWithBystanders();
    const before = bystander.text('s1');
    const bad = await openRawSocket(server, boardId);
    const closed = closeCodeOf(bad);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, Uint8Array.from([5, 200, 1, 7, 7, 7]));
    bad.send(encoding.toUint8Array(encoder));
    expect(await closed).toBe(CloseCode.MALFORMED_MESSAGE);
    expect(bystander.text('s1')).toBe(before);
    await stillWorking(boardId, bystander, elsewhere);
  });

  it('a message above SYNC_MAX_MESSAGE_BYTES closes with MESSAGE_TOO_LARGE (1009)', async () => {
    server = await startTestServer({ syncMaxMessageBytes: 4096 });
    const { boardId, bystander, elsewhere } = await roomWithBystanders();
    const big = await openRawSocket(server, boardId);
    const closed = closeCodeOf(big);
    big.send(new Uint8Array(5000));
    expect(await closed).toBe(CloseCode.MESSAGE_TOO_LARGE);
    await stillWorking(boardId, bystander, elsewhere);
  });
});

describe('read-only connections', () => {
  it('get the board and relay presence, but their updates are never applied nor stored', async () => {
    server = await startTestServer(
      {},
      {
        authorizeUpgrade: async (request) => ({
          ok: true,
          readOnly: new URL(request.url ?? '/', 'http://x').searchParams.get('rol') === 'projector',
        }),
      },
    );
    const boardId = await createBoardViaApi(server, 'Projectie');
    const writer = client(boardId);
    await waitSynced(writer);
    appendParagraphs(stepText(writer.doc, 's2'), ['Minimumnorm 75%']);

    const projector = client(boardId, { rol: 'projector' });
    await waitSynced(projector);
    await waitFor(() => projector.text('s2') === 'Minimumnorm 75%', 'the read-only client to read the board');

    appendParagraphs(stepText(projector.doc, 's2'), ['Dit mag niet opgeslagen worden']);
    // Sent after the update on the same socket: once the writer sees it, the server has handled the update.
    projector.provider.awareness.setLocalStateField('user', { name: 'Projector', color: '#1f6f3a' });
    const projectorId = projector.doc.clientID;
    await waitFor(
      () => writer.provider.awareness.getStates().get(projectorId)?.user?.name === 'Projector',
      'the read-only presence to be relayed',
    );
    expect(writer.text('s2')).toBe('Minimumnorm 75%');
    await server.server.sync.rooms.get(boardId)?.settled();
    const stored = await server.store.loadBoardState(boardId);
    const storedDoc = new Y.Doc();
    Y.applyUpdate(
      storedDoc,
      Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]),
    );
    expect(boardToJSON(storedDoc).steps[1]?.text).toBe('Minimumnorm 75%');
  });
});

describe('ending access', () => {
  it('closes only the selected sockets with FORBIDDEN; the others stay connected', async () => {
    server = await startTestServer(
      {},
      {
        authorizeUpgrade: async (request) => {
          const who = new URL(request.url ?? '/', 'http://x').searchParams.get('wie') ?? 'onbekend';
          return { ok: true, readOnly: false, user: { id: who } };
        },
      },
    );
    const boardId = await createBoardViaApi(server);
    const anja = client(boardId, { wie: 'anja' });
    const bram = client(boardId, { wie: 'bram' });
    await Promise.all([waitSynced(anja), waitSynced(bram)]);
    const codes: (number | undefined)[] = [];
    anja.provider.on('connection-close', (event) => codes.push(event?.code));

    expect(server.server.sync.closeConnections((c) => c.user?.id === 'anja')).toBe(1);
    await waitFor(() => codes.length === 1, 'anja’s socket to close');
    expect(codes).toEqual([CloseCode.FORBIDDEN]);
    appendParagraphs(stepText(bram.doc, 's1'), ['bram schrijft door']);
    const check = client(boardId, { wie: 'check' });
    await waitFor(() => check.text('s1') === 'bram schrijft door', 'bram to carry on');
    expect(bram.provider.wsconnected).toBe(true);
  });
});
