import { createFact, fillExampleStudyDay } from '@koers/board';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../boards/create-board';
import { namedDemoSchool } from '../datasets/testing';
import { addTestMember, connectClient, startTestServer, waitSynced } from '../testing/sync-test-kit';

/**
 * The export route on the real server (HTTP with cookies, real SQLite, a real y-websocket client filling
 * the board): who may export, what each format answers, the download name, the audit row.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let boardId: string;
let leerkracht: { cookie: string; userId: string };
let other: { cookie: string };
let projectorToken: string;
const demo = namedDemoSchool({ seed: 5, schoolYears: 2, pupilsPerGroup: 8 });
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  const board = await createBoard(server.store, {
    title: 'Studiedag één: groep 6',
    schoolId: server.schoolId,
  });
  boardId = board.id;
  leerkracht = await addTestMember(server, server.schoolId, 'leerkracht@export.nl', 'leerkracht');
  const otherSchool = server.auth.schools.createSchool('Andere school');
  other = await addTestMember(server, otherSchool.id, 'leider@andere.nl', 'leider');
  const leider = server.auth.schools.listMembers(server.schoolId).find((m) => m.role === 'leider')!;
  projectorToken = server.auth.services.projectorLinks.create({
    boardId,
    schoolId: server.schoolId,
    createdBy: leider.user.id,
  }).token;
  const dataset = server.datasets.create({
    schoolId: server.schoolId,
    name: 'LVS',
    sourceFileName: null,
    importedBy: null,
    results: demo.results,
  });
  // Fill the board as the team would: through a real sync client.
  const client = connectClient(server.url, boardId, { cookie: server.cookie });
  await waitSynced(client);
  fillExampleStudyDay(client.doc, dataset.id, { init: false });
  await waitSynced(client);
  client.destroy();
});
afterAll(async () => {
  await server?.stop();
});

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { headers: { origin: server.url, ...headers } });
}

describe('GET /api/boards/:id/export', () => {
  it('gives a member the Markdown report with its type, an ASCII file name from title and date, and the UTF-8 one', async () => {
    const response = await get(`/api/boards/${boardId}/export?format=md`, { cookie: leerkracht.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="studiedag-een-groep-6-${today()}.md"; ` +
        `filename*=UTF-8''Studiedag%20%C3%A9%C3%A9n%20groep%206%20${today()}.md`,
    );
    const md = await response.text();
    expect(md).toContain('# Studiedag één: groep 6');
    // The title lines name the school the board belongs to.
    const school = server.auth.schools.getSchool(server.schoolId)!.name;
    expect(md).toContain(`School: ${school}  \nDatum: `);
    // The data used: the school's dataset the charts read, with its totals (no pupil rows).
    expect(md).toMatch(
      /### Toetsgegevens\n\n- [^\n]+: \d+ leerlingen, schooljaren \d{4}-\d{4} t\/m \d{4}-\d{4}, /,
    );
    expect(md).toContain('## 8. Wat hebben we te doen?');
    expect(md).toContain('- Na elke instructiestap vijf minuten begeleid inoefenen');
    // Charts come from the school's dataset: every view drawn, as data tables.
    expect(md).not.toContain('kan niet meer worden getekend');
    expect(md.match(/^\| --- \|/gm)?.length).toBe(3);
    for (const name of demo.names) expect(md).not.toContain(name);
  });

  it('records the export in the audit log with the format', async () => {
    await get(`/api/boards/${boardId}/export?format=html`, { cookie: server.cookie });
    const entry = server.auth.services.audit.list(server.schoolId).find((e) => e.action === 'board.export');
    expect(entry).toMatchObject({ subjectId: boardId, details: expect.objectContaining({ format: 'html' }) });
  });

  it('answers each format with its content type and a file that opens', async () => {
    const pdf = await get(`/api/boards/${boardId}/export?format=pdf`, { cookie: server.cookie });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(
      `filename="studiedag-een-groep-6-${today()}.pdf"`,
    );
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), {
      mergePages: true,
    });
    expect(text.replace(/\s+/g, ' ')).toContain('Wat hebben we te doen?');

    const docx = await get(`/api/boards/${boardId}/export?format=docx`, { cookie: server.cookie });
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xml = await (
      await JSZip.loadAsync(await docx.arrayBuffer())
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('Welke zorgsignalen zien we?');

    const html = await get(`/api/boards/${boardId}/export?format=html`, { cookie: server.cookie });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await html.text()).match(/<svg role="img"/g)).toHaveLength(3);
  });

  it('includes what was typed seconds ago on the open board', async () => {
    const client = connectClient(server.url, boardId, { cookie: server.cookie });
    await waitSynced(client);
    createFact(client.doc, { stepId: 's5', text: 'Begrijpend lezen groep 7 stijgt weer' });
    await waitSynced(client);
    const md = await (await get(`/api/boards/${boardId}/export?format=md`, { cookie: server.cookie })).text();
    client.destroy();
    expect(md).toContain('- Begrijpend lezen groep 7 stijgt weer');
  });

  it('refuses an unknown format in Dutch', async () => {
    const response = await get(`/api/boards/${boardId}/export?format=exe`, { cookie: server.cookie });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Kies een formaat: md, html, pdf of docx.' });
  });

  it('refuses anonymous callers (401), another school (404) and a projector link (403), without auditing', async () => {
    const before = server.auth.services.audit.list(server.schoolId).length;
    expect((await get(`/api/boards/${boardId}/export?format=pdf`)).status).toBe(401);
    expect((await get(`/api/boards/${boardId}/export?format=pdf`, { cookie: other.cookie })).status).toBe(
      404,
    );
    expect(
      (await get(`/api/boards/${boardId}/export?format=pdf`, { 'x-koers-projector': projectorToken })).status,
    ).toBe(403);
    expect(server.auth.services.audit.list(server.schoolId)).toHaveLength(before);
  });

  it('draws no chart from another school’s dataset named in a chart view', async () => {
    const foreign = server.datasets.create({
      schoolId: server.auth.schools.createSchool('Derde school').id,
      name: 'Vreemd',
      sourceFileName: null,
      importedBy: null,
      results: namedDemoSchool({ seed: 9, schoolYears: 1, pupilsPerGroup: 5 }).results,
    });
    const board = await createBoard(server.store, { title: 'Leeg bord', schoolId: server.schoolId });
    const client = connectClient(server.url, board.id, { cookie: server.cookie });
    await waitSynced(client);
    fillExampleStudyDay(client.doc, foreign.id, { init: false });
    await waitSynced(client);
    client.destroy();
    const md = await (
      await get(`/api/boards/${board.id}/export?format=md`, { cookie: server.cookie })
    ).text();
    // Said for each of the three charts twice: in the list of data used and where the chart would stand.
    expect(md.match(/kan niet meer worden getekend/g)).toHaveLength(6);
    expect(md).not.toContain('| --- |');
  });
});
