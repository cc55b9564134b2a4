/**
 * XLSX reading with exceljs (first worksheet). Cells become strings the validator understands: numbers
 * as written by JavaScript ("45.5"), dates as ISO yyyy-mm-dd, rich text as its plain text. A cell Koers
 * cannot read as a value (a formula without a saved result, an error such as #VALUE!) becomes a problem
 * for that row and column, never text like "[object Object]" or "#VALUE!". Row numbers are Excel's own.
 * Call `checkXlsx` (xlsx-guard.ts) first: exceljs expands the whole workbook in memory.
 */
import ExcelJS from 'exceljs';
import type { ImportProgress } from './csv';
import { NOT_XLSX } from './xlsx-guard';

/** A cell that holds no usable value, by its 0-based column. */
export interface CellProblem {
  column: number;
  value: string | null;
  message: string;
}

/** Receives each row; `problems` lists its cells that could not be read as a value. */
export type XlsxRowHandler = (cells: string[], rowNumber: number, problems?: CellProblem[]) => void;

type CellText = string | { problem: string; value: string | null };

function cellText(v: ExcelJS.CellValue): CellText {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number')
    return Number.isFinite(v) ? String(v) : { problem: 'geen geldig getal', value: null };
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (v instanceof Date)
    return Number.isNaN(v.getTime())
      ? { problem: 'geen geldige datum', value: null }
      : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText))
      return v.richText.map((t) => String(t.text ?? '')).join('');
    if ('error' in v)
      return {
        problem: `de cel bevat de Excel-fout ${String(v.error)}; verbeter de cel of haal de formule weg`,
        value: String(v.error),
      };
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      if (
        result === undefined ||
        result === null ||
        (typeof result === 'object' &&
          !(result instanceof Date) &&
          !('error' in result) &&
          !('richText' in result))
      )
        return {
          problem:
            'de cel bevat een formule zonder opgeslagen uitkomst; open het bestand in Excel en sla het opnieuw op, of plak de waarden',
          value: null,
        };
      return cellText(result as ExcelJS.CellValue);
    }
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
  }
  return { problem: 'de inhoud van deze cel is niet te lezen', value: null };
}

/** Library failures with a known meaning, mapped to Dutch; anything else is rethrown for the caller. */
export class XlsxReadError extends Error {
  constructor(
    readonly dutch: string,
    cause: unknown,
  ) {
    super(dutch, { cause });
  }
}

/**
 * Reads the first worksheet of an XLSX file and hands every row to `onRow` (cells as strings).
 * Empty rows are passed as empty arrays so row numbers stay Excel's. Throws {@link XlsxReadError} when
 * exceljs cannot read the zip or workbook, other errors as they are.
 */
export async function readXlsx(
  bytes: Uint8Array,
  onRow: XlsxRowHandler,
  options: { onProgress?: (p: ImportProgress) => void } = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings want a Node Buffer; any ArrayBuffer view works at runtime (also in the browser).
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    // jszip ("Corrupted zip", "End of data reached", "Can't find end of central directory") and exceljs's
    // own model checks ("Invalid row number in model") mean the same thing to the user.
    throw new XlsxReadError(NOT_XLSX, e);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return;
  const total = Math.max(1, sheet.rowCount);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    let problems: CellProblem[] | undefined;
    for (let c = 1; c <= row.cellCount; c++) {
      const t = cellText(row.getCell(c).value);
      if (typeof t === 'string') cells.push(t);
      else {
        cells.push('');
        (problems ??= []).push({ column: c - 1, value: t.value, message: t.problem });
      }
    }
    onRow(cells, r, problems);
    if (r % 5000 === 0) options.onProgress?.({ rows: r, fraction: r / total });
  }
  options.onProgress?.({ rows: sheet.rowCount, fraction: 1 });
}
