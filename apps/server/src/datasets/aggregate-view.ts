import type { AnalysisReport, DataQuality, ZorgAnalysis } from '@koers/analysis';

/** Analysis kinds a chart view can ask for (the report's sections). */
export const ANALYSIS_KINDS = [
  'overview',
  'resultsVsNorms',
  'trendJaargroep',
  'trendLeerlingengroep',
  'patterns',
  'zorg',
  'dataQuality',
  'inspectie',
  'signals',
] as const;

export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

export function isAnalysisKind(value: string): value is AnalysisKind {
  return (ANALYSIS_KINDS as readonly string[]).includes(value);
}

/** Data quality without pupils: counts per class × test and the totals; no lists of individual results. */
export interface AggregateDataQuality {
  missing: Omit<DataQuality['missing'][number], 'pupilIds'>[];
  totals: DataQuality['totals'];
  chart: DataQuality['chart'];
}

/** Zorg without individual goals: how many goals were met, not met or cannot be judged yet. */
export interface AggregateZorg {
  goals: { total: number; met: number; notMet: number; unknown: number };
  supportGrowth: ZorgAnalysis['supportGrowth'];
  interventions: ZorgAnalysis['interventions'];
  chart: ZorgAnalysis['chart'];
}

/** The analysis report as it leaves the server for charts and the projector: aggregates only. */
export type AggregateReport = Omit<AnalysisReport, 'dataQuality' | 'zorg'> & {
  dataQuality: AggregateDataQuality;
  zorg: AggregateZorg;
};

/** Keys that carry a pupil's identity anywhere in the report; dropped wherever they occur. */
const PUPIL_KEYS = new Set(['pupilId', 'pupilIds', 'pupilName']);

function dropPupilKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropPupilKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!PUPIL_KEYS.has(key)) out[key] = dropPupilKeys(v);
  return out;
}

/**
 * The report without any pupil identifier or name. The analysis package puts pseudonymous pupil ids (and
 * source row numbers, which point at a pupil's line in the school's file) in `dataQuality` and in
 * `zorg.goals`, for the IB-er; those lists become counts here. Every other section is aggregates whose
 * groups carry `n` and `small` (n < 5), which are kept. As a second line of defence any `pupilId`,
 * `pupilIds` or `pupilName` key anywhere in the tree is dropped, so a future section cannot leak one.
 */
export function aggregateReport(report: AnalysisReport): AggregateReport {
  const { dataQuality, zorg, ...rest } = report;
  const goals = { total: zorg.goals.length, met: 0, notMet: 0, unknown: 0 };
  for (const g of zorg.goals) {
    if (g.met === true) goals.met++;
    else if (g.met === false) goals.notMet++;
    else goals.unknown++;
  }
  const view: AggregateReport = {
    ...rest,
    zorg: { goals, supportGrowth: zorg.supportGrowth, interventions: zorg.interventions, chart: zorg.chart },
    dataQuality: {
      missing: dataQuality.missing.map(({ pupilIds: _ids, ...counts }) => counts),
      totals: dataQuality.totals,
      chart: dataQuality.chart,
    },
  };
  return dropPupilKeys(view) as AggregateReport;
}
