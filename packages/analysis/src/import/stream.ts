/**
 * Streaming CSV import: bytes arrive in chunks (a file stream, an upload) and are decoded, split into
 * records and validated as they come, so a large file never sits in memory as one text. Same outcome as
 * `importResults` on the whole file, with two exceptions documented in the README: progress is counted in
 * bytes, and a file that switches encoding halfway (UTF-8 first, then bytes that are not) is refused
 * instead of being read as Windows-1252 throughout. XLSX input is collected and handed to importResults.
 */
import Papa from 'papaparse';
import { detectDelimiter } from './csv';
import { firstInvalidUtf8, firstUtf8Sequence, foreignByteError, isZip, mixedEncodingError } from './decode';
import type { ImportError } from './import-error';
import {
  RowSink,
  fileFailure,
  importResults,
  tooLarge,
  type ImportOptions,
  type ImportOutcome,
} from './import-results';
import { importLimits } from './limits';

const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Length of the UTF-8 sequence a lead byte starts (1 for ASCII and for bytes that cannot lead). */
function sequenceLength(b: number): number {
  return b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
}

/**
 * Incremental decoder with the same verdicts as `decodeText` on the whole file (see its order of checks):
 * strict UTF-8 until the first byte that is not UTF-8; if UTF-8 multibyte text came before it the file is
 * mixed, else it switches to Windows-1252 and remembers where, so a UTF-8 sequence met later still makes
 * the file mixed (naming the first bad row). Bytes of a character split over chunks are carried to the
 * next chunk, so a switch never loses them.
 */
class StreamDecoder {
  private mode: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | null = null;
  private utf16: InstanceType<typeof TextDecoder> | null = null;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly cp1252 = new TextDecoder('windows-1252');
  private carry: Uint8Array = new Uint8Array(0);
  /** A UTF-8 multibyte sequence (or a UTF-8 BOM) has been read. */
  private nonAscii = false;
  /** Line breaks in the bytes before the current data, for the row of a bad byte. */
  private newlines = 0;
  /** Windows-1252 mode: the first byte that was not UTF-8, and the last bytes of the previous chunk. */
  private firstBad: ImportError | null = null;
  private tail: Uint8Array = new Uint8Array(0);
  /** Windows-1252 mode: the first NUL or undefined byte, reported at the end unless the file is mixed. */
  private foreign: ImportError | null = null;

  private rowAt(data: Uint8Array, at: number): number {
    let row = this.newlines + 1;
    for (let i = 0; i < at; i++) if (data[i] === 0x0a) row++;
    return row;
  }

  private count(data: Uint8Array, end: number): void {
    for (let i = data.indexOf(0x0a); i >= 0 && i < end; i = data.indexOf(0x0a, i + 1)) this.newlines++;
  }

  push(bytes: Uint8Array): string | ImportError {
    let chunk = bytes;
    if (this.mode === null) {
      if (chunk[0] === 0xff && chunk[1] === 0xfe) this.mode = 'utf-16le';
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) this.mode = 'utf-16be';
      else this.mode = 'utf-8';
      if (this.mode !== 'utf-8') {
        this.utf16 = new TextDecoder(this.mode);
        chunk = chunk.subarray(2);
      } else if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
        this.nonAscii = true; // the BOM is a UTF-8 sequence itself
      }
    }
    if (this.utf16) return this.utf16.decode(chunk, { stream: true });
    let data = chunk;
    if (this.carry.length > 0) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry);
      data.set(chunk, this.carry.length);
      this.carry = new Uint8Array(0);
    }
    if (this.mode === 'windows-1252') return this.push1252(data);
    // Cut before a character that is not complete yet.
    let cut = data.length;
    for (let k = data.length - 1; k >= 0 && k >= data.length - 4; k--) {
      const b = data[k]!;
      if ((b & 0xc0) === 0x80) continue; // continuation byte
      if (k + sequenceLength(b) > data.length) cut = k;
      break;
    }
    const part = data.subarray(0, cut);
    let text: string | null;
    try {
      text = this.utf8.decode(part); // native and fast; the byte-by-byte scans below run only on failure
    } catch {
      text = null;
    }
    const bad = text === null ? firstInvalidUtf8(part) : part.length;
    const nul = part.indexOf(0);
    if (nul >= 0 && nul < bad) return foreignByteError(this.rowAt(part, nul), 0);
    if (text !== null) {
      // eslint-disable-next-line no-control-regex
      if (!this.nonAscii && /[^\u0000-\u007f]/.test(text)) this.nonAscii = true;
      this.count(part, part.length);
      this.carry = data.slice(cut);
      return text;
    }
    if (this.nonAscii || firstUtf8Sequence(part, 0) >= 0)
      return mixedEncodingError(this.rowAt(part, bad), part[bad]!);
    // Everything before was ASCII, which reads the same in Windows-1252: switch.
    this.mode = 'windows-1252';
    this.firstBad = mixedEncodingError(this.rowAt(data, bad), data[bad]!);
    return this.push1252(data);
  }

  private push1252(data: Uint8Array): string | ImportError {
    // A UTF-8 sequence anywhere in a file that is not UTF-8 makes it mixed; look across the chunk border too.
    const scan = this.tail.length > 0 ? new Uint8Array(this.tail.length + data.length) : data;
    if (scan !== data) {
      scan.set(this.tail);
      scan.set(data, this.tail.length);
    }
    if (firstUtf8Sequence(scan, 0) >= 0) return this.firstBad!;
    this.tail = data.slice(Math.max(0, data.length - 3));
    if (this.foreign === null) {
      for (let i = 0; i < data.length; i++) {
        const b = data[i]!;
        if (b === 0 || UNDEFINED_1252.has(b)) {
          this.foreign = foreignByteError(this.rowAt(data, i), b);
          break;
        }
      }
    }
    this.count(data, data.length);
    return this.cp1252.decode(data);
  }

  end(): string | ImportError {
    if (this.utf16) return this.utf16.decode();
    let text = '';
    if (this.carry.length > 0) {
      // A character cut off by the end of the file: not UTF-8.
      const rest = this.carry;
      this.carry = new Uint8Array(0);
      if (this.mode === 'utf-8' && this.nonAscii) return mixedEncodingError(this.rowAt(rest, 0), rest[0]!);
      if (this.mode === 'utf-8') {
        this.mode = 'windows-1252';
        this.firstBad = mixedEncodingError(this.rowAt(rest, 0), rest[0]!);
      }
      const out = this.push1252(rest);
      if (typeof out !== 'string') return out;
      text = out;
    }
    return this.foreign ?? text;
  }
}

/**
 * Cuts decoded text into blocks of whole records (a record may hold quoted line breaks) and parses each
 * block with papaparse, numbering records across blocks.
 */
class RecordSplitter {
  private pending = '';
  private scanPos = 0;
  private inQuotes = false;
  private atFieldStart = true;
  private lastBoundary = -1;
  private delimiter: string | null = null;
  private row = 0;
  readonly errors: ImportError[] = [];

  constructor(private readonly onRow: (cells: string[], row: number) => void) {}

  push(text: string): void {
    this.pending += text;
    // Wait for enough text to recognise the delimiter reliably.
    if (this.delimiter === null && this.pending.length < 65536) return;
    this.delimiter ??= detectDelimiter(this.pending);
    this.scan();
    if (this.lastBoundary >= 0) {
      const cut = this.lastBoundary + 1;
      this.parse(this.pending.slice(0, cut), true);
      this.pending = this.pending.slice(cut);
      this.scanPos -= cut;
      this.lastBoundary = -1;
    }
  }

  end(): void {
    this.delimiter ??= detectDelimiter(this.pending);
    if (this.pending !== '') this.parse(this.pending, false);
    this.pending = '';
  }

  /** Papaparse's quoting: a quote opens a quoted field only at the start of a field; "" is an escaped quote. */
  private scan(): void {
    const t = this.pending;
    const d = this.delimiter!;
    let i = this.scanPos;
    while (i < t.length) {
      const c = t[i];
      if (this.inQuotes) {
        if (c === '"') {
          if (i + 1 >= t.length) break; // "" or closing quote: decide when more text arrives
          if (t[i + 1] === '"') {
            i += 2;
            continue;
          }
          this.inQuotes = false;
        }
        i++;
        continue;
      }
      if (c === '"' && this.atFieldStart) {
        this.inQuotes = true;
        this.atFieldStart = false;
      } else if (c === '\n') {
        this.lastBoundary = i;
        this.atFieldStart = true;
      } else if (c === d) this.atFieldStart = true;
      else if (c !== '\r') this.atFieldStart = false;
      i++;
    }
    this.scanPos = i;
  }

  private parse(block: string, endsWithBreak: boolean): void {
    const res = Papa.parse<string[]>(block, { delimiter: this.delimiter!, skipEmptyLines: false });
    const data = res.data;
    // A block ends with its last line break; the empty "record" after it belongs to the next block.
    const n = endsWithBreak && data.length > 0 ? data.length - 1 : data.length;
    const base = this.row;
    for (const e of res.errors) {
      if (e.type === 'Quotes')
        this.errors.push({
          row: base + (e.row ?? 0) + 1,
          column: null,
          value: null,
          message: 'aanhalingsteken niet afgesloten',
        });
    }
    for (let k = 0; k < n; k++) {
      this.row++;
      this.onRow(data[k]!, this.row);
    }
  }
}

/**
 * Imports a CSV (or XLSX) file from a stream of byte chunks, with `onProgress` after every chunk
 * (fraction = bytes read / `totalBytes` when given, else 0 until the end).
 *
 * @example const out = await importStream(createReadStream(path), { totalBytes: (await stat(path)).size });
 */
export async function importStream(
  source: AsyncIterable<Uint8Array>,
  options: ImportOptions & { totalBytes?: number } = {},
): Promise<ImportOutcome> {
  const it = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < 4) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const concat = (parts: Uint8Array[], size: number): Uint8Array => {
    const all = new Uint8Array(size);
    let o = 0;
    for (const p of parts) {
      all.set(p, o);
      o += p.length;
    }
    return all;
  };
  const first = concat(head, headBytes);
  const limits = importLimits(options.limits);
  if (isZip(first) || headBytes === 0) {
    const parts = [first];
    let size = headBytes;
    if (!done)
      for (let next = await it.next(); !next.done; next = await it.next()) {
        parts.push(next.value);
        size += next.value.length;
        // Stop reading at the limit instead of collecting the whole oversized file.
        if (size > limits.maxBytes) return fileFailure(tooLarge(limits), 'xlsx');
      }
    return importResults(concat(parts, size), options);
  }
  const sink = new RowSink(options);
  const decoder = new StreamDecoder();
  const splitter = new RecordSplitter(sink.onRow);
  let read = 0;
  const total = options.totalBytes ?? 0;
  const fileError = (e: ImportError): ImportOutcome => fileFailure(e, 'csv');
  const feed = (chunk: Uint8Array): ImportError | null => {
    if (read + chunk.length > limits.maxBytes) return tooLarge(limits);
    const text = decoder.push(chunk);
    if (typeof text !== 'string') return text;
    splitter.push(text);
    read += chunk.length;
    options.onProgress?.({ rows: sink.rows, fraction: total > 0 ? Math.min(1, read / total) : 0 });
    return null;
  };
  let err = feed(first);
  if (err) return fileError(err);
  if (!done) {
    for (let next = await it.next(); !next.done; next = await it.next()) {
      err = feed(next.value);
      if (err) return fileError(err);
    }
  }
  const tail = decoder.end();
  if (typeof tail !== 'string') return fileError(tail);
  splitter.push(tail);
  splitter.end();
  options.onProgress?.({ rows: sink.rows, fraction: 1 });
  sink.errors.push(...splitter.errors);
  return sink.finish('csv');
}
