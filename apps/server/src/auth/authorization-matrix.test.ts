import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizeUpgrade } from '../sync/sync-server';
import { hashPassword } from './password';
import { generateSessionToken } from './session';
import { ORIGIN, tempDatabase, testApp } from './testing';

/**
 * The authorization matrix: every route of the auth modules (plus stand-ins for board read/write, which
 * use `requireAccess` exactly as the board routes do) and the sync upgrade × every kind of caller, each
 * cell asserting the exact status. Every cell runs on a fresh database, so allowed destructive calls do
 * not change the next cell.
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
type Row = Record<ActorName, number | 'rw' | 'ro'>;

const PASSWORD = 'een-goed-wachtwoord';
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function fixture() {
  const temp = tempDatabase();
  cleanups.push(temp.cleanup);
  const { app, auth, boards } = testApp(temp.db);
  const { schools, sessions, invites, projectorLinks } = auth.services;
  const schoolA = schools.createSchool('School A');
  const schoolB = schools.createSchool('School B');
  boards.set('board-a', { schoolId: schoolA.id, title: 'Studiedag A' });
  boards.set('board-a2', { schoolId: schoolA.id, title: 'Ander bord A' });
  boards.set('board-b', { schoolId: schoolB.id, title: 'Studiedag B' });
  const member = (email: string, schoolId: string, role: 'leider' | 'leerkracht') => {
    const user = schools.createUser({ email, name: email, passwordHash });
    schools.addMembership(user.id, schoolId, role);
    const token = generateSessionToken();
    sessions.createSession(token, user.id, schoolId);
    return { user, cookie: `koers_session=${token}`, token };
  };
  const leider = member('leider@a.nl', schoolA.id, 'leider');
  const leerkracht = member('leerkracht@a.nl', schoolA.id, 'leerkracht');
  const victim = member('vertrekt@a.nl', schoolA.id, 'leerkracht');
  const otherSchool = member('leider@b.nl', schoolB.id, 'leider');
  const expired = member('verlopen@a.nl', schoolA.id, 'leider');
  temp.db.prepare('UPDATE sessions SET expires_at = 0 WHERE user_id = ?').run(expired.user.id);
  const projector = projectorLinks.create({
    boardId: 'board-a',
    schoolId: schoolA.id,
    createdBy: leider.user.id,
  });
  const revoked = projectorLinks.create({
    boardId: 'board-a',
    schoolId: schoolA.id,
    createdBy: leider.user.id,
  });
  projectorLinks.revoke(revoked.link.id);
  const linkToDelete = projectorLinks.create({
    boardId: 'board-a',
    schoolId: schoolA.id,
    createdBy: leider.user.id,
  });
  const teamLink = invites.createTeamLink({ schoolId: schoolA.id, createdBy: leider.user.id });
  const credentials: Record<ActorName, Record<string, string>> = {
    anonymous: {},
    leerkracht: { cookie: leerkracht.cookie },
    leider: { cookie: leider.cookie },
    otherSchool: { cookie: otherSchool.cookie },
    projector: { 'x-koers-projector': projector.token },
    revokedLink: { 'x-koers-projector': revoked.token },
    expiredSession: { cookie: expired.cookie },
  };
  const upgradeUrl: Record<ActorName, string> = {
    anonymous: '/sync/board-a',
    leerkracht: '/sync/board-a',
    leider: '/sync/board-a',
    otherSchool: '/sync/board-a',
    projector: `/sync/board-a?projector=${projector.token}`,
    revokedLink: `/sync/board-a?projector=${revoked.token}`,
    expiredSession: '/sync/board-a',
  };
  return {
    app,
    auth,
    credentials,
    upgradeUrl,
    leerkracht,
    victim,
    teamLink,
    linkToDelete,
    projector,
    schoolA,
  };
}

type Fixture = ReturnType<typeof fixture>;
interface Route {
  name: string;
  method: string;
  path: (f: Fixture) => string;
  body?: (f: Fixture, actor: ActorName) => unknown;
  expected: Row;
}

const SAME = (status: number): Row => Object.fromEntries(ACTORS.map((a) => [a, status])) as Row;

const ROUTES: Route[] = [
  {
    name: 'who am I',
    method: 'GET',
    path: () => '/api/auth/me',
    expected: {
      anonymous: 401,
      leerkracht: 200,
      leider: 200,
      otherSchool: 200,
      projector: 401,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'switch to school A',
    method: 'POST',
    path: () => '/api/auth/school',
    body: (f) => ({ schoolId: f.schoolA.id }),
    expected: {
      anonymous: 401,
      leerkracht: 200,
      leider: 200,
      otherSchool: 404,
      projector: 401,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  { name: 'log out', method: 'POST', path: () => '/api/auth/logout', expected: SAME(200) },
  {
    name: 'change password',
    method: 'POST',
    path: () => '/api/auth/password',
    body: () => ({ currentPassword: PASSWORD, newPassword: 'een-nieuw-wachtwoord' }),
    expected: {
      anonymous: 401,
      leerkracht: 200,
      leider: 200,
      otherSchool: 200,
      projector: 401,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  // School-level routes act on the caller's own school: the other school's leider gets her own list.
  {
    name: 'list members',
    method: 'GET',
    path: () => '/api/school/members',
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 200,
      otherSchool: 200,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'change a role',
    method: 'PATCH',
    path: (f) => `/api/school/members/${f.leerkracht.user.id}`,
    body: () => ({ role: 'leider' }),
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 200,
      otherSchool: 404,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'remove a member',
    method: 'DELETE',
    path: (f) => `/api/school/members/${f.victim.user.id}`,
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 200,
      otherSchool: 404,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'list invites',
    method: 'GET',
    path: () => '/api/school/invites',
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 200,
      otherSchool: 200,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'create an invite',
    method: 'POST',
    path: () => '/api/school/invites',
    body: () => ({ kind: 'team' }),
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 201,
      otherSchool: 201,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'revoke an invite',
    method: 'DELETE',
    path: (f) => `/api/school/invites/${f.teamLink.invite.id}`,
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 200,
      otherSchool: 404,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'open an invite (public, the token is the key)',
    method: 'GET',
    path: (f) => `/api/invites/${f.teamLink.token}`,
    expected: SAME(200),
  },
  // Accepting: a member of the school already is refused (409); anyone else joins (new account, or own account).
  {
    name: 'accept a team link',
    method: 'POST',
    path: (f) => `/api/invites/${f.teamLink.token}/accept`,
    body: (_f, actor) => ({
      name: 'Nieuw',
      email: `nieuw-${actor.toLowerCase()}@a.nl`,
      password: 'mijn-eigen-wachtwoord',
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
  {
    name: 'create a projector link',
    method: 'POST',
    path: () => '/api/boards/board-a/projector-links',
    body: () => ({}),
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 201,
      otherSchool: 404,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'list projector links',
    method: 'GET',
    path: () => '/api/boards/board-a/projector-links',
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 200,
      otherSchool: 404,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'projector links of an unknown board',
    method: 'GET',
    path: () => '/api/boards/bestaat-niet/projector-links',
    expected: {
      anonymous: 401,
      leerkracht: 404,
      leider: 404,
      otherSchool: 404,
      projector: 404,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'revoke a projector link',
    method: 'DELETE',
    path: (f) => `/api/boards/board-a/projector-links/${f.linkToDelete.link.id}`,
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 200,
      otherSchool: 404,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'open a projector link (public, the token is the key)',
    method: 'GET',
    path: (f) => `/api/projector/${f.projector.token}`,
    expected: SAME(200),
  },
  {
    name: 'read the audit log',
    method: 'GET',
    path: () => '/api/school/audit-log',
    expected: {
      anonymous: 401,
      leerkracht: 403,
      leider: 200,
      otherSchool: 200,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'read a board (board:read)',
    method: 'GET',
    path: () => '/api/test-boards/board-a',
    expected: {
      anonymous: 401,
      leerkracht: 200,
      leider: 200,
      otherSchool: 404,
      projector: 200,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'read an unknown board',
    method: 'GET',
    path: () => '/api/test-boards/bestaat-niet',
    expected: {
      anonymous: 401,
      leerkracht: 404,
      leider: 404,
      otherSchool: 404,
      projector: 404,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'read another board of the school',
    method: 'GET',
    path: () => '/api/test-boards/board-a2',
    expected: {
      anonymous: 401,
      leerkracht: 200,
      leider: 200,
      otherSchool: 404,
      projector: 404,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
  {
    name: 'write a board (board:write)',
    method: 'PUT',
    path: () => '/api/test-boards/board-a',
    expected: {
      anonymous: 401,
      leerkracht: 200,
      leider: 200,
      otherSchool: 404,
      projector: 403,
      revokedLink: 401,
      expiredSession: 401,
    },
  },
];

describe('authorization matrix: route × caller → exact status', () => {
  for (const route of ROUTES) {
    for (const actor of ACTORS) {
      it(`${route.method} ${route.name} as ${actor} → ${route.expected[actor]}`, async () => {
        const f = fixture();
        const body = route.body?.(f, actor);
        const response = await f.app.request(route.path(f), {
          method: route.method,
          headers: {
            origin: ORIGIN,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...f.credentials[actor],
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(response.status).toBe(route.expected[actor]);
        if (response.status >= 400) expect(await response.json()).toEqual({ error: expect.any(String) });
      });
    }
  }

  it("a member of another school never sees school A's people", async () => {
    const f = fixture();
    const members = await f.app.request('/api/school/members', { headers: f.credentials.otherSchool });
    expect(JSON.stringify(await members.json())).not.toMatch(/@a\.nl/);
    const invites = await f.app.request('/api/school/invites', { headers: f.credentials.otherSchool });
    expect(await invites.json()).toEqual({ invites: [] });
  });

  const UPGRADE: Row = {
    anonymous: 401,
    leerkracht: 'rw',
    leider: 'rw',
    otherSchool: 404,
    projector: 'ro',
    revokedLink: 401,
    expiredSession: 401,
  };
  for (const actor of ACTORS) {
    it(`sync upgrade /sync/board-a as ${actor} → ${UPGRADE[actor]}`, async () => {
      const f = fixture();
      const socket = new Socket();
      const request = new IncomingMessage(socket);
      request.url = f.upgradeUrl[actor];
      request.headers = f.credentials[actor].cookie ? { cookie: f.credentials[actor].cookie } : {};
      // The sync server's hook type: the auth module's function plugs in as it is.
      const hook: AuthorizeUpgrade = f.auth.authorizeUpgrade;
      const decision = await hook(request, 'board-a');
      const outcome = decision.ok ? (decision.readOnly ? 'ro' : 'rw') : decision.status;
      expect(outcome).toBe(UPGRADE[actor]);
      socket.destroy();
    });
  }
});
