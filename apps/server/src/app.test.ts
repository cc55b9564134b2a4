import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { boardToJSON } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import { UNEXPECTED_ERROR } from './app';
import { createBoard } from './boards/create-board';
import { openDatabase } from './db/sqlite';
import { DEMO_BOARD_TITLE } from './demo/seed-demo';
import { DEMO_PREVIOUS_BOARD_TITLE } from './demo/demo-previous-cycle';
import { DEMO_DATASET_NAME } from './demo/seed-demo-data';
import { DEMO_PASSWORD, DEMO_SCHOOL_NAME, DEMO_USERS } from './schools/seed-demo-school';
import { SqliteBoardStore } from './storage/sqlite-board-store';
import { ControlledStore } from './testing/controlled-store';
import {
  connectClient,
  loginViaApi,
  startTestServer,
  tempDir,
  waitSynced,
  type TestClient,
} from './testing/sync-test-kit';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.stop();
  server = undefined;
});

async function json(response: Response): Promise<unknown> {
  return response.json();
}

/** As the test server's leider (the kit gives her a session). */
function get(url: string): Promise<Response> {
  return fetch(url, { headers: { cookie: server?.cookie ?? '' } });
}

function post(url: string, body: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: server?.cookie ?? '', origin: server?.url ?? '' },
    body,
  });
}

describe('REST API', () => {
  it('GET /healthz answers ok after a database round trip', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ ok: true });
  });

  it('creates boards with a trimmed title and lists them newest first', async () => {
    server = await startTestServer();
    expect(await json(await get(`${server.url}/api/boards`))).toEqual({ boards: [] });

    const first = await post(`${server.url}/api/boards`, JSON.stringify({ title: '  Studiedag februari  ' }));
    expect(first.status).toBe(201);
    const { board } = (await json(first)) as { board: { id: string; title: string; createdAt: string } };
    expect(board.title).toBe('Studiedag februari');
    expect(board.id).toMatch(/^[a-z2-7]{16}$/);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(`${server.url}/api/boards`, JSON.stringify({ title: 'Teamvergadering juni' }));

    const list = (await json(await get(`${server.url}/api/boards`))) as { boards: { title: string }[] };
    expect(list.boards.map((b) => b.title)).toEqual(['Teamvergadering juni', 'Studiedag februari']);
    expect(Object.keys(list.boards[0] ?? {}).sort()).toEqual(['createdAt', 'id', 'title', 'updatedAt']);

    const one = await get(`${server.url}/api/boards/${board.id}`);
    expect(await json(one)).toEqual({ board: { ...board, updatedAt: board.createdAt } });
  });

  it('writes the initial board state with initBoard as the first stored update', async () => {
    server = await startTestServer();
    const response = await post(`${server.url}/api/boards`, JSON.stringify({ title: 'Bord met staat' }));
    const { board } = (await json(response)) as { board: { id: string } };
    const client: TestClient = connectClient(server.url, board.id, { cookie: server.cookie });
    cleanups.push(() => client.destroy());
    await waitSynced(client);
    const doc = boardToJSON(client.doc);
    expect(doc.title).toBe('Bord met staat');
    expect(doc.schemaVersion).toBeGreaterThan(0);
  });

  it('rejects an empty, too long or missing title and bad JSON with a Dutch message', async () => {
    server = await startTestServer();
    for (const body of [JSON.stringify({ title: '   ' }), JSON.stringify({ title: 'x'.repeat(121) }), '{}']) {
      const response = await post(`${server.url}/api/boards`, body);
      expect(response.status).toBe(400);
      expect(await json(response)).toEqual({ error: 'Geef het bord een titel van 1 tot 120 tekens.' });
    }
    const bad = await post(`${server.url}/api/boards`, '{niet-json');
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual({ error: 'Het verzoek bevat geen geldige JSON.' });
    expect(await json(await get(`${server.url}/api/boards`))).toEqual({ boards: [] });
  });

  it('answers 404 with { error } for an unknown board and an unknown API path', async () => {
    server = await startTestServer();
    const missing = await get(`${server.url}/api/boards/bestaatniet`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ error: 'Niet gevonden.' });
    const unknown = await get(`${server.url}/api/onbekend`);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({ error: 'Niet gevonden' });
  });

  it('logs an unexpected error and answers a generic Dutch message without details', async () => {
    server = await startTestServer(
      {},
      {
        wrapStore: (inner) => {
          const store = new ControlledStore(inner);
          store.listBoards = () => Promise.reject(new Error('SQLITE_CORRUPT secret detail'));
          return store;
        },
      },
    );
    const response = await get(`${server.url}/api/boards`);
    expect(response.status).toBe(500);
    const body = await json(response);
    expect(body).toEqual({ error: UNEXPECTED_ERROR });
    expect(JSON.stringify(body)).not.toContain('SQLITE');
  });
});

describe('the web app', () => {
  function fakeBuild(): string {
    const build = tempDir('koers-web-');
    cleanups.push(build.remove);
    mkdirSync(path.join(build.dir, '_app/immutable'), { recursive: true });
    writeFileSync(path.join(build.dir, 'index.html'), '<!doctype html><title>Koers</title>');
    writeFileSync(path.join(build.dir, '_app/immutable/app.abc123.js'), 'console.log(1)');
    writeFileSync(path.join(build.dir, 'favicon.svg'), '<svg/>');
    return build.dir;
  }

  it('serves files, immutable assets with a long cache, and index.html for deep links', async () => {
    server = await startTestServer({ webBuildDir: fakeBuild() });
    const asset = await fetch(`${server.url}/_app/immutable/app.abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');

    const file = await fetch(`${server.url}/favicon.svg`);
    expect(await file.text()).toBe('<svg/>');

    for (const deep of ['/', '/borden/abc', '/borden/abc/stap/s4']) {
      const page = await fetch(`${server.url}${deep}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Koers</title>');
    }
    // The fallback never swallows the API.
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await json(api)).toEqual({ error: 'Niet gevonden' });
  });

  it('says in Dutch that the web app is not built yet when the build folder is missing', async () => {
    server = await startTestServer({ webBuildDir: path.join(tempDir().dir, 'geen-build') });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('pnpm build');
  });
});

describe('security on the wired server', () => {
  const INLINE = '\n  { __sveltekit_x = { base: "" }; import("/_app/start.js"); }\n';

  function builtApp(): string {
    const build = tempDir('koers-web-');
    cleanups.push(build.remove);
    writeFileSync(
      path.join(build.dir, 'index.html'),
      `<!doctype html><title>Koers</title><div><script>${INLINE}</script></div>`,
    );
    return build.dir;
  }

  function expectSecurityHeaders(response: Response): void {
    const csp = response.headers.get('content-security-policy') ?? '';
    // The built page's own inline bootstrap script is allowed by its hash; no other inline script is.
    const hash = createHash('sha256').update(INLINE, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  }

  it('sends the CSP and the other security headers on the web app, the API, errors and /healthz', async () => {
    server = await startTestServer({ webBuildDir: builtApp() });
    const page = await fetch(`${server.url}/borden/abc`);
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    expect(page.headers.get('strict-transport-security')).toBeNull();

    const api = await get(`${server.url}/api/boards`);
    expect(api.status).toBe(200);
    expectSecurityHeaders(api);
    expect(api.headers.get('cache-control')).toBe('no-store');
    for (const response of [
      await fetch(`${server.url}/api/boards`),
      await get(`${server.url}/api/onbekend`),
      await fetch(`${server.url}/healthz`),
    ]) {
      expectSecurityHeaders(response);
    }
  });

  it('sends HSTS and a __Host- session cookie behind https (PUBLIC_URL)', async () => {
    server = await startTestServer({
      webBuildDir: builtApp(),
      publicUrl: 'https://koers.school.nl',
      demo: true,
    });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://koers.school.nl' },
      body: JSON.stringify({ email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('strict-transport-security')).toContain('max-age=');
    expect(login.headers.get('set-cookie')).toMatch(
      /^__Host-koers_session=.*HttpOnly.*Secure|^__Host-koers_session=.*Secure.*HttpOnly/i,
    );
  });

  it('refuses a cross-origin POST, even with a valid session, and stores nothing', async () => {
    server = await startTestServer();
    const forged = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: server.cookie,
        origin: 'https://kwaadaardig.example',
      },
      body: JSON.stringify({ title: 'Van een andere site' }),
    });
    expect(forged.status).toBe(403);
    expect(await json(forged)).toEqual({ error: 'Verzoek geweigerd: het komt niet van Koers zelf.' });
    // A cookie without any Origin (no browser sends that on a POST) is refused too.
    const bare = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: server.cookie },
      body: JSON.stringify({ title: 'Zonder Origin' }),
    });
    expect(bare.status).toBe(403);
    expect(await json(await get(`${server.url}/api/boards`))).toEqual({ boards: [] });
    // The same request from the Koers page itself goes through.
    expect((await post(`${server.url}/api/boards`, JSON.stringify({ title: 'Van Koers zelf' }))).status).toBe(
      201,
    );
  });
});

describe('the demo (DEMO=true)', () => {
  it('creates the demo school with its logins, the demo board and results in that school, once', async () => {
    server = await startTestServer({ demo: true });
    const [leider, leerkracht] = DEMO_USERS;
    const cookie = await loginViaApi(server.url, leider!.email, DEMO_PASSWORD);
    const me = (await json(await fetch(`${server.url}/api/auth/me`, { headers: { cookie } }))) as {
      school: { id: string; name: string };
      role: string;
    };
    expect(me.school.name).toBe(DEMO_SCHOOL_NAME);
    expect(me.role).toBe('leider');
    const teacher = await loginViaApi(server.url, leerkracht!.email, DEMO_PASSWORD);
    const teacherMe = (await json(
      await fetch(`${server.url}/api/auth/me`, { headers: { cookie: teacher } }),
    )) as { school: { id: string }; role: string };
    expect(teacherMe).toMatchObject({ school: { id: me.school.id }, role: 'leerkracht' });

    const { boards } = (await json(
      await fetch(`${server.url}/api/boards`, { headers: { cookie: teacher } }),
    )) as { boards: { id: string; title: string }[] };
    // The demo board, newest first, and the previous cycle's board it was carried over from.
    expect(boards.map((b) => b.title)).toEqual([DEMO_BOARD_TITLE, DEMO_PREVIOUS_BOARD_TITLE]);
    const demoId = boards[0]?.id ?? '';
    const previousId = boards[1]?.id ?? '';
    expect((await server.store.getBoard(demoId))?.schoolId).toBe(me.school.id);
    // The test kit's own school does not see it.
    expect(await json(await get(`${server.url}/api/boards`))).toEqual({ boards: [] });

    const client = connectClient(server.url, demoId, { cookie: teacher });
    cleanups.push(() => client.destroy());
    await waitSynced(client);
    const doc = boardToJSON(client.doc);
    const filled = doc.steps.filter((s) => s.text.length > 0).map((s) => s.id);
    expect(filled).toEqual(['s1', 's2', 's3', 's4', 's5', 's7', 's8', 's9', 's11', 'h1']);
    expect(doc.source).toEqual({ boardId: previousId, title: DEMO_PREVIOUS_BOARD_TITLE });
    expect(doc.steps.find((s) => s.id === 's1')?.done).toBe(true);
    // The typed things of a study day, their charts on the demo school's own dataset.
    expect(doc.canvas.facts.length).toBeGreaterThanOrEqual(6);
    expect(doc.canvas.causes.length).toBeGreaterThanOrEqual(4);
    expect(doc.canvas.conclusions.length).toBeGreaterThanOrEqual(5);
    expect(doc.grid.cells.length).toBeGreaterThan(40);

    // Results: one dataset with the demo school's norms, analysable by the team.
    const { datasets } = (await json(
      await fetch(`${server.url}/api/datasets`, { headers: { cookie: teacher } }),
    )) as { datasets: { id: string; name: string; rowCount: number; pupilCount: number }[] };
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatchObject({ name: DEMO_DATASET_NAME });
    expect(doc.analysis.datasetId).toBe(datasets[0]!.id);
    expect(new Set(doc.canvas.chartViews.map((v) => v.datasetId))).toEqual(new Set([datasets[0]!.id]));
    expect(datasets[0]!.rowCount).toBeGreaterThan(1000);
    const norms = (await json(
      await fetch(`${server.url}/api/school/norms`, { headers: { cookie: teacher } }),
    )) as { norms: unknown };
    expect(norms.norms).not.toBeNull();
    const overview = await fetch(`${server.url}/api/datasets/${datasets[0]!.id}/analysis?kind=overview`, {
      headers: { cookie: teacher },
    });
    expect(overview.status).toBe(200);

    // A board from before boards had a school: unreachable until the demo seed gives it to the demo school.
    const dataDir = server.dataDir;
    await server.close();
    const db = openDatabase(path.join(dataDir, 'koers.db'));
    const legacy = await createBoard(new SqliteBoardStore(db), { title: 'Van vóór de scholen' });
    db.close();

    // A restart on the same data adds no second school, board or dataset; the legacy board is assigned.
    const again = await startTestServer({ demo: true, dataDir });
    server = { ...again, stop: server.stop };
    const after = (await json(await fetch(`${server.url}/api/boards`, { headers: { cookie } }))) as {
      boards: { id: string }[];
    };
    expect(after.boards.map((b) => b.id).sort()).toEqual([demoId, previousId, legacy.id].sort());
    const afterDatasets = (await json(
      await fetch(`${server.url}/api/datasets`, { headers: { cookie } }),
    )) as { datasets: { id: string }[] };
    expect(afterDatasets.datasets.map((d) => d.id)).toEqual([datasets[0]!.id]);
    expect(
      server.db.prepare('SELECT COUNT(*) AS n FROM schools WHERE name = ?').get(DEMO_SCHOOL_NAME),
    ).toEqual({ n: 1 });
    await again.close();
  });

  it('is off with DEMO=false: no demo school, no logins', async () => {
    server = await startTestServer({ demo: false });
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(401);
    expect(server.auth.schools.findSchoolByName(DEMO_SCHOOL_NAME)).toBeNull();
  });
});
