import {
  boardToJSON,
  createCause,
  createBorging,
  createChartView,
  createTeamLearning,
  createFact,
  createFactor,
  createGridColumn,
  createLink,
  recordsMap,
  setAnalysisField,
  setBorgingAnchor,
  setCauseRecognised,
  setTeamLearningChoice,
  setCheckStatus,
  setCheckNote,
  setGridCell,
  updateFact,
  validateBoard,
} from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  createBoardViaApi,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';
import { CloseCode } from './close-codes';

/**
 * The update guard knows the canvas layout of packages/board: stock y-websocket clients write records, grid
 * cells, checks and links through the board accessors and it all reaches the others; a client writing past
 * the accessors (a wrong value, an unknown record type, a megabyte of text, a changed type, a nested map
 * where none belongs) is closed with 4422 and nothing of its write is stored or relayed.
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

/** The board as the server stored it (snapshot + log). */
async function storedDoc(s: TestServer, boardId: string): Promise<Y.Doc> {
  const state = await s.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
  return doc;
}

/** The close code of a stock client's socket once the server closes it. */
function nextCloseCode(c: TestClient): Promise<number> {
  return new Promise((resolve) => {
    c.provider.on('connection-close', (event) => resolve(event?.code ?? -1));
  });
}

async function canvasBoard(): Promise<{
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
  return { s, boardId, anja, bram };
}

describe('the update guard on the canvas', () => {
  it('lets a whole canvas edit through (records, cells, checks, links, recognition) and relays it', async () => {
    const { s, boardId, anja, bram } = await canvasBoard();
    const fact = createFact(anja.doc, { stepId: 's4', text: 'Rekenen groep 5 daalt drie metingen op rij' });
    const view = createChartView(anja.doc, {
      stepId: 's4',
      datasetId: 'dataset-1',
      analysisKind: 'trend-jaargroep',
      filters: { subject: 'Rekenen-Wiskunde', grade: 5 },
    });
    const cause = createCause(anja.doc, { text: 'Nieuwe methode sinds dit jaar', polarity: 'negatief' });
    createLink(anja.doc, { from: fact, to: cause, relation: 'ondersteunt' });
    createLink(anja.doc, { from: fact, to: view, relation: 'bron' });
    const factor = createFactor(anja.doc, { label: 'Instructietijd' });
    const column = createGridColumn(anja.doc, { label: 'Groep 5' });
    setGridCell(anja.doc, factor, column, '-');
    setCheckStatus(anja.doc, 'normen', 'helder', 'ja');
    setCheckNote(anja.doc, 'normen', 'gedeeld', 'Nog niet met het hele team besproken');
    setAnalysisField(anja.doc, 'question', 'Waarom daalt rekenen in groep 5?');
    setAnalysisField(anja.doc, 'purpose', 'verbeteren');
    setCauseRecognised(anja.doc, cause, 'anja', true);
    // Bram edits Anja's card and recognises her cause: fields of an existing record.
    await waitFor(() => recordsMap(bram.doc).has(cause), 'the cause at bram');
    updateFact(bram.doc, fact, { text: 'Rekenen groep 5 daalt vier metingen op rij' });
    setCauseRecognised(bram.doc, cause, 'bram', true);

    await waitFor(
      () => JSON.stringify(boardToJSON(anja.doc)) === JSON.stringify(boardToJSON(bram.doc)),
      'both clients to converge',
    );
    const json = boardToJSON(anja.doc);
    expect(json.canvas.causes[0]?.recognisedBy).toEqual(['anja', 'bram']);
    expect(json.canvas.facts[0]?.text).toBe('Rekenen groep 5 daalt vier metingen op rij');
    expect(json.canvas.links).toHaveLength(2);
    expect(anja.provider.wsconnected && bram.provider.wsconnected).toBe(true);

    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => s.server.sync.rooms.size === 0, 'the room to unload');
    const stored = await storedDoc(s, boardId);
    expect(boardToJSON(stored)).toEqual(json);
    expect(validateBoard(stored)).toEqual([]);
  });

  it('lets team learning and borging through with their ticked choices (nested choice sets), and refuses an unknown choice', async () => {
    const { s, boardId, anja, bram } = await canvasBoard();
    const learning = createTeamLearning(anja.doc, { text: 'Effectieve instructie' });
    setTeamLearningChoice(anja.doc, learning, 'forms', 'lesbezoeken', true);
    setTeamLearningChoice(anja.doc, learning, 'supportOptions', 'os:2', true);
    setTeamLearningChoice(anja.doc, learning, 'trainingOptions', 'os:9', true);
    const borging = createBorging(anja.doc, { insight: 'Elke les begint met een terugblik' });
    setBorgingAnchor(anja.doc, borging, 'afspraken', true);
    await waitFor(() => recordsMap(bram.doc).has(borging), 'the borging at bram');
    setBorgingAnchor(bram.doc, borging, 'cultuur', true);
    await waitFor(
      () => JSON.stringify(boardToJSON(anja.doc)) === JSON.stringify(boardToJSON(bram.doc)),
      'both clients to converge',
    );
    const json = boardToJSON(anja.doc);
    expect(json.canvas.teamLearning[0]).toMatchObject({
      forms: ['lesbezoeken'],
      supportOptions: ['os:2'],
      trainingOptions: ['os:9'],
    });
    expect(json.canvas.borging[0]?.anchoredIn).toEqual(['afspraken', 'cultuur']);
    expect(anja.provider.wsconnected && bram.provider.wsconnected).toBe(true);

    // A choice outside the catalogue, written past the accessor: refused, the socket closed.
    const closed = nextCloseCode(bram);
    const set = recordsMap(bram.doc).get(borging)?.get('anchoredIn') as Y.Map<boolean>;
    set.set('leerlingnamen', true);
    expect(await closed).toBe(CloseCode.UPDATE_REFUSED);
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => s.server.sync.rooms.size === 0, 'the room to unload');
    expect(boardToJSON(await storedDoc(s, boardId)).canvas.borging[0]?.anchoredIn).toEqual([
      'afspraken',
      'cultuur',
    ]);
  });

  const refused: [string, (doc: Y.Doc, ids: { fact: string; cause: string }) => void][] = [
    [
      'a field value its schema refuses',
      (doc, { cause }) => recordsMap(doc).get(cause)?.set('polarity', 'misschien'),
    ],
    [
      'a field the record type does not have',
      (doc, { fact }) => recordsMap(doc).get(fact)?.set('pupil', 'Sanne'),
    ],
    [
      'a record of an unknown type',
      (doc) => {
        const sticker = new Y.Map<unknown>();
        recordsMap(doc).set('AAAAAAAAAAAAAAAA', sticker);
        sticker.set('type', 'sticker');
        sticker.set('text', 'hallo');
      },
    ],
    [
      'a text of 1 MB in a card',
      (doc, { fact }) => recordsMap(doc).get(fact)?.set('text', 'x'.repeat(1_000_000)),
    ],
    ['a change of a record’s type', (doc, { fact }) => recordsMap(doc).get(fact)?.set('type', 'cause')],
    [
      'a nested map where the type declares none',
      (doc, { fact }) => recordsMap(doc).get(fact)?.set('text', new Y.Map()),
    ],
    [
      'a recognition that is not true',
      (doc, { cause }) =>
        (recordsMap(doc).get(cause)?.get('recognisedBy') as Y.Map<unknown>).set('eve', 'ja'),
    ],
    [
      'a plain value as a record',
      (doc) => (recordsMap(doc) as Y.Map<unknown>).set('BBBBBBBBBBBBBBBB', 'kaart'),
    ],
    [
      'a record under a key that is not a record id',
      (doc) => {
        const map = new Y.Map<unknown>();
        recordsMap(doc).set('kort', map);
      },
    ],
    [
      'a grid cell of another value',
      (doc) => doc.getMap('gridCells').set('AAAAAAAAAAAAAAAA|BBBBBBBBBBBBBBBB', 'x'),
    ],
    ['an unknown checklist item', (doc) => doc.getMap('checks').set('normen:bestaatniet:status', 'ja')],
    ['an analysis field of the wrong type', (doc) => doc.getMap('analysis').set('purpose', 42)],
  ];

  it.each(refused)(
    'refuses %s with 4422: nothing stored or relayed, the others carry on',
    async (_what, attack) => {
      const { s, boardId, anja, bram } = await canvasBoard();
      const fact = createFact(anja.doc, { stepId: 's4', text: 'Eerlijk feit' });
      const cause = createCause(anja.doc, { text: 'Eerlijke oorzaak', polarity: 'positief' });
      await waitFor(
        () => recordsMap(bram.doc).has(cause) && recordsMap(bram.doc).has(fact),
        'the records at bram',
      );
      const honest = boardToJSON(anja.doc);

      const eve = client(boardId);
      await waitSynced(eve);
      const closed = nextCloseCode(eve);
      attack(eve.doc, { fact, cause });
      expect(await closed).toBe(CloseCode.UPDATE_REFUSED);
      // Permanent: the stock client does not retry (and resend) the refused update.
      await waitFor(() => !eve.provider.shouldConnect, 'the stock client to stop');

      // The honest clients keep writing, and nothing of the attack reached them.
      createFact(bram.doc, { stepId: 's4', text: 'Na de aanval' });
      await waitFor(() => boardToJSON(anja.doc).canvas.facts.length === 2, 'the edit after the attack');
      expect(
        boardToJSON(anja.doc)
          .canvas.facts.map((f) => f.text)
          .sort(),
      ).toEqual(['Eerlijk feit', 'Na de aanval']);
      expect(validateBoard(anja.doc)).toEqual([]);
      expect(boardToJSON(anja.doc).canvas.causes).toEqual(honest.canvas.causes);

      for (const c of clients.splice(0)) c.destroy();
      await waitFor(() => s.server.sync.rooms.size === 0, 'the room to unload');
      const stored = await storedDoc(s, boardId);
      expect(validateBoard(stored)).toEqual([]);
      const clocks = Y.decodeStateVector(Y.encodeStateVector(stored));
      expect(clocks.has(eve.doc.clientID)).toBe(false);
    },
  );
});
