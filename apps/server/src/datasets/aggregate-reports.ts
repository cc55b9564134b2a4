import {
  analyseSchool,
  emptyNormSet,
  subgroupsOfReport,
  type Moment,
  type SubgroupId,
} from '@koers/analysis';
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
  filter: { schoolYear?: string; moment?: Moment; subgroup?: SubgroupId },
): AggregateReport {
  const { subgroup, ...whole } = filter;
  if (subgroup !== undefined) {
    // A subgroup's report shows the year and moment the whole school's would (its own latest may differ).
    const full = cachedAggregateReport(store, cache, dataset, whole);
    return analysed(store, cache, dataset, { schoolYear: full.schoolYear, moment: full.moment, subgroup });
  }
  return analysed(store, cache, dataset, whole);
}

function analysed(
  store: DatasetStore,
  cache: ReportCache,
  dataset: DatasetSummary,
  filter: { schoolYear?: string; moment?: Moment; subgroup?: SubgroupId },
): AggregateReport {
  const norms = store.getNorms(dataset.schoolId);
  const key = ReportCache.key(
    dataset.id,
    filter.schoolYear ?? '',
    filter.moment ?? '',
    // The norm set itself (a few kB), not its timestamp: two saves within one millisecond stay apart.
    JSON.stringify(norms?.normSet ?? null),
    filter.subgroup ?? '',
  );
  let report = cache.get(key);
  if (!report) {
    report = aggregateReport(
      analyseSchool(store.results(dataset.id), norms?.normSet ?? emptyNormSet(), {
        ...(filter.schoolYear ? { year: filter.schoolYear } : {}),
        ...(filter.moment ? { moment: filter.moment } : {}),
        ...(filter.subgroup ? { subgroup: filter.subgroup } : {}),
      }),
    );
    cache.set(key, dataset.id, report);
  }
  return report;
}

/** The subgroups the dataset holds for a year and moment (ids and Dutch names; never pupils). */
export function datasetSubgroups(
  store: DatasetStore,
  cache: ReportCache,
  dataset: DatasetSummary,
  filter: { schoolYear?: string; moment?: Moment },
): { id: SubgroupId; label: string }[] {
  return subgroupsOfReport(cachedAggregateReport(store, cache, dataset, filter));
}
