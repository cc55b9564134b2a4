/**
 * CSV reading with papaparse: delimiter detection (";" "," tab "|"), quoted fields, chunked parsing with a
 * progress callback so large files never hold all raw rows at once. Text must already be decoded
 * (see decode.ts); this module has no Node or DOM dependencies.
 */
import Papa from 'papaparse';
import type { ImportError } from './import-error';

/** Receives each record with its row number as Excel would show it (first line = row 1). */
export type RowHandler = (cells: string[], rowNumber: number) => void;

/** Progress of a long parse: rows seen and fraction 0–1 of the input. */
export interface ImportProgress {
  rows: number;
  fraction: number;
}

/**
 * Parses CSV text chunk by chunk and hands every record to `onRow`. Returns the detected delimiter and
 * structural problems (unclosed quotes) with their rows.
 *
 * @example readCsv('a;b\n1;2,5', (cells, row) => console.log(row, cells)) // 1 ['a','b'], 2 ['1','2,5']
 */
export function readCsv(
  text: string,
  onRow: RowHandler,
  options: { chunkSize?: number; onProgress?: (p: ImportProgress) => void } = {},
): { delimiter: string; errors: ImportError[] } {
  const errors: ImportError[] = [];
  let row = 0;
  let delimiter = ',';
  const length = Math.max(1, text.length);
  const config = {
    delimiter: '',
    delimitersToGuess: [';', '\t', ',', '|'],
    skipEmptyLines: false,
    chunkSize: options.chunkSize ?? 1 << 20,
    chunk(res: Papa.ParseResult<string[]>) {
      delimiter = res.meta.delimiter;
      const base = row;
      for (const e of res.errors) {
        if (e.type === 'Quotes') {
          errors.push({
            row: base + (e.row ?? 0) + 1,
            column: null,
            value: null,
            message: 'aanhalingsteken niet afgesloten',
          });
        }
      }
      for (const cells of res.data) {
        row++;
        onRow(cells, row);
      }
      options.onProgress?.({ rows: row, fraction: Math.min(1, res.meta.cursor / length) });
    },
  };
  Papa.parse<string[]>(text, config as Papa.ParseConfig<string[]>);
  options.onProgress?.({ rows: row, fraction: 1 });
  return { delimiter, errors };
}
