import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boardToJSON, type StepId } from '@koers/board';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { hashPassword } from '../auth/password';
import { generateSessionToken } from '../auth/session';
import type { Config } from '../config';
import { createLogger } from '../log';
import type { Role } from '../schools/school-store';
import { startServer, type RunningServer, type StartOptions } from '../server';

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'koers-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The password of every account the test kit makes (hashed once per test file). */
export const TEST_PASSWORD = 'een-goed-wachtwoord';
let testPasswordHash: Promise<string> | undefined;

/**
 * A member of `schoolId` with a fresh session, made directly in the server's stores (no argon2 login per
 * test); returns her user id and the `Cookie` header value a browser would send.
 */
export async function addTestMember(
  running: Pick<RunningServer, 'auth'>,
  schoolId: string,
  email: string,
  role: Role,
): Promise<{ userId: string; cookie: string; sessionId: string }> {
  const { schools, sessions, cookie } = running.auth.services;
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const user = schools.createUser({
    email,
    name: email.split('@')[0] ?? email,
    passwordHash: await testPasswordHash,
  });
  schools.addMembership(user.id, schoolId, role);
  const token = generateSessionToken();
  const session = sessions.createSession(token, user.id, schoolId);
  return { userId: user.id, cookie: `${cookie.name}=${token}`, sessionId: session.id };
}

/**
 * A real server on an ephemeral port with its own data dir; quiet logs unless LOG_LEVEL is set. It has a
 * school ("Testschool") with a leider whose session cookie is `cookie`: the kit's REST and socket helpers
 * act as her when given the server.
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: StartOptions = {},
): Promise<RunningServer & { dataDir: string; schoolId: string; cookie: string; stop: () => Promise<void> }> {
  const temp = tempDir();
  const level = (process.env.TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'error';
  const running = await startServer(
    { port: 0, host: '127.0.0.1', dataDir: temp.dir, demo: false, logLevel: level, ...overrides },
    { log: createLogger(level), ...options },
  );
  const school =
    running.auth.schools.findSchoolByName('Testschool') ?? running.auth.schools.createSchool('Testschool');
  const leider = await addTestMember(running, school.id, `leider-${randomUUID()}@test.nl`, 'leider');
  return {
    ...running,
    dataDir: temp.dir,
    schoolId: school.id,
    cookie: leider.cookie,
    stop: async () => {
      await running.close();
      temp.remove();
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The plain text of a step, as the board package reads it. */
  text(stepId: StepId): string;
  destroy(): void;
}

/** `ws` with fixed request headers: a browser sends its session cookie on the upgrade by itself. */
export function webSocketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

/**
 * A stock y-websocket client, as the web app builds it (BroadcastChannel off: every client must go via
 * the server), sending `cookie` on the upgrade as a logged-in browser does.
 */
export function connectClient(
  baseUrl: string,
  boardId: string,
  options: { params?: Record<string, string>; doc?: Y.Doc; cookie?: string } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, boardId, doc, {
    WebSocketPolyfill: webSocketWith(
      options.cookie ? { cookie: options.cookie } : {},
    ) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    ...(options.params ? { params: options.params } : {}),
  });
  return {
    doc,
    provider,
    text: (stepId) => boardToJSON(doc).steps.find((s) => s.id === stepId)?.text ?? '',
    destroy: () => {
      provider.destroy();
      provider.awareness.destroy();
      doc.destroy();
    },
  };
}

/** Poll until `check` returns true (or throw after `timeoutMs` with `what` in the message). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function waitSynced(client: TestClient): Promise<void> {
  await waitFor(() => client.provider.synced, 'the client to sync');
}

/** Log in through `POST /api/auth/login` (as the web app does) and return the `Cookie` header value. */
export async function loginViaApi(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Create a board over REST as the server's test leider (`cookie`) and return its id. */
export async function createBoardViaApi(
  server: { url: string; cookie: string },
  title = 'Testbord',
): Promise<string> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    // A browser sends Origin on every POST; the CSRF check refuses a cookie without one.
    headers: { 'content-type': 'application/json', cookie: server.cookie, origin: server.url },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`creating a board failed: ${response.status}`);
  const body = (await response.json()) as { board: { id: string } };
  return body.board.id;
}

/** A raw WebSocket on `/sync/<boardId>` (as the test leider) for sending hand-made (or broken) frames. */
export async function openRawSocket(
  server: { url: string; cookie: string },
  boardId: string,
): Promise<WebSocket> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${boardId}`, {
    headers: { cookie: server.cookie },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** Resolves with the close code the server sent. */
export function closeCodeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(-1);
    ws.once('close', (code) => resolve(code));
  });
}

/**
 * Resolves once the server has handled everything `client` sent before: asks for the room's presence
 * (QUERY_AWARENESS) on the client's own socket and waits for the answer, which the server sends only after
 * the earlier messages of that socket. Needs someone's presence in the room (every stock client has one).
 */
export async function serverRoundTrip(client: TestClient): Promise<void> {
  const ws = client.provider.ws;
  if (!ws) throw new Error('the client is not connected');
  await new Promise<void>((resolve) => {
    const onMessage = (event: { data: unknown }): void => {
      const data = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : undefined;
      if (data?.[0] !== 1) return; // 1: an awareness message
      ws.removeEventListener('message', onMessage as never);
      resolve();
    };
    ws.addEventListener('message', onMessage as never);
    ws.send(new Uint8Array([3])); // 3: QUERY_AWARENESS
  });
}
