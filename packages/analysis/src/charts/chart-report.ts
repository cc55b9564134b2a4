/**
 * The part of a report the chart builders read. Both the full `AnalysisReport` and the server's
 * aggregate view (no pupil ids, data quality as counts) fit it, so the web app and the board draw the
 * same charts from what the API sends.
 */
import type { ChartSpec } from '../chart-spec';
import type { Overview } from '../analyses/overview';
import type { Patterns } from '../analyses/patterns';
import type { ResultsVsNorms } from '../analyses/results-vs-norms';
import type { JaargroepTrend } from '../analyses/trend-jaargroep';
import type { CohortTrend } from '../analyses/trend-leerlingengroep';
import type { Moment } from '../model';

export interface ChartReport {
  schoolYear: string;
  moment: Moment;
  data: { subjects: string[]; grades: number[] };
  overview: Overview;
  resultsVsNorms: ResultsVsNorms;
  trendJaargroep: JaargroepTrend[];
  trendLeerlingengroep: CohortTrend[];
  patterns: Patterns;
  dataQuality: { chart: ChartSpec };
}

/** The entries of one subject, in the report's order. */
export function ofSubject<T extends { subject: string }>(list: readonly T[], subject: string): T[] {
  return list.filter((x) => x.subject === subject);
}
