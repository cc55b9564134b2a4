/**
 * One entry for every chart the results page draws, so a board's chart view draws the same chart from
 * the same report with the same code: `buildChartSpecs(kind, report, options)` gives every chart of that
 * kind for the options (a subject has a trend chart per jaargroep), `buildChartSpec` the first of them.
 */
import type { ChartSpec } from '../chart-spec';
import type { SubgroupId } from '../model';
import type { ChartReport } from './chart-report';
import { dataQualityChart } from './data-quality';
import { domainCharts } from './domains';
import { groupLevelsChart, levelDistributionCharts, type GroupLevelsLabels } from './level-distribution';
import { overviewChart } from './overview';
import { parallelGroupCharts } from './parallel-groups';
import { subgroupCharts } from './subgroups';
import { trendJaargroepCharts, trendLeerlingengroepCharts } from './trends';

export const CHART_VIEW_KINDS = [
  'overview',
  'level-distribution',
  'group-levels',
  'trend-jaargroep',
  'trend-leerlingengroep',
  'domains',
  'subgroups',
  'parallel-groups',
  'data-quality',
] as const;

export type ChartViewKind = (typeof CHART_VIEW_KINDS)[number];

export interface ChartViewOptions {
  /** The subject; default: the report's first. Ignored by the overview and data quality. */
  subject?: string;
  /** One jaargroep (trends, domains, parallel groups). */
  grade?: number;
  /** One subgroup (subgroups). */
  subgroup?: SubgroupId;
  /** Overview: class rows too. */
  withClasses?: boolean;
  /** Group levels: the words in the user's language. */
  groupLevelsLabels?: GroupLevelsLabels;
}

export function buildChartSpecs(
  kind: ChartViewKind,
  report: ChartReport,
  options: ChartViewOptions = {},
): ChartSpec[] {
  const subject = options.subject ?? report.data.subjects[0] ?? '';
  const perSubject = { subject, grade: options.grade };
  const some = (spec: ChartSpec | null) => (spec ? [spec] : []);
  switch (kind) {
    case 'overview':
      return [overviewChart(report, { withClasses: options.withClasses })];
    case 'level-distribution':
      return levelDistributionCharts(report, { subject });
    case 'group-levels':
      return some(groupLevelsChart(report, { subject, labels: options.groupLevelsLabels }));
    case 'trend-jaargroep':
      return trendJaargroepCharts(report, perSubject);
    case 'trend-leerlingengroep':
      return trendLeerlingengroepCharts(report, perSubject);
    case 'domains':
      return domainCharts(report, perSubject);
    case 'subgroups':
      return subgroupCharts(report, { subject, subgroup: options.subgroup });
    case 'parallel-groups':
      return parallelGroupCharts(report, perSubject);
    case 'data-quality':
      return some(dataQualityChart(report));
  }
}

/** The first chart of that kind for the options, or null when the report has none. */
export function buildChartSpec(
  kind: ChartViewKind,
  report: ChartReport,
  options: ChartViewOptions = {},
): ChartSpec | null {
  return buildChartSpecs(kind, report, options)[0] ?? null;
}
