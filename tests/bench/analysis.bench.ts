/**
 * `pnpm bench:analysis` — import and analysis speed of @koers/analysis.
 *
 * 1. One school (≈ 25,000 results: the demo school with three parallel classes per jaargroep): import
 *    parse time of its canonical CSV, and the time of all analyses (`analyseSchool`). Target < 50 ms.
 * 2. A school board of 50 schools (≈ 2,000,000 results, each school from its own seed): import parse of
 *    the 50 CSV files, and the full board analysis (`analyseBoard`). Target < 3 s, peak RSS < 1.5 GB.
 *
 * Reports medians over several runs with the ratio to the target, and the process's peak RSS.
 * Data generation is not timed. The script runs with `--max-old-space-size=1280` (see package.json):
 * the live data of the board is ≈ 0.5 GB, but with default flags V8 lets garbage pile up to ≈ 1.6 GB
 * before collecting; a server analysing boards should run with the same bound. The live heap after a
 * forced GC is printed too, so the real need is visible.
 */
import { loadavg } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import {
  analyseBoard,
  analyseSchool,
  generateDemoSchool,
  importResults,
  resultsToCanonicalCsv,
  type Result,
} from '@koers/analysis';

const SCHOOL_RUNS = 15;
const BOARD_RUNS = 3;
const BOARD_ANALYSIS_RUNS = 5;
const BOARD_SCHOOLS = 50;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
/** Heap in use after a full GC (needs --expose-gc; null without it). Never called inside a timed section. */
const liveHeapMb = (): number | null => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};
const mbText = (x: number | null): string =>
  x === null ? 'unknown (without --expose-gc)' : `${x.toFixed(0)} MB`;
const rows: string[][] = [];
const report = (name: string, runs: number[], targetMs: number | null, n: number): void => {
  const m = median(runs);
  rows.push([
    name,
    n.toLocaleString('en-GB'),
    `${m.toFixed(1)} ms`,
    `${Math.min(...runs).toFixed(1)} ms`,
    targetMs === null ? '–' : `${targetMs} ms`,
    targetMs === null ? '–' : `${(m / targetMs).toFixed(2)}×`,
    String(runs.length),
  ]);
  process.stderr.write(`  ${name}: median ${m.toFixed(1)} ms\n`);
};

async function importBytes(csv: string): Promise<{ results: Result[]; ms: number }> {
  const bytes = new TextEncoder().encode(csv);
  const t = performance.now();
  const out = await importResults(bytes);
  const ms = performance.now() - t;
  if (!out.ok) throw new Error(`import failed: ${out.errors.length} errors`);
  return { results: out.results, ms };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  process.stderr.write('One school…\n');
  const school = generateDemoSchool({ seed: 1, pupilsPerGroup: 29, classesPerGrade: 3 });
  const csv = resultsToCanonicalCsv(school.results);
  const importRuns: number[] = [];
  let imported: Result[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await importBytes(csv);
    importRuns.push(r.ms);
    imported = r.results;
  }
  report('school: import (CSV → canonical rows)', importRuns, null, imported.length);
  for (let i = 0; i < 3; i++) analyseSchool(imported, school.normSet); // warm-up
  const analyseRuns: number[] = [];
  for (let i = 0; i < SCHOOL_RUNS; i++) {
    const t = performance.now();
    analyseSchool(imported, school.normSet);
    analyseRuns.push(performance.now() - t);
  }
  report('school: all analyses', analyseRuns, 50, imported.length);
  const rssSchool = peakRssMb();

  process.stderr.write(`Board of ${BOARD_SCHOOLS} schools…\n`);
  const boardImportRuns: number[] = [];
  let board: Result[] = [];
  for (let run = 0; run < BOARD_RUNS; run++) {
    let total = 0;
    const keep: Result[] = [];
    for (let s = 1; s <= BOARD_SCHOOLS; s++) {
      const text = resultsToCanonicalCsv(
        generateDemoSchool({ seed: 1000 + s, pupilsPerGroup: 28, classesPerGrade: 5, school: `School ${s}` })
          .results,
      );
      const r = await importBytes(text);
      total += r.ms;
      if (run === 0) for (const x of r.results) keep.push(x);
    }
    if (run === 0) board = keep;
    boardImportRuns.push(total);
    process.stderr.write(`  import run ${run + 1}: ${total.toFixed(0)} ms\n`);
  }
  report(`board: import ${BOARD_SCHOOLS} CSV files`, boardImportRuns, null, board.length);
  const liveAfterImport = liveHeapMb();
  const boardRuns: number[] = [];
  for (let run = 0; run < BOARD_ANALYSIS_RUNS; run++) {
    const t = performance.now();
    const b = analyseBoard(board, school.normSet);
    boardRuns.push(performance.now() - t);
    if (b.reports.length !== BOARD_SCHOOLS) throw new Error('expected one report per school');
  }
  report('board: all analyses (all schools)', boardRuns, 3000, board.length);
  const rssBoard = peakRssMb();
  const liveAfterAnalysis = liveHeapMb();

  const head = ['metric', 'results', 'median', 'fastest', 'target', 'median/target', 'runs'];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\n${line(head)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${rows.map(line).join('\n')}\n`,
  );
  process.stdout.write(
    `\nPeak RSS after one school: ${rssSchool.toFixed(0)} MB; after the board: ${rssBoard.toFixed(0)} MB (target < 1536 MB, ${(rssBoard / 1536).toFixed(2)}×)\n`,
  );
  process.stdout.write(
    `Live heap after the board import: ${mbText(liveAfterImport)}; after the analysis: ${mbText(liveAfterAnalysis)}; heap limit ${(getHeapStatistics().heap_size_limit / 1048576).toFixed(0)} MB\n`,
  );
  process.stdout.write(
    `Node ${process.version}, ${((performance.now() - started) / 1000).toFixed(0)} s in total; load average (1 min) at start ${loadAtStart.toFixed(1)}, at the end ${loadavg()[0]!.toFixed(1)}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
