/** Domain patterns (Stappenplan stap 5): the domain scores of a subject per jaargroep. */
import type { ChartSpec } from '../chart-spec';
import { ofSubject, type ChartReport } from './chart-report';
import type { TrendOptions } from './trends';

export function domainCharts(report: Pick<ChartReport, 'patterns'>, options: TrendOptions): ChartSpec[] {
  return ofSubject(report.patterns.domains, options.subject)
    .filter((d) => options.grade === undefined || d.grade === options.grade)
    .map((d) => d.chart);
}
