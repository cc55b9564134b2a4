import { analyseSchool, emptyNormSet, type Moment } from '@koers/analysis';
import type { AggregateReport } from './aggregate-view';
import { aggregateReport } from './aggregate-view';
import type { DatasetStore, DatasetSummary } from './dataset-store';
import { ReportCache } from './report-cache';

/**
 * The aggregate report of a dataset for a school year and moment, under the school's current norms: from the
 * cache when the same (dataset, year, moment, norm set) was analysed before, else analysed and cached. One
 * function for the results page (`/api/datasets/:id/analysis`) and the board's charts
 * (`/api/boards/:id/views/:viewId/chart`), sharing one cache.
 */
export function cachedAggregateReport(
  store: DatasetStore,
  cache: ReportCache,
  dataset: DatasetSummary,
  filter: { schoolYear?: string; moment?: Moment },
): AggregateReport {
  const norms = store.getNorms(dataset.schoolId);
  const key = ReportCache.key(
    dataset.id,
    filter.schoolYear ?? '',
    filter.moment ?? '',
    // The norm set itself (a few kB), not its timestamp: two saves within one millisecond stay apart.
    JSON.stringify(norms?.normSet ?? null),
  );
  let report = cache.get(key);
  if (!report) {
    report = aggregateReport(
      analyseSchool(store.results(dataset.id), norms?.normSet ?? emptyNormSet(), {
        ...(filter.schoolYear ? { year: filter.schoolYear } : {}),
        ...(filter.moment ? { moment: filter.moment } : {}),
      }),
    );
    cache.set(key, dataset.id, report);
  }
  return report;
}
