import { getLocale } from '$lib/i18n';
import { m } from '$lib/i18n';

function locale(): string {
  return getLocale() === 'en' ? 'en-GB' : 'nl-NL';
}

/** A number as people read it here: at most `digits` decimals, Dutch decimal comma. */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** "68%" (no n; use {@link formatPctN} wherever the percentage stands alone). */
export function formatPct(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${formatNumber(value, 0)}%`;
}

/** "n=25", or "n=3 ⚠" when the group is small (n < 5). */
export function formatN(n: number, small: boolean): string {
  return small ? m.results_n_small({ n }) : m.results_n({ n });
}

/** "68% (n=25)": every percentage carries its n. */
export function formatPctN(value: number | null | undefined, n: number, small: boolean): string {
  return `${formatPct(value)} (${formatN(n, small)})`;
}
