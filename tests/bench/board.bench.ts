/// <reference lib="dom" />
/**
 * `pnpm bench:board`: a full study-day board, built and used by 30 simulated laptops against the real server.
 *
 * 1. Build: 30 real y-websocket clients (WebsocketProvider, each its own Y.Doc, logged in) write their share
 *    of a study day through the packages/board accessors: 300 cards (facts on steps 3–7, sources on 7, causes
 *    on 9, conclusions on 10a–c), a 30 × 16 factor grid (the 20 explanations of the Kwaliteitskaart plus 10
 *    added factors × 16 group columns, every cell filled), 12 chart views, and 2,000 links and edits
 *    (1,000 links between facts, sources, causes and conclusions; 1,000 field edits).
 *    Document size: the update a fresh client receives (encodeStateAsUpdate of its synced doc).
 * 2. Load: a fresh y-websocket client opening the board (socket open → synced), and in Chromium the board
 *    page on step 9 from navigation until every cause card is rendered.
 * 3. Typing: one teacher types 10 characters/s into step 9's rich text while 30 laptops (spread over worker
 *    threads) each edit a cause card every second: fan-out latency typist → each of the 30 (p50/p99).
 *
 * Three runs (BENCH_RUNS), medians with their targets side by side in one table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  BOARD_SCHEMA_VERSION,
  CHART_KINDS,
  KWALITEITSKAART_FACTORS,
  createCause,
  createChartView,
  createConclusion,
  createFact,
  createFactor,
  createGridColumn,
  createLink,
  createSource,
  listCauses,
  setGridCell,
  stepText,
  updateCause,
  updateFact,
  type CellValue,
  type LinkRelation,
  type StepId,
} from '@koers/board';
import { chromium } from '@playwright/test';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { LaptopCommand, LaptopMessage, LaptopWorkerData } from './board-laptop-worker';
import { spawnServer, stopServer, type ServerProcess } from './sync-process';
import {
  authenticatedWebSocket,
  createBenchLeider,
  loginAsBenchLeider,
  type BenchSession,
} from './sync-auth';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CLIENTS = 30;
const CARDS = 300;
const ADDED_FACTORS = 10;
const COLUMNS = 16;
const CHART_VIEWS = 12;
const LINKS = 1000;
const EDITS = 1000;
const TYPING_SECONDS = Number(process.env.BENCH_TYPING_SECONDS ?? 15);
const KEYSTROKES_PER_SECOND = 10;
/** Threads the 30 laptops are spread over during the typing phase. */
const LAPTOP_THREADS = Number(process.env.BENCH_LAPTOP_THREADS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** BENCH_BROWSER=false skips the Chromium step (server-side figures only). */
const BROWSER = process.env.BENCH_BROWSER !== 'false';
const LOCAL = 'bench-local';

const TARGETS = { docBytes: 2 * 1024 * 1024, renderMs: 1500, typingP99Ms: 50 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A seeded PRNG (mulberry32), so every run builds the same board. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function createBoard(url: string, session: BenchSession): Promise<string> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, origin: session.origin },
    body: JSON.stringify({ title: 'Bench: studiedag' }),
  });
  if (response.status !== 201) throw new Error(`POST /api/boards: ${response.status}`);
  return ((await response.json()) as { board: { id: string } }).board.id;
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

async function connect(url: string, session: BenchSession, boardId: string): Promise<Client> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, boardId, doc, {
    WebSocketPolyfill: authenticatedWebSocket(session) as unknown as typeof globalThis.WebSocket,
    params: { schema: String(BOARD_SCHEMA_VERSION) },
    disableBc: true,
  });
  await waitFor(() => provider.synced, 'a client to sync');
  return { doc, provider };
}

function disconnect(client: Client): void {
  client.provider.destroy();
  client.doc.destroy();
}

/** Every client has every other's edits: same state vector everywhere. */
async function converged(clients: Client[]): Promise<void> {
  await waitFor(() => {
    const first = Y.encodeStateVector(clients[0]!.doc);
    return clients.every(
      (c) => Buffer.compare(Buffer.from(Y.encodeStateVector(c.doc)), Buffer.from(first)) === 0,
    );
  }, 'every client to converge');
}

const FACT_STEPS: StepId[] = ['s3', 's4', 's5', 's6', 's7'];
const CONCLUSIONS = [
  { kind: '10a', category: 'gaatNietGoed' },
  { kind: '10b', category: 'versterken' },
  { kind: '10c', category: 'korteTermijn' },
] as const;

/** Client `i` writes its share of the study day, through the board accessors, in small transactions. */
function writeShare(client: Client, i: number, columns: string[], random: () => number): void {
  const { doc } = client;
  const act = (fn: () => void): void => doc.transact(fn, LOCAL);
  const perClient = CARDS / CLIENTS; // 10 cards each
  for (let c = 0; c < perClient; c++) {
    const n = i * perClient + c;
    act(() => {
      const kind = n % 10;
      if (kind < 5) {
        createFact(doc, {
          stepId: FACT_STEPS[n % FACT_STEPS.length]!,
          text: `Groep ${3 + (n % 6)}: ${50 + (n % 40)}% op I–III op begrijpend lezen bij de M-toets`,
        });
      } else if (kind === 5) {
        createSource(doc, {
          sourceKind: 'observaties',
          shows: `Observatie ${n}: korte instructie, weinig modelen`,
        });
      } else if (kind < 9) {
        createCause(doc, {
          text: `Mogelijke oorzaak ${n}: te weinig inoefening van leesstrategieën`,
          polarity: n % 2 ? 'negatief' : 'positief',
        });
      } else {
        const conclusion = CONCLUSIONS[n % CONCLUSIONS.length]!;
        createConclusion(doc, { ...conclusion, text: `Conclusie ${n}: groep 6 vraagt aandacht` });
      }
    });
  }
  // The grid: client i fills the columns it owns (16 columns over 30 clients: some own one, the rest none),
  // and everyone adds a third of the 10 added factors' rows… kept simple: the owners fill whole columns.
  if (i < COLUMNS) {
    const columnId = columns[i]!;
    const rows = [...KWALITEITSKAART_FACTORS.map((f) => f.id), ...addedFactorIds(doc)];
    const values: CellValue[] = ['+', '-', '?'];
    for (const factorId of rows) {
      act(() => setGridCell(doc, factorId, columnId, values[Math.floor(random() * 3)]!));
    }
  }
}

function addedFactorIds(doc: Y.Doc): string[] {
  const ids: string[] = [];
  for (const [id, map] of doc.getMap<Y.Map<unknown>>('records')) {
    if (map.get('type') === 'factor') ids.push(id);
  }
  return ids;
}

function recordIds(doc: Y.Doc, types: readonly string[]): string[] {
  const ids: string[] = [];
  for (const [id, map] of doc.getMap<Y.Map<unknown>>('records')) {
    if (types.includes(map.get('type') as string)) ids.push(id);
  }
  return ids.sort();
}

/** 1,000 links and 1,000 edits, spread over the clients. */
function linkAndEdit(client: Client, i: number, random: () => number): void {
  const { doc } = client;
  const evidence = recordIds(doc, ['fact', 'source']);
  const causes = recordIds(doc, ['cause']);
  const conclusions = recordIds(doc, ['conclusion']);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const relations: LinkRelation[] = ['ondersteunt', 'ontkracht'];
  for (let k = 0; k < LINKS / CLIENTS; k++) {
    doc.transact(() => {
      if (k % 3 === 2) createLink(doc, { from: pick(conclusions), to: pick(causes), relation: 'rustOp' });
      else createLink(doc, { from: pick(causes), to: pick(evidence), relation: pick(relations) });
    }, LOCAL);
  }
  const facts = recordIds(doc, ['fact']);
  for (let k = 0; k < EDITS / CLIENTS; k++) {
    doc.transact(() => {
      if (k % 2) updateCause(doc, pick(causes), { knowledge: random() < 0.5 ? 'denken' : 'weten' });
      else updateFact(doc, pick(facts), { text: `Feit, aangescherpt door laptop ${i} (${k})` });
    }, LOCAL);
  }
}

interface RunResult {
  buildMs: number;
  docBytes: number;
  cards: number;
  cells: number;
  links: number;
  loadMs: number;
  renderMs: number;
  typingP50: number;
  typingP99: number;
  typingSamples: number;
}

async function buildBoard(
  url: string,
  session: BenchSession,
  boardId: string,
): Promise<{ clients: Client[]; buildMs: number }> {
  const started = performance.now();
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => connect(url, session, boardId)));
  const random = prng(42);
  // The leider sets up the grid's columns, the added factors and the chart views; the others see them arrive.
  const leider = clients[0]!;
  leider.doc.transact(() => {
    for (let c = 0; c < COLUMNS; c++)
      createGridColumn(leider.doc, { label: `Groep ${3 + (c % 6)}${'abc'[c % 3]}` });
    for (let f = 0; f < ADDED_FACTORS; f++) createFactor(leider.doc, { label: `Eigen factor ${f + 1}` });
    for (let v = 0; v < CHART_VIEWS; v++) {
      createChartView(leider.doc, {
        stepId: (['s3', 's4', 's5', 's6'] as const)[v % 4]!,
        datasetId: 'bench0dataset0001',
        analysisKind: CHART_KINDS[v % CHART_KINDS.length]!,
        filters: {},
        title: `Grafiek ${v + 1}`,
      });
    }
  }, LOCAL);
  await converged(clients);
  const columns = recordIds(leider.doc, ['gridColumn']);
  clients.forEach((client, i) => writeShare(client, i, columns, random));
  await converged(clients);
  clients.forEach((client, i) => linkAndEdit(client, i, random));
  await converged(clients);
  return { clients, buildMs: performance.now() - started };
}

/**
 * One teacher types into step 9's rich text while 30 laptops (in worker threads, each with its own
 * provider) keep editing cause cards every second; latency from her keystroke to each laptop.
 */
async function typingLatency(url: string, session: BenchSession, boardId: string): Promise<number[]> {
  const typist = await connect(url, session, boardId);
  const fragment = stepText(typist.doc, 's9');
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  typist.doc.transact(() => fragment.insert(fragment.length, [paragraph]), LOCAL);

  const sentAt = new Map<number, number>();
  const receivedAt: [number, number][] = [];
  const perWorker = Math.ceil(CLIENTS / LAPTOP_THREADS);
  const workers = Array.from({ length: LAPTOP_THREADS }, (_, w) => {
    const worker = new Worker(new URL('./board-laptop-worker.ts', import.meta.url), {
      workerData: {
        wsUrl: `${url.replace(/^http/, 'ws')}/sync`,
        session,
        boardId,
        laptops: Math.min(perWorker, CLIENTS - w * perWorker),
        typistClientId: typist.doc.clientID,
      } satisfies LaptopWorkerData,
      execArgv: ['--import', 'tsx'],
    });
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (message: LaptopMessage) => {
        if (message.kind === 'ready') resolve();
        else receivedAt.push(...message.received);
      });
    });
    return { worker, ready };
  });
  await Promise.all(workers.map((w) => w.ready));
  for (const { worker } of workers) worker.postMessage({ kind: 'start' } satisfies LaptopCommand);
  await sleep(1000);

  const now = (): number => performance.timeOrigin + performance.now();
  const keystrokes = TYPING_SECONDS * KEYSTROKES_PER_SECOND;
  for (let k = 0; k < keystrokes; k++) {
    const clock = Y.getState(typist.doc.store, typist.doc.clientID);
    sentAt.set(clock, now());
    typist.doc.transact(() => text.insert(text.length, 'a'), LOCAL);
    await sleep(1000 / KEYSTROKES_PER_SECOND);
  }
  await waitFor(
    () => receivedAt.filter(([clock]) => sentAt.has(clock)).length >= keystrokes * CLIENTS,
    'every keystroke to reach every laptop',
  );
  const exited = workers.map(
    ({ worker }) => new Promise<void>((resolve) => worker.once('exit', () => resolve())),
  );
  for (const { worker } of workers) worker.postMessage({ kind: 'stop' } satisfies LaptopCommand);
  await Promise.all(exited);
  disconnect(typist);
  const latencies: number[] = [];
  for (const [clock, at] of receivedAt) {
    const sent = sentAt.get(clock);
    if (sent !== undefined) latencies.push(at - sent);
  }
  return latencies;
}

/** Chromium: the board page on step 9 from navigation until every cause card of the step is rendered. */
async function renderInChromium(
  url: string,
  session: BenchSession,
  boardId: string,
  causes: number,
): Promise<number> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url }]);
    const page = await context.newPage();
    // Warm the app's static assets once, as a laptop that opened Koers before would have them.
    await page.goto(`${url}/`);
    await page.waitForLoadState('networkidle');
    const started = Date.now();
    await page.goto(`${url}/borden/${boardId}?stap=s9`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-card-id]').length >= n, causes, {
      timeout: 60_000,
      polling: 'raf',
    });
    return Date.now() - started;
  } finally {
    await browser.close();
  }
}

async function oneRun(run: number): Promise<RunResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'koers-bench-board-'));
  let server: ServerProcess | undefined;
  try {
    createBenchLeider(dataDir);
    server = await spawnServer(dataDir);
    const session = await loginAsBenchLeider(server.url);
    const boardId = await createBoard(server.url, session);
    const { clients, buildMs } = await buildBoard(server.url, session, boardId);

    const loadStarted = performance.now();
    const fresh = await connect(server.url, session, boardId);
    const loadMs = performance.now() - loadStarted;
    const docBytes = Y.encodeStateAsUpdate(fresh.doc).byteLength;
    const records = fresh.doc.getMap<Y.Map<unknown>>('records');
    let cards = 0;
    let links = 0;
    for (const map of records.values()) {
      const type = map.get('type');
      if (type === 'link') links++;
      else if (type !== 'gridColumn' && type !== 'factor' && type !== 'chartView') cards++;
    }
    const cells = fresh.doc.getMap('gridCells').size;
    const causes = listCauses(fresh.doc).length;
    disconnect(fresh);

    const renderMs = BROWSER ? await renderInChromium(server.url, session, boardId, causes) : Number.NaN;
    for (const client of clients) disconnect(client);
    const latencies = await typingLatency(server.url, session, boardId);
    console.log(
      `run ${run}: ${cards} cards, ${cells} cells, ${links} links, ${(docBytes / 1024).toFixed(0)} KiB, ` +
        `load ${loadMs.toFixed(0)} ms, render ${renderMs} ms, typing p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );
    return {
      buildMs,
      docBytes,
      cards,
      cells,
      links,
      loadMs,
      renderMs,
      typingP50: percentile(latencies, 50),
      typingP99: percentile(latencies, 99),
      typingSamples: latencies.length,
    };
  } finally {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: RunResult[] = [];
  for (let run = 1; run <= RUNS; run++) results.push(await oneRun(run));
  const m = (pick: (r: RunResult) => number): number => median(results.map(pick));
  const docBytes = m((r) => r.docBytes);
  const renderMs = m((r) => r.renderMs);
  const typingP99 = m((r) => r.typingP99);
  const rows: [string, string, string, string][] = [
    ['board built by 30 clients (ms)', m((r) => r.buildMs).toFixed(0), '', ''],
    ['cards / cells / links', `${m((r) => r.cards)} / ${m((r) => r.cells)} / ${m((r) => r.links)}`, '', ''],
    [
      'document size (KiB)',
      (docBytes / 1024).toFixed(0),
      (TARGETS.docBytes / 1024).toFixed(0),
      (docBytes / TARGETS.docBytes).toFixed(2),
    ],
    ['fresh y-websocket client: open → synced (ms)', m((r) => r.loadMs).toFixed(0), '', ''],
    [
      'Chromium: step 9 rendered with every card (ms)',
      renderMs.toFixed(0),
      String(TARGETS.renderMs),
      (renderMs / TARGETS.renderMs).toFixed(2),
    ],
    ['typing fan-out p50 (ms)', m((r) => r.typingP50).toFixed(1), '', ''],
    [
      'typing fan-out p99 (ms)',
      typingP99.toFixed(1),
      String(TARGETS.typingP99Ms),
      (typingP99 / TARGETS.typingP99Ms).toFixed(2),
    ],
  ];
  console.log(`\nbench:board — medians of ${RUNS} runs (ratio = median / target; < 1 meets the target)\n`);
  console.log('| metric | median | target | ratio |\n| --- | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  const failed =
    docBytes > TARGETS.docBytes || renderMs > TARGETS.renderMs || typingP99 > TARGETS.typingP99Ms;
  if (failed) {
    console.log('\nA target was missed.');
    process.exitCode = 1;
  }
}

await main();
