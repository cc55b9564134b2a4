/**
 * A problem found while importing, named by row and column as the user sees them in Excel
 * (the header is row 1, the first pupil row is row 2). `row` is null for file-level problems.
 */
export interface ImportError {
  row: number | null;
  /** Column header as written in the file, or null. */
  column: string | null;
  value: string | null;
  /** Dutch message without the location, e.g. "'ab' is geen getal". */
  message: string;
}

/**
 * The full Dutch sentence for an import problem.
 *
 * @example formatImportError({ row: 214, column: 'Vaardigheidsscore', value: 'ab', message: "'ab' is geen getal" })
 * // "rij 214, kolom 'Vaardigheidsscore': 'ab' is geen getal"
 */
export function formatImportError(e: ImportError): string {
  const where: string[] = [];
  if (e.row !== null) where.push(`rij ${e.row}`);
  if (e.column !== null) where.push(`kolom '${e.column}'`);
  return where.length > 0 ? `${where.join(', ')}: ${e.message}` : e.message;
}
