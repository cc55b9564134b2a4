import { appendParagraphs, boardToJSON, stepText } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { forgeUpdate, poisonDeleteSetUpdate, sendUpdate, type ForgedClient } from '../testing/forged-updates';
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

/**
 * Each finding of the outside review, reproduced through a real socket: the update is refused with
 * UPDATE_REFUSED (4422) before it is applied, nothing of it is stored or relayed, the honest clients keep
 * editing, and after the room unloaded the board loads from storage with exactly the honest content.
 */

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

/** A fresh server and board with two honest clients, who already wrote a line in step 4. */
async function honestBoard(): Promise<{
  s: TestServer;
  boardId: string;
  anja: TestClient;
  bram: TestClient;
}> {
  const s = await startTestServer();
  server = s;
  const boardId = await createBoardViaApi(s, 'Studiedag');
  const anja = client(boardId);
  const bram = client(boardId);
  await Promise.all([waitSynced(anja), waitSynced(bram)]);
  appendParagraphs(stepText(anja.doc, 's4'), ['eerlijke regel 1']);
  await waitFor(() => bram.text('s4') === 'eerlijke regel 1', 'the first honest line');
  return { s, boardId, anja, bram };
}

/** Sends `update` on a fresh raw socket and returns the close code the server answered with. */
async function closeCodeAfterSending(s: TestServer, boardId: string, update: Uint8Array): Promise<number> {
  const ws = await openRawSocket(s, boardId);
  const closed = closeCodeOf(ws);
  sendUpdate(ws, update);
  return closed;
}

/**
 * The honest clients keep editing, nothing of the attack reached them, and once everyone left (the room
 * unloads and compacts) the stored board and a fresh client hold exactly the honest lines.
 */
async function expectHonestBoard(
  s: TestServer,
  boardId: string,
  anja: TestClient,
  bram: TestClient,
  attackers: number[] = [],
): Promise<void> {
  appendParagraphs(stepText(bram.doc, 's4'), ['eerlijke regel 2']);
  await waitFor(
    () => anja.text('s4') === 'eerlijke regel 1\neerlijke regel 2',
    'the honest edit after the attack',
  );
  for (const c of [anja, bram]) {
    expect(c.doc.store.pendingStructs).toBeNull();
    expect(c.doc.store.pendingDs).toBeNull();
    const clocks = Y.decodeStateVector(Y.encodeStateVector(c.doc));
    for (const attacker of attackers) expect(clocks.has(attacker)).toBe(false);
  }
  const expected = boardToJSON(anja.doc);

  for (const c of clients.splice(0)) c.destroy();
  const rooms = s.server.sync.rooms;
  await waitFor(() => rooms.size === 0 && rooms.unloadingCount === 0, 'the room to unload');

  const state = await s.store.loadBoardState(boardId);
  const stored = new Y.Doc();
  Y.applyUpdate(stored, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
  expect(stored.store.pendingStructs).toBeNull();
  expect(stored.store.pendingDs).toBeNull();
  expect(boardToJSON(stored)).toEqual(expected);
  expect(
    [...stored.share.keys()].every(
      (name) => name === 'meta' || name.startsWith('text:') || name === 'stepDone',
    ),
  ).toBe(true);

  const late = client(boardId);
  await waitSynced(late);
  expect(boardToJSON(late.doc)).toEqual(expected);
  expect((await s.store.getBoard(boardId))?.title).toBe('Studiedag');
}

/** The ID of the item holding `meta.title`: a real item of the server's client to point forged structs at. */
function titleItemId(doc: Y.Doc): { client: number; clock: number } {
  const item = doc.getMap('meta')._map.get('title');
  if (!item) throw new Error('no title item');
  return { client: item.id.client, clock: item.id.clock };
}

const ATTACKER = 1_234_567;
const OTHER = 7_654_321;

describe('the update guard refuses, through a real socket', () => {
  it('the 28-byte delete-set update for an unknown client beyond 2^53: refused, board intact after reload', async () => {
    const { s, boardId, anja, bram } = await honestBoard();
    const poison = poisonDeleteSetUpdate();
    expect(poison.byteLength).toBeLessThanOrEqual(28);
    expect(await closeCodeAfterSending(s, boardId, poison)).toBe(CloseCode.UPDATE_REFUSED);
    await expectHonestBoard(s, boardId, anja, bram, [4_242_424_242]);
  });

  it('updates with absurd clocks, lengths, origins and parents: each refused, none applied', async () => {
    const { s, boardId, anja, bram } = await honestBoard();
    const title = titleItemId(anja.doc);
    const paragraph = { xmlElement: 'paragraph' };
    const cases: Record<string, ForgedClient[] | [ForgedClient[], [number, number, number][]]> = {
      'a struct starting beyond its client’s clock': [
        { client: ATTACKER, clock: 5, items: [{ parentKey: 'text:s4', content: paragraph }] },
      ],
      'an origin at a client nobody knows': [
        { client: ATTACKER, clock: 0, items: [{ origin: [OTHER, 0], content: paragraph }] },
      ],
      'a right origin beyond a known client’s clock': [
        {
          client: ATTACKER,
          clock: 0,
          items: [{ rightOrigin: [title.client, title.clock + 1000], content: paragraph }],
        },
      ],
      'a parent nobody knows': [
        { client: ATTACKER, clock: 0, items: [{ parentId: [OTHER, 3], content: { string: 'x' } }] },
      ],
      'a parent that is not a type': [
        {
          client: ATTACKER,
          clock: 0,
          items: [{ parentId: [title.client, title.clock], content: { string: 'x' } }],
        },
      ],
      'a reference forward to its own client': [
        {
          client: ATTACKER,
          clock: 0,
          items: [
            { origin: [ATTACKER, 1], content: paragraph },
            { parentKey: 'text:s4', content: paragraph },
          ],
        },
      ],
      'two clients pointing at each other': [
        { client: ATTACKER, clock: 0, items: [{ origin: [OTHER, 0], content: paragraph }] },
        { client: OTHER, clock: 0, items: [{ origin: [ATTACKER, 0], content: paragraph }] },
      ],
      'a deleted run 2^40 long': [
        { client: ATTACKER, clock: 0, items: [{ parentKey: 'text:s4', content: { deleted: 2 ** 40 } }] },
      ],
      'a client id beyond 32 bits': [
        { client: 2 ** 40, clock: 0, items: [{ parentKey: 'text:s4', content: paragraph }] },
      ],
      'a delete range beyond a known client’s clock': [[], [[title.client, 0, 1_000_000]]],
    };
    for (const [name, forged] of Object.entries(cases)) {
      const update = Array.isArray(forged[0])
        ? forgeUpdate(...(forged as [ForgedClient[], [number, number, number][]]))
        : forgeUpdate(forged as ForgedClient[]);
      expect({ name, code: await closeCodeAfterSending(s, boardId, update) }).toEqual({
        name,
        code: CloseCode.UPDATE_REFUSED,
      });
    }
    await expectHonestBoard(s, boardId, anja, bram, [ATTACKER, OTHER, 2 ** 40]);
  });

  it('one JSON value nested 6,000 deep in a root map: refused, and the board keeps storing and relaying', async () => {
    const { s, boardId, anja, bram } = await honestBoard();
    let deep: unknown = 'bodem';
    for (let i = 0; i < 6000; i++) deep = [deep];
    const forger = new Y.Doc();
    forger.clientID = ATTACKER;
    forger.getMap('meta').set('title', deep);
    const update = Y.encodeStateAsUpdate(forger);
    expect(update.byteLength).toBeGreaterThan(12_000);
    expect(await closeCodeAfterSending(s, boardId, update)).toBe(CloseCode.UPDATE_REFUSED);
    await expectHonestBoard(s, boardId, anja, bram, [ATTACKER]);
  });

  it('an update with 1,000 subdocuments: refused before any of them is built', async () => {
    const { s, boardId, anja, bram } = await honestBoard();
    const forger = new Y.Doc();
    forger.clientID = ATTACKER;
    const subdocs = Array.from({ length: 1000 }, () => new Y.Doc());
    forger.getArray('text:s4').push(subdocs);
    expect(await closeCodeAfterSending(s, boardId, Y.encodeStateAsUpdate(forger))).toBe(
      CloseCode.UPDATE_REFUSED,
    );
    await expectHonestBoard(s, boardId, anja, bram, [ATTACKER]);
  });

  it('a 100,000-character title written inside the document by a stock client: refused, the list keeps its title', async () => {
    const { s, boardId, anja, bram } = await honestBoard();
    const mallory = client(boardId);
    await waitSynced(mallory);
    const codes: number[] = [];
    mallory.provider.on('connection-close', (event) => codes.push(event?.code ?? -1));
    mallory.doc.getMap('meta').set('title', 'x'.repeat(100_000));
    await waitFor(() => codes.length > 0, 'mallory’s socket to close');
    expect(codes[0]).toBe(CloseCode.UPDATE_REFUSED);
    // The stock client treats 44xx as permanent: it does not come back to try again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(codes).toHaveLength(1);
    expect(mallory.provider.shouldConnect).toBe(false);
    expect(boardToJSON(bram.doc).title).toBe('Studiedag');
    await expectHonestBoard(s, boardId, anja, bram, [mallory.doc.clientID]);
  });

  it('roots the layout does not know, and meta/stepDone/text values of the wrong type: each refused', async () => {
    const { s, boardId, anja, bram } = await honestBoard();
    const title = titleItemId(anja.doc);
    const item = (
      parentKey: string,
      parentSub: string | undefined,
      content: ForgedClient['items'][number]['content'],
    ): ForgedClient[] => [
      {
        client: ATTACKER,
        clock: 0,
        items: [{ parentKey, ...(parentSub === undefined ? {} : { parentSub }), content }],
      },
    ];
    const cases: Record<string, ForgedClient[]> = {
      'an unknown root': item('geheim', 'x', { any: ['y'] }),
      'a text root of a step that does not exist': item('text:s99', undefined, { xmlElement: 'paragraph' }),
      'meta.schemaVersion as a string': item('meta', 'schemaVersion', { any: ['2'] }),
      'an unknown meta key': item('meta', 'leerlingen', { any: ['Sanne, Ahmed'] }),
      'meta.title as a nested type': item('meta', 'title', { xmlElement: 'paragraph' }),
      'stepDone of a step as a string': item('stepDone', 's4', { any: ['ja'] }),
      'stepDone of an unknown step': item('stepDone', 's99', { any: [true] }),
      'a map entry in a step’s text': item('text:s4', 'x', { any: [1] }),
      'bare text directly in a step’s fragment': item('text:s4', undefined, { string: 'hoi' }),
      'a long title that copies its place from the current title': [
        {
          client: ATTACKER,
          clock: 0,
          items: [{ origin: [title.client, title.clock], content: { any: ['x'.repeat(121)] } }],
        },
      ],
    };
    for (const [name, forged] of Object.entries(cases)) {
      expect({ name, code: await closeCodeAfterSending(s, boardId, forgeUpdate(forged)) }).toEqual({
        name,
        code: CloseCode.UPDATE_REFUSED,
      });
    }
    await expectHonestBoard(s, boardId, anja, bram, [ATTACKER]);
  });

  it('lets honest work through: a long pasted text, marks, deletions, a title of 120 characters, step done', async () => {
    const { s, boardId, anja, bram } = await honestBoard();
    const long = Array.from({ length: 2000 }, (_, i) => `Alinea ${i}: ${'leesbegrip '.repeat(10)}`);
    appendParagraphs(stepText(anja.doc, 's5'), long);
    const fragment = stepText(anja.doc, 's5');
    const first = fragment.get(0) as Y.XmlElement;
    (first.get(0) as Y.XmlText).format(0, 6, { bold: true });
    fragment.delete(1, 5);
    anja.doc.getMap('meta').set('title', 'T'.repeat(120));
    anja.doc.getMap('stepDone').set('s4', true);
    await waitFor(
      () => boardToJSON(bram.doc).title === 'T'.repeat(120),
      'the honest edits on the other client',
    );
    expect(bram.text('s5')).toBe(anja.text('s5'));
    expect(boardToJSON(bram.doc).steps.find((step) => step.id === 's4')?.done).toBe(true);
    expect(anja.provider.wsconnected && bram.provider.wsconnected).toBe(true);
    void s;
  });
});
