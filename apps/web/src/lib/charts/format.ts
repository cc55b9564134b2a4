import type { ChartSpec } from '@koers/analysis';
import { isPercentChart } from '@koers/analysis/charts';
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

/** The value format of a line or bar chart: "68%" when its y axis is a percentage (the label says so), else "12,5". */
export function chartValueFormat(spec: ChartSpec): (value: number | null) => string {
  const pct = isPercentChart(spec);
  return (value) => (value === null ? '–' : `${formatNumber(value)}${pct ? '%' : ''}`);
}

/** What a line or bar chart says to a screen reader: its title, then every series with each x, value and n. */
export function seriesSummary(spec: ChartSpec, format: (value: number | null) => string): string {
  return `${spec.title}. ${spec.series
    .map((s) => `${s.label}: ${s.points.map((p) => `${p.x} ${format(p.y)} (n=${p.n})`).join(', ')}`)
    .join('; ')}`;
}
