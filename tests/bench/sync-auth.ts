/**
 * The benchmark's clients log in like teachers do: before the server starts, the admin CLI creates a school
 * and a leider in the bench's data dir (no demo data, so bytes on disk are the boards' alone); the bench logs
 * in once and every socket carries that session cookie on its handshake.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { WebSocket } from 'ws';

const LOGIN = { email: 'ib@bench.koers.local', password: 'bench-wachtwoord-2026' };
const cli = path.resolve(import.meta.dirname, '../../apps/server/src/cli/koers.ts');

/** Create the bench school and its leider with `koers school add` / `koers user add` (password on stdin). */
export function createBenchLeider(dataDir: string): void {
  const env = { ...process.env, DATA_DIR: dataDir };
  const run = (args: string[], input = ''): void => {
    execFileSync(process.execPath, ['--import', 'tsx', cli, ...args], {
      env,
      input,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
  };
  run(['school', 'add', 'Bench school']);
  run(
    ['user', 'add', '--school', 'Bench school', '--email', LOGIN.email, '--role', 'leider'],
    `${LOGIN.password}\n`,
  );
}

export interface BenchSession {
  /** `name=value` of the session cookie. */
  cookie: string;
  /** The server's own origin, sent as Origin on state-changing requests (the CSRF check wants it). */
  origin: string;
}

export async function loginAsBenchLeider(url: string): Promise<BenchSession> {
  const origin = new URL(url).origin;
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(LOGIN),
  });
  if (!response.ok) throw new Error(`POST /api/auth/login: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie');
  const cookie = setCookie?.split(';')[0];
  if (!cookie) throw new Error('the login answer set no session cookie');
  return { cookie, origin };
}

/** A `ws` WebSocket class that sends the session cookie, for WebsocketProvider's WebSocketPolyfill. */
export function authenticatedWebSocket(session: BenchSession): typeof WebSocket {
  return class AuthenticatedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie: session.cookie, origin: session.origin } });
    }
  } as unknown as typeof WebSocket;
}
