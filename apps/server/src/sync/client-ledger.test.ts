import { boardToJSON, createFact, listFacts } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sendUpdate } from '../testing/forged-updates';
import {
  addTestMember,
  closeCodeOf,
  connectClient,
  createBoardViaApi,
  startTestServer,
  tempDir,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';
import { WebSocket } from 'ws';
import { CloseCode } from './close-codes';

/**
 * The client-id ledger: which account introduced each Yjs client id on a board. Real y-websocket clients of
 * two accounts, a forger replaying the other's client id on its own socket, a restart on the same data
 * directory, and the shared laptop reconnecting with its offline copy.
 */

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const servers: TestServer[] = [];
const clients: TestClient[] = [];
const temps: { remove: () => void }[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
  for (const t of temps.splice(0)) t.remove();
});

function client(s: TestServer, boardId: string, cookie: string, doc?: Y.Doc): TestClient {
  const c = connectClient(s.url, boardId, { cookie, ...(doc ? { doc } : {}) });
  clients.push(c);
  return c;
}

async function authors(
  s: TestServer,
  boardId: string,
  cookie: string,
): Promise<Record<string, { name: string }>> {
  const response = await fetch(`${s.url}/api/boards/${boardId}/authors`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { authors: Record<string, { name: string }> }).authors;
}

async function storedFacts(s: TestServer, boardId: string): Promise<string[]> {
  const state = await s.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
  return listFacts(doc)
    .map((f) => f.text)
    .sort();
}

/** An update that adds a fact written with `clientId`, continuing from `base`'s state. */
function factUpdateAs(base: Y.Doc, clientId: number, text: string): Uint8Array {
  const forger = new Y.Doc();
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(base));
  // After the base: Yjs gives a doc a new client id when a remote update carries structs of its own.
  forger.clientID = clientId;
  const before = Y.encodeStateVector(forger);
  createFact(forger, { stepId: 's4', text });
  const update = Y.encodeStateAsUpdate(forger, before);
  forger.destroy();
  return update;
}

async function sendAs(s: TestServer, boardId: string, cookie: string, update: Uint8Array): Promise<number> {
  const ws = new WebSocket(`${s.url.replace(/^http/, 'ws')}/sync/${boardId}`, { headers: { cookie } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const closed = closeCodeOf(ws);
  sendUpdate(ws, update);
  return closed;
}

describe('the client-id ledger', () => {
  it('lists each client id under its account, refuses a forged one (4409), and keeps it over a restart', async () => {
    const data = tempDir();
    temps.push(data);
    let s = await startTestServer({ dataDir: data.dir });
    servers.push(s);
    const anja = await addTestMember(s, s.schoolId, 'anja@school.nl', 'leerkracht');
    const bram = await addTestMember(s, s.schoolId, 'bram@school.nl', 'leerkracht');
    const boardId = await createBoardViaApi(s, 'Studiedag');

    const anjaClient = client(s, boardId, anja.cookie);
    const bramClient = client(s, boardId, bram.cookie);
    await Promise.all([waitSynced(anjaClient), waitSynced(bramClient)]);
    createFact(anjaClient.doc, { stepId: 's4', text: 'van anja' });
    createFact(bramClient.doc, { stepId: 's4', text: 'van bram' });
    await waitFor(
      () => listFacts(anjaClient.doc).length === 2 && listFacts(bramClient.doc).length === 2,
      'both facts',
    );
    const anjaId = anjaClient.doc.clientID;
    const bramId = bramClient.doc.clientID;
    expect(await authors(s, boardId, anja.cookie)).toEqual({
      [anjaId]: { name: 'anja' },
      [bramId]: { name: 'bram' },
    });

    // Bram's account sends an update written with Anja's client id: refused before it is applied.
    const forged = factUpdateAs(anjaClient.doc, anjaId, 'namens anja');
    expect(await sendAs(s, boardId, bram.cookie, forged)).toBe(CloseCode.CLIENT_ID_TAKEN);
    // The honest clients keep working, and nothing of the forgery reached them or the store.
    createFact(anjaClient.doc, { stepId: 's4', text: 'nog een van anja' });
    await waitFor(() => listFacts(bramClient.doc).length === 3, 'anja’s next fact at bram');
    expect(listFacts(bramClient.doc).map((f) => f.text)).not.toContain('namens anja');
    expect(await storedFacts(s, boardId)).toEqual(['nog een van anja', 'van anja', 'van bram']);

    // Restart on the same data directory: the ledger is stored, not just remembered.
    const expectedJson = boardToJSON(anjaClient.doc);
    for (const c of clients.splice(0)) c.destroy();
    await s.close();
    servers.splice(0);
    s = await startTestServer({ dataDir: data.dir });
    servers.push(s);
    expect(await authors(s, boardId, bram.cookie)).toEqual({
      [anjaId]: { name: 'anja' },
      [bramId]: { name: 'bram' },
    });
    const forgedAgain = factUpdateAs(await storedDoc(s, boardId), anjaId, 'weer namens anja');
    expect(await sendAs(s, boardId, bram.cookie, forgedAgain)).toBe(CloseCode.CLIENT_ID_TAKEN);
    const late = client(s, boardId, bram.cookie);
    await waitSynced(late);
    expect(boardToJSON(late.doc)).toEqual(expectedJson);
  });

  it('lets the same account reconnect with the same client id and its offline copy (the shared laptop)', async () => {
    const s = await startTestServer();
    servers.push(s);
    const anja = await addTestMember(s, s.schoolId, 'anja@school.nl', 'leerkracht');
    const bram = await addTestMember(s, s.schoolId, 'bram@school.nl', 'leerkracht');
    const boardId = await createBoardViaApi(s, 'Studiedag');
    const first = client(s, boardId, anja.cookie);
    const watcher = client(s, boardId, bram.cookie);
    await Promise.all([waitSynced(first), waitSynced(watcher)]);
    createFact(first.doc, { stepId: 's4', text: 'online geschreven' });
    await waitFor(() => listFacts(watcher.doc).length === 1, 'the first fact');
    const laptopId = first.doc.clientID;
    // The laptop goes offline and she writes on; the IndexedDB copy keeps everything.
    first.provider.disconnect();
    createFact(first.doc, { stepId: 's4', text: 'offline geschreven' });
    const saved = Y.encodeStateAsUpdate(first.doc);
    first.destroy();

    // The next morning, same account: a fresh doc (its own new client id) loads the copy and reconnects,
    // sending the offline fact under the laptop's old client id.
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, saved);
    const again = client(s, boardId, anja.cookie, reopened);
    await waitFor(() => listFacts(watcher.doc).length === 2, 'the offline fact to arrive');
    createFact(reopened, { stepId: 's4', text: 'na het herstarten' });
    await waitFor(() => listFacts(watcher.doc).length === 3, 'the new session’s fact');
    expect(again.provider.wsconnected).toBe(true);
    expect(await authors(s, boardId, bram.cookie)).toEqual({
      [laptopId]: { name: 'anja' },
      [reopened.clientID]: { name: 'anja' },
    });
    expect(await storedFacts(s, boardId)).toEqual([
      'na het herstarten',
      'offline geschreven',
      'online geschreven',
    ]);
  });
});

async function storedDoc(s: TestServer, boardId: string): Promise<Y.Doc> {
  const state = await s.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
  return doc;
}
