/**
 * The import pipeline: bytes (CSV or XLSX) → decoded text → rows → column mapping → validated canonical
 * results. All-or-nothing: the outcome holds results only when no error remains; rows the user chose to
 * skip (`skipRows`) are left out before validation, so skipping a bad row makes the file clean.
 */
import { hasOutcome, type Result } from '../model';
import { detectColumns, type ColumnMapping, type ExplicitMapping } from './columns';
import { readCsv, readCsvAsync, type ImportProgress } from './csv';
import { decodeText, isZip } from './decode';
import { DuplicateTracker } from './duplicates';
import type { ImportError } from './import-error';
import { RowValidator, checkColumns, type ImportDefaults } from './validate';

/** Options of {@link importResults}. */
export interface ImportOptions {
  /** The user's explicit column choices (field → header); they override detection. */
  mapping?: ExplicitMapping;
  /** Rows (Excel numbering) the user explicitly chose to leave out. */
  skipRows?: readonly number[];
  /** Values for the whole file when a column is absent (school year, moment, school). */
  defaults?: ImportDefaults;
  onProgress?: (p: ImportProgress) => void;
  /** CSV characters per chunk (default 1 MiB): progress is reported after each chunk. */
  chunkSize?: number;
}

/** Outcome of an import: results only if the file is clean. */
export type ImportOutcome =
  | {
      ok: true;
      results: Result[];
      warnings: ImportError[];
      columns: ColumnMapping;
      format: 'csv' | 'xlsx';
      /** Data rows read (excluding header and empty rows). */
      rows: number;
      skipped: number[];
    }
  | {
      ok: false;
      errors: ImportError[];
      warnings: ImportError[];
      columns: ColumnMapping | null;
      format: 'csv' | 'xlsx';
    };

/** Collects rows: the first non-empty row is the header, the rest are validated as they arrive (internal to the import). */
export class RowSink {
  columns: ColumnMapping | null = null;
  private validator: RowValidator | null = null;
  readonly errors: ImportError[] = [];
  readonly warnings: ImportError[] = [];
  readonly results: Result[] = [];
  private readonly duplicates = new DuplicateTracker();
  private readonly skip: Set<number>;
  readonly skipped: number[] = [];
  rows = 0;
  private columnsFailed = false;

  constructor(private readonly options: ImportOptions) {
    this.skip = new Set(options.skipRows ?? []);
  }

  onRow = (cells: string[], rowNumber: number): void => {
    if (this.columnsFailed) return;
    let empty = true;
    for (const c of cells) {
      if (c.trim() !== '') {
        empty = false;
        break;
      }
    }
    if (empty) return;
    if (!this.columns) {
      this.columns = detectColumns(
        cells.map((c) => c.replace(/^\uFEFF/, '').trim()),
        this.options.mapping,
      );
      const colErrors = checkColumns(this.columns, this.options.defaults ?? {});
      if (colErrors.length > 0) {
        for (const e of colErrors) this.errors.push({ ...e, row: rowNumber });
        this.columnsFailed = true;
        return;
      }
      this.validator = new RowValidator(this.columns, this.options.defaults);
      return;
    }
    this.rows++;
    if (this.skip.has(rowNumber)) {
      this.skipped.push(rowNumber);
      return;
    }
    if (
      cells.length > this.columns.headers.length &&
      cells.slice(this.columns.headers.length).some((c) => c.trim() !== '')
    ) {
      // Typically a decimal comma in a comma-separated file: every later value would shift one column.
      this.errors.push({
        row: rowNumber,
        column: null,
        value: null,
        message: `de rij heeft ${cells.length} waarden maar de kopregel ${this.columns.headers.length} kolommen (staat er een komma in een getal zonder aanhalingstekens?)`,
      });
      return;
    }
    const r = this.validator!.validate(cells, rowNumber, this.errors);
    if (!r) return;
    const dup = this.duplicates.add(r, this.warnings, this.errors);
    if (dup !== 'new') return;
    if (!hasOutcome(r)) {
      this.warnings.push({
        row: rowNumber,
        column: null,
        value: null,
        message:
          'geen uitslag (geen vaardigheidsscore, niveau of referentieniveau): telt als ontbrekend resultaat',
      });
    }
    this.results.push(r);
  };

  finish(format: 'csv' | 'xlsx'): ImportOutcome {
    if (!this.columns) {
      return {
        ok: false,
        errors: [{ row: null, column: null, value: null, message: 'het bestand is leeg' }],
        warnings: [],
        columns: null,
        format,
      };
    }
    if (this.errors.length === 0 && this.rows === 0) {
      this.errors.push({
        row: 2,
        column: null,
        value: null,
        message: 'het bestand bevat alleen een kopregel, geen uitslagen',
      });
    }
    if (this.errors.length > 0) {
      // Stable order as the user reads the file: by row, then by column from left to right.
      const headers = this.columns.headers;
      const col = (e: ImportError): number => (e.column === null ? -1 : headers.indexOf(e.column));
      this.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || col(a) - col(b));
      return { ok: false, errors: this.errors, warnings: this.warnings, columns: this.columns, format };
    }
    return {
      ok: true,
      results: this.results,
      warnings: this.warnings,
      columns: this.columns,
      format,
      rows: this.rows,
      skipped: this.skipped,
    };
  }
}

/**
 * Imports decoded CSV text. Synchronous; `onProgress` is called after every chunk.
 *
 * @example
 * const out = importCsvText('leerling_id;schooljaar;groep;vak;moment;vaardigheidsscore\nL1;2025-2026;5A;Spelling;M;ab');
 * // out.ok === false; formatImportError(out.errors[0]) === "rij 2, kolom 'vaardigheidsscore': 'ab' is geen getal"
 */
export function importCsvText(text: string, options: ImportOptions = {}): ImportOutcome {
  const sink = new RowSink(options);
  const { errors } = readCsv(text, sink.onRow, {
    onProgress: options.onProgress,
    chunkSize: options.chunkSize,
  });
  sink.errors.push(...errors);
  return sink.finish('csv');
}

/**
 * Imports a file's bytes: XLSX (recognised by its ZIP signature) or CSV in UTF-8, Windows-1252 or UTF-16
 * with BOM. CSV is parsed in chunks, yielding to the event loop between chunks, with `onProgress` after
 * each. Never throws on bad input: every problem is an error in the outcome.
 */
export async function importResults(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportOutcome> {
  if (bytes.length === 0) {
    return {
      ok: false,
      errors: [{ row: null, column: null, value: null, message: 'het bestand is leeg' }],
      warnings: [],
      columns: null,
      format: 'csv',
    };
  }
  if (isZip(bytes)) {
    const sink = new RowSink(options);
    try {
      const { readXlsx } = await import('./xlsx');
      await readXlsx(bytes, sink.onRow, { onProgress: options.onProgress });
    } catch (e) {
      return {
        ok: false,
        errors: [
          {
            row: null,
            column: null,
            value: null,
            message: `het Excel-bestand kan niet worden gelezen (${e instanceof Error ? e.message : String(e)})`,
          },
        ],
        warnings: [],
        columns: null,
        format: 'xlsx',
      };
    }
    return sink.finish('xlsx');
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, errors: [decoded.error], warnings: [], columns: null, format: 'csv' };
  const sink = new RowSink(options);
  const { errors } = await readCsvAsync(decoded.text, sink.onRow, {
    onProgress: options.onProgress,
    chunkSize: options.chunkSize,
  });
  sink.errors.push(...errors);
  return sink.finish('csv');
}
