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
import { dutchNumber, importLimits, megabytes, shortValue, type ImportLimits } from './limits';
import { RowValidator, checkColumns, type ImportDefaults } from './validate';
import type { CellProblem, XlsxRowHandler } from './xlsx';

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
  /** Overrides of the default limits (`DEFAULT_IMPORT_LIMITS`: file size, rows, columns, cell length, errors kept …). */
  limits?: Partial<ImportLimits>;
  /**
   * Called with a library failure the import does not recognise; the user gets a general Dutch message
   * instead of the library's text, so the caller can log the original (the server does, in English).
   */
  onUnexpectedError?: (error: unknown) => void;
}

/** Outcome of an import: results only if the file is clean. */
export type ImportOutcome =
  | {
      ok: true;
      results: Result[];
      /** The first `maxErrors` warnings, in file order; `warningCount` counts them all. */
      warnings: ImportError[];
      warningCount: number;
      columns: ColumnMapping;
      format: 'csv' | 'xlsx';
      /** Data rows read (excluding header and empty rows). */
      rows: number;
      skipped: number[];
    }
  | {
      ok: false;
      /** The first `maxErrors` errors, in file order; `errorCount` counts them all. */
      errors: ImportError[];
      errorCount: number;
      warnings: ImportError[];
      warningCount: number;
      columns: ColumnMapping | null;
      format: 'csv' | 'xlsx';
    };

/** An outcome with one file-level error (too large, unreadable, wrong encoding …). */
export function fileFailure(error: ImportError, format: 'csv' | 'xlsx'): ImportOutcome {
  return { ok: false, errors: [error], errorCount: 1, warnings: [], warningCount: 0, columns: null, format };
}

/** Excel's name for a 0-based column: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

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
  private stopped = false;
  private readonly limits: ImportLimits;
  /** Columns Koers reads (fields and domains): their cells have the short length limit. */
  private readonly read = new Set<number>();
  /** Per column, the longest cell allowed (a plain array: this runs for every cell of every row). */
  private maxLength: number[] = [];
  /** Errors and warnings beyond the kept ones: only counted, so a file of a million bad rows stays small. */
  private droppedErrors = 0;
  private droppedWarnings = 0;

  constructor(private readonly options: ImportOptions) {
    this.skip = new Set(options.skipRows ?? []);
    this.limits = importLimits(options.limits);
  }

  private columnName(index: number): string {
    const h = this.columns?.headers[index];
    return h !== undefined && h !== '' ? h : columnLetter(index);
  }

  private order = (a: ImportError, b: ImportError): number => {
    const headers = this.columns?.headers ?? [];
    const col = (e: ImportError): number => (e.column === null ? -1 : headers.indexOf(e.column));
    return (a.row ?? 0) - (b.row ?? 0) || col(a) - col(b);
  };

  /** Keeps the first `maxErrors` (by row, then column) of a list that has grown past twice that. */
  private trim(list: ImportError[]): number {
    const max = this.limits.maxErrors;
    if (list.length <= 2 * max) return 0;
    list.sort(this.order);
    const dropped = list.length - max;
    list.length = max;
    return dropped;
  }

  onRow = (cells: string[], rowNumber: number, problems?: CellProblem[]): void => {
    if (this.stopped) return;
    let empty = true;
    for (const c of cells) {
      if (c.trim() !== '') {
        empty = false;
        break;
      }
    }
    if (empty && !problems) return;
    if (!this.columns) {
      this.header(cells, rowNumber, problems);
      return;
    }
    this.rows++;
    if (this.rows > this.limits.maxRows) {
      this.errors.push({
        row: rowNumber,
        column: null,
        value: null,
        message: `het bestand heeft meer dan ${dutchNumber(this.limits.maxRows)} rijen met uitslagen; splits het, bijvoorbeeld per schooljaar`,
      });
      this.rows--;
      this.stopped = true;
      return;
    }
    if (this.skip.has(rowNumber)) {
      this.skipped.push(rowNumber);
      return;
    }
    this.validateRow(cells, rowNumber, problems);
    this.droppedErrors += this.trim(this.errors);
    this.droppedWarnings += this.trim(this.warnings);
  };

  private header(cells: string[], rowNumber: number, problems: CellProblem[] | undefined): void {
    const stop = (e: ImportError): void => {
      this.errors.push(e);
      this.stopped = true;
    };
    let width = cells.length;
    while (width > 0 && cells[width - 1]!.trim() === '') width--;
    if (width > this.limits.maxColumns)
      return stop({
        row: rowNumber,
        column: null,
        value: null,
        message: `de kopregel heeft ${dutchNumber(width)} kolommen; een import mag hoogstens ${dutchNumber(this.limits.maxColumns)} kolommen hebben`,
      });
    for (const p of problems ?? [])
      this.errors.push({
        row: rowNumber,
        column: columnLetter(p.column),
        value: p.value,
        message: p.message,
      });
    cells.forEach((c, i) => {
      if (c.length > this.limits.maxCellLength)
        this.errors.push({
          row: rowNumber,
          column: columnLetter(i),
          value: c,
          message: `de kolomkop is te lang (${dutchNumber(c.length)} tekens; maximaal ${this.limits.maxCellLength})`,
        });
    });
    if (this.errors.length > 0) {
      this.stopped = true;
      return;
    }
    this.columns = detectColumns(
      cells.map((c) => c.replace(/^\uFEFF/, '').trim()),
      this.options.mapping,
    );
    for (const i of Object.values(this.columns.fields)) this.read.add(i);
    for (const i of Object.values(this.columns.domains)) this.read.add(i);
    this.maxLength = this.columns.headers.map((_, i) =>
      this.read.has(i) ? this.limits.maxCellLength : this.limits.maxIgnoredCellLength,
    );
    const colErrors = checkColumns(this.columns, this.options.defaults ?? {});
    if (colErrors.length > 0) {
      for (const e of colErrors) this.errors.push({ ...e, row: rowNumber });
      this.stopped = true;
      return;
    }
    this.validator = new RowValidator(this.columns, this.options.defaults);
  }

  private validateRow(cells: string[], rowNumber: number, problems: CellProblem[] | undefined): void {
    const columns = this.columns!;
    if (
      cells.length > columns.headers.length &&
      cells.slice(columns.headers.length).some((c) => c.trim() !== '')
    ) {
      // Typically a decimal comma in a comma-separated file: every later value would shift one column.
      this.errors.push({
        row: rowNumber,
        column: null,
        value: null,
        message: `de rij heeft ${cells.length} waarden maar de kopregel ${columns.headers.length} kolommen (staat er een komma in een getal zonder aanhalingstekens?)`,
      });
      return;
    }
    // Cells too long to be what their column says (a 10 MB "name"), and XLSX cells without a value, are
    // errors before the row is validated, so no message ever quotes a huge value.
    let bad = false;
    for (let i = 0; i < cells.length; i++) {
      const length = cells[i]!.length;
      const max = this.maxLength[i] ?? this.limits.maxIgnoredCellLength;
      if (length <= max) continue;
      bad = true;
      this.errors.push({
        row: rowNumber,
        column: this.columnName(i),
        value: cells[i]!,
        message: `de waarde is te lang (${dutchNumber(length)} tekens; maximaal ${max})`,
      });
    }
    for (const p of problems ?? []) {
      if (!this.read.has(p.column)) continue; // a helper column Koers ignores may hold what it likes
      bad = true;
      this.errors.push({
        row: rowNumber,
        column: this.columnName(p.column),
        value: p.value,
        message: p.message,
      });
    }
    if (bad) return;
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
  }

  /** The first `maxErrors` of a list in file order, values cut short, and the full count. */
  private capped(list: ImportError[], dropped: number): { kept: ImportError[]; count: number } {
    list.sort(this.order);
    const kept = list.slice(0, this.limits.maxErrors).map((e) => ({ ...e, value: shortValue(e.value) }));
    return { kept, count: list.length + dropped };
  }

  finish(format: 'csv' | 'xlsx'): ImportOutcome {
    const warnings = this.capped(this.warnings, this.droppedWarnings);
    if (!this.columns && this.errors.length === 0)
      return fileFailure({ row: null, column: null, value: null, message: 'het bestand is leeg' }, format);
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
      const errors = this.capped(this.errors, this.droppedErrors);
      return {
        ok: false,
        errors: errors.kept,
        errorCount: errors.count,
        warnings: warnings.kept,
        warningCount: warnings.count,
        columns: this.columns,
        format,
      };
    }
    return {
      ok: true,
      results: this.results,
      warnings: warnings.kept,
      warningCount: warnings.count,
      columns: this.columns!,
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
  const limits = importLimits(options.limits);
  const zip = isZip(bytes);
  const format = zip ? 'xlsx' : 'csv';
  if (bytes.length === 0)
    return fileFailure({ row: null, column: null, value: null, message: 'het bestand is leeg' }, format);
  if (bytes.length > limits.maxBytes) return fileFailure(tooLarge(limits), format);
  if (zip) {
    const sink = new RowSink(options);
    const read = await readXlsxSafely(bytes, sink.onRow, options, limits);
    if (read) return fileFailure(read, 'xlsx');
    return sink.finish('xlsx');
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fileFailure(decoded.error, 'csv');
  const sink = new RowSink(options);
  const { errors } = await readCsvAsync(decoded.text, sink.onRow, {
    onProgress: options.onProgress,
    chunkSize: options.chunkSize,
  });
  sink.errors.push(...errors);
  return sink.finish('csv');
}

/** The error for a file over `maxBytes`. */
export function tooLarge(limits: ImportLimits): ImportError {
  return {
    row: null,
    column: null,
    value: null,
    message: `het bestand is te groot: maximaal ${megabytes(limits.maxBytes)}`,
  };
}

/**
 * Checks the XLSX (zip bomb, sheet size) and reads it into `onRow`. Returns a Dutch file-level error
 * instead of any library's own text; an unrecognised failure goes to `options.onUnexpectedError`.
 */
export async function readXlsxSafely(
  bytes: Uint8Array,
  onRow: XlsxRowHandler,
  options: ImportOptions,
  limits: ImportLimits,
): Promise<ImportError | null> {
  const fail = (message: string): ImportError => ({ row: null, column: null, value: null, message });
  try {
    const { checkXlsx } = await import('./xlsx-guard');
    const refused = await checkXlsx(bytes, limits);
    if (refused) return refused;
    const { readXlsx } = await import('./xlsx');
    await readXlsx(bytes, onRow, { onProgress: options.onProgress });
    return null;
  } catch (e) {
    if (e instanceof Error && 'dutch' in e && typeof e.dutch === 'string') return fail(e.dutch);
    options.onUnexpectedError?.(e);
    return fail(
      'het Excel-bestand kan niet worden gelezen; open het in Excel, sla het opnieuw op als Excel-werkmap (.xlsx) of exporteer het als CSV',
    );
  }
}
