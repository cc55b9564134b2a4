import type { ChartViewKind } from '@koers/analysis/charts';
import type { AnalysisContext, ChartFilters, ChartKind, ChartView, NewChartView, StepId } from '@koers/board';

/**
 * Which chart the board draws for a chart view's analysis kind (packages/analysis's chart builders), and
 * which views a step shows by default (docs/canvas.md): step 3 data quality; 4 overview heatmap and the
 * level distribution against the norms; 5 trends per jaargroep and leerlingengroep, domains; 6 subgroups,
 * parallel groups, domains.
 */
export const CHART_FOR_KIND: Readonly<Record<ChartKind, ChartViewKind | null>> = {
  overzicht: 'overview',
  normen: 'group-levels',
  'trend-jaargroep': 'trend-jaargroep',
  'trend-leerlingengroep': 'trend-leerlingengroep',
  domeinen: 'domains',
  subgroepen: 'subgroups',
  parallelgroepen: 'parallel-groups',
  zorg: null,
  datakwaliteit: 'data-quality',
};

/** The kinds anyone can add with "Grafiek toevoegen" (those that draw a chart). */
export const ADDABLE_KINDS = (Object.keys(CHART_FOR_KIND) as ChartKind[]).filter(
  (kind) => CHART_FOR_KIND[kind] !== null,
);

export const DEFAULT_VIEWS: Readonly<Partial<Record<StepId, readonly ChartKind[]>>> = {
  s3: ['datakwaliteit'],
  s4: ['overzicht', 'normen'],
  s5: ['trend-jaargroep', 'trend-leerlingengroep', 'domeinen'],
  s6: ['subgroepen', 'parallelgroepen', 'domeinen'],
};

/** Steps with charts. */
export function hasCharts(stepId: StepId): boolean {
  return DEFAULT_VIEWS[stepId] !== undefined;
}

/**
 * The views to create for a step's defaults: the ones the step does not have yet, on the board's dataset.
 * Year and moment stay unset, so the views follow the board's context when the leider changes it.
 */
export function missingDefaultViews(
  stepId: StepId,
  existing: readonly Pick<ChartView, 'analysisKind'>[],
  context: Pick<AnalysisContext, 'datasetId'>,
): NewChartView[] {
  if (!context.datasetId) return [];
  const have = new Set(existing.map((v) => v.analysisKind));
  return (DEFAULT_VIEWS[stepId] ?? [])
    .filter((kind) => !have.has(kind))
    .map((analysisKind) => ({ stepId, datasetId: context.datasetId as string, analysisKind, filters: {} }));
}

/** The dataset, year and moment a view's chart is drawn from: its own filters first, then the board's. */
export function effectiveSource(
  view: Pick<ChartView, 'datasetId' | 'filters'>,
  context: Pick<AnalysisContext, 'datasetId' | 'schoolYear' | 'moment'>,
): { datasetId: string; schoolYear?: string; moment?: string; filters: ChartFilters } {
  const schoolYear = view.filters.schoolYear ?? context.schoolYear ?? undefined;
  const moment = view.filters.moment ?? context.moment ?? undefined;
  return {
    datasetId: view.datasetId || context.datasetId || '',
    ...(schoolYear ? { schoolYear } : {}),
    ...(moment ? { moment } : {}),
    filters: view.filters,
  };
}
