/**
 * A clean import goes from the worker straight into the store, slice by slice: the main thread never holds
 * all of a large file's results, and never writes for long at a time. Anything wrong — errors in the file,
 * the time limit, a failed write — leaves nothing stored.
 */
import type { ImportOutcome } from '@koers/analysis';
import type { DatasetHeader, DatasetStore, DatasetSummary } from './dataset-store';
import type { RunImport } from './import-runner';
import type { Upload } from './upload';

/** The stored dataset, or the errors and nothing stored. */
export type StoredImport =
  | { outcome: Extract<ImportOutcome, { ok: true }>; dataset: DatasetSummary }
  | { outcome: Extract<ImportOutcome, { ok: false }>; dataset: null };

/** Imports an upload into the store; `dataset` is null when the file has errors (nothing stored). */
export async function importIntoStore(
  runImport: RunImport,
  store: DatasetStore,
  upload: Upload,
  header: DatasetHeader,
): Promise<StoredImport> {
  const writer = store.startImport(header);
  try {
    const { outcome, counts } = await runImport(upload, 'import', (results) => writer.add(results));
    if (!outcome.ok) {
      writer.abort();
      return { outcome, dataset: null };
    }
    if (!counts) throw new Error('import worker answered a clean file without counts');
    const dataset = writer.finish({
      rows: counts.results,
      pupils: counts.pupils,
      schoolYears: counts.schoolYears,
      moments: counts.moments,
      subjects: counts.subjects,
    });
    return { outcome, dataset };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
