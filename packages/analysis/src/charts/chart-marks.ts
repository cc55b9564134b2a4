/**
 * What every drawing of a spec derives before it picks pixels: the x values and rows in order, whether
 * values are percentages, the cumulative segments of stacked bars and the value range of the y axis.
 * Plain numbers: the web app maps them with d3-scale, the CLI or a board view may do otherwise.
 */
import type { ChartPoint, ChartSeries, ChartSpec } from '../chart-spec';

/** The x values of all series, in first-seen order. */
export function chartXs(spec: Pick<ChartSpec, 'series'>): string[] {
  return [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.x)))];
}

/** A heatmap's row labels, in first-seen order ('' for points without a row). */
export function chartRows(spec: Pick<ChartSpec, 'series'>): string[] {
  return [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.row ?? '')))];
}

/** True when the y values are percentages (the y label says so): values are printed with '%'. */
export function isPercentChart(spec: Pick<ChartSpec, 'yLabel'>): boolean {
  return spec.yLabel.includes('%');
}

/** True when any point is a small group (n < 5): the legend explains the mark. */
export function hasSmallGroup(spec: Pick<ChartSpec, 'series'>): boolean {
  return spec.series.some((s) => s.points.some((p) => p.small));
}

export interface StackSegment {
  point: ChartPoint;
  from: number;
  to: number;
}

/** A stacked bar's parts, left to right: each point runs from the sum of the ones before it. */
export function stackSegments(series: ChartSeries): StackSegment[] {
  let from = 0;
  return series.points.map((point) => {
    const part = { point, from, to: from + (point.y ?? 0) };
    from = part.to;
    return part;
  });
}

/**
 * The y range of a line chart before rounding to nice ticks: `yDomain` when the spec sets one, else the
 * values and band edges widened by 15% of their spread (at least 1) on each side.
 */
export function lineValueDomain(spec: Pick<ChartSpec, 'series' | 'normBands' | 'yDomain'>): [number, number] {
  if (spec.yDomain) return spec.yDomain;
  const values = spec.series
    .flatMap((s) => s.points.map((p) => p.y))
    .filter((v): v is number => v !== null && !Number.isNaN(v));
  const bands = spec.normBands.flatMap((b) => (b.to === null ? [b.from] : [b.from, b.to]));
  const all = [...values, ...bands];
  const lo = all.length > 0 ? Math.min(...all) : 0;
  const hi = all.length > 0 ? Math.max(...all) : 1;
  const pad = Math.max((hi - lo) * 0.15, 1);
  return [lo - pad, hi + pad];
}

/** The y range of a bar chart: from `yDomain` or 0 up to 15% above the highest bar or norm line. */
export function barValueDomain(spec: Pick<ChartSpec, 'series' | 'normBands' | 'yDomain'>): [number, number] {
  const top = Math.max(
    ...spec.series.flatMap((s) => s.points.map((p) => p.y ?? 0)),
    ...spec.normBands.map((b) => b.from),
  );
  const hi = spec.yDomain?.[1] ?? (Number.isFinite(top) ? top : 1) * 1.15;
  return [spec.yDomain?.[0] ?? 0, hi || 1];
}
