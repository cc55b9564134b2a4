/**
 * Runs imports off the main thread: each import gets a fresh worker thread (import-worker.ts), at most
 * `concurrency` at a time, a few more waiting, and a time limit after which the worker is terminated.
 * A fresh worker per import costs ≈ 0.5–1 s of start-up (it loads the TypeScript sources through tsx) but
 * needs no pool to keep healthy: a stuck or bloated import is ended by terminating its own worker, and
 * its memory goes with it. `resourceLimits` bound that memory, so a file that would exhaust the heap ends
 * the worker, not the server.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fileFailure, type Result } from '@koers/analysis';
import { httpError } from '../auth/access';
import { createLogger } from '../log';
import type { ImportJob, ImportJobResult } from './import-job';
import type { Upload } from './upload';

export interface ImportRunnerOptions {
  /** Imports running at once (default 1: the machine also serves every board's sync). */
  concurrency?: number;
  /** Imports waiting for a turn before new ones are refused (default 4). */
  maxQueued?: number;
  /** Time limit per import in ms, start-up included (default 120 s). */
  timeoutMs?: number;
  /** Heap limit of a worker in MB (default 1536, like the analysis benchmark's bound). */
  maxHeapMb?: number;
  /** Receives failures the user only sees as a general Dutch message (English, for the server's log). */
  onUnexpected?: (message: string, detail: string) => void;
}

/** Refused because too many imports are waiting: the route answers 503 with this. */
export class ImportBusyError extends Error {
  constructor() {
    super('Er worden nu al andere bestanden ingelezen. Probeer het over een minuut opnieuw.');
  }
}

type WorkerMessage = { kind: 'results'; results: Result[] } | { kind: 'done'; result: ImportJobResult };

/** Runs import jobs in worker threads. */
export interface ImportRunner {
  /**
   * Runs the job. With `onResults`, a clean import's results are handed over slice by slice as they
   * arrive (the next slice is sent after the returned promise settles) and the answer's `results` stay
   * empty; without it they are collected into the answer. Rejects when `onResults` throws.
   */
  run(job: ImportJob, onResults?: ResultsSink): Promise<ImportJobResult>;
}

/** Receives a clean import's results slice by slice. */
export type ResultsSink = (results: Result[]) => void | Promise<void>;

const WORKER = new URL('./import-worker.ts', import.meta.url);
// The worker loads TypeScript sources (this package and @koers/analysis), as the server itself does.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function failed(message: string, format: 'csv' | 'xlsx'): ImportJobResult {
  return {
    outcome: fileFailure({ row: null, column: null, value: null, message }, format),
    counts: null,
    firstRows: [],
    unexpected: [],
  };
}

/** Creates the runner the dataset routes use (one per app). */
export function createImportRunner(options: ImportRunnerOptions = {}): ImportRunner {
  const concurrency = options.concurrency ?? 1;
  const maxQueued = options.maxQueued ?? 4;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const maxHeapMb = options.maxHeapMb ?? 1536;
  const onUnexpected = options.onUnexpected ?? (() => undefined);
  let running = 0;
  const waiting: (() => void)[] = [];

  function inWorker(job: ImportJob, onResults: ResultsSink | undefined): Promise<ImportJobResult> {
    return new Promise((resolve, reject) => {
      // Read before the bytes are transferred (then they are gone from this thread).
      const format = job.bytes[0] === 0x50 && job.bytes[1] === 0x4b ? 'xlsx' : 'csv';
      // The bytes move to the worker (transferred, not copied) when they own their whole buffer.
      const owned = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength;
      const bytes = owned ? job.bytes : job.bytes.slice();
      const worker = new Worker(WORKER, {
        execArgv: ['--import', TSX],
        workerData: { ...job, bytes },
        transferList: [bytes.buffer as ArrayBuffer],
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      });
      let done = false;
      const finish = (result: ImportJobResult): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(result);
      };
      const timer = setTimeout(() => {
        onUnexpected('import timed out', `worker terminated after ${timeoutMs} ms`);
        finish(
          failed(
            'het inlezen van het bestand duurde te lang en is gestopt; splits het bestand, bijvoorbeeld per schooljaar',
            format,
          ),
        );
      }, timeoutMs);
      // Results arrive in slices (see import-worker.ts); each is acknowledged on a later turn of the event
      // loop, so receiving them never blocks the main thread for long.
      const results: Result[] = [];
      const next = (): void => {
        setImmediate(() => {
          if (!done) worker.postMessage('next');
        });
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'results') {
          if (!onResults) {
            for (const r of message.results) results.push(r);
            next();
            return;
          }
          Promise.resolve()
            .then(() => (done ? undefined : onResults(message.results)))
            .then(next, (error: unknown) => {
              if (done) return;
              done = true;
              clearTimeout(timer);
              void worker.terminate();
              reject(error instanceof Error ? error : new Error(String(error)));
            });
          return;
        }
        const result = message.result;
        for (const u of result.unexpected) onUnexpected('import library failure', u);
        if (result.outcome.ok && results.length > 0) result.outcome = { ...result.outcome, results };
        finish(result);
      });
      worker.once('error', (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          onUnexpected('import ran out of memory', error.message);
          finish(
            failed('het bestand is te groot om in te lezen; splits het, bijvoorbeeld per schooljaar', format),
          );
          return;
        }
        onUnexpected('import worker failed', error.stack ?? error.message);
        finish(
          failed('het bestand kon niet worden ingelezen door een fout in Koers; probeer het opnieuw', format),
        );
      });
      worker.once('exit', (code) => {
        if (done) return;
        onUnexpected('import worker exited', `exit code ${code} without an answer`);
        finish(
          failed('het bestand kon niet worden ingelezen door een fout in Koers; probeer het opnieuw', format),
        );
      });
    });
  }

  return {
    async run(job, onResults) {
      if (running >= concurrency) {
        if (waiting.length >= maxQueued) throw new ImportBusyError();
        await new Promise<void>((go) => waiting.push(go)); // the finishing import hands over its slot
      } else running++;
      try {
        return await inWorker(job, onResults);
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}

/** An upload in, the worker's answer out (see {@link importJob}). */
export type RunImport = (
  upload: Upload,
  mode: ImportJob['mode'],
  onResults?: ResultsSink,
) => Promise<ImportJobResult>;

/**
 * The dataset routes' view of the runner: an upload in, the worker's answer out; too many waiting
 * imports become a 503 with a Dutch message. Unexpected failures are logged in English.
 *
 * @example const runImport = importJob(deps.importer, maxBytes); const { outcome } = await runImport(upload, 'import');
 */
export function importJob(runner: ImportRunner | undefined, maxBytes: number): RunImport {
  const log = createLogger('warn', { module: 'datasets.import' });
  const importer =
    runner ?? createImportRunner({ onUnexpected: (message, detail) => log.error(message, { detail }) });
  return async (upload, mode, onResults) => {
    try {
      return await importer.run(
        {
          mode,
          bytes: upload.bytes,
          mapping: upload.mapping,
          skipRows: upload.skipRows,
          defaults: upload.defaults,
          maxBytes,
        },
        onResults,
      );
    } catch (error) {
      if (error instanceof ImportBusyError) throw httpError(503, error.message);
      throw error;
    }
  };
}
