/**
 * Worker thread entry (started by import-runner.ts, one worker per import): runs the job it was given in
 * `workerData` and posts the result back, so parsing a large file never holds up the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runImportJob, type ImportJob } from './import-job';

const result = await runImportJob(workerData as ImportJob);
parentPort?.postMessage(result);
