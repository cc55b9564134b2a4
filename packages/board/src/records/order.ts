import { generateKeyBetween } from 'fractional-indexing';

/**
 * Order keys (fractional indexing): a record's place in its list is a string key, and a list is sorted by
 * (key, id). Moving a card rewrites one key, so two people reordering different cards never conflict. Two
 * clients inserting at the same spot concurrently compute the same key; the id breaks the tie, so every
 * replica shows the same order and both cards survive.
 */

/** True when `key` is a valid fractional-indexing key. */
export function isOrderKey(key: unknown): key is string {
  // The library checks the key's structure but not its characters.
  if (typeof key !== 'string' || key.length > 200 || !/^[0-9A-Za-z]+$/.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * A key strictly between `a` and `b` (null = open end). `a` must sort before `b`; when they are equal (two
 * concurrent inserts at one spot) use {@link orderAt}, which handles ties.
 *
 * @example orderBetween(null, null) // first key of an empty list
 */
export function orderBetween(a: string | null, b: string | null): string {
  return generateKeyBetween(a, b);
}

/** A key after every key in `keys` (in any order): the place for a new card at the end of its list. */
export function orderAtEnd(keys: Iterable<string>): string {
  let last: string | null = null;
  for (const key of keys) if (last === null || key > last) last = key;
  return generateKeyBetween(last, null);
}

/** Compares two ordered items: by key, then by id (the deterministic tie-break). */
export function compareOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The key for a card dropped at `index` of a list whose keys are `sorted` (ascending, as displayed). When the
 * neighbours share a key (a tie from concurrent inserts), the card lands just before the tied group instead
 * of between its members: keys cannot separate equal keys.
 *
 * @example orderAt(list.map((r) => r.order), 2) // between the 2nd and 3rd card
 */
export function orderAt(sorted: readonly string[], index: number): string {
  const at = Math.max(0, Math.min(index, sorted.length));
  const after = sorted[at] ?? null;
  let i = at - 1;
  while (i >= 0 && after !== null && (sorted[i] ?? '') >= after) i--;
  const before = i >= 0 ? (sorted[i] ?? null) : null;
  return generateKeyBetween(before, after);
}
