const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 16;

// Web Crypto is global in browsers and Node ≥ 19; the package's lib has neither DOM nor Node types.
const webCrypto = (globalThis as unknown as { crypto: { getRandomValues(array: Uint8Array): Uint8Array } })
  .crypto;

/** The shape of an id made by {@link newRecordId}: 16 base-62 characters (never `|` or `:`, the key separators). */
export const RECORD_ID_PATTERN = /^[0-9A-Za-z]{16}$/;

/**
 * A fresh random record id: 16 base-62 characters (95 bits). Two clients adding cards at the same moment get
 * different keys in the `records` map, so both cards survive the merge.
 */
export function newRecordId(): string {
  let id = '';
  while (id.length < ID_LENGTH) {
    const bytes = webCrypto.getRandomValues(new Uint8Array(ID_LENGTH * 2));
    for (const byte of bytes) {
      // 62 of 64 values of the low 6 bits are used; the rest are rejected to keep every character equally likely.
      const value = byte & 63;
      if (value < ALPHABET.length && id.length < ID_LENGTH) id += ALPHABET[value];
    }
  }
  return id;
}

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID_PATTERN.test(value);
}
