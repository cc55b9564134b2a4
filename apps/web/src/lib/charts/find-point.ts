import type { ChartPoint, ChartSeries, ChartSpec } from '@koers/analysis';

/** A chart point with its series: what a click on a mark (or a table cell's button) hands back. */
export type PointPick = (series: ChartSeries, point: ChartPoint) => void;

/** The series and point a mark stands for, found by the data attributes the chart components put on it. */
export function findPoint(
  spec: ChartSpec,
  mark: { series?: string | undefined; x?: string | undefined; row?: string | undefined },
): { series: ChartSeries; point: ChartPoint } | null {
  for (const series of spec.series) {
    if (mark.series !== undefined && series.id !== mark.series) continue;
    for (const point of series.points) {
      if (point.x !== mark.x) continue;
      if (mark.row !== undefined && point.row !== mark.row) continue;
      return { series, point };
    }
  }
  return null;
}
