/**
 * The overview heatmap (Kwaliteitskaart stap 2): jaargroep × test cells with their norm status, or, with
 * `withClasses`, the class rows (5A, 5B) under each jaargroep too.
 */
import type { ChartSpec } from '../chart-spec';
import type { ChartReport } from './chart-report';

export interface OverviewChartOptions {
  /** Also a row per class of a jaargroep spread over parallel classes. */
  withClasses?: boolean;
}

export function overviewChart(
  report: Pick<ChartReport, 'overview'>,
  options: OverviewChartOptions = {},
): ChartSpec {
  const { chart, rows } = report.overview;
  if (!options.withClasses) return chart;
  return {
    ...chart,
    series: [
      {
        id: 'status',
        label: chart.series[0]?.label ?? '',
        points: rows.flatMap((row) =>
          row.cells.flatMap((cell) =>
            cell
              ? [
                  {
                    x: cell.subject,
                    y: cell.stats.mean,
                    n: cell.stats.n,
                    small: cell.stats.small,
                    status: cell.status,
                    row: row.label,
                  },
                ]
              : [],
          ),
        ),
      },
    ],
  };
}
