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
  const bad = text !== null ? (text.includes('\0') ? bytes.indexOf(0) : -1) : firstForeignByte(bytes);
  if (bad >= 0) {
    const hex = `0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}`;
    return {
      ok: false,
      error: {
        row: rowOfOffset(bytes, bad),
        column: null,
        value: hex,
        message: `onbekende tekenset: byte ${hex} is geen tekst in UTF-8 of Windows-1252 (is dit wel een CSV-bestand?)`,
      },
    };
  }
  if (text !== null) return { ok: true, text, encoding: 'utf-8' };
  return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
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
