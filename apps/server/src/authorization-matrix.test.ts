import { CHART_KINDS, appendParagraphs, boardToJSON, stepText } from '@koers/board';
import { resultsToCanonicalCsv } from '@koers/analysis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createBoard } from './boards/create-board';
import { namedDemoSchool } from './datasets/testing';
import { CloseCode } from './sync/close-codes';
import { addStoredChartView } from './testing/board-fixtures';
import { FacilitationClient } from './testing/facilitation-client';
import {
  addTestMember,
  connectClient,
  startTestServer,
  TEST_PASSWORD,
  serverRoundTrip,
  waitSynced,
  type TestClient,
} from './testing/sync-test-kit';

/**
 * The authorization matrix on the real, fully wired server (`startServer` on port 0, real HTTP with
 * cookies, real SQLite, real sockets): every API route the app has mounted, and the sync endpoint, ×
 * every kind of caller, each cell asserting the exact status. A route without a row fails the test, so a
 * new route cannot ship without deciding who may call it. Every cell gets a fresh school pair (boards,
 * people, links, invites, a dataset), so allowed destructive calls do not change the next cell.
 */

const ACTORS = [
  'anonymous',
  'leerkracht',
  'leider',
  'otherSchool',
  'projector',
  'revokedLink',
  'expiredSession',
] as const;
type ActorName = (typeof ACTORS)[number];
type Row = Record<ActorName, number>;

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const demo = namedDemoSchool({ seed: 7, schoolYears: 1, pupilsPerGroup: 5 });
const CSV = resultsToCanonicalCsv(demo.results);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

let fixtures = 0;

async function fixture() {
  const n = ++fixtures;
  const { schools, invites, projectorLinks } = server.auth.services;
  const schoolA = schools.createSchool(`School A ${n}`);
  const schoolB = schools.createSchool(`School B ${n}`);
  const board = async (schoolId: string, title: string) =>
    (await createBoard(server.store, { title, schoolId })).id;
  const boardA = await board(schoolA.id, 'Studiedag A');
  const boardA2 = await board(schoolA.id, 'Ander bord A');
  const leider = await addTestMember(server, schoolA.id, `leider${n}@a.nl`, 'leider');
  const leerkracht = await addTestMember(server, schoolA.id, `leerkracht${n}@a.nl`, 'leerkracht');
  const victim = await addTestMember(server, schoolA.id, `vertrekt${n}@a.nl`, 'leerkracht');
  const otherSchool = await addTestMember(server, schoolB.id, `leider${n}@b.nl`, 'leider');
  const expired = await addTestMember(server, schoolA.id, `verlopen${n}@a.nl`, 'leider');
  server.db.prepare('UPDATE sessions SET expires_at = 0 WHERE user_id = ?').run(expired.userId);
  const link = (boardId: string) =>
    projectorLinks.create({ boardId, schoolId: schoolA.id, createdBy: leider.userId });
  const projector = link(boardA);
  const revoked = link(boardA);
  projectorLinks.revoke(revoked.link.id);
  const linkToDelete = link(boardA);
  const teamLink = invites.createTeamLink({ schoolId: schoolA.id, createdBy: leider.userId });
  const dataset = server.datasets.create({
    schoolId: schoolA.id,
    name: 'Resultaten',
    sourceFileName: null,
    importedBy: leider.userId,
    results: demo.results,
  });
  const view = (boardId: string) =>
    addStoredChartView(server.store, boardId, {
      stepId: 's4',
      datasetId: dataset.id,
      analysisKind: 'overzicht',
    });
  const viewA = await view(boardA);
  const viewA2 = await view(boardA2);
  // A named version of board A, and one of board A2 (never reachable through board A).
  const version = (boardId: string) =>
    server.versions.create({
      boardId,
      name: 'na de studiedag',
      kind: 'named',
      state: Y.encodeStateAsUpdate(new Y.Doc()),
      createdBy: leider.userId,
    }).id;
  const versionA = version(boardA);
  const versionA2 = version(boardA2);
  const credentials: Record<ActorName, { cookie?: string; projector?: string }> = {
    anonymous: {},
    leerkracht: { cookie: leerkracht.cookie },
    leider: { cookie: leider.cookie },
    otherSchool: { cookie: otherSchool.cookie },
    projector: { projector: projector.token },
    revokedLink: { projector: revoked.token },
    expiredSession: { cookie: expired.cookie },
  };
  return {
    n,
    schoolA,
    boardA,
    boardA2,
    leerkracht,
    victim,
    projector,
    revoked,
    linkToDelete,
    teamLink,
    dataset,
    viewA,
    viewA2,
    versionA,
    versionA2,
    credentials,
  };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

interface Body {
  json?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

interface Cell {
  name: string;
  /** The mounted route this row exercises, as Hono lists it: `METHOD /path/:param`. */
  route: string;
  path: (f: Fixture) => string;
  body?: (f: Fixture, actor: ActorName) => Body;
  expected: Row;
}

const SAME = (status: number): Row => Object.fromEntries(ACTORS.map((a) => [a, status])) as Row;
/** The usual shape: logged out and dead credentials 401, a projector link 403 unless said otherwise. */
const row = (cells: Partial<Row> & Pick<Row, 'leerkracht' | 'leider' | 'otherSchool'>): Row => ({
  anonymous: 401,
  projector: 403,
  revokedLink: 401,
  expiredSession: 401,
  ...cells,
});
const LEIDER_OF_OWN_SCHOOL = (ok: number): Row => row({ leerkracht: 403, leider: ok, otherSchool: ok });
const LEIDER_OF_SCHOOL_A = (ok: number): Row => row({ leerkracht: 403, leider: ok, otherSchool: 404 });
const MEMBERS_OF_SCHOOL_A = row({ leerkracht: 200, leider: 200, otherSchool: 404 });
const MEMBERS_OWN_SCHOOL = row({ leerkracht: 200, leider: 200, otherSchool: 200 });
const csvUpload = (): Body => ({
  raw: CSV,
  headers: { 'content-type': 'text/csv', 'x-koers-filename': 'resultaten.csv' },
});

const CELLS: Cell[] = [
  { name: 'health check', route: 'GET /healthz', path: () => '/healthz', expected: SAME(200) },
  // Boards: members list their own school's; creating is the leider's; a projector link reads its board only.
  { name: 'list boards', route: 'GET /api/boards', path: () => '/api/boards', expected: MEMBERS_OWN_SCHOOL },
  {
    name: 'create a board',
    route: 'POST /api/boards',
    path: () => '/api/boards',
    body: () => ({ json: { title: 'Nieuw bord' } }),
    expected: LEIDER_OF_OWN_SCHOOL(201),
  },
  {
    name: 'read a board',
    route: 'GET /api/boards/:id',
    path: (f) => `/api/boards/${f.boardA}`,
    expected: { ...MEMBERS_OF_SCHOOL_A, projector: 200 },
  },
  {
    name: 'read another board of the school',
    route: 'GET /api/boards/:id',
    path: (f) => `/api/boards/${f.boardA2}`,
    expected: { ...MEMBERS_OF_SCHOOL_A, projector: 404 },
  },
  {
    name: 'read an unknown board',
    route: 'GET /api/boards/:id',
    path: () => '/api/boards/bestaatniet',
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404, projector: 404 }),
  },
  // Step 11's export: members of the board's school; a projector link shows the board, it does not take it home.
  {
    name: 'export a board',
    route: 'GET /api/boards/:id/export',
    path: (f) => `/api/boards/${f.boardA}/export?format=md`,
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    name: 'export a board in an unknown format',
    route: 'GET /api/boards/:id/export',
    path: (f) => `/api/boards/${f.boardA}/export?format=exe`,
    expected: row({ leerkracht: 400, leider: 400, otherSchool: 404 }),
  },
  {
    name: 'export an unknown board',
    route: 'GET /api/boards/:id/export',
    path: () => '/api/boards/bestaatniet/export?format=pdf',
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404, projector: 404 }),
  },
  {
    name: 'delete a board',
    route: 'DELETE /api/boards/:id',
    path: (f) => `/api/boards/${f.boardA}`,
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'delete an unknown board',
    route: 'DELETE /api/boards/:id',
    path: () => '/api/boards/bestaatniet',
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404, projector: 404 }),
  },
  {
    // Names behind the client ids: members only; a projector never shows names.
    name: 'read who wrote on a board',
    route: 'GET /api/boards/:id/authors',
    path: (f) => `/api/boards/${f.boardA}/authors`,
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    // The school's team by id and name, to choose an action's owner: members only, never the projector.
    name: 'read the team of a board',
    route: 'GET /api/boards/:id/team',
    path: (f) => `/api/boards/${f.boardA}/team`,
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    name: 'authors of an unknown board',
    route: 'GET /api/boards/:id/authors',
    path: () => '/api/boards/bestaatniet/authors',
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404, projector: 404 }),
  },
  {
    // Aggregates of a chart on the board: members, and the board's own projector link.
    name: 'read a chart view of the board',
    route: 'GET /api/boards/:id/views/:viewId/chart',
    path: (f) => `/api/boards/${f.boardA}/views/${f.viewA}/chart`,
    expected: { ...MEMBERS_OF_SCHOOL_A, projector: 200 },
  },
  {
    // The projector link of board A on another board of its school: as if it did not exist.
    name: 'read a chart view of another board of the school',
    route: 'GET /api/boards/:id/views/:viewId/chart',
    path: (f) => `/api/boards/${f.boardA2}/views/${f.viewA2}/chart`,
    expected: { ...MEMBERS_OF_SCHOOL_A, projector: 404 },
  },
  {
    name: 'read a chart view that is not on the board',
    route: 'GET /api/boards/:id/views/:viewId/chart',
    path: (f) => `/api/boards/${f.boardA}/views/${f.viewA2}/chart`,
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404, projector: 404 }),
  },
  // The next cycle (issue 11): a new board from this one is the leider's, like creating a board.
  {
    name: 'new board from this board',
    route: 'POST /api/boards/:id/next-cycle',
    path: (f) => `/api/boards/${f.boardA}/next-cycle`,
    body: () => ({ json: {} }),
    expected: LEIDER_OF_SCHOOL_A(201),
  },
  {
    name: 'new board from this board with a title that is too long',
    route: 'POST /api/boards/:id/next-cycle',
    path: (f) => `/api/boards/${f.boardA}/next-cycle`,
    body: () => ({ json: { title: 'x'.repeat(121) } }),
    expected: LEIDER_OF_SCHOOL_A(400),
  },
  {
    name: 'new board from an unknown board',
    route: 'POST /api/boards/:id/next-cycle',
    path: () => '/api/boards/bestaatniet/next-cycle',
    body: () => ({ json: {} }),
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404, projector: 404 }),
  },
  {
    // Aggregates for the carried actions: members, and the board's own projector link (it shows H1).
    name: 'figures of the carried actions',
    route: 'GET /api/boards/:id/carried-figures',
    path: (f) => `/api/boards/${f.boardA}/carried-figures`,
    expected: { ...MEMBERS_OF_SCHOOL_A, projector: 200 },
  },
  {
    name: 'figures of the carried actions of another board of the school',
    route: 'GET /api/boards/:id/carried-figures',
    path: (f) => `/api/boards/${f.boardA2}/carried-figures`,
    expected: { ...MEMBERS_OF_SCHOOL_A, projector: 404 },
  },
  // Named versions: members look, the leider makes and restores; a projector link shows the live board only.
  {
    name: 'list the versions',
    route: 'GET /api/boards/:id/versions',
    path: (f) => `/api/boards/${f.boardA}/versions`,
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    name: 'make a version',
    route: 'POST /api/boards/:id/versions',
    path: (f) => `/api/boards/${f.boardA}/versions`,
    body: () => ({ json: { name: 'na de studiedag' } }),
    expected: LEIDER_OF_SCHOOL_A(201),
  },
  {
    name: 'make a version without a name',
    route: 'POST /api/boards/:id/versions',
    path: (f) => `/api/boards/${f.boardA}/versions`,
    body: () => ({ json: { name: '  ' } }),
    expected: LEIDER_OF_SCHOOL_A(400),
  },
  {
    name: 'look at a version',
    route: 'GET /api/boards/:id/versions/:versionId',
    path: (f) => `/api/boards/${f.boardA}/versions/${f.versionA}`,
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    // Another board's version through this board: as if it did not exist.
    name: 'look at a version of another board through this one',
    route: 'GET /api/boards/:id/versions/:versionId',
    path: (f) => `/api/boards/${f.boardA}/versions/${f.versionA2}`,
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404 }),
  },
  {
    name: 'restore a version',
    route: 'POST /api/boards/:id/versions/:versionId/restore',
    path: (f) => `/api/boards/${f.boardA}/versions/${f.versionA}/restore`,
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'restore an unknown version',
    route: 'POST /api/boards/:id/versions/:versionId/restore',
    path: (f) => `/api/boards/${f.boardA}/versions/bestaatniet/restore`,
    expected: row({ leerkracht: 403, leider: 404, otherSchool: 404 }),
  },
  // Accounts.
  {
    name: 'log in',
    route: 'POST /api/auth/login',
    path: () => '/api/auth/login',
    body: (f) => ({ json: { email: `leerkracht${f.n}@a.nl`, password: TEST_PASSWORD } }),
    expected: SAME(200),
  },
  {
    name: 'log in with a wrong password',
    route: 'POST /api/auth/login',
    path: () => '/api/auth/login',
    body: (f) => ({ json: { email: `leerkracht${f.n}@a.nl`, password: 'niet-het-wachtwoord' } }),
    expected: SAME(401),
  },
  {
    name: 'switch to school A',
    route: 'POST /api/auth/school',
    path: () => '/api/auth/school',
    body: (f) => ({ json: { schoolId: f.schoolA.id } }),
    expected: row({ leerkracht: 200, leider: 200, otherSchool: 404, projector: 401 }),
  },
  { name: 'log out', route: 'POST /api/auth/logout', path: () => '/api/auth/logout', expected: SAME(200) },
  {
    name: 'who am I',
    route: 'GET /api/auth/me',
    path: () => '/api/auth/me',
    expected: row({ leerkracht: 200, leider: 200, otherSchool: 200, projector: 401 }),
  },
  {
    name: 'change password',
    route: 'POST /api/auth/password',
    path: () => '/api/auth/password',
    body: () => ({ json: { currentPassword: TEST_PASSWORD, newPassword: 'een-nieuw-wachtwoord' } }),
    expected: row({ leerkracht: 200, leider: 200, otherSchool: 200, projector: 401 }),
  },
  // The team (school-level routes act on the caller's own school).
  {
    name: 'list members',
    route: 'GET /api/school/members',
    path: () => '/api/school/members',
    expected: LEIDER_OF_OWN_SCHOOL(200),
  },
  {
    name: 'change a role',
    route: 'PATCH /api/school/members/:userId',
    path: (f) => `/api/school/members/${f.leerkracht.userId}`,
    body: () => ({ json: { role: 'leider' } }),
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'remove a member',
    route: 'DELETE /api/school/members/:userId',
    path: (f) => `/api/school/members/${f.victim.userId}`,
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'list invites',
    route: 'GET /api/school/invites',
    path: () => '/api/school/invites',
    expected: LEIDER_OF_OWN_SCHOOL(200),
  },
  {
    name: 'create an invite',
    route: 'POST /api/school/invites',
    path: () => '/api/school/invites',
    body: () => ({ json: { kind: 'team' } }),
    expected: LEIDER_OF_OWN_SCHOOL(201),
  },
  {
    name: 'revoke an invite',
    route: 'DELETE /api/school/invites/:id',
    path: (f) => `/api/school/invites/${f.teamLink.invite.id}`,
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'open an invite (public: the token is the key)',
    route: 'GET /api/invites/:token',
    path: (f) => `/api/invites/${f.teamLink.token}`,
    expected: SAME(200),
  },
  {
    name: 'open an unknown invite',
    route: 'GET /api/invites/:token',
    path: () => '/api/invites/bestaatniet',
    expected: SAME(404),
  },
  {
    // A member of the school already is refused (409); anyone else joins (a new account, or her own).
    name: 'accept a team link',
    route: 'POST /api/invites/:token/accept',
    path: (f) => `/api/invites/${f.teamLink.token}/accept`,
    body: (f, actor) => ({
      json: {
        name: 'Nieuw',
        email: `nieuw-${actor.toLowerCase()}-${f.n}@a.nl`,
        password: 'mijn-eigen-wachtwoord',
      },
    }),
    expected: {
      anonymous: 201,
      leerkracht: 409,
      leider: 409,
      otherSchool: 201,
      projector: 201,
      revokedLink: 201,
      expiredSession: 201,
    },
  },
  // Projector links.
  {
    name: 'create a projector link',
    route: 'POST /api/boards/:id/projector-links',
    path: (f) => `/api/boards/${f.boardA}/projector-links`,
    body: () => ({ json: {} }),
    expected: LEIDER_OF_SCHOOL_A(201),
  },
  {
    name: 'list projector links',
    route: 'GET /api/boards/:id/projector-links',
    path: (f) => `/api/boards/${f.boardA}/projector-links`,
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'projector links of an unknown board',
    route: 'GET /api/boards/:id/projector-links',
    path: () => '/api/boards/bestaatniet/projector-links',
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404, projector: 404 }),
  },
  {
    name: 'revoke a projector link',
    route: 'DELETE /api/boards/:id/projector-links/:linkId',
    path: (f) => `/api/boards/${f.boardA}/projector-links/${f.linkToDelete.link.id}`,
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'open a projector link (public: the token is the key)',
    route: 'GET /api/projector/:token',
    path: (f) => `/api/projector/${f.projector.token}`,
    expected: SAME(200),
  },
  {
    name: 'open a revoked projector link',
    route: 'GET /api/projector/:token',
    path: (f) => `/api/projector/${f.revoked.token}`,
    expected: SAME(404),
  },
  {
    name: 'read the audit log',
    route: 'GET /api/school/audit-log',
    path: () => '/api/school/audit-log',
    expected: LEIDER_OF_OWN_SCHOOL(200),
  },
  // Datasets: pupil rows for members only; aggregates by dataset id for members only (a projector link
  // reads the chart views of its own board, above).
  {
    name: 'preview an upload',
    route: 'POST /api/datasets/preview',
    path: () => '/api/datasets/preview',
    body: csvUpload,
    expected: LEIDER_OF_OWN_SCHOOL(200),
  },
  {
    name: 'import a dataset',
    route: 'POST /api/datasets',
    path: () => '/api/datasets',
    body: csvUpload,
    expected: LEIDER_OF_OWN_SCHOOL(201),
  },
  {
    name: 'list datasets',
    route: 'GET /api/datasets',
    path: () => '/api/datasets',
    expected: MEMBERS_OWN_SCHOOL,
  },
  {
    name: 'read a dataset',
    route: 'GET /api/datasets/:id',
    path: (f) => `/api/datasets/${f.dataset.id}`,
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    name: 'read an unknown dataset',
    route: 'GET /api/datasets/:id',
    path: () => '/api/datasets/bestaatniet',
    expected: row({ leerkracht: 404, leider: 404, otherSchool: 404, projector: 404 }),
  },
  {
    name: 'delete a dataset',
    route: 'DELETE /api/datasets/:id',
    path: (f) => `/api/datasets/${f.dataset.id}`,
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'read pupil rows',
    route: 'GET /api/datasets/:id/pupils',
    path: (f) => `/api/datasets/${f.dataset.id}/pupils`,
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    name: 'export a dataset',
    route: 'GET /api/datasets/:id/export.csv',
    path: (f) => `/api/datasets/${f.dataset.id}/export.csv`,
    expected: LEIDER_OF_SCHOOL_A(200),
  },
  {
    name: 'read the aggregate analysis',
    route: 'GET /api/datasets/:id/analysis',
    path: (f) => `/api/datasets/${f.dataset.id}/analysis?kind=overview`,
    // A projector link reads charts only through the views on its own board.
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    name: 'read the pupils behind the zorg section',
    route: 'GET /api/datasets/:id/pupil-detail',
    path: (f) => `/api/datasets/${f.dataset.id}/pupil-detail?kind=zorg`,
    expected: MEMBERS_OF_SCHOOL_A,
  },
  {
    name: 'read the norms',
    route: 'GET /api/school/norms',
    path: () => '/api/school/norms',
    expected: MEMBERS_OWN_SCHOOL,
  },
  {
    name: 'set the norms',
    route: 'PUT /api/school/norms',
    path: () => '/api/school/norms',
    body: () => ({ json: demo.normSet }),
    expected: LEIDER_OF_OWN_SCHOOL(200),
  },
];

function request(f: Fixture, actor: ActorName, method: string, path: string, body?: Body) {
  const credentials = f.credentials[actor];
  const headers: Record<string, string> = {
    // What a browser on the Koers page sends with every fetch.
    origin: server.url,
    ...(credentials.cookie ? { cookie: credentials.cookie } : {}),
    ...(credentials.projector ? { 'x-koers-projector': credentials.projector } : {}),
    ...(body?.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...body?.headers,
  };
  const payload = body?.json !== undefined ? JSON.stringify(body.json) : body?.raw;
  return fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
}

describe('authorization matrix on the wired server: route × caller → exact status', () => {
  it('covers every API route the app has mounted', () => {
    const mounted = new Set(
      server.server.app.routes
        .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path === '/healthz'))
        .map((r) => `${r.method} ${r.path}`),
    );
    const covered = new Set(CELLS.map((c) => c.route));
    expect([...mounted].filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !mounted.has(r))).toEqual([]);
  });

  for (const cell of CELLS) {
    const [method = 'GET'] = cell.route.split(' ');
    for (const actor of ACTORS) {
      it(`${cell.route} (${cell.name}) as ${actor} → ${cell.expected[actor]}`, async () => {
        const f = await fixture();
        const response = await request(f, actor, method, cell.path(f), cell.body?.(f, actor));
        expect(response.status).toBe(cell.expected[actor]);
        if (response.status >= 400) expect(await response.json()).toEqual({ error: expect.any(String) });
        else await response.arrayBuffer();
      });
    }
  }

  it('an unknown API path is 404 for everyone, never the web app', async () => {
    const f = await fixture();
    for (const actor of ACTORS) {
      const response = await request(f, actor, 'GET', '/api/onbekend');
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'Niet gevonden' });
    }
  });

  it("a member of another school never sees school A's boards, people or datasets", async () => {
    const f = await fixture();
    for (const path of ['/api/boards', '/api/school/members', '/api/school/invites', '/api/datasets']) {
      const response = await request(f, 'otherSchool', 'GET', path);
      const text = await response.text();
      expect(text).not.toContain(f.boardA);
      expect(text).not.toMatch(/@a\.nl/);
      expect(text).not.toContain(f.dataset.id);
    }
  });

  it('a projector link never receives pupil ids or names, in a chart of any kind on its board', async () => {
    const f = await fixture();
    for (const analysisKind of CHART_KINDS) {
      const viewId = await addStoredChartView(server.store, f.boardA, {
        stepId: 's4',
        datasetId: f.dataset.id,
        analysisKind,
      });
      const response = await request(f, 'projector', 'GET', `/api/boards/${f.boardA}/views/${viewId}/chart`);
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const name of demo.names.slice(0, 20)) expect(text).not.toContain(name);
      for (const id of demo.pupilIds.slice(0, 20)) expect(text).not.toContain(`"${id}"`);
    }
    // And not by dataset id at all.
    const direct = await request(f, 'projector', 'GET', `/api/datasets/${f.dataset.id}/analysis`);
    expect(direct.status).toBe(403);
  });
});

/** The outcome of a sync upgrade for a caller: the close code, or whether its edit was stored ('rw'/'ro'). */
describe('sync endpoint on the wired server × caller', () => {
  const UPGRADE: Record<ActorName, number | 'rw' | 'ro'> = {
    anonymous: CloseCode.UNAUTHORIZED,
    leerkracht: 'rw',
    leider: 'rw',
    otherSchool: CloseCode.BOARD_NOT_FOUND,
    projector: 'ro',
    revokedLink: CloseCode.UNAUTHORIZED,
    expiredSession: CloseCode.UNAUTHORIZED,
  };

  async function admitted(f: Fixture, actor: ActorName): Promise<number | 'open'> {
    const credentials = f.credentials[actor];
    const query = credentials.projector ? `?projector=${credentials.projector}` : '';
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${f.boardA}${query}`, {
      headers: credentials.cookie ? { cookie: credentials.cookie } : {},
    });
    // An admitted socket gets the server's SyncStep1; a refused one a close frame with the reason's code.
    const outcome = await new Promise<number | 'open'>((resolve) => {
      ws.once('message', () => resolve('open'));
      ws.once('close', (code) => resolve(code));
    });
    ws.close();
    return outcome;
  }

  async function storedText(boardId: string): Promise<string> {
    await server.server.sync.rooms.get(boardId)?.settled();
    const stored = await server.store.loadBoardState(boardId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]));
    return boardToJSON(doc).steps.find((s) => s.id === 's2')?.text ?? '';
  }

  for (const actor of ACTORS) {
    it(`/sync/<board of school A> as ${actor} → ${UPGRADE[actor]}`, async () => {
      const f = await fixture();
      const outcome = await admitted(f, actor);
      if (outcome !== 'open') {
        expect(outcome).toBe(UPGRADE[actor]);
        return;
      }
      // Admitted: does its edit reach the stored document? A leider's client watches.
      const clients: TestClient[] = [];
      try {
        const watcher = connectClient(server.url, f.boardA, { cookie: f.credentials.leider.cookie! });
        const credentials = f.credentials[actor];
        const subject = connectClient(server.url, f.boardA, {
          ...(credentials.cookie ? { cookie: credentials.cookie } : {}),
          ...(credentials.projector ? { params: { projector: credentials.projector } } : {}),
        });
        clients.push(watcher, subject);
        await Promise.all([waitSynced(watcher), waitSynced(subject)]);
        appendParagraphs(stepText(subject.doc, 's2'), [`geschreven door ${actor}`]);
        await serverRoundTrip(subject);
        const stored = await storedText(f.boardA);
        expect(stored === `geschreven door ${actor}` ? 'rw' : stored === '' ? 'ro' : stored).toBe(
          UPGRADE[actor],
        );
      } finally {
        for (const c of clients) c.destroy();
      }
    });
  }

  /**
   * The facilitation channel on the same socket (`board:facilitate` for leading, `board:write` for taking
   * part): the answer to a leader command and to a participant's command while a session runs.
   */
  const FACILITATION: Record<'lead' | 'participate', Record<ActorName, number | 'ok' | 'forbidden'>> = {
    lead: {
      anonymous: CloseCode.UNAUTHORIZED,
      leerkracht: 'forbidden',
      leider: 'ok',
      otherSchool: CloseCode.BOARD_NOT_FOUND,
      projector: 'forbidden',
      revokedLink: CloseCode.UNAUTHORIZED,
      expiredSession: CloseCode.UNAUTHORIZED,
    },
    participate: {
      anonymous: CloseCode.UNAUTHORIZED,
      leerkracht: 'ok',
      leider: 'ok',
      otherSchool: CloseCode.BOARD_NOT_FOUND,
      projector: 'forbidden',
      revokedLink: CloseCode.UNAUTHORIZED,
      expiredSession: CloseCode.UNAUTHORIZED,
    },
  };
  for (const kind of ['lead', 'participate'] as const) {
    for (const actor of ACTORS) {
      const expected = FACILITATION[kind][actor];
      const command = kind === 'lead' ? 'step.go' : 'ready.set';
      it(`facilitation ${command} (${kind}) on a board of school A as ${actor} → ${expected}`, async () => {
        const f = await fixture();
        const outcome = await admitted(f, actor);
        if (outcome !== 'open') {
          expect(outcome).toBe(expected);
          return;
        }
        const credentials = f.credentials[actor];
        const others = await FacilitationClient.connect(server.url, f.boardA, {
          cookie: f.credentials.leerkracht.cookie!,
        });
        const subject = await FacilitationClient.connect(server.url, f.boardA, credentials);
        try {
          if (kind === 'participate') {
            // Someone else leads: a leider of the school (the fixture's) starts the session.
            const lead = await FacilitationClient.connect(server.url, f.boardA, {
              cookie: f.credentials.leider.cookie!,
            });
            await lead.ok('session.start', { stepId: 's3' });
            lead.close();
          }
          const answer = await subject.command(command, kind === 'lead' ? { stepId: 's4' } : { ready: true });
          if (kind === 'lead' && actor === 'leider') {
            // Leading needs a session: the leider starts it, then steers.
            expect(answer).toMatchObject({ t: 'error', code: 'no-session' });
            await subject.ok('session.start');
            expect(await subject.command(command, { stepId: 's4' })).toMatchObject({ t: 'ok' });
            await others.waitState((st) => st.session.currentStep === 's4', 'the step to reach the others');
            return;
          }
          expect(answer.t === 'ok' ? 'ok' : answer.t === 'error' ? answer.code : answer.t).toBe(expected);
        } finally {
          subject.close();
          others.close();
        }
      });
    }
  }

  it('an unknown board is 4404 for a member', async () => {
    const f = await fixture();
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/bestaatniet`, {
      headers: { cookie: f.credentials.leider.cookie! },
    });
    expect(await new Promise((resolve) => ws.once('close', resolve))).toBe(CloseCode.BOARD_NOT_FOUND);
  });
});
