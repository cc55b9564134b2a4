/**
 * CSV reading with papaparse: delimiter detection (";" "," tab "|"), quoted fields (also with line breaks),
 * chunked parsing with a progress callback so large files never hold all raw rows at once. The async
 * variant pauses between chunks so a browser can paint the progress bar and a server stays responsive.
 * Text must already be decoded (see decode.ts); this module has no Node or DOM dependencies.
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

export interface CsvOptions {
  /** Characters per chunk (default 1 MiB). */
  chunkSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

/** Outcome of reading: the detected delimiter and structural problems (unclosed quotes) with their rows. */
export interface CsvRead {
  delimiter: string;
  errors: ImportError[];
}

const DELIMITERS = [';', '\t', ',', '|'];

/**
 * The delimiter of a CSV text, guessed by papaparse on the first lines with empty lines skipped: papaparse
 * guesses on field counts, and empty lines (a trailing newline!) would otherwise drag a small file's
 * average under its threshold and make it fall back to ",". Returns "," when nothing fits.
 */
export function detectDelimiter(text: string): string {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  const res = Papa.parse<string[]>(sample, {
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: 'greedy',
    preview: 50,
  });
  return res.meta.delimiter || ',';
}

function setup(text: string, onRow: RowHandler, options: CsvOptions) {
  const state: CsvRead & { row: number } = { delimiter: ',', errors: [], row: 0 };
  const length = Math.max(1, text.length);
  const handle = (res: Papa.ParseResult<string[]>): void => {
    const base = state.row;
    for (const e of res.errors) {
      if (e.type === 'Quotes') {
        state.errors.push({
          row: base + (e.row ?? 0) + 1,
          column: null,
          value: null,
          message: 'aanhalingsteken niet afgesloten',
        });
      }
    }
    for (const cells of res.data) {
      state.row++;
      onRow(cells, state.row);
    }
    options.onProgress?.({ rows: state.row, fraction: Math.min(1, res.meta.cursor / length) });
  };
  state.delimiter = detectDelimiter(text);
  const config = {
    delimiter: state.delimiter,
    skipEmptyLines: false,
    chunkSize: options.chunkSize ?? 1 << 20,
  };
  return { state, handle, config };
}

/**
 * Parses CSV text chunk by chunk (synchronously) and hands every record to `onRow`.
 *
 * @example readCsv('a;b\n1;2,5', (cells, row) => rows.push([row, cells])) // rows: [1, ['a','b']], [2, ['1','2,5']]
 */
export function readCsv(text: string, onRow: RowHandler, options: CsvOptions = {}): CsvRead {
  const { state, handle, config } = setup(text, onRow, options);
  Papa.parse<string[]>(text, { ...config, chunk: handle } as Papa.ParseConfig<string[]>);
  options.onProgress?.({ rows: state.row, fraction: 1 });
  return { delimiter: state.delimiter, errors: state.errors };
}

/** Like {@link readCsv}, but yields to the event loop after every chunk. */
export function readCsvAsync(text: string, onRow: RowHandler, options: CsvOptions = {}): Promise<CsvRead> {
  const { state, handle, config } = setup(text, onRow, options);
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(text, {
      ...config,
      chunk(res: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          handle(res);
        } catch (e) {
          parser.abort();
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        parser.pause();
        setTimeout(() => parser.resume(), 0);
      },
      complete() {
        options.onProgress?.({ rows: state.row, fraction: 1 });
        resolve({ delimiter: state.delimiter, errors: state.errors });
      },
    } as Papa.ParseConfig<string[]>);
  });
}
