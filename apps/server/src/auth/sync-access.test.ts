import { appendParagraphs, boardToJSON, stepText } from '@koers/board';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../sync/close-codes';
import {
  addTestMember,
  closeCodeOf,
  connectClient,
  createBoardViaApi,
  startTestServer,
  TEST_PASSWORD,
  waitFor,
  serverRoundTrip,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';

/**
 * The auth module as the real server wires it (no injected hook): real y-websocket clients with session
 * cookies or a projector token. A leerkracht's edit is stored, a projector link's is never applied nor
 * stored; and access that ends while a socket is open closes that socket for good: a revoked projector
 * link, a member removed from the school, the other sessions after a password change.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

function client(boardId: string, options: { cookie?: string; projector?: string }): TestClient {
  const c = connectClient(server!.url, boardId, {
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...(options.projector ? { params: { projector: options.projector } } : {}),
  });
  clients.push(c);
  return c;
}

async function rawClose(boardId: string, options: { cookie?: string; query?: string }): Promise<number> {
  const ws = new WebSocket(`${server!.url.replace(/^http/, 'ws')}/sync/${boardId}${options.query ?? ''}`, {
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  return closeCodeOf(ws);
}

async function api(method: string, path: string, cookie: string, body?: unknown): Promise<Response> {
  return fetch(`${server!.url}${path}`, {
    method,
    headers: {
      origin: server!.url,
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function projectorToken(boardId: string): Promise<{ token: string; linkId: string }> {
  const response = await api('POST', `/api/boards/${boardId}/projector-links`, server!.cookie, {});
  expect(response.status).toBe(201);
  const body = (await response.json()) as { token: string; link: { id: string } };
  return { token: body.token, linkId: body.link.id };
}

async function storedStepText(boardId: string, step: 's2' | 's4'): Promise<string> {
  await server!.server.sync.rooms.get(boardId)?.settled();
  const stored = await server!.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]));
  return boardToJSON(doc).steps.find((s) => s.id === step)?.text ?? '';
}

/** Resolves with the close code once the provider gave up for good (a 4400–4499 close). */
function closedForGood(c: TestClient): Promise<number> {
  return new Promise((resolve) => c.provider.once('closed', (event) => resolve(event.code)));
}

/** Long enough for several reconnect attempts (the kit's maxBackoffTime is 300 ms). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

describe('sync endpoint behind the wired auth module', () => {
  it('stores a leerkracht’s edit, drops a projector link’s, and turns away the rest', async () => {
    server = await startTestServer();
    const anja = await addTestMember(server, server.schoolId, 'anja@a.nl', 'leerkracht');
    const otherSchool = server.auth.schools.createSchool('Andere school');
    const outsider = await addTestMember(server, otherSchool.id, 'bram@b.nl', 'leider');
    const boardId = await createBoardViaApi(server, 'Studiedag');
    const link = await projectorToken(boardId);
    const revoked = await projectorToken(boardId);
    expect(
      (await api('DELETE', `/api/boards/${boardId}/projector-links/${revoked.linkId}`, server.cookie)).status,
    ).toBe(200);

    const writer = client(boardId, { cookie: anja.cookie });
    await waitSynced(writer);
    appendParagraphs(stepText(writer.doc, 's2'), ['Minimumnorm 75%']);

    const projector = client(boardId, { projector: link.token });
    await waitFor(
      () => boardToJSON(projector.doc).steps[1]?.text === 'Minimumnorm 75%',
      'the projector to show the board',
    );
    appendParagraphs(stepText(projector.doc, 's2'), ['Dit mag nergens aankomen']);
    // A presence with a name, then a round trip on the same socket: the server has handled both after it.
    projector.provider.awareness.setLocalStateField('user', { name: 'Projector' });
    await serverRoundTrip(projector);
    // The projector shows no presence: nothing of it reaches the writer.
    expect(writer.provider.awareness.getStates().has(projector.doc.clientID)).toBe(false);
    expect(boardToJSON(writer.doc).steps[1]?.text).toBe('Minimumnorm 75%');
    expect(await storedStepText(boardId, 's2')).toBe('Minimumnorm 75%');

    expect(await rawClose(boardId, {})).toBe(CloseCode.UNAUTHORIZED);
    expect(await rawClose(boardId, { cookie: outsider.cookie })).toBe(CloseCode.BOARD_NOT_FOUND);
    expect(await rawClose(boardId, { query: `?projector=${revoked.token}` })).toBe(CloseCode.UNAUTHORIZED);
    expect(await rawClose('bestaatniet', { cookie: anja.cookie })).toBe(CloseCode.BOARD_NOT_FOUND);
    // A page of another origin may not open a socket with the teacher's cookie (cross-site WebSocket hijacking).
    const hijack = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${boardId}`, {
      headers: { cookie: anja.cookie, origin: 'https://kwaadaardig.example' },
    });
    expect(await closeCodeOf(hijack)).toBe(CloseCode.FORBIDDEN);
  });

  it('revoking a projector link closes its open socket for good; the team stays connected', async () => {
    server = await startTestServer();
    const boardId = await createBoardViaApi(server, 'Projectie');
    const link = await projectorToken(boardId);
    const other = await projectorToken(boardId);
    const leider = client(boardId, { cookie: server.cookie });
    const projector = client(boardId, { projector: link.token });
    const otherScreen = client(boardId, { projector: other.token });
    await Promise.all([waitSynced(leider), waitSynced(projector), waitSynced(otherScreen)]);
    const closed = closedForGood(projector);

    const response = await api(
      'DELETE',
      `/api/boards/${boardId}/projector-links/${link.linkId}`,
      server.cookie,
    );
    expect(response.status).toBe(200);
    expect(await closed).toBe(CloseCode.FORBIDDEN);
    await settle();
    expect(projector.provider.wsconnected).toBe(false);
    expect(projector.provider.shouldConnect).toBe(false);
    // Trying again with the link gets nothing, while the leider and the other screen carry on.
    expect(await rawClose(boardId, { query: `?projector=${link.token}` })).toBe(CloseCode.UNAUTHORIZED);
    expect(leider.provider.wsconnected && otherScreen.provider.wsconnected).toBe(true);
    appendParagraphs(stepText(leider.doc, 's4'), ['Groep 6: 68% op I–III']);
    await waitFor(
      () => boardToJSON(otherScreen.doc).steps[3]?.text === 'Groep 6: 68% op I–III',
      'the other screen to update',
    );
    expect(server.server.sync.connectionCount).toBe(2);
  });

  it('removing a member closes her open sockets for good', async () => {
    server = await startTestServer();
    const anja = await addTestMember(server, server.schoolId, 'anja@a.nl', 'leerkracht');
    const bram = await addTestMember(server, server.schoolId, 'bram@a.nl', 'leerkracht');
    const boardId = await createBoardViaApi(server, 'Teamvergadering');
    const anjaClient = client(boardId, { cookie: anja.cookie });
    const bramClient = client(boardId, { cookie: bram.cookie });
    await Promise.all([waitSynced(anjaClient), waitSynced(bramClient)]);
    const closed = closedForGood(anjaClient);

    expect((await api('DELETE', `/api/school/members/${anja.userId}`, server.cookie)).status).toBe(200);
    expect(await closed).toBe(CloseCode.FORBIDDEN);
    await settle();
    expect(anjaClient.provider.wsconnected).toBe(false);
    expect(await rawClose(boardId, { cookie: anja.cookie })).toBe(CloseCode.UNAUTHORIZED);
    expect(bramClient.provider.wsconnected).toBe(true);
    expect(server.server.sync.connectionCount).toBe(1);
  });

  it('a password change closes the sockets of her other sessions, not the one she changed it in; a logout closes its own', async () => {
    server = await startTestServer();
    const laptop = await addTestMember(server, server.schoolId, 'anja@a.nl', 'leerkracht');
    // A second session of the same person (the school's shared computer).
    const shared = await (async () => {
      const response = await fetch(`${server!.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'anja@a.nl', password: TEST_PASSWORD }),
      });
      expect(response.status).toBe(200);
      return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    })();
    const boardId = await createBoardViaApi(server, 'Studiedag');
    const onLaptop = client(boardId, { cookie: laptop.cookie });
    const onShared = client(boardId, { cookie: shared });
    await Promise.all([waitSynced(onLaptop), waitSynced(onShared)]);
    const closed = closedForGood(onShared);

    const response = await api('POST', '/api/auth/password', laptop.cookie, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'een-heel-nieuw-wachtwoord',
    });
    expect(response.status).toBe(200);
    // The session ended, not her access: 4401 sends that browser to the login page.
    expect(await closed).toBe(CloseCode.UNAUTHORIZED);
    await settle();
    expect(onShared.provider.wsconnected).toBe(false);
    expect(await rawClose(boardId, { cookie: shared })).toBe(CloseCode.UNAUTHORIZED);
    expect(onLaptop.provider.wsconnected).toBe(true);

    // Logging out on the laptop closes that session's socket too.
    const loggedOut = closedForGood(onLaptop);
    expect((await api('POST', '/api/auth/logout', laptop.cookie)).status).toBe(200);
    expect(await loggedOut).toBe(CloseCode.UNAUTHORIZED);
    expect(await rawClose(boardId, { cookie: laptop.cookie })).toBe(CloseCode.UNAUTHORIZED);
  });

  it('deleting a board closes its sockets for good, revokes its projector links and removes its rows', async () => {
    server = await startTestServer();
    const anja = await addTestMember(server, server.schoolId, 'anja@a.nl', 'leerkracht');
    const boardId = await createBoardViaApi(server, 'Weg ermee');
    const keep = await createBoardViaApi(server, 'Blijft');
    const link = await projectorToken(boardId);
    const writer = client(boardId, { cookie: anja.cookie });
    const projector = client(boardId, { projector: link.token });
    const elsewhere = client(keep, { cookie: anja.cookie });
    await Promise.all([waitSynced(writer), waitSynced(projector), waitSynced(elsewhere)]);
    appendParagraphs(stepText(writer.doc, 's2'), ['Nog even snel']);
    const closed = Promise.all([closedForGood(writer), closedForGood(projector)]);

    // Only a leider may delete it.
    expect((await api('DELETE', `/api/boards/${boardId}`, anja.cookie)).status).toBe(403);
    expect((await api('DELETE', `/api/boards/${boardId}`, server.cookie)).status).toBe(200);
    expect(await closed).toEqual([CloseCode.BOARD_NOT_FOUND, CloseCode.BOARD_NOT_FOUND]);
    await settle();
    expect(writer.provider.wsconnected || projector.provider.wsconnected).toBe(false);
    expect(await server.store.getBoard(boardId)).toBeUndefined();
    const rows = server.db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM board_updates WHERE board_id = ?) + (SELECT COUNT(*) FROM board_snapshots WHERE board_id = ?) AS n',
      )
      .get(boardId, boardId);
    expect(rows).toEqual({ n: 0 });
    expect((await fetch(`${server.url}/api/projector/${link.token}`)).status).toBe(404);
    expect(await rawClose(boardId, { cookie: anja.cookie })).toBe(CloseCode.BOARD_NOT_FOUND);
    const list = (await (await api('GET', '/api/boards', anja.cookie)).json()) as {
      boards: { id: string }[];
    };
    expect(list.boards.map((b) => b.id)).toEqual([keep]);
    expect(server.auth.audit.list(server.schoolId).find((e) => e.action === 'board.delete')).toMatchObject({
      subjectId: boardId,
      details: { title: 'Weg ermee' },
    });
    // The other board's socket was not touched.
    expect(elsewhere.provider.wsconnected).toBe(true);
  });
});
