import {
  boardToJSON,
  fillExampleStudyDay,
  listActions,
  readAction,
  updateAction,
  type BoardJSON,
} from '@koers/board';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { namedDemoSchool } from '../datasets/testing';
import type { CarriedFiguresAnswer } from './carried-figures';
import { createBoard } from './create-board';
import {
  addTestMember,
  connectClient,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';

/**
 * "Nieuw bord vanuit dit bord" on the real server: the source board is filled and edited by a real
 * y-websocket client (and stays open, so the route reads the live room), the new board is read back by
 * another real client, and its carried actions' figures are checked by hand against the dataset's rows.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let sourceId: string;
let datasetId: string;
let leerkracht: { cookie: string; userId: string };
let source: TestClient;
const demo = namedDemoSchool({ seed: 11, schoolYears: 2, pupilsPerGroup: 9 });
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  leerkracht = await addTestMember(server, server.schoolId, 'anja@cyclus.nl', 'leerkracht');
  datasetId = server.datasets.create({
    schoolId: server.schoolId,
    name: 'LVS',
    sourceFileName: null,
    importedBy: null,
    results: demo.results,
  }).id;
  sourceId = (await createBoard(server.store, { title: 'Studiedag januari', schoolId: server.schoolId })).id;
  source = connectClient(server.url, sourceId, { cookie: server.cookie });
  clients.push(source);
  await waitSynced(source);
  fillExampleStudyDay(source.doc, datasetId, { init: false });
  const byWhat = Object.fromEntries(listActions(source.doc).map((a) => [a.what, a.id]));
  // Closed, established, still open with "deels"; and the first one names groep 6 rekenen.
  updateAction(source.doc, byWhat['Rekenbeleid herschrijven']!, { done: true });
  updateAction(source.doc, byWhat['Rekenmethode evalueren']!, { effect: 'ja' });
  updateAction(source.doc, byWhat['Lesbezoeken rekenen in alle groepen']!, { effect: 'deels' });
  updateAction(source.doc, byWhat['Na elke instructiestap vijf minuten begeleid inoefenen']!, {
    focusGrade: 6,
    focusSubject: 'Rekenen-Wiskunde',
  });
  await untilServerHas(sourceId, (doc) => listActions(doc).some((a) => a.focusGrade === 6));
});

/** Waits until the server's room of the board holds what `check` looks for. */
async function untilServerHas(boardId: string, check: (doc: Y.Doc) => boolean): Promise<void> {
  await waitFor(() => {
    const room = server.server.sync.rooms.get(boardId);
    return room !== undefined && check(room.doc);
  }, 'the server to have the edit');
}
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

function post(path: string, cookie: string, body: unknown) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { origin: server.url, cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function openBoard(boardId: string, cookie = server.cookie): Promise<TestClient> {
  const client = connectClient(server.url, boardId, { cookie });
  clients.push(client);
  await waitSynced(client);
  return client;
}

describe('POST /api/boards/:id/next-cycle', () => {
  let created: {
    board: { id: string; title: string };
    source: { id: string; title: string };
    carried: unknown;
  };
  let next: BoardJSON;

  it('creates a board of the same school carrying exactly the question, norms, open actions and open questions', async () => {
    const response = await post(`/api/boards/${sourceId}/next-cycle`, server.cookie, {});
    expect(response.status).toBe(201);
    created = (await response.json()) as typeof created;
    expect(created.board.title).toBe('Vervolg op Studiedag januari');
    expect(created.source).toEqual({ id: sourceId, title: 'Studiedag januari' });
    expect(created.carried).toEqual({ actions: 2, researchCauses: 1, questions: 3 });
    expect((await server.store.getBoard(created.board.id))?.schoolId).toBe(server.schoolId);

    const client = await openBoard(created.board.id);
    next = boardToJSON(client.doc);
    expect(next.source).toEqual({ boardId: sourceId, title: 'Studiedag januari' });
    expect(next.analysis.question).toBe('Waarom blijft rekenen in groep 6 achter bij de minimumnorm?');
    // The example board names no dataset in its context; the figures then come from the school's newest.
    expect(next.analysis.datasetId).toBeNull();
    const sourceActions = Object.fromEntries(listActions(source.doc).map((a) => [a.what, a.id]));
    expect(next.canvas.actions.map((a) => [a.what, a.successCriterion, a.carriedFrom, a.effect])).toEqual([
      [
        'Na elke instructiestap vijf minuten begeleid inoefenen',
        '80% haalt de methodetoets van blok 4',
        {
          boardId: sourceId,
          recordId: sourceActions['Na elke instructiestap vijf minuten begeleid inoefenen'],
        },
        null,
      ],
      [
        'Lesbezoeken rekenen in alle groepen',
        '',
        { boardId: sourceId, recordId: sourceActions['Lesbezoeken rekenen in alle groepen'] },
        null,
      ],
    ]);
    expect(next.canvas.causes.map((c) => c.text)).toEqual(['Invloed van de nieuwe rekenmethode']);
    expect(next.steps.find((s) => s.id === 's1')?.text).toContain(
      'Wat we na "Studiedag januari" nog niet wisten:',
    );
    // The source is untouched.
    expect(listActions(source.doc)).toHaveLength(4);
  });

  it('lets a teacher answer "effect vastgesteld?" on the new board, and the server stores it', async () => {
    const client = await openBoard(created.board.id, leerkracht.cookie);
    const action = next.canvas.actions[0]!;
    updateAction(client.doc, action.id, { effect: 'deels', effectNote: 'Groep 6A steeg, 6B niet.' });
    await untilServerHas(created.board.id, (doc) => readAction(doc, action.id)?.effect === 'deels');
    const leider = await openBoard(created.board.id);
    await waitFor(
      () => readAction(leider.doc, action.id)?.effect === 'deels',
      'the effect to reach the leider',
    );
    expect(readAction(leider.doc, action.id)?.effectNote).toBe('Groep 6A steeg, 6B niet.');
  });

  it('gives the carried actions the new figures of the group and subject they name, counted by hand', async () => {
    const response = await fetch(`${server.url}/api/boards/${created.board.id}/carried-figures`, {
      headers: { cookie: leerkracht.cookie },
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as CarriedFiguresAnswer;
    const years = [...new Set(demo.results.map((r) => r.schoolYear))].sort();
    const year = years[years.length - 1]!;
    const moment = ['E', 'M', 'B'].find((m) =>
      demo.results.some((r) => r.schoolYear === year && r.moment === m),
    );
    expect(answer.context).toMatchObject({ datasetId, schoolYear: year, moment });
    // What an action may name as its focus: the results' subjects and jaargroepen.
    expect(answer.context?.subjects).toContain('Rekenen-Wiskunde');
    expect(answer.context?.grades).toContain(6);
    const focused = answer.actions.find((a) => a.recordId === next.canvas.actions[0]!.id)!;
    expect(focused.scope).toBe('groep 6, Rekenen-Wiskunde');
    const classes = [
      ...new Set(demo.results.filter((r) => r.grade === 6 && r.schoolYear === year).map((r) => r.className)),
    ].sort();
    expect(focused.figures.map((f) => f.label).sort()).toEqual(
      classes.map((c) => `Groep ${c} · Rekenen-Wiskunde`),
    );
    for (const className of classes) {
      const rows = demo.results.filter(
        (r) =>
          r.schoolYear === year &&
          r.moment === moment &&
          r.className === className &&
          r.subject === 'Rekenen-Wiskunde' &&
          ['I', 'II', 'III', 'IV', 'V'].includes(r.level ?? ''),
      );
      const onI_III = rows.filter((r) => ['I', 'II', 'III'].includes(r.level ?? '')).length;
      const figure = focused.figures.find((f) => f.label === `Groep ${className} · Rekenen-Wiskunde`)!;
      expect(figure.pctOnI_III).toBe(Math.round((1000 * onI_III) / rows.length) / 10);
      expect(figure.n).toBe(rows.length >= 5 ? rows.length : null);
      expect(figure.small).toBe(rows.length < 5);
    }
    // The action naming neither: the school's figures in every subject.
    const school = answer.actions.find((a) => a.recordId === next.canvas.actions[1]!.id)!;
    expect(school.scope).toBe('de hele school');
    expect(school.figures.map((f) => f.subject).sort()).toEqual(
      [
        ...new Set(
          demo.results.filter((r) => r.schoolYear === year && r.moment === moment).map((r) => r.subject),
        ),
      ].sort(),
    );
    for (const name of demo.names.slice(0, 30)) expect(JSON.stringify(answer)).not.toContain(name);
  });

  it('refuses a teacher (403) and creates nothing', async () => {
    const before = (await server.store.listBoards({ schoolId: server.schoolId })).length;
    const response = await post(`/api/boards/${sourceId}/next-cycle`, leerkracht.cookie, {});
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: expect.any(String) });
    expect((await server.store.listBoards({ schoolId: server.schoolId })).length).toBe(before);
  });

  it('takes the leider’s own title, and audits the creation', async () => {
    const response = await post(`/api/boards/${sourceId}/next-cycle`, server.cookie, {
      title: 'Studiedag juni',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { board: { id: string; title: string } };
    expect(body.board.title).toBe('Studiedag juni');
    const entry = server.auth.services.audit
      .list(server.schoolId)
      .find((e) => e.action === 'board.next-cycle' && e.subjectId === body.board.id);
    expect(entry?.details).toMatchObject({ sourceBoardId: sourceId, actions: 2 });
  });
});
