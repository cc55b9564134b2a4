import { analyseSchool, emptyNormSet, type Moment } from '@koers/analysis';
import { aggregateReport, type AggregateReport } from './aggregate-view';
import type { DatasetStore } from './dataset-store';
import { ReportCache } from './report-cache';

/**
 * The aggregate report of a dataset for a year and moment with the school's current norms, from the cache
 * when there (the analysis endpoint and the board export share it), else analysed and cached.
 */
export function cachedAggregateReport(
  store: DatasetStore,
  cache: ReportCache,
  datasetId: string,
  filter: { schoolYear?: string; moment?: Moment },
): AggregateReport | null {
  const dataset = store.get(datasetId);
  if (!dataset) return null;
  const norms = store.getNorms(dataset.schoolId);
  const key = ReportCache.key(
    dataset.id,
    filter.schoolYear ?? '',
    filter.moment ?? '',
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
