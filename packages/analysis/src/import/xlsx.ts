/**
 * XLSX reading with exceljs (first worksheet). Cells become strings the validator understands: numbers
 * as written by JavaScript ("45.5"), dates as ISO yyyy-mm-dd. Row numbers are Excel's own.
 */
import ExcelJS from 'exceljs';
import type { ImportProgress, RowHandler } from './csv';

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v as unknown);
}

/**
 * Reads the first worksheet of an XLSX file and hands every row to `onRow` (cells as strings).
 * Empty rows are passed as empty arrays so row numbers stay Excel's.
 */
export async function readXlsx(
  bytes: Uint8Array,
  onRow: RowHandler,
  options: { onProgress?: (p: ImportProgress) => void } = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  // exceljs's typings want a Node Buffer; any ArrayBuffer view works at runtime (also in the browser).
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return;
  const total = Math.max(1, sheet.rowCount);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    onRow(cells, r);
    if (r % 5000 === 0) options.onProgress?.({ rows: r, fraction: r / total });
  }
  options.onProgress?.({ rows: sheet.rowCount, fraction: 1 });
}
