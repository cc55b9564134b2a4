/** Trend lines (Stappenplan stap 3): per jaargroep over the years, and per leerlingengroep (cohort). */
import type { ChartSpec } from '../chart-spec';
import { ofSubject, type ChartReport } from './chart-report';

export interface TrendOptions {
  subject: string;
  /** Only this jaargroep (a board view shows one chart). */
  grade?: number;
}

const forGrade = <T extends { grade: number }>(list: T[], grade?: number) =>
  grade === undefined ? list : list.filter((t) => t.grade === grade);

/** One line chart per jaargroep of the subject: the same test over the school years, with norm bands. */
export function trendJaargroepCharts(
  report: Pick<ChartReport, 'trendJaargroep'>,
  options: TrendOptions,
): ChartSpec[] {
  return forGrade(ofSubject(report.trendJaargroep, options.subject), options.grade).map((t) => t.chart);
}

/** One line chart per cohort (by its current jaargroep): growth against the expected growth. */
export function trendLeerlingengroepCharts(
  report: Pick<ChartReport, 'trendLeerlingengroep'>,
  options: TrendOptions,
): ChartSpec[] {
  return forGrade(ofSubject(report.trendLeerlingengroep, options.subject), options.grade).map((t) => t.chart);
}
