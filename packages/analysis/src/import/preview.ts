/**
 * A first look at a file for the import wizard: encoding, delimiter, the header, how Koers understood the
 * columns (with its guesses and doubts) and a few rows — before anything is validated or stored. The UI
 * shows this, lets the user confirm or change the mapping, then calls importResults with that mapping.
 */
import Papa from 'papaparse';
import { detectColumns, type ColumnMapping, type ExplicitMapping } from './columns';
import { detectDelimiter } from './csv';
import { decodeText, isZip, type TextEncodingName } from './decode';
import type { ImportError } from './import-error';
import { readXlsxSafely, tooLarge } from './import-results';
import { importLimits, type ImportLimits } from './limits';

export type ImportPreview =
  | {
      ok: true;
      format: 'csv' | 'xlsx';
      encoding: TextEncodingName | null;
      delimiter: string | null;
      columns: ColumnMapping;
      /** The first data rows (cells as text), for the user to check the mapping against. */
      sample: string[][];
    }
  | { ok: false; error: ImportError };

/**
 * Reads the header and the first `sampleRows` data rows.
 *
 * @example const p = await previewImport(bytes); if (p.ok && p.columns.unsure.length > 0) askUser(p.columns.unsure);
 */
export async function previewImport(
  bytes: Uint8Array,
  options: {
    mapping?: ExplicitMapping;
    sampleRows?: number;
    limits?: Partial<ImportLimits>;
    onUnexpectedError?: (error: unknown) => void;
  } = {},
): Promise<ImportPreview> {
  const want = options.sampleRows ?? 5;
  const empty: ImportPreview = {
    ok: false,
    error: { row: null, column: null, value: null, message: 'het bestand is leeg' },
  };
  if (bytes.length === 0) return empty;
  let rows: string[][] = [];
  let format: 'csv' | 'xlsx' = 'csv';
  let encoding: TextEncodingName | null = null;
  let delimiter: string | null = null;
  const limits = importLimits(options.limits);
  if (bytes.length > limits.maxBytes) return { ok: false, error: tooLarge(limits) };
  if (isZip(bytes)) {
    format = 'xlsx';
    const refused = await readXlsxSafely(
      bytes,
      (cells) => {
        if (rows.length <= want + 50) rows.push(cells);
      },
      options,
      limits,
    );
    if (refused) return { ok: false, error: refused };
  } else {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return { ok: false, error: decoded.error };
    encoding = decoded.encoding;
    delimiter = detectDelimiter(decoded.text);
    const parsed = Papa.parse<string[]>(decoded.text, { delimiter, preview: want + 50 });
    rows = parsed.data;
  }
  const nonEmpty = rows.filter((r) => r.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) return empty;
  return {
    ok: true,
    format,
    encoding,
    delimiter,
    columns: detectColumns(
      header.map((c) => c.replace(/^\uFEFF/, '').trim()),
      options.mapping,
    ),
    sample: nonEmpty.slice(1, want + 1),
  };
}
