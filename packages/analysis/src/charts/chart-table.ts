/**
 * A chart's data as a table ("Toon als tabel"): the same numbers as the picture, each with its point (so
 * its n, small mark and status). Heatmaps are rows × columns; stacked bars a row per bar with its n; lines
 * and bars a row per x value with a column per series.
 */
import type { ChartPoint, ChartSpec, NormBand } from '../chart-spec';
import { chartRows, chartXs, isPercentChart } from './chart-marks';

export interface ChartTableCell {
  /** The column's key (an x value, or a series' label). */
  column: string;
  point: ChartPoint | null;
}

export interface ChartTableRow {
  label: string;
  cells: ChartTableCell[];
  /** Stacked bars: the bar's n and small mark (every level of a bar has the same n). */
  n?: { n: number; small: boolean };
}

export interface ChartTable {
  layout: 'grid' | 'stacked' | 'series';
  caption: string;
  /** The header above the row labels: the y label (grid), the x label (series); empty for stacked. */
  corner: string;
  columns: string[];
  rows: ChartTableRow[];
  percent: boolean;
  bands: NormBand[];
  notes: string[];
}

export function chartTable(spec: ChartSpec): ChartTable {
  const xs = chartXs(spec);
  const base = {
    caption: `${spec.title} — ${spec.yLabel}`,
    percent: isPercentChart(spec),
    bands: spec.normBands,
    notes: spec.annotations.map((a) => `${a.x}: ${a.text}`),
  };
  if (spec.kind === 'heatmap') {
    const points = spec.series.flatMap((s) => s.points);
    return {
      ...base,
      layout: 'grid',
      corner: spec.yLabel,
      columns: xs,
      rows: chartRows(spec).map((row) => ({
        label: row,
        cells: xs.map((x) => ({
          column: x,
          point: points.find((p) => (p.row ?? '') === row && p.x === x) ?? null,
        })),
      })),
    };
  }
  if (spec.kind === 'stacked-bar') {
    return {
      ...base,
      layout: 'stacked',
      corner: '',
      columns: xs,
      rows: spec.series.map((s) => ({
        label: s.label,
        cells: xs.map((x) => ({ column: x, point: s.points.find((p) => p.x === x) ?? null })),
        n: { n: s.points[0]?.n ?? 0, small: s.points[0]?.small ?? true },
      })),
    };
  }
  return {
    ...base,
    layout: 'series',
    corner: spec.xLabel,
    columns: spec.series.map((s) => s.label),
    rows: xs.map((x) => ({
      label: x,
      cells: spec.series.map((s) => ({ column: s.label, point: s.points.find((p) => p.x === x) ?? null })),
    })),
  };
}
