/**
 * A plain-JSON chart description: what to draw, not how. The web app draws it with d3; the CLI prints
 * its numbers. Every point carries its n and whether the group is small (n < 5).
 */
import type { CellStatus } from './norms/evaluate';
import type { NormTier } from './norms/norm-set';

/** One point of a series. `y` null = no data at x. */
export interface ChartPoint {
  x: string;
  y: number | null;
  n: number;
  small: boolean;
  status?: CellStatus;
  /** For heatmaps: the row label. */
  row?: string;
}

export interface ChartSeries {
  id: string;
  label: string;
  points: ChartPoint[];
  /** Drawn dashed (e.g. expected growth). */
  dashed?: boolean;
}

/** A horizontal band: y from `from` to `to` is the zone of a norm tier. */
export interface NormBand {
  tier: NormTier;
  label: string;
  from: number;
  to: number | null;
}

export interface ChartAnnotation {
  x: string;
  text: string;
  kind: 'signaal' | 'positief' | 'interventie' | 'info' | 'klein';
  series?: string;
}

/** The chart kinds the web app knows. */
export type ChartKind = 'line' | 'bar' | 'stacked-bar' | 'heatmap';

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  normBands: NormBand[];
  annotations: ChartAnnotation[];
  /** Suggested y range, e.g. [0, 100] for percentages. */
  yDomain?: [number, number];
}

/** Norm bands from tier thresholds (all 'min' direction): each band runs from its value to the next tier's. */
export function bandsFrom(
  thresholds: { tier: NormTier; value: number; direction: 'min' | 'max' }[],
  label: (t: NormTier) => string,
): NormBand[] {
  const mins = thresholds.filter((t) => t.direction === 'min').sort((a, b) => a.value - b.value);
  return mins.map((t, i) => ({
    tier: t.tier,
    label: label(t.tier),
    from: t.value,
    to: mins[i + 1]?.value ?? null,
  }));
}
