import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { boardToJSON } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import { UNEXPECTED_ERROR } from './app';
import { DEMO_BOARD_TITLE } from './demo/seed-demo';
import { ControlledStore } from './testing/controlled-store';
import {
  connectClient,
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

function post(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
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
    expect(await json(await fetch(`${server.url}/api/boards`))).toEqual({ boards: [] });

    const first = await post(`${server.url}/api/boards`, JSON.stringify({ title: '  Studiedag februari  ' }));
    expect(first.status).toBe(201);
    const { board } = (await json(first)) as { board: { id: string; title: string; createdAt: string } };
    expect(board.title).toBe('Studiedag februari');
    expect(board.id).toMatch(/^[a-z2-7]{16}$/);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(`${server.url}/api/boards`, JSON.stringify({ title: 'Teamvergadering juni' }));

    const list = (await json(await fetch(`${server.url}/api/boards`))) as { boards: { title: string }[] };
    expect(list.boards.map((b) => b.title)).toEqual(['Teamvergadering juni', 'Studiedag februari']);
    expect(Object.keys(list.boards[0] ?? {}).sort()).toEqual(['createdAt', 'id', 'title', 'updatedAt']);

    const one = await fetch(`${server.url}/api/boards/${board.id}`);
    expect(await json(one)).toEqual({ board: { ...board, updatedAt: board.createdAt } });
  });

  it('writes the initial board state with initBoard as the first stored update', async () => {
    server = await startTestServer();
    const response = await post(`${server.url}/api/boards`, JSON.stringify({ title: 'Bord met staat' }));
    const { board } = (await json(response)) as { board: { id: string } };
    const client: TestClient = connectClient(server.url, board.id);
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
    expect(await json(await fetch(`${server.url}/api/boards`))).toEqual({ boards: [] });
  });

  it('answers 404 with { error } for an unknown board and an unknown API path', async () => {
    server = await startTestServer();
    const missing = await fetch(`${server.url}/api/boards/bestaatniet`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ error: 'Bord niet gevonden' });
    const unknown = await fetch(`${server.url}/api/onbekend`);
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
    const response = await fetch(`${server.url}/api/boards`);
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

describe('the demo board', () => {
  it('is created once on an empty database, with content on several steps', async () => {
    server = await startTestServer({ demo: true });
    const { boards } = (await json(await fetch(`${server.url}/api/boards`))) as {
      boards: { id: string; title: string }[];
    };
    expect(boards.map((b) => b.title)).toEqual([DEMO_BOARD_TITLE]);
    const demoId = boards[0]?.id ?? '';

    const client = connectClient(server.url, demoId);
    cleanups.push(() => client.destroy());
    await waitSynced(client);
    const doc = boardToJSON(client.doc);
    const filled = doc.steps.filter((s) => s.text.length > 0).map((s) => s.id);
    expect(filled).toEqual(['s1', 's2', 's3', 's4', 's5', 's7', 's8', 's9', 's10a', 'h1']);
    expect(doc.steps.find((s) => s.id === 's1')?.done).toBe(true);

    // A restart on the same data does not add a second demo board.
    const dataDir = server.dataDir;
    await server.close();
    const again = await startTestServer({ demo: true, dataDir });
    server = { ...again, stop: server.stop };
    const after = (await json(await fetch(`${server.url}/api/boards`))) as { boards: unknown[] };
    expect(after.boards).toHaveLength(1);
    await again.close();
  });
});
