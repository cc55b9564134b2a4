import type { ImportError } from './import-error';

/** Encodings the import accepts. */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Outcome of decoding a file's bytes to text. */
export type DecodeOutcome =
  { ok: true; text: string; encoding: TextEncodingName } | { ok: false; error: ImportError };

// Windows-1252 leaves these five bytes undefined; the WHATWG decoder maps them to C1 controls instead of
// failing, so we check them ourselves: a file containing them is neither UTF-8 nor Windows-1252.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM) first, strictly; otherwise Windows-1252, which Excel on
 * Dutch Windows writes. UTF-16 is accepted when it carries a BOM. Bytes that fit no encoding (NUL bytes,
 * undefined Windows-1252 bytes) are reported with the row they occur in.
 *
 * @example decodeText(new Uint8Array([0x72, 0xeb])) // { ok: true, text: 'rë', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): DecodeOutcome {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  let text: string | null;
  try {
    // fatal: any invalid sequence throws, so a Windows-1252 file is never misread as UTF-8. A UTF-8 BOM is
    // stripped (ignoreBOM defaults to false).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  if (text !== null) {
    const nul = text.includes('\0') ? bytes.indexOf(0) : -1;
    if (nul >= 0) return { ok: false, error: foreignByteError(rowOfOffset(bytes, nul), 0) };
    return { ok: true, text, encoding: 'utf-8' };
  }
  // Not UTF-8. The checks below go in the order a streamed read meets them (stream.ts), so both give the
  // same answer: a NUL before the first non-UTF-8 byte; then a mix (clean Windows-1252 has no UTF-8
  // multibyte sequence at all; a file that has some is UTF-8 with a few foreign bytes, and reading it as
  // Windows-1252 would turn every "ë" into "Ã«" without a word); then bytes Windows-1252 leaves undefined.
  const at = firstInvalidUtf8(bytes);
  const nul = bytes.indexOf(0);
  if (nul >= 0 && nul < at) return { ok: false, error: foreignByteError(rowOfOffset(bytes, nul), 0) };
  if (firstUtf8Sequence(bytes, 0) >= 0)
    return { ok: false, error: mixedEncodingError(rowOfOffset(bytes, at), bytes[at] ?? 0) };
  const bad = firstForeignByte(bytes);
  if (bad >= 0) return { ok: false, error: foreignByteError(rowOfOffset(bytes, bad), bytes[bad] ?? 0) };
  return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/** The error for a byte that is text in neither UTF-8 nor Windows-1252 (NUL, or undefined in 1252). */
export function foreignByteError(row: number, byte: number): ImportError {
  return {
    row,
    column: null,
    value: hex(byte),
    message: `onbekende tekenset: byte ${hex(byte)} is geen tekst in UTF-8 of Windows-1252 (is dit wel een CSV-bestand?)`,
  };
}

/** The error for a file that mixes UTF-8 with bytes that are not UTF-8; `row` holds the first such byte. */
export function mixedEncodingError(row: number, byte: number): ImportError {
  return {
    row,
    column: null,
    value: hex(byte),
    message: `gemengde tekenset: het bestand is UTF-8, maar deze rij bevat byte ${hex(byte)} die geen UTF-8 is; sla het bestand opnieuw op als UTF-8`,
  };
}

/**
 * Length of the valid UTF-8 multibyte sequence starting at `i` (2–4), or 0 when there is none there
 * (ASCII, a stray byte, an overlong or surrogate form, or a sequence cut off by the end of `bytes`).
 */
export function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const c = bytes[i + k];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Offset of the first valid UTF-8 multibyte sequence at or after `from`, or -1. */
export function firstUtf8Sequence(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i]! >= 0xc2 && utf8SequenceAt(bytes, i) > 0) return i;
  return -1;
}

/** Offset of the first byte that is not part of valid UTF-8 (bytes.length when all of it is valid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return bytes.length;
}

/** Offset of the first byte that cannot be text in Windows-1252 (NUL or undefined), or -1. */
function firstForeignByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0 || UNDEFINED_1252.has(b)) return i;
  }
  return -1;
}

/** Row number (1-based, as in Excel) of a byte offset. */
function rowOfOffset(bytes: Uint8Array, offset: number): number {
  let row = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) row++;
  return row;
}

/** True when the bytes are a ZIP container (XLSX). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}
