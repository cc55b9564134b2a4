/**
 * `pnpm bench:sync`: the Koers sync server under a study-day load, measured from outside.
 *
 * 1. One room, 40 real y-websocket clients (WebsocketProvider), each typing 5 updates/s into its own
 *    paragraph of the board: fan-out latency (sent on one client → applied on each of the 39 others),
 *    server CPU and RSS.
 * 2. 100 rooms × 40 idle clients with awareness (4,000 sockets; plain `ws` speaking the y-websocket
 *    protocol, since 4,000 providers would measure this process more than the server): server RSS and CPU.
 * Then the data directory's size. Three runs, medians, targets and ratios side by side in one table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { stepText } from '@koers/board';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  cpuMeter,
  cpuPressureMeter,
  directoryBytes,
  rssBytes,
  spawnServer,
  stopServer,
  type ServerProcess,
} from './sync-process';
import {
  authenticatedWebSocket,
  createBenchLeider,
  loginAsBenchLeider,
  type BenchSession,
} from './sync-auth';
import type { TypistCommand, TypistMessage } from './sync-typist-worker';
import { SYNC_STEP2_TYPE, awarenessUpdate, messageKind, syncStep1, syncStep2 } from './sync-wire';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TYPISTS = 40;
/** Threads the typists are spread over (40 laptops in reality; one event loop would queue them all). */
const TYPIST_THREADS = Number(process.env.BENCH_TYPIST_THREADS ?? 4);
const UPDATES_PER_SECOND = 5;
const TYPING_SECONDS = Number(process.env.BENCH_TYPING_SECONDS ?? 20);
const WARMUP_SECONDS = 2;
const IDLE_ROOMS = 100;
const IDLE_PER_ROOM = 40;
const IDLE_HOLD_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 20);
const AWARENESS_RENEW_MS = 15_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function createBoard(url: string, session: BenchSession, title: string): Promise<string> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, origin: session.origin },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`POST /api/boards: ${response.status}`);
  return ((await response.json()) as { board: { id: string } }).board.id;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Upper bounds of the server's pipeline histogram buckets (apps/server/src/sync/sync-stats.ts). */
const SERVER_BUCKETS_MS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, Number.POSITIVE_INFINITY];

function histogramPercentile(histogram: number[], p: number): number {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const [i, count] of histogram.entries()) {
    seen += count;
    if (seen >= rank) return SERVER_BUCKETS_MS[i] ?? Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}

interface TypingResult {
  p50: number;
  p99: number;
  /** Server-internal: update applied → written to every other socket (bucket upper bound). */
  serverP50: number;
  serverP99: number;
  commitMsMax: number;
  /** % of the window in which some task on the machine waited for a CPU. */
  cpuPressure: number | undefined;
  samples: number;
  cpu: number;
  rss: number;
  converged: boolean;
  /** A fresh client opening the board after everyone left (room unloaded, log compacted). */
  reopenMs: number;
}

async function typingRoom(server: ServerProcess, session: BenchSession): Promise<TypingResult> {
  const boardId = await createBoard(server.url, session, 'Bench: typen');
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const sentAt = new Map<string, number>();
  const received: [string, number][] = [];
  const texts: string[][] = [];

  const workers = Array.from({ length: TYPIST_THREADS }, (_, w) => {
    const indices = Array.from({ length: TYPISTS }, (_, i) => i).filter((i) => i % TYPIST_THREADS === w);
    const worker = new Worker(new URL('./sync-typist-worker.ts', import.meta.url), {
      workerData: {
        wsUrl,
        session,
        boardId,
        indices,
        typists: TYPISTS,
        updatesPerSecond: UPDATES_PER_SECOND,
      },
    });
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (message: TypistMessage) => {
        if (message.kind === 'ready') resolve();
        if (message.kind === 'records') {
          for (const [key, at] of message.sent) sentAt.set(key, at);
          for (const record of message.received) received.push(record);
        }
        if (message.kind === 'texts') texts.push(message.texts);
      });
    });
    return { worker, ready };
  });
  const send = (command: TypistCommand): void => {
    for (const { worker } of workers) worker.postMessage(command);
  };
  await Promise.all(workers.map((w) => w.ready));

  send({ kind: 'start' });
  await sleep(WARMUP_SECONDS * 1000);
  const measureFrom = performance.timeOrigin + performance.now();
  const serverHistogram = new Array<number>(SERVER_BUCKETS_MS.length).fill(0);
  let commitMsMax = 0;
  let measuring = true;
  const stopListening = server.onLog((entry) => {
    if (entry.msg !== 'sync stats' || !measuring) return;
    const histogram = entry.pipelineHistogram as number[];
    histogram.forEach((count, i) => (serverHistogram[i] = (serverHistogram[i] ?? 0) + count));
    commitMsMax = Math.max(commitMsMax, Number(entry.commitMsMax));
  });
  const cpu = cpuMeter(server.pid);
  const pressure = cpuPressureMeter();
  await sleep((TYPING_SECONDS - WARMUP_SECONDS) * 1000);
  const measureTo = performance.timeOrigin + performance.now();
  const cpuPercent = cpu();
  const cpuPressure = pressure();
  const rss = rssBytes(server.pid);
  send({ kind: 'stop' });
  // One more stats window so the last second is counted.
  await sleep(1100);
  measuring = false;
  stopListening();

  // Converged: every client of every thread holds the same text.
  const deadline = Date.now() + 20_000;
  let converged = false;
  let expected = '';
  while (!converged && Date.now() < deadline) {
    texts.length = 0;
    send({ kind: 'texts' });
    await waitFor(() => texts.length === workers.length, 'the texts');
    const all = texts.flat();
    expected = all[0] ?? '';
    converged = all.length === TYPISTS && all.every((text) => text === expected);
    if (!converged) await sleep(200);
  }
  await Promise.all(
    workers.map(
      ({ worker }) =>
        new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          worker.postMessage({ kind: 'close' } satisfies TypistCommand);
        }),
    ),
  );

  const latencies: number[] = [];
  for (const [key, at] of received) {
    const sent = sentAt.get(key);
    if (sent !== undefined && sent >= measureFrom && sent <= measureTo) latencies.push(at - sent);
  }

  // Let the room unload (write, compact), then time a newcomer opening the board with all of that history.
  await sleep(1000);
  const reopenDoc = new Y.Doc();
  const reopenStarted = performance.now();
  const reopen = new WebsocketProvider(wsUrl, boardId, reopenDoc, {
    WebSocketPolyfill: authenticatedWebSocket(session) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await waitFor(() => reopen.synced, 'the board to reopen');
  const reopenMs = performance.now() - reopenStarted;
  if (stepText(reopenDoc, 's9').toString() !== expected) throw new Error('the reopened board differs');
  reopen.destroy();
  reopen.awareness.destroy();
  reopenDoc.destroy();

  const sorted = Float64Array.from(latencies).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    serverP50: histogramPercentile(serverHistogram, 50),
    serverP99: histogramPercentile(serverHistogram, 99),
    commitMsMax,
    cpuPressure,
    samples: sorted.length,
    cpu: cpuPercent,
    rss,
    converged,
    reopenMs,
  };
}

interface IdleResult {
  sockets: number;
  rss: number;
  cpu: number;
  connectSeconds: number;
}

async function idleRooms(server: ServerProcess, session: BenchSession): Promise<IdleResult> {
  const boards: string[] = [];
  for (let i = 0; i < IDLE_ROOMS; i++)
    boards.push(await createBoard(server.url, session, `Bench: ruimte ${i + 1}`));
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const emptyStateVector = Y.encodeStateVector(new Y.Doc());
  const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc());
  const sockets: WebSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  let synced = 0;
  let nextClientId = 1_000_000;

  const open = (boardId: string, n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${wsUrl}/${boardId}`, {
        headers: { cookie: session.cookie, origin: session.origin },
      });
      const clientId = nextClientId++;
      let clock = 0;
      let isSynced = false;
      const state = { user: { name: `Deelnemer ${n + 1}`, color: '#1f6f3a', stepId: 's4' } };
      ws.on('open', () => {
        ws.send(syncStep1(emptyStateVector));
        ws.send(awarenessUpdate(clientId, clock, state));
        // Like a real client: renew the presence every 15 s (before the server's 30 s timeout drops it),
        // spread over the period so the hold sees a steady renewal load.
        const renew = (): void => ws.send(awarenessUpdate(clientId, ++clock, state));
        timers.push(
          setTimeout(() => {
            renew();
            timers.push(setInterval(renew, AWARENESS_RENEW_MS));
          }, Math.random() * AWARENESS_RENEW_MS),
        );
      });
      ws.on('message', (data: Buffer) => {
        const { type, syncType } = messageKind(data);
        if (type !== 0) return;
        if (syncType === 0) ws.send(syncStep2(emptyUpdate));
        if (syncType === SYNC_STEP2_TYPE && !isSynced) {
          isSynced = true;
          synced++;
          resolve();
        }
      });
      ws.on('error', reject);
      sockets.push(ws);
    });

  const started = performance.now();
  // Room by room, 40 sockets at a time, like a school arriving at a study day.
  for (const [room, boardId] of boards.entries()) {
    await Promise.all(
      Array.from({ length: IDLE_PER_ROOM }, (_, n) => open(boardId, room * IDLE_PER_ROOM + n)),
    );
  }
  const connectSeconds = (performance.now() - started) / 1000;
  await waitFor(() => synced === IDLE_ROOMS * IDLE_PER_ROOM, 'all idle sockets to sync');
  const cpu = cpuMeter(server.pid);
  await sleep(IDLE_HOLD_SECONDS * 1000);
  const result = { sockets: synced, rss: rssBytes(server.pid), cpu: cpu(), connectSeconds };
  for (const timer of timers) clearTimeout(timer);
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close();
        }),
    ),
  );
  return result;
}

interface RunResult extends TypingResult {
  idle: IdleResult;
  diskBytes: number;
}

async function run(index: number): Promise<RunResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'koers-bench-'));
  createBenchLeider(dataDir);
  const server = await spawnServer(dataDir, { SYNC_STATS_INTERVAL_MS: '1000' });
  try {
    const session = await loginAsBenchLeider(server.url);
    const typing = await typingRoom(server, session);
    process.stdout.write(
      `run ${index}: fan-out p50 ${typing.p50.toFixed(1)} ms, p99 ${typing.p99.toFixed(1)} ms (${typing.samples} samples), ` +
        `server pipeline p99 ≤ ${typing.serverP99} ms, slowest commit ${typing.commitMsMax} ms, ` +
        `CPU ${typing.cpu.toFixed(0)}%, RSS ${(typing.rss / 2 ** 20).toFixed(0)} MB, converged ${typing.converged}, ` +
        `machine CPU pressure ${typing.cpuPressure?.toFixed(0) ?? '?'}%\n`,
    );
    const idle = await idleRooms(server, session);
    process.stdout.write(
      `run ${index}: ${idle.sockets} idle sockets in ${idle.connectSeconds.toFixed(1)} s, RSS ${(idle.rss / 2 ** 20).toFixed(0)} MB, CPU ${idle.cpu.toFixed(0)}%\n`,
    );
    await stopServer(server);
    return { ...typing, idle, diskBytes: directoryBytes(dataDir) };
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  // Every WebsocketProvider adds a process 'exit' listener in Node; 40 of them are expected here.
  process.setMaxListeners(TYPISTS + 10);
  process.stdout.write(
    `Koers sync benchmark: ${RUNS} runs; ${TYPISTS} typists × ${UPDATES_PER_SECOND} updates/s for ${TYPING_SECONDS} s ` +
      `(first ${WARMUP_SECONDS} s not measured); ${IDLE_ROOMS} rooms × ${IDLE_PER_ROOM} idle sockets held ${IDLE_HOLD_SECONDS} s.\n` +
      `Machine: ${availableParallelism()} cores. The clients run in this process (typists spread over ${TYPIST_THREADS} ` +
      `worker threads) on the same cores as the server, so their CPU (40 Y.Docs applying every update) competes ` +
      `with it and is included in the latency; so is whatever else runs on the machine (see CPU pressure).\n\n`,
  );
  const results: RunResult[] = [];
  for (let i = 1; i <= RUNS; i++) results.push(await run(i));

  const mb = (bytes: number): number => bytes / 2 ** 20;
  const lines: {
    metric: string;
    values: number[];
    unit: string;
    target?: number;
    /** For a count that must be reached exactly. */
    exact?: number;
    fmt?: (n: number) => string;
  }[] = [
    { metric: 'fan-out latency p50 (40-client room)', values: results.map((r) => r.p50), unit: 'ms' },
    {
      metric: 'fan-out latency p99 (40-client room)',
      values: results.map((r) => r.p99),
      unit: 'ms',
      target: 50,
    },
    {
      metric: '… of which in the server: applied → sent to all, p50 (bucket bound)',
      values: results.map((r) => r.serverP50),
      unit: 'ms',
    },
    {
      metric: '… of which in the server: applied → sent to all, p99 (bucket bound)',
      values: results.map((r) => r.serverP99),
      unit: 'ms',
    },
    {
      metric: 'slowest group commit (fsync) while typing',
      values: results.map((r) => r.commitMsMax),
      unit: 'ms',
    },
    {
      metric: 'machine CPU pressure while typing (PSI some)',
      values: results.map((r) => r.cpuPressure ?? Number.NaN),
      unit: '%',
    },
    { metric: 'server CPU while 40 type (% of one core)', values: results.map((r) => r.cpu), unit: '%' },
    { metric: 'server RSS while 40 type', values: results.map((r) => mb(r.rss)), unit: 'MB' },
    {
      metric: 'reopen the typed board afterwards (fresh client → synced)',
      values: results.map((r) => r.reopenMs),
      unit: 'ms',
    },
    {
      metric: 'sockets held (100 rooms × 40, awareness)',
      values: results.map((r) => r.idle.sockets),
      unit: '',
      exact: 4000,
      fmt: (n) => n.toFixed(0),
    },
    {
      metric: 'server RSS with 4,000 sockets',
      values: results.map((r) => mb(r.idle.rss)),
      unit: 'MB',
      target: 1024,
    },
    { metric: 'server CPU with 4,000 idle sockets', values: results.map((r) => r.idle.cpu), unit: '%' },
    {
      metric: 'time to open and sync 4,000 sockets',
      values: results.map((r) => r.idle.connectSeconds),
      unit: 's',
    },
    {
      metric: 'bytes on disk after the run (data dir)',
      values: results.map((r) => mb(r.diskBytes)),
      unit: 'MB',
      fmt: (n) => n.toFixed(2),
    },
  ];
  const out: string[] = [
    row(['metric', 'target', 'median', 'median / target', 'runs']),
    row(['---', '---', '---', '---', '---']),
  ];
  for (const line of lines) {
    const fmt = line.fmt ?? ((n: number) => n.toFixed(1));
    const med = median(line.values);
    let target = '—';
    let ratio = '—';
    if (line.target !== undefined) {
      target = `< ${line.target} ${line.unit}`;
      ratio = `${(med / line.target).toFixed(2)} ${med < line.target ? '✓' : '✗'}`;
    } else if (line.exact !== undefined) {
      target = `${line.exact}`;
      ratio = `${(med / line.exact).toFixed(2)} ${med === line.exact ? '✓' : '✗'}`;
    }
    out.push(
      row([line.metric, target, `${fmt(med)} ${line.unit}`.trim(), ratio, line.values.map(fmt).join(', ')]),
    );
  }
  const socketsOk = results.every((r) => r.idle.sockets === IDLE_ROOMS * IDLE_PER_ROOM);
  const convergedAll = results.every((r) => r.converged);
  process.stdout.write(`\n${out.join('\n')}\n\n`);
  process.stdout.write(
    `all 4,000 sockets synced in every run: ${socketsOk ? 'yes' : 'NO'}; 40 clients converged in every run: ${convergedAll ? 'yes' : 'NO'}\n`,
  );
  const failed =
    !socketsOk ||
    !convergedAll ||
    median(results.map((r) => r.p99)) >= 50 ||
    median(results.map((r) => r.idle.rss)) >= 2 ** 30;
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
