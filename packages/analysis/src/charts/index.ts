/**
 * `@koers/analysis/charts`: pure functions from a report to what a chart draws (specs, table rows, norm
 * status looks, stacked segments, value ranges). No DOM, no d3: the web app and the board draw with them.
 */
export type { ChartAnnotation, ChartKind, ChartPoint, ChartSeries, ChartSpec, NormBand } from '../chart-spec';
export { ofSubject, type ChartReport } from './chart-report';
export { NORM_STATUSES, STATUS_LOOK, bandLook, statusCounts, tierStatus, type StatusLook } from './norm-look';
export {
  barValueDomain,
  chartRows,
  chartXs,
  hasSmallGroup,
  isPercentChart,
  lineValueDomain,
  stackSegments,
  type StackSegment,
} from './chart-marks';
export { chartTable, type ChartTable, type ChartTableCell, type ChartTableRow } from './chart-table';
export { overviewChart, type OverviewChartOptions } from './overview';
export {
  defaultGroupLevelsLabels,
  groupLevelsChart,
  groupRowsOf,
  levelDistributionCharts,
  sharedNormBands,
  type GroupLevelsLabels,
  type GroupLevelsOptions,
} from './level-distribution';
export { trendJaargroepCharts, trendLeerlingengroepCharts, type TrendOptions } from './trends';
export { domainCharts } from './domains';
export { subgroupCharts, type SubgroupOptions } from './subgroups';
// A chart narrowed to a subgroup (which kinds, and naming it), for the board's chart views.
export { SUBGROUP_REANALYSED_KINDS, subgroupFilterApplies } from '../subgroup-filter';
export { subgroupLabel, type SubgroupId } from '../model';
export { parallelGroupCharts } from './parallel-groups';
export { dataQualityChart } from './data-quality';
export {
  CHART_VIEW_KINDS,
  buildChartSpec,
  buildChartSpecs,
  type ChartViewKind,
  type ChartViewOptions,
} from './build-chart-spec';
export { CHART_SVG_FONT, chartSpecToSvg, type ChartSvg, type ChartSvgOptions } from './chart-svg';
