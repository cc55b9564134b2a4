/**
 * @koers/analysis — LVS import, norms, every analysis of the Stappenplan with chart specs, and the
 * `koers analyse` CLI. Plain data in, plain data out: no Yjs, no DOM, no apps/*. Node-only code (file
 * reading) lives in cli/ and is loaded lazily by {@link analyseCommand}.
 */
export {
  LEVELS_A_E,
  LEVELS_I_V,
  MOMENTS,
  SMALL_GROUP,
  SUBGROUPS,
  SUBGROUP_LABEL,
  SUBJECT_ALIASES,
  hasOutcome,
  inspectieDomain,
  measurementIndex,
  nominalDate,
  pctOf,
  schoolYearOf,
  shiftSchoolYear,
  subgroupLabel,
  testLabel,
  type Level,
  type Moment,
  type Pct,
  type RefLevel,
  type Result,
  type Subgroup,
  type SubgroupId,
} from './model';
export { formatImportError, type ImportError } from './import/import-error';
export { decodeText, type DecodeOutcome, type TextEncodingName } from './import/decode';
export {
  CANONICAL_HEADER,
  FIELD_LABEL,
  detectColumns,
  normaliseHeader,
  type ColumnMapping,
  type ExplicitMapping,
  type Field,
} from './import/columns';
export { readCsv, type ImportProgress } from './import/csv';
export {
  importCsvText,
  importResults,
  fileFailure,
  type ImportOptions,
  type ImportOutcome,
} from './import/import-results';
export type { ImportDefaults } from './import/validate';
export { previewImport, type ImportPreview } from './import/preview';
export { importStream } from './import/stream';
export { resultKey } from './import/duplicates';
export { resultsToCanonicalCsv } from './import/canonical-csv';
export { spreadsheetSafe } from './import/spreadsheet-safe';
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import/limits';
export {
  DEFAULT_BOUWEN,
  NORM_SET_VERSION,
  NORM_TIERS,
  criterionLabel,
  emptyNormSet,
  type Bouw,
  type Criterion,
  type ExpectedGrowth,
  type IndividualGoal,
  type Intervention,
  type Norm,
  type NormSet,
  type NormTier,
} from './norms/norm-set';
export { parseNormSet } from './norms/parse-norms';
export {
  NormIndex,
  STATUS_LABEL,
  evaluateNorm,
  type CellStatus,
  type CriterionOutcome,
} from './norms/evaluate';
export {
  inspectieIndicators,
  inspectieYear,
  weightedMean,
  type InspectieIndicators,
  type InspectieYear,
} from './norms/inspectie';
export { StatsAccumulator, statsOf, type GroupStats } from './stats';
export {
  SUBGROUP_REANALYSED_KINDS,
  inSubgroup,
  labelSubgroup,
  subgroupFilterApplies,
  subgroupsOfReport,
} from './subgroup-filter';
export type { ChartAnnotation, ChartKind, ChartPoint, ChartSeries, ChartSpec, NormBand } from './chart-spec';
export {
  CHART_VIEW_KINDS,
  buildChartSpec,
  buildChartSpecs,
  type ChartReport,
  type ChartViewKind,
  type ChartViewOptions,
} from './charts';
export { classifyTrend, type TrendClassification } from './trend-direction';
export { ExpectedGrowthTable } from './analyses/expected-growth';
export type { Overview, OverviewCell, OverviewRow } from './analyses/overview';
export type { ResultsVsNorms, PooledRow, GroupRow } from './analyses/results-vs-norms';
export type { JaargroepTrend, TrendPoint } from './analyses/trend-jaargroep';
export type { CohortTrend, CohortStep, CohortMeasurement } from './analyses/trend-leerlingengroep';
export type { Patterns, DomainPattern, SubgroupPattern, ParallelPattern } from './analyses/patterns';
export type { ZorgAnalysis, GoalOutcome, InterventionEffect, SupportGrowth } from './analyses/zorg';
export { TEST_WINDOWS, type DataQuality } from './analyses/data-quality';
export type { Signal, SignalKind } from './signals';
export {
  ANALYSIS_REPORT_VERSION,
  analyseBoard,
  analyseSchool,
  type AnalyseOptions,
  type AnalysisReport,
  type BoardReport,
} from './run-analysis';
export {
  generateDemoSchool,
  demoNormSet,
  demoExpectedGrowth,
  type DemoOptions,
  type DemoSchool,
} from './demo/demo-school';
export { mulberry32 } from './demo/prng';
// Views: one chart on the board (an analysis kind with Dutch ids, narrowed by a filter).
export {
  ANALYSIS_KINDS as VIEW_KINDS,
  ANALYSIS_TITLE as VIEW_TITLE,
  analysisView,
  isAnalysisKind as isViewKind,
  withoutPupilData,
  type AnalysisKind as ViewKind,
  type AnalysisView,
  type ViewFilter,
} from './views';

/**
 * The `koers analyse` command (see README). Loaded lazily so that importing this package never pulls
 * in Node modules.
 *
 * @example process.exitCode = await analyseCommand(['results.csv', '--format', 'md']);
 */
export async function analyseCommand(args: string[]): Promise<number> {
  const { analyseCommand: run } = await import('./cli/analyse-command');
  return run(args);
}
