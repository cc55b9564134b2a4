/**
 * Worker thread entry (started by import-runner.ts, one worker per import): runs the job it was given in
 * `workerData` and posts the result back, so parsing a large file never holds up the main thread.
 *
 * The results go back in slices, each only after the main thread acknowledged the previous one (having
 * stored it): the main thread has to deserialise what it receives, and 300,000 results in one message take
 * about a second to deserialise — exactly the stall the worker is there to avoid — and would all sit in
 * its heap at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runImportJob, type ImportJob } from './import-job';

/** Results per message: deserialising and storing one slice takes the main thread ≈ 10–30 ms. */
export const RESULTS_PER_MESSAGE = 2000;

const port = parentPort!;
const result = await runImportJob(workerData as ImportJob);
if (result.outcome.ok && result.outcome.results.length > 0) {
  const results = result.outcome.results;
  result.outcome = { ...result.outcome, results: [] };
  for (let i = 0; i < results.length; i += RESULTS_PER_MESSAGE) {
    const acked = new Promise((resolve) => port.once('message', resolve));
    port.postMessage({ kind: 'results', results: results.slice(i, i + RESULTS_PER_MESSAGE) });
    await acked;
  }
}
port.postMessage({ kind: 'done', result });
