/**
 * Limits on what one import may hold, checked as early as each can be (file size before reading, XLSX sheet
 * size before exceljs expands it, columns at the header, cell length and rows as rows arrive), so a hostile
 * or broken file costs little. The defaults fit a real school board's export with a wide margin; see the
 * README ("Limits") for the arithmetic.
 */
export interface ImportLimits {
  /** Bytes of the file as uploaded (CSV text or XLSX zip). */
  maxBytes: number;
  /** Data rows (header and empty rows not counted). */
  maxRows: number;
  /** Columns in the header (and cells in an XLSX row). */
  maxColumns: number;
  /** Characters in one cell of a column Koers reads (names, ids, classes, scores …). */
  maxCellLength: number;
  /** Characters in one cell of a column Koers ignores (Excel's own maximum). */
  maxIgnoredCellLength: number;
  /** XLSX: bytes of all zip entries together once decompressed (a zip bomb is refused before exceljs). */
  maxXlsxUncompressedBytes: number;
  /** Errors (and warnings) kept in the outcome; the rest are only counted. */
  maxErrors: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxRows: 1_000_000,
  maxColumns: 250,
  maxCellLength: 200,
  maxIgnoredCellLength: 32_767,
  maxXlsxUncompressedBytes: 200 * 1024 * 1024,
  maxErrors: 100,
});

/** The limits with the caller's overrides. */
export function importLimits(overrides: Partial<ImportLimits> | undefined): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, ...overrides };
}

/** "50 MB" for a byte count. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** Dutch number with thousands separators: 1000000 → "1.000.000". */
export function dutchNumber(n: number): string {
  return n.toLocaleString('nl-NL');
}

/** An error value shown to the user: long values are cut (a 10 MB cell must not come back in the answer). */
export function shortValue(value: string | null, max = 60): string | null {
  if (value === null || value.length <= max) return value;
  return `${value.slice(0, max)}…`;
}
