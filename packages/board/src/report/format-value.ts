/**
 * How the report writes a number about a group: Dutch decimals, the unit, and its n. A group of fewer than
 * five pupils is never given with its exact n: "n < 5" stands next to the value, as every chart marks it,
 * because such a small group can identify children and its percentage is unstable.
 */

/** Below this many pupils a value is marked "n < 5" (packages/analysis's SMALL_GROUP). */
export const SMALL_GROUP = 5;

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export function formatNumber(value: number): string {
  return number.format(value);
}

/** "62,5% (n = 24)", "46% op I–III (n = 24)", "50% (n < 5)", "212 vaardigheidsscore (n = 30)". */
export function formatValue(value: number, unit: string, n: number): string {
  const u = unit.trim();
  const shown = u.startsWith('%')
    ? `${formatNumber(value)}${u}`
    : u === ''
      ? formatNumber(value)
      : `${formatNumber(value)} ${u}`;
  return `${shown} (${n < SMALL_GROUP ? 'n < 5' : `n = ${n}`})`;
}

const longDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "22 januari 2027" for 2027-01-22. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : longDate.format(date);
}
