/**
 * The whole analysis of one school for one school year and moment, as one versioned JSON report.
 */
import { dataQuality, type DataQuality } from './analyses/data-quality';
import type { AnalysisContext } from './analyses/context';
import { ExpectedGrowthTable } from './analyses/expected-growth';
import { overview, type Overview } from './analyses/overview';
import { patterns, type Patterns } from './analyses/patterns';
import { resultsVsNorms, type ResultsVsNorms } from './analyses/results-vs-norms';
import { trendJaargroep, type JaargroepTrend } from './analyses/trend-jaargroep';
import { trendLeerlingengroep, type CohortTrend } from './analyses/trend-leerlingengroep';
import { zorg, type ZorgAnalysis } from './analyses/zorg';
import { Dataset } from './dataset';
import { MOMENTS, shiftSchoolYear, type Moment, type Result, type SubgroupId } from './model';
import { NormIndex } from './norms/evaluate';
import { inspectieIndicators, type InspectieIndicators } from './norms/inspectie';
import { DEFAULT_BOUWEN, emptyNormSet, type NormSet } from './norms/norm-set';
import { collectSignals, type Signal } from './signals';
import { inSubgroup } from './subgroup-filter';

/** Version of the report's JSON shape (see README "Analysis JSON"). Bump on any breaking change. */
export const ANALYSIS_REPORT_VERSION = 1;

export interface AnalysisReport {
  version: number;
  school: string | null;
  schoolYear: string;
  moment: Moment;
  data: { results: number; pupils: number; schoolYears: string[]; subjects: string[]; grades: number[] };
  overview: Overview;
  resultsVsNorms: ResultsVsNorms;
  trendJaargroep: JaargroepTrend[];
  trendLeerlingengroep: CohortTrend[];
  patterns: Patterns;
  zorg: ZorgAnalysis;
  dataQuality: DataQuality;
  inspectie: InspectieIndicators;
  signals: Signal[];
}

export interface AnalyseOptions {
  /** "2025-2026"; default: the latest school year in the data. */
  year?: string;
  /** Default: the latest moment of that year. */
  moment?: Moment;
  /**
   * Analyse only this subgroup's results (subgroup-filter.ts): a board chart narrowed to NT2, say. The
   * subgroup-against-the-rest analysis of such a report is meaningless; take it from the full report.
   */
  subgroup?: SubgroupId;
}

/**
 * Runs every analysis on one school's results.
 *
 * @example const report = analyseSchool(results, normSet, { year: '2025-2026', moment: 'M' });
 */
export function analyseSchool(
  results: readonly Result[],
  normSet: NormSet = emptyNormSet(),
  options: AnalyseOptions = {},
): AnalysisReport {
  const { subgroup } = options;
  if (subgroup !== undefined) results = results.filter((r) => inSubgroup(r, subgroup));
  const data = new Dataset(results);
  const latest = data.latest();
  const year = options.year ?? latest?.year ?? '';
  const inYear = data.momentsByYear.get(year);
  const moment =
    options.moment ?? [...MOMENTS].reverse().find((m) => inYear?.has(m)) ?? latest?.moment ?? 'M';
  const ctx: AnalysisContext = {
    data,
    normSet,
    norms: new NormIndex(normSet),
    year,
    moment,
    bouwen: normSet.bouwen ?? DEFAULT_BOUWEN,
  };
  const expected = new ExpectedGrowthTable(normSet.expectedGrowth);
  const ov = overview(ctx);
  const trends = trendJaargroep(ctx);
  const cohorts = trendLeerlingengroep(ctx, expected);
  const pat = patterns(ctx);
  // The Inspectie indicators need only groep 8 of the last three years: take them from the index.
  const grade8: Result[] = [];
  for (const offset of [-2, -1, 0]) {
    const y = shiftSchoolYear(year, offset);
    for (const m of MOMENTS)
      for (const s of data.subjects) for (const r of data.test(y, m, 8, s)) grade8.push(r);
  }
  return {
    version: ANALYSIS_REPORT_VERSION,
    school: results[0]?.school ?? null,
    schoolYear: year,
    moment,
    data: {
      results: results.length,
      pupils: data.pupilCount,
      schoolYears: data.years,
      subjects: data.subjects,
      grades: data.grades,
    },
    overview: ov,
    resultsVsNorms: resultsVsNorms(ctx, ov),
    trendJaargroep: trends,
    trendLeerlingengroep: cohorts,
    patterns: pat,
    zorg: zorg(ctx, expected),
    dataQuality: dataQuality(ctx),
    inspectie: inspectieIndicators(grade8, year, normSet.inspectie ?? {}),
    signals: collectSignals(ov, trends, cohorts, pat),
  };
}

/** A school board's analysis: every school's report plus a summary row per school. */
export interface BoardReport {
  version: number;
  schoolYear: string;
  moment: Moment;
  schools: {
    school: string;
    results: number;
    belowMinimum: number;
    signals: number;
    inspectie1F: number | null;
    inspectieStreef: number | null;
  }[];
  reports: AnalysisReport[];
}

/** Splits results by school (the `school` column) and analyses each. */
export function analyseBoard(
  results: readonly Result[],
  normSet: NormSet = emptyNormSet(),
  options: AnalyseOptions = {},
): BoardReport {
  const bySchool = new Map<string, Result[]>();
  for (const r of results) {
    const k = r.school ?? '';
    const l = bySchool.get(k);
    if (l) l.push(r);
    else bySchool.set(k, [r]);
  }
  const reports = [...bySchool.values()].map((rs) => analyseSchool(rs, normSet, options));
  return {
    version: ANALYSIS_REPORT_VERSION,
    schoolYear: reports[0]?.schoolYear ?? options.year ?? '',
    moment: reports[0]?.moment ?? options.moment ?? 'M',
    schools: reports.map((r) => ({
      school: r.school ?? '',
      results: r.data.results,
      belowMinimum: r.overview.statusCounts['onder-minimum'],
      signals: r.signals.length,
      inspectie1F: r.inspectie.threeYear1F,
      inspectieStreef: r.inspectie.threeYearStreef,
    })),
    reports,
  };
}
