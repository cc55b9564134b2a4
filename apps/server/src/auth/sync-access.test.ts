import { appendParagraphs, boardToJSON, stepText } from '@koers/board';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../sync/close-codes';
import { closeCodeOf, createBoardViaApi, startTestServer, waitFor } from '../testing/sync-test-kit';
import { createAuthModule, type AuthModule } from './index';
import { hashPassword } from './password';
import { generateSessionToken } from './session';

/**
 * The auth module's upgrade check plugged into the real sync server, with real y-websocket clients:
 * a leerkracht's edit is stored, a projector link reads the board but its edit is never applied nor
 * stored, and a member of another school, a logged-out client and a revoked link are turned away.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.stop();
  server = undefined;
});

/** ws with fixed request headers (a browser sends its cookie on the upgrade by itself). */
function webSocketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

function client(boardId: string, options: { cookie?: string; projector?: string }) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server!.url.replace(/^http/, 'ws')}/sync`, boardId, doc, {
    WebSocketPolyfill: webSocketWith(
      options.cookie ? { cookie: options.cookie } : {},
    ) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    ...(options.projector ? { params: { projector: options.projector } } : {}),
  });
  cleanups.push(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider, text: (id: 's2') => boardToJSON(doc).steps.find((s) => s.id === id)?.text ?? '' };
}

async function rawClose(boardId: string, options: { cookie?: string; query?: string }): Promise<number> {
  const ws = new WebSocket(`${server!.url.replace(/^http/, 'ws')}/sync/${boardId}${options.query ?? ''}`, {
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  return closeCodeOf(ws);
}

describe('sync endpoint behind the auth module', () => {
  it('stores a leerkracht’s edit, drops a projector link’s, and turns away the rest', async () => {
    // The hook exists before the module (which needs the server's database): bind it late.
    const late: { auth?: AuthModule } = {};
    const boardSchools = new Map<string, string>();
    server = await startTestServer(
      {},
      { authorizeUpgrade: (request, boardId) => late.auth!.authorizeUpgrade(request, boardId) },
    );
    const auth = createAuthModule({
      db: server.db,
      config: server.config,
      boards: { schoolOf: (id) => boardSchools.get(id) ?? null, titleOf: () => null },
    });
    late.auth = auth;
    const { schools, sessions, projectorLinks } = auth.services;
    const schoolA = schools.createSchool('School A');
    const schoolB = schools.createSchool('School B');
    const passwordHash = await hashPassword('een-goed-wachtwoord');
    const sessionFor = (email: string, schoolId: string) => {
      const user = schools.createUser({ email, name: email, passwordHash });
      schools.addMembership(user.id, schoolId, 'leerkracht');
      const token = generateSessionToken();
      sessions.createSession(token, user.id, schoolId);
      return `koers_session=${token}`;
    };
    const anja = sessionFor('anja@a.nl', schoolA.id);
    const outsider = sessionFor('bram@b.nl', schoolB.id);
    const boardId = await createBoardViaApi(server, 'Studiedag');
    boardSchools.set(boardId, schoolA.id);
    const link = projectorLinks.create({ boardId, schoolId: schoolA.id, createdBy: null });
    const revoked = projectorLinks.create({ boardId, schoolId: schoolA.id, createdBy: null });
    projectorLinks.revoke(revoked.link.id);

    const writer = client(boardId, { cookie: anja });
    await waitFor(() => writer.provider.synced, 'the leerkracht to sync');
    appendParagraphs(stepText(writer.doc, 's2'), ['Minimumnorm 75%']);

    const projector = client(boardId, { projector: link.token });
    await waitFor(() => projector.text('s2') === 'Minimumnorm 75%', 'the projector to show the board');
    appendParagraphs(stepText(projector.doc, 's2'), ['Dit mag nergens aankomen']);
    // Sent after the update on the same socket: once the writer sees it, the server has handled the update.
    projector.provider.awareness.setLocalStateField('user', { name: 'Projector' });
    await waitFor(
      () => writer.provider.awareness.getStates().get(projector.doc.clientID)?.user?.name === 'Projector',
      'the projector presence to reach the writer',
    );
    expect(writer.text('s2')).toBe('Minimumnorm 75%');

    await server.server.sync.rooms.get(boardId)?.whenWritten();
    const stored = await server.store.loadBoardState(boardId);
    const storedDoc = new Y.Doc();
    Y.applyUpdate(
      storedDoc,
      Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]),
    );
    expect(boardToJSON(storedDoc).steps[1]?.text).toBe('Minimumnorm 75%');

    expect(await rawClose(boardId, {})).toBe(CloseCode.UNAUTHORIZED);
    expect(await rawClose(boardId, { cookie: outsider })).toBe(CloseCode.BOARD_NOT_FOUND);
    expect(await rawClose(boardId, { query: `?projector=${revoked.token}` })).toBe(CloseCode.UNAUTHORIZED);
    expect(await rawClose('bestaat-niet', { cookie: anja })).toBe(CloseCode.BOARD_NOT_FOUND);

    // Removing Anja from the school ends her access at the next connection.
    const leider = schools.createUser({ email: 'leider@a.nl', name: 'L', passwordHash });
    schools.addMembership(leider.id, schoolA.id, 'leider');
    const anjaId = schools.findUserByEmail('anja@a.nl')!.id;
    schools.removeMember(anjaId, schoolA.id);
    sessions.invalidateUserSessions(anjaId);
    expect(await rawClose(boardId, { cookie: anja })).toBe(CloseCode.UNAUTHORIZED);
  });
});
