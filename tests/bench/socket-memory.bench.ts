/**
 * `pnpm bench:socket-memory`: what one hostile or stalled socket can make the server hold, measured from
 * outside on a real server process (RSS from /proc). Each scenario gets a fresh server:
 *
 * 1. The finding from outside: a 1 MB presence state, then 200 presence queries (QUERY_AWARENESS) from
 *    a socket that never reads.
 * 2. Presence at the limits (40 sockets × 4 client ids × ~8 KB), then the same 200 queries.
 * 3. A 1 MB board, then 200 SyncStep1 ("send me everything") from a socket that never reads.
 * (BENCH_ATTACK_MESSAGES changes the 200.)
 *
 * Printed per scenario: the server's RSS after the setup and 5 s after the attack, and how the attack's
 * sockets were closed (from the server's log: 1013 send buffer full, 4413 presence too large).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appendParagraphs, stepText } from '@koers/board';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  authenticatedWebSocket,
  createBenchLeider,
  loginAsBenchLeider,
  type BenchSession,
} from './sync-auth';
import { rssBytes, spawnServer, stopServer, type ServerProcess } from './sync-process';
import { awarenessUpdate, syncStep1 } from './sync-wire';

const QUERY_AWARENESS = Uint8Array.from([3]);
const ATTACK_MESSAGES = Number(process.env.BENCH_ATTACK_MESSAGES ?? 200);
const SETTLE_MS = 5000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Context {
  server: ServerProcess;
  session: BenchSession;
  boardId: string;
  open(): Promise<WebSocket>;
}

interface Outcome {
  scenario: string;
  rssBeforeMb: number;
  rssAfterMb: number;
  growthMb: number;
  /** What the server logged about the attack's sockets. */
  closed: string;
}

async function createBoard(url: string, session: BenchSession): Promise<string> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, origin: session.origin },
    body: JSON.stringify({ title: 'Bench: sockets' }),
  });
  if (response.status !== 201) throw new Error(`POST /api/boards: ${response.status}`);
  return ((await response.json()) as { board: { id: string } }).board.id;
}

/** Stop reading: the kernel's buffers fill, then whatever the server keeps queueing for this socket. */
function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
}

async function scenario(
  name: string,
  setup: (context: Context) => Promise<void>,
  attack: (context: Context) => Promise<void>,
): Promise<Outcome> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'koers-bench-sockets-'));
  try {
    createBenchLeider(dataDir);
    const server = await spawnServer(dataDir);
    try {
      const session = await loginAsBenchLeider(server.url);
      const boardId = await createBoard(server.url, session);
      const sockets: WebSocket[] = [];
      const open = async (): Promise<WebSocket> => {
        const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${boardId}`, {
          headers: { cookie: session.cookie, origin: session.origin },
        });
        ws.on('error', () => undefined);
        await new Promise((resolve, reject) => {
          ws.once('open', resolve);
          ws.once('error', reject);
        });
        sockets.push(ws);
        return ws;
      };
      const closes: string[] = [];
      // Warnings go to stderr (onLog reads stdout).
      server.child.stderr?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (line.includes('presence over the limits')) closes.push('4413 presence too large');
          if (line.includes('socket does not read')) closes.push('1013 send buffer full');
        }
      });
      const context = { server, session, boardId, open };
      await setup(context);
      await sleep(1000);
      const rssBefore = rssBytes(server.pid);
      await attack(context);
      await sleep(SETTLE_MS);
      const rssAfter = rssBytes(server.pid);
      for (const ws of sockets) ws.terminate();
      const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
      return {
        scenario: name,
        rssBeforeMb: mb(rssBefore),
        rssAfterMb: mb(rssAfter),
        growthMb: mb(rssAfter - rssBefore),
        closed: closes.join(', ') || 'none',
      };
    } finally {
      await stopServer(server);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A socket that stops reading, then sends `message` ATTACK_MESSAGES times. */
async function flood(context: Context, message: Uint8Array): Promise<WebSocket> {
  const ws = await context.open();
  await sleep(300); // the first SyncStep1 and presence arrive, then it stops reading
  stopReading(ws);
  for (let i = 0; i < ATTACK_MESSAGES; i++) ws.send(message);
  return ws;
}

const outcomes: Outcome[] = [];

outcomes.push(
  await scenario(
    `1 MB presence + ${ATTACK_MESSAGES} queries, never reads`,
    async () => undefined,
    async (context) => {
      const holder = await context.open();
      holder.send(awarenessUpdate(1, 1, { user: { name: 'x' }, pad: 'p'.repeat(1024 * 1024) }));
      await sleep(500);
      await flood(context, QUERY_AWARENESS);
    },
  ),
);

outcomes.push(
  await scenario(
    `presence at the limits (40 × 4 × 8 KB) + ${ATTACK_MESSAGES} queries`,
    async (context) => {
      for (let s = 0; s < 40; s++) {
        const ws = await context.open();
        for (let i = 0; i < 4; i++) {
          ws.send(
            awarenessUpdate(100 + s * 10 + i, 1, { user: { name: `gast ${s}.${i}` }, pad: 'p'.repeat(8000) }),
          );
        }
      }
    },
    async (context) => void (await flood(context, QUERY_AWARENESS)),
  ),
);

outcomes.push(
  await scenario(
    `1 MB board + ${ATTACK_MESSAGES} SyncStep1, never reads`,
    async (context) => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(
        `${context.server.url.replace(/^http/, 'ws')}/sync`,
        context.boardId,
        doc,
        {
          WebSocketPolyfill: authenticatedWebSocket(
            context.session,
          ) as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        },
      );
      await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
      appendParagraphs(stepText(doc, 's2'), ['z'.repeat(1024 * 1024)]);
      await sleep(1000);
      // The writer leaves; a watcher keeps the room (and its board) in memory.
      await context.open();
      provider.destroy();
      doc.destroy();
    },
    async (context) => void (await flood(context, syncStep1(Y.encodeStateVector(new Y.Doc())))),
  ),
);

console.table(outcomes);
