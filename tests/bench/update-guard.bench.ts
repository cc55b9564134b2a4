/**
 * `pnpm bench:guard`: what the update guard (apps/server/src/sync/update-guard.ts) costs on the hot path,
 * next to what it replaced (`Y.decodeUpdate` as a pre-check) and what follows it (`Y.applyUpdate`).
 *
 * A board of about 2 MB (14 steps, 3,500 paragraphs); a second client types 3,000 single-character updates
 * into random paragraphs (with a mark now and then), as the server receives them. Each round replays them on
 * a fresh copy of the board: per update, the old pre-check, the guard and the apply are timed back to back,
 * so machine load hits all three alike. Five rounds; medians of the per-round means.
 */
import { STEP_IDS, appendParagraphs, initBoard, stepText } from '@koers/board';
import * as Y from 'yjs';
import { checkUpdate } from '../../apps/server/src/sync/update-guard';

const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
const PARAGRAPHS_PER_STEP = 250;
const TYPED = 3000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run types the same. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const board = new Y.Doc();
board.clientID = 1;
initBoard(board, { title: 'Benchbord', createdAt: new Date('2026-02-02T08:00:00Z') });
for (const step of STEP_IDS) {
  appendParagraphs(
    stepText(board, step),
    Array.from(
      { length: PARAGRAPHS_PER_STEP },
      (_, i) => `${step} alinea ${i}: ${'leesbegrip en rekenen '.repeat(25)}`,
    ),
  );
}
const boardState = Y.encodeStateAsUpdate(board);

const typist = new Y.Doc();
typist.clientID = 2;
Y.applyUpdate(typist, boardState);
const typed: Uint8Array[] = [];
typist.on('update', (update: Uint8Array) => typed.push(update));
const random = prng(7);
for (let i = 0; i < TYPED; i++) {
  const fragment = stepText(typist, STEP_IDS[Math.floor(random() * STEP_IDS.length)] ?? 's1');
  const paragraph = fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const at = Math.floor(random() * text.length);
  if (i % 50 === 49) text.format(at, 3, { bold: true });
  else text.insert(at, 'x');
}

const decodeMeans: number[] = [];
const guardMeans: number[] = [];
const applyMeans: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const server = new Y.Doc();
  Y.applyUpdate(server, boardState);
  let decode = 0;
  let guard = 0;
  let apply = 0;
  for (const update of typed) {
    const t0 = performance.now();
    Y.decodeUpdate(update);
    const t1 = performance.now();
    const refused = checkUpdate(server, update);
    const t2 = performance.now();
    Y.applyUpdate(server, update);
    const t3 = performance.now();
    if (refused !== undefined) throw new Error(`an honest update was refused: ${refused}`);
    decode += t1 - t0;
    guard += t2 - t1;
    apply += t3 - t2;
  }
  decodeMeans.push((decode / typed.length) * 1000);
  guardMeans.push((guard / typed.length) * 1000);
  applyMeans.push((apply / typed.length) * 1000);
  server.destroy();
}

const us = (value: number): string => `${value.toFixed(1)} µs`;
process.stdout.write(
  `Update guard on a ${(boardState.byteLength / 1e6).toFixed(1)} MB board, ${typed.length} typed updates, ${ROUNDS} rounds (medians of per-round means)\n\n` +
    '| per update | median | runs |\n| --- | --- | --- |\n' +
    `| old pre-check (Y.decodeUpdate) | ${us(median(decodeMeans))} | ${decodeMeans.map((v) => v.toFixed(1)).join(', ')} |\n` +
    `| update guard (checkUpdate) | ${us(median(guardMeans))} | ${guardMeans.map((v) => v.toFixed(1)).join(', ')} |\n` +
    `| Y.applyUpdate | ${us(median(applyMeans))} | ${applyMeans.map((v) => v.toFixed(1)).join(', ')} |\n`,
);
