/**
 * What the dataset routes answer (see `apps/server/src/datasets/README.md`). The report's own types come
 * from `@koers/analysis` (type-only imports: no analysis code is bundled into the web app).
 */
import type { AnalysisReport, Field, Moment, Result } from '@koers/analysis';

export type {
  AnalysisReport,
  CellStatus,
  ChartPoint,
  ChartSeries,
  ChartSpec,
  Field,
  GroupStats,
  Moment,
  NormBand,
  OverviewCell,
  Pct,
  Signal,
} from '@koers/analysis';

/** A dataset as `GET /api/datasets` lists it: a summary, never pupil rows. */
export interface DatasetSummary {
  id: string;
  schoolId: string;
  name: string;
  sourceFileName: string | null;
  /** User id of the importer (null for the demo data or when that account is gone). */
  importedBy: string | null;
  importedAt: string;
  rowCount: number;
  pupilCount: number;
  schoolYears: string[];
  moments: Moment[];
  subjects: string[];
}

/** One problem in a file, rows numbered as in Excel (header = row 1). */
export interface ImportIssue {
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
  /** The whole sentence: "rij 3, kolom 'Vaardigheidsscore': 'ab' is geen getal". */
  text: string;
}

/** How the server understood the file's columns. */
export interface ColumnsView {
  headers: string[];
  mapping: { field: Field; header: string | null; confidence: number }[];
  domains: { domain: string; header: string | null }[];
  unsure: { field: Field; header: string; confidence: number }[];
  ambiguous: { field: Field; headers: string[] }[];
  unknown: string[];
  missingExplicit: { field: Field; header: string }[];
}

/** `POST /api/datasets/preview`: the file read and checked, nothing stored. */
export interface PreviewAnswer {
  ok: boolean;
  format: 'csv' | 'xlsx' | null;
  fileName: string | null;
  columns: ColumnsView | null;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  counts: {
    /** All errors; `errors` above lists the first 100. */
    errors: number;
    warnings: number;
    rows?: number;
    skipped?: number;
    results?: number;
    pupils?: number;
    schoolYears?: string[];
    moments?: Moment[];
    subjects?: string[];
  };
  skipped?: number[];
  firstRows: Result[];
}

/** `POST /api/datasets` 201. */
export interface ImportAnswer {
  dataset: DatasetSummary;
  skipped: number[];
  warnings: ImportIssue[];
}

/** `POST /api/datasets` 422: the file still has errors; nothing stored. */
export interface ImportRefusal {
  error: string;
  /** The first 100 errors; `errorCount` counts them all. */
  errors: ImportIssue[];
  errorCount?: number;
  warnings: ImportIssue[];
  columns: ColumnsView | null;
}

/** `GET /api/datasets/:id/analysis`. */
export interface AnalysisAnswer {
  datasetId: string;
  version: number;
  schoolYear: string;
  moment: Moment;
  report: AnalysisReport;
}

/** The user's choices sent with a preview or an import. */
export interface ImportChoices {
  name?: string;
  /** Canonical field → the file's header. */
  mapping?: Partial<Record<Field, string>>;
  skipRows?: number[];
}
