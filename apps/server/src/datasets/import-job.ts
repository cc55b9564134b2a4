/**
 * One import as the worker runs it (import-worker.ts): the package's parse + validate, the server's own
 * rule (one school per dataset), and for a preview the summary the wizard shows — so only that summary,
 * not every result, travels back to the main thread.
 */
import {
  MOMENTS,
  fileFailure,
  importResults,
  type ExplicitMapping,
  type ImportDefaults,
  type ImportError,
  type ImportOutcome,
  type Moment,
  type Result,
} from '@koers/analysis';

/** How many canonical rows the preview shows. */
export const PREVIEW_ROWS = 10;

/** What the worker is asked to do. */
export interface ImportJob {
  mode: 'preview' | 'import';
  bytes: Uint8Array;
  mapping?: ExplicitMapping | undefined;
  skipRows?: number[] | undefined;
  defaults?: ImportDefaults | undefined;
  /** Upload limit in bytes (the package's own limit otherwise). */
  maxBytes?: number;
}

/** Counts the preview shows for a clean file. */
export interface ImportCounts {
  results: number;
  pupils: number;
  schoolYears: string[];
  moments: Moment[];
  subjects: string[];
}

/**
 * The worker's answer: the outcome (for a preview with `results` emptied), plus for a clean file the
 * counts and (preview) the first rows; `unexpected` carries a library failure's English text for the server's log.
 */
export interface ImportJobResult {
  outcome: ImportOutcome;
  counts: ImportCounts | null;
  firstRows: Result[];
  unexpected: string[];
}

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function counts(results: readonly Result[]): ImportCounts {
  return {
    results: results.length,
    pupils: distinct(results.map((r) => r.pupilId)).length,
    schoolYears: distinct(results.map((r) => r.schoolYear)).sort(),
    moments: MOMENTS.filter((m) => results.some((r) => r.moment === m)),
    subjects: distinct(results.map((r) => r.subject)).sort((a, b) => a.localeCompare(b, 'nl')),
  };
}

/** A file of several schools is a board's export: the server stores one school's rows per dataset. */
function schoolsError(results: readonly Result[]): ImportError | null {
  const schools = distinct(results.map((r) => r.school).filter((s): s is string => s !== null));
  if (schools.length <= 1) return null;
  return {
    row: null,
    column: 'school',
    value: null,
    message: `het bestand bevat uitslagen van ${schools.length} scholen (${schools.join(', ')}); importeer per school één bestand`,
  };
}

/** Runs one import job (in the worker; callable directly too). */
export async function runImportJob(job: ImportJob): Promise<ImportJobResult> {
  const unexpected: string[] = [];
  let outcome = await importResults(job.bytes, {
    ...(job.mapping ? { mapping: job.mapping } : {}),
    ...(job.skipRows ? { skipRows: job.skipRows } : {}),
    ...(job.defaults ? { defaults: job.defaults } : {}),
    ...(job.maxBytes !== undefined ? { limits: { maxBytes: job.maxBytes } } : {}),
    onUnexpectedError: (e) => unexpected.push(e instanceof Error ? (e.stack ?? e.message) : String(e)),
  });
  if (outcome.ok) {
    const multi = schoolsError(outcome.results);
    if (multi)
      outcome = {
        ...fileFailure(multi, outcome.format),
        warnings: outcome.warnings,
        warningCount: outcome.warningCount,
        columns: outcome.columns,
      };
  }
  if (!outcome.ok) return { outcome, counts: null, firstRows: [], unexpected };
  if (job.mode === 'import') return { outcome, counts: counts(outcome.results), firstRows: [], unexpected };
  return {
    outcome: { ...outcome, results: [] },
    counts: counts(outcome.results),
    firstRows: outcome.results.slice(0, PREVIEW_ROWS),
    unexpected,
  };
}
