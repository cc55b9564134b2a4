/**
 * Checks an XLSX file before exceljs expands it. exceljs builds the whole workbook in memory: a 0.33 MB zip
 * that inflates to gigabytes, or a 1.7 kB sheet with one cell at XFD1048576 (which makes it allocate a
 * million rows of 16,384 cells), would cost seconds and gigabytes. So we read the zip's central directory
 * ourselves, inflate every entry with the platform's DecompressionStream (Node and browsers, no dependency)
 * only to count bytes, stop as soon as the total passes the limit, and read each worksheet's
 * `<dimension ref=…>` and the highest row and column its `<row r=…>` / `<c r=…>` name.
 */
import type { ImportError } from './import-error';
import { dutchNumber, megabytes, type ImportLimits } from './limits';

/** The Dutch error for bytes that are not a readable XLSX zip. */
export const NOT_XLSX = 'het bestand is geen geldig Excel-bestand (.xlsx)';

const fileError = (message: string): ImportError => ({ row: null, column: null, value: null, message });

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the zip declares it: a bomb may lie, so the bytes are counted while inflating too. */
  declaredSize: number;
  localOffset: number;
}

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** The entries of the zip's central directory, or null when it is not a zip we can read. */
function entries(bytes: Uint8Array): Entry[] | null {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  const list: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) return null;
    const nameLength = u16(bytes, p + 28);
    const entry: Entry = {
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      declaredSize: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
    };
    // ZIP64 markers: an LVS export under the upload limit never needs them.
    if (entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) return null;
    list.push(entry);
    p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  return list;
}

/** Column letters → number: A → 1, XFD → 16384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Highest row and column a worksheet's XML names, fed chunk by chunk. */
class SheetExtent {
  rows = 0;
  columns = 0;
  private rest = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): void {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    // A tag cut by the chunk border is read again with the next chunk.
    const cut = text.lastIndexOf('<');
    const scan = cut >= 0 ? text.slice(0, cut) : text;
    this.rest = cut >= 0 ? text.slice(cut) : '';
    if (this.rest.length > 4096) this.rest = ''; // not a tag we look for
    for (const m of scan.matchAll(/<(?:\w+:)?(row|c|dimension)\b[^>]*?\s(?:r|ref)="([^"]*)"/g)) {
      if (m[1] === 'dimension') {
        for (const ref of m[2]!.split(':')) this.cell(ref);
      } else this.cell(m[2]!);
    }
  }

  private cell(ref: string): void {
    const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(ref);
    if (!m) return;
    if (m[1]) this.columns = Math.max(this.columns, columnNumber(m[1].toUpperCase()));
    if (m[2]) this.rows = Math.max(this.rows, Number(m[2]));
  }
}

/**
 * Null when exceljs may load the file, else the Dutch reason it may not: not a zip, decompressed larger
 * than `maxXlsxUncompressedBytes`, or a worksheet with more rows or columns than the limits allow.
 */
export async function checkXlsx(bytes: Uint8Array, limits: ImportLimits): Promise<ImportError | null> {
  const list = entries(bytes);
  if (!list || list.length === 0) return fileError(NOT_XLSX);
  let total = 0;
  const tooBig = fileError(
    `het Excel-bestand is uitgepakt groter dan ${megabytes(limits.maxXlsxUncompressedBytes)}; bewaar alleen het werkblad met de uitslagen, of exporteer als CSV`,
  );
  // An honest zip says how large it unpacks: refuse without inflating anything.
  if (list.reduce((n, e) => n + e.declaredSize, 0) > limits.maxXlsxUncompressedBytes) return tooBig;
  for (const e of list) {
    const p = e.localOffset;
    if (p + 30 > bytes.length || u32(bytes, p) !== 0x04034b50) return fileError(NOT_XLSX);
    const start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (data.length < e.compressedSize) return fileError(NOT_XLSX);
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name) ? new SheetExtent() : null;
    if (e.method === 0) {
      total += data.length;
      sheet?.push(data);
    } else if (e.method === 8) {
      // Untyped source: the DOM and Node typings disagree on what DecompressionStream's writable side takes.
      const source: ReadableStream = new ReadableStream({
        start(c) {
          c.enqueue(data);
          c.close();
        },
      });
      const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.length;
          if (total > limits.maxXlsxUncompressedBytes) {
            await reader.cancel().catch(() => undefined);
            return tooBig;
          }
          sheet?.push(value);
        }
      } catch {
        return fileError(NOT_XLSX);
      }
    } else return fileError(NOT_XLSX);
    if (total > limits.maxXlsxUncompressedBytes) return tooBig;
    if (sheet) {
      const name = e.name.replace(/^xl\/worksheets\//i, '');
      // +1: the header row.
      if (sheet.rows > limits.maxRows + 1)
        return fileError(
          `het werkblad (${name}) loopt tot rij ${dutchNumber(sheet.rows)}; een import mag hoogstens ${dutchNumber(limits.maxRows)} rijen hebben (staat er iets ver onder de tabel?)`,
        );
      if (sheet.columns > limits.maxColumns)
        return fileError(
          `het werkblad (${name}) loopt tot kolom ${dutchNumber(sheet.columns)}; een import mag hoogstens ${dutchNumber(limits.maxColumns)} kolommen hebben (staat er iets ver rechts van de tabel?)`,
        );
    }
  }
  return null;
}
