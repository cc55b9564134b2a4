import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { openDatabase } from '../db/sqlite';
import type { AuthEnv } from './access';
import { createAuthModule, type AuthModule } from './index';
import { hashPassword } from './password';
import type { Role } from '../schools/school-store';

/** Test support only (imported by *.test.ts): a real SQLite file in a fresh temp dir. */
export function tempDatabase(): { db: DatabaseSync; dir: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'koers-auth-'));
  const file = path.join(dir, 'koers.db');
  const db = openDatabase(file);
  return {
    db,
    dir,
    file,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A controllable clock. */
export function testClock(start = Date.UTC(2026, 0, 15, 8, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export const ORIGIN = 'http://koers.test';

/**
 * A Hono app wired the way app.ts will be (security headers, Origin check, actor, the auth route modules)
 * plus two stand-in board routes that use `requireAccess` as the real board routes will.
 */
export function testApp(db: DatabaseSync, now: () => number = Date.now, publicUrl: string = ORIGIN) {
  const boards = new Map<string, { schoolId: string; title: string }>();
  const auth: AuthModule = createAuthModule({
    db,
    config: { publicUrl, webBuildDir: '/nonexistent', sessionDays: 30, trustProxy: false },
    boards: {
      schoolOf: (id) => boards.get(id)?.schoolId ?? null,
      titleOf: (id) => boards.get(id)?.title ?? null,
    },
    now,
  });
  const app = new Hono<AuthEnv>();
  // As app.ts answers thrown HTTP errors: `{ error: message }` with the status (the error's own response is not used).
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500)
      return c.json({ error: error.message }, error.status);
    throw error;
  });
  app.use('*', auth.securityHeaders);
  app.use('/api/*', auth.originCheck);
  app.use('/api/*', auth.withActor);
  for (const routes of Object.values(auth.routes)) app.route('/', routes);
  app.get('/api/test-boards/:id', async (c) => {
    await auth.requireBoardAccess(c.var.actor, c.req.param('id'), 'board:read');
    return c.json({ ok: true });
  });
  app.put('/api/test-boards/:id', async (c) => {
    await auth.requireBoardAccess(c.var.actor, c.req.param('id'), 'board:write');
    return c.json({ ok: true });
  });
  return { app, auth, boards };
}

/** Create a member with a password directly in the store. */
export async function addMember(
  auth: AuthModule,
  schoolId: string,
  email: string,
  role: Role,
  password = 'een-goed-wachtwoord',
) {
  const user = auth.schools.createUser({
    email,
    name: email.split('@')[0] ?? email,
    passwordHash: await hashPassword(password),
  });
  auth.schools.addMembership(user.id, schoolId, role);
  return { user, password };
}

/** Log in through the real route and return the Cookie header value. */
export async function login(
  app: Hono<AuthEnv>,
  email: string,
  password: string,
  ip = '10.0.0.1',
): Promise<string> {
  const response = await app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email, password }),
    },
    { incoming: { socket: { remoteAddress: ip } } },
  );
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return cookieFrom(response);
}

/** The `name=value` of the Set-Cookie header of a response. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0] ?? '';
}
