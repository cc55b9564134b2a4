/** Data quality: missing results per class × test; no chart when nothing is missing. */
import type { ChartSpec } from '../chart-spec';
import type { ChartReport } from './chart-report';

export function dataQualityChart(report: Pick<ChartReport, 'dataQuality'>): ChartSpec | null {
  const { chart } = report.dataQuality;
  return chart.series.some((s) => s.points.length > 0) ? chart : null;
}
