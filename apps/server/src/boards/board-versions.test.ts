import { appendParagraphs, boardToJSON, createFact, listFacts, stepText, type BoardJSON } from '@koers/board';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
 * Named versions on the real server: made from the live room, looked at read-only, restored as a new edit
 * through the room that a connected y-websocket client receives, and the restore undone by restoring the
 * automatic "Voor herstel van …" version; then the same with nobody on the board (storage only).
 */

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let leerkracht: { cookie: string; userId: string };
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  leerkracht = await addTestMember(server, server.schoolId, 'anja@versies.nl', 'leerkracht');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

interface VersionView {
  id: string;
  name: string;
  kind: 'named' | 'auto';
}

function call(method: string, path: string, cookie = server.cookie, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      origin: server.url,
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function open(boardId: string, cookie: string): Promise<TestClient> {
  const client = connectClient(server.url, boardId, { cookie });
  clients.push(client);
  await waitSynced(client);
  return client;
}

const factTexts = (doc: Y.Doc): string[] => listFacts(doc).map((f) => f.text);

async function stored(boardId: string): Promise<BoardJSON> {
  const state = await server.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
  return boardToJSON(doc);
}

describe('named versions of a board', () => {
  it('make, list, view; restore reaches a connected client; the automatic version undoes the restore', async () => {
    const boardId = (await createBoard(server.store, { title: 'Studiedag', schoolId: server.schoolId })).id;
    const leider = await open(boardId, server.cookie);
    const anja = await open(boardId, leerkracht.cookie);
    createFact(leider.doc, { stepId: 's4', text: 'Groep 6 onder de minimumnorm' });
    appendParagraphs(stepText(leider.doc, 's11'), ['Samenvatting na de studiedag']);
    await waitFor(() => factTexts(anja.doc).length === 1, 'the fact to reach Anja');

    const made = await call('POST', `/api/boards/${boardId}/versions`, server.cookie, {
      name: 'na de studiedag',
    });
    expect(made.status).toBe(201);
    const { version } = (await made.json()) as { version: VersionView };
    expect(version).toMatchObject({ name: 'na de studiedag', kind: 'named' });

    // Later work by Anja: a new card, the summary rewritten.
    createFact(anja.doc, { stepId: 's4', text: 'Later toegevoegd' });
    stepText(anja.doc, 's11').delete(0, 1);
    appendParagraphs(stepText(anja.doc, 's11'), ['Herschreven']);
    await waitFor(() => factTexts(leider.doc).includes('Later toegevoegd'), 'the later card at the leider');

    // The version is read-only JSON of the board as it was.
    const viewed = await call('GET', `/api/boards/${boardId}/versions/${version.id}`, leerkracht.cookie);
    expect(viewed.status).toBe(200);
    const { board } = (await viewed.json()) as { board: BoardJSON };
    expect(board.canvas.facts.map((f) => f.text)).toEqual(['Groep 6 onder de minimumnorm']);
    expect(board.steps.find((s) => s.id === 's11')?.text).toBe('Samenvatting na de studiedag');

    // A teacher may not restore; nothing changes.
    expect(
      (await call('POST', `/api/boards/${boardId}/versions/${version.id}/restore`, leerkracht.cookie)).status,
    ).toBe(403);
    expect(factTexts(anja.doc)).toContain('Later toegevoegd');

    const restored = await call('POST', `/api/boards/${boardId}/versions/${version.id}/restore`);
    expect(restored.status).toBe(200);
    const { undo } = (await restored.json()) as { undo: VersionView };
    expect(undo).toMatchObject({ name: 'Voor herstel van na de studiedag', kind: 'auto' });
    // Anja's open board receives the restore.
    await waitFor(() => factTexts(anja.doc).length === 1, 'the restore to reach Anja');
    expect(factTexts(anja.doc)).toEqual(['Groep 6 onder de minimumnorm']);
    expect(anja.text('s11')).toBe('Samenvatting na de studiedag');
    expect(factTexts(leider.doc)).toEqual(['Groep 6 onder de minimumnorm']);
    await server.server.sync.rooms.get(boardId)?.whenWritten();
    expect((await stored(boardId)).canvas.facts.map((f) => f.text)).toEqual(['Groep 6 onder de minimumnorm']);

    const list = await call('GET', `/api/boards/${boardId}/versions`, leerkracht.cookie);
    const { versions } = (await list.json()) as { versions: VersionView[] };
    expect(versions.map((v) => [v.name, v.kind])).toEqual([
      ['Voor herstel van na de studiedag', 'auto'],
      ['na de studiedag', 'named'],
    ]);

    // Undo the restore: Anja's later work comes back, on every open board.
    expect((await call('POST', `/api/boards/${boardId}/versions/${undo.id}/restore`)).status).toBe(200);
    await waitFor(() => factTexts(anja.doc).includes('Later toegevoegd'), 'the undo to reach Anja');
    expect(factTexts(anja.doc).sort()).toEqual(['Groep 6 onder de minimumnorm', 'Later toegevoegd']);
    expect(anja.text('s11')).toBe('Herschreven');
    await waitFor(() => factTexts(leider.doc).length === 2, 'the undo to reach the leider');

    // Both can keep editing after the restores.
    createFact(anja.doc, { stepId: 's4', text: 'Na het herstel' });
    await waitFor(() => factTexts(leider.doc).includes('Na het herstel'), 'a new edit after the restores');
  });

  it('restores a board nobody has open: the edit is stored and the room unloads again', async () => {
    const boardId = (await createBoard(server.store, { title: 'Leeg', schoolId: server.schoolId })).id;
    const made = await call('POST', `/api/boards/${boardId}/versions`, server.cookie, { name: 'leeg' });
    const { version } = (await made.json()) as { version: VersionView };
    const writer = await open(boardId, server.cookie);
    createFact(writer.doc, { stepId: 's4', text: 'Weg na herstel' });
    await waitFor(() => {
      const room = server.server.sync.rooms.get(boardId);
      return room !== undefined && factTexts(room.doc).length === 1;
    }, 'the server to have the card');
    writer.destroy();
    await waitFor(() => server.server.sync.rooms.get(boardId) === undefined, 'the room to unload');
    await server.server.sync.rooms.whenUnloaded(boardId);

    expect((await call('POST', `/api/boards/${boardId}/versions/${version.id}/restore`)).status).toBe(200);
    expect((await stored(boardId)).canvas.facts).toEqual([]);
    await waitFor(
      () => server.server.sync.rooms.get(boardId) === undefined,
      'the room to unload after the restore',
    );
    const reader = await open(boardId, leerkracht.cookie);
    expect(factTexts(reader.doc)).toEqual([]);
  });

  it('refuses an empty name with a Dutch message and stores nothing; an unknown version is 404', async () => {
    const boardId = (await createBoard(server.store, { title: 'Naamloos', schoolId: server.schoolId })).id;
    const response = await call('POST', `/api/boards/${boardId}/versions`, server.cookie, { name: '   ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Geef de versie een naam van 1 tot 80 tekens.' });
    expect(server.versions.list(boardId)).toEqual([]);
    expect((await call('GET', `/api/boards/${boardId}/versions/bestaatniet`)).status).toBe(404);
    expect((await call('POST', `/api/boards/${boardId}/versions/bestaatniet/restore`)).status).toBe(404);
    expect(server.versions.list(boardId)).toEqual([]);
  });

  it('audits making and restoring a version', async () => {
    const entries = server.auth.services.audit.list(server.schoolId).map((e) => e.action);
    expect(entries).toContain('board.version-create');
    expect(entries).toContain('board.version-restore');
  });
});
