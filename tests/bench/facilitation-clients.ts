/**
 * The facilitation benches' clients: raw sockets speaking the session protocol (apps/server/README.md
 * "Facilitation"), teachers joining through a team link, and the figures' percentiles.
 */
import { WebSocket } from 'ws';
import type { BenchSession } from './sync-auth';
import { readStateless, statelessMessage } from './sync-wire';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1);
  }
}

export interface State {
  rev: number;
  session: {
    currentStep: string | null;
    lastReveal: { recordIds: string[]; roundId: string } | null;
    vote: { id: string; status: string; result?: unknown } | null;
  };
}

/** One socket speaking the session protocol; `onState` sees every state with its arrival time. */
export class SessionSocket {
  state: State | undefined;
  readonly #listeners = new Set<(state: State, at: number) => void>();
  #nextId = 1;
  readonly answers = new Map<string, { t: string; code?: string; message?: string }>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      const payload = readStateless(new Uint8Array(data));
      if (payload === undefined) return;
      const message = JSON.parse(payload) as { t: string; id?: string } & State;
      if (message.t === 'state') {
        this.state = message;
        for (const listener of this.#listeners) listener(message, at);
      } else if (message.id) {
        this.answers.set(message.id, message);
      }
    });
  }

  static async open(
    url: string,
    boardId: string,
    headers: Record<string, string>,
    query = '',
  ): Promise<SessionSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${boardId}${query}`, { headers });
    const socket = new SessionSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await waitFor(() => socket.state !== undefined, 'the first state');
    return socket;
  }

  onState(listener: (state: State, at: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  send(t: string, fields: Record<string, unknown> = {}): string {
    const id = `b${this.#nextId++}`;
    this.ws.send(statelessMessage(JSON.stringify({ v: 1, t, id, ...fields })));
    return id;
  }

  async command(t: string, fields: Record<string, unknown> = {}): Promise<void> {
    const id = this.send(t, fields);
    await waitFor(() => this.answers.has(id), `the answer to ${t}`);
    const answer = this.answers.get(id)!;
    if (answer.t !== 'ok') throw new Error(`${t}: ${answer.code} ${answer.message}`);
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (n=${sorted.length})`;
}

export async function post(
  url: string,
  session: BenchSession,
  pathname: string,
  body: unknown,
): Promise<unknown> {
  const response = await fetch(`${url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, origin: session.origin },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A new leerkracht account through the team link (as a teacher joins); returns her session cookie. */
export async function joinTeam(url: string, token: string, i: number): Promise<string> {
  const response = await fetch(`${url}/api/invites/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin },
    body: JSON.stringify({
      email: `juf${i}@bench.koers.local`,
      name: `Juf ${i}`,
      password: 'bench-wachtwoord-2026',
    }),
  });
  if (response.status !== 201)
    throw new Error(`joining the team: ${response.status} ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
