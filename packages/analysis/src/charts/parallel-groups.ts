/** Parallel classes (Stappenplan stap 5): the classes of one jaargroep side by side, bars in status colour. */
import type { ChartSpec } from '../chart-spec';
import { ofSubject, type ChartReport } from './chart-report';
import type { TrendOptions } from './trends';

export function parallelGroupCharts(
  report: Pick<ChartReport, 'patterns'>,
  options: TrendOptions,
): ChartSpec[] {
  return ofSubject(report.patterns.parallelClasses, options.subject)
    .filter((p) => options.grade === undefined || p.grade === options.grade)
    .map((p) => p.chart);
}
