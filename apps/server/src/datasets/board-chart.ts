import {
  analysisView,
  VIEW_TITLE,
  type AnalysisReport,
  type AnalysisView,
  type ViewFilter,
} from '@koers/analysis';
import type { ChartFilters, ChartKind } from '@koers/board';
import type { AggregateReport } from './aggregate-view';

/**
 * What one chart view on the board shows, from the aggregate report (never the raw one): packages/analysis's
 * `analysisView` narrowed by the view's subject, jaargroep and subgroup. The zorg section of an aggregate
 * report has goal counts instead of goals, so its view is built here from those counts.
 */
export function chartOfView(report: AggregateReport, kind: ChartKind, filters: ChartFilters): AnalysisView {
  const filter: ViewFilter = {
    ...(filters.subject === undefined ? {} : { subject: filters.subject }),
    ...(filters.grade === undefined ? {} : { grade: filters.grade }),
    ...(filters.subgroup === undefined
      ? {}
      : { subgroup: filters.subgroup as ViewFilter['subgroup'] & string }),
  };
  if (kind !== 'zorg') {
    // Every other section has the same shape in the aggregate report as in the full one.
    return analysisView(report as unknown as AnalysisReport, kind, filter);
  }
  const { zorg } = report;
  const subject = (x: { subject?: string }): boolean =>
    filter.subject === undefined || x.subject === undefined || x.subject === filter.subject;
  const grade = (x: { grade?: number | null }): boolean =>
    filter.grade === undefined || x.grade === undefined || x.grade === null || x.grade === filter.grade;
  const interventions = zorg.interventions.filter(subject);
  return {
    kind,
    title: VIEW_TITLE[kind],
    schoolYear: report.schoolYear,
    moment: report.moment,
    charts: [zorg.chart, ...interventions.map((x) => x.chart)],
    data: {
      goals: zorg.goals,
      supportGrowth: zorg.supportGrowth.filter((x) => subject(x) && grade(x)),
      interventions,
    },
  };
}
