import { buildChartSpec, type ChartSpec, type ChartViewKind } from '@koers/analysis/charts';
import type { ChartKind, ChartView, ReportChart } from '@koers/board';
import type { SubgroupId } from '@koers/analysis';
import type { AggregateReport } from '../datasets/aggregate-view';

/**
 * The board's chart views drawn for the report: each view's (dataset, year, moment) → the aggregate report
 * (through the dataset report cache, so an export costs no new analysis when the board's charts were shown)
 * → `buildChartSpec` with the view's filters. Aggregates only: no pupil row reaches the report.
 */

/** The aggregate report of a dataset of the board's school, or null (gone, another school's, no data). */
export type AggregateSource = (
  datasetId: string,
  schoolYear?: string,
  moment?: string,
) => AggregateReport | null;

/** The board's analysis kinds (Dutch ids) → the chart builders' kinds. `zorg` draws the report's own chart. */
const VIEW_KIND: Readonly<Record<Exclude<ChartKind, 'zorg'>, ChartViewKind>> = {
  overzicht: 'overview',
  normen: 'level-distribution',
  'trend-jaargroep': 'trend-jaargroep',
  'trend-leerlingengroep': 'trend-leerlingengroep',
  domeinen: 'domains',
  subgroepen: 'subgroups',
  parallelgroepen: 'parallel-groups',
  datakwaliteit: 'data-quality',
};

export const CHART_UNAVAILABLE =
  'Deze grafiek kan niet meer worden getekend: de gegevens zijn er niet (meer).';
/** The dataset is there but holds nothing for this analysis (no domain scores, one class per grade). */
export const CHART_NO_DATA = 'Niet getekend: de toetsgegevens bevatten hiervoor geen uitslagen.';

/** A view without a title of its own is named for its analysis (the board's "Domeinen" etc.). */
const KIND_TITLE: Readonly<Record<ChartKind, string>> = {
  overzicht: 'Overzicht',
  normen: 'Niveauverdeling ten opzichte van de normen',
  'trend-jaargroep': 'Trend per jaargroep',
  'trend-leerlingengroep': 'Trend per leerlingengroep',
  domeinen: 'Domeinen',
  subgroepen: 'Subgroepen',
  parallelgroepen: 'Parallelgroepen',
  zorg: 'Zorgsignalen',
  datakwaliteit: 'Datakwaliteit',
};

/** What of a chart view the report reads. */
export type ReportChartView = Pick<
  ChartView,
  'id' | 'stepId' | 'datasetId' | 'analysisKind' | 'filters' | 'title'
>;

export function specOfView(view: ReportChartView, report: AggregateReport): ChartSpec | null {
  const f = view.filters;
  if (view.analysisKind === 'zorg') return report.zorg.chart;
  const byGroup = f.level === 'groep' || f.level === 'subgroep';
  const kind: ChartViewKind =
    view.analysisKind === 'normen' && byGroup ? 'group-levels' : VIEW_KIND[view.analysisKind];
  return buildChartSpec(kind, report, {
    ...(f.subject ? { subject: f.subject } : {}),
    ...(f.grade ? { grade: f.grade } : {}),
    ...(f.subgroup ? { subgroup: f.subgroup as SubgroupId } : {}),
    withClasses: byGroup,
  });
}

export function reportCharts(
  views: readonly ReportChartView[],
  source: AggregateSource,
): ReportChart<ChartSpec>[] {
  return views.map((view) => {
    const report = source(view.datasetId, view.filters.schoolYear, view.filters.moment);
    const spec = report ? specOfView(view, report) : null;
    return {
      viewId: view.id,
      stepId: view.stepId,
      title: view.title || spec?.title || KIND_TITLE[view.analysisKind],
      spec,
      ...(spec
        ? {}
        : report
          ? { unavailable: CHART_NO_DATA, withoutData: true }
          : { unavailable: CHART_UNAVAILABLE }),
    };
  });
}
