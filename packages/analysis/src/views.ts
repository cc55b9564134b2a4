/**
 * Views: what one chart on the board shows. A board stores (analysis kind, filters); the server runs the
 * analysis and answers with `analysisView(report, kind, filter)`: that analysis's numbers and chart specs,
 * narrowed to a subject / jaargroep / subgroup. `withoutPupilData` removes every pupil id from a report, so
 * what reaches the projector and the shared board is aggregates only (AVG).
 */
import type { ChartSpec } from './chart-spec';
import type { SubgroupId } from './model';
import type { AnalysisReport } from './run-analysis';

/** The analyses a board view can show (Dutch ids, as the UI names them). */
export const ANALYSIS_KINDS = [
  'overzicht',
  'normen',
  'trend-jaargroep',
  'trend-leerlingengroep',
  'domeinen',
  'subgroepen',
  'parallelgroepen',
  'zorg',
  'datakwaliteit',
  'signalen',
  'inspectie',
] as const;

export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** Dutch titles of the analyses. */
export const ANALYSIS_TITLE: Readonly<Record<AnalysisKind, string>> = {
  overzicht: 'Overzicht alle groepen × alle toetsen',
  normen: 'Resultaten ten opzichte van de normen',
  'trend-jaargroep': 'Trend per jaargroep',
  'trend-leerlingengroep': 'Trend per leerlingengroep (leerwinst)',
  domeinen: 'Domeinen binnen een vak',
  subgroepen: 'Subgroepen tegenover de rest',
  parallelgroepen: 'Parallelgroepen',
  zorg: 'Zorgleerlingen: leerwinst, doelen en interventies',
  datakwaliteit: 'Datakwaliteit (stap 3)',
  signalen: 'Signalen',
  inspectie: 'Inspectie-indicatoren groep 8',
};

export interface ViewFilter {
  subject?: string;
  grade?: number;
  subgroup?: SubgroupId;
}

export interface AnalysisView {
  kind: AnalysisKind;
  title: string;
  schoolYear: string;
  moment: string;
  charts: ChartSpec[];
  /** The analysis's numbers for the filter (shape per kind as in the report). */
  data: unknown;
}

export function isAnalysisKind(v: string): v is AnalysisKind {
  return (ANALYSIS_KINDS as readonly string[]).includes(v);
}

const match = (
  f: ViewFilter,
  x: { subject?: string; grade?: number | null; subgroup?: SubgroupId | null },
): boolean =>
  (f.subject === undefined || x.subject === undefined || x.subject === f.subject) &&
  (f.grade === undefined || x.grade === undefined || x.grade === null || x.grade === f.grade) &&
  (f.subgroup === undefined || x.subgroup === undefined || x.subgroup === null || x.subgroup === f.subgroup);

/**
 * One analysis of a report, narrowed by the filter.
 *
 * @example analysisView(report, 'trend-jaargroep', { subject: 'Spelling', grade: 6 }).charts[0]
 */
export function analysisView(
  report: AnalysisReport,
  kind: AnalysisKind,
  filter: ViewFilter = {},
): AnalysisView {
  const base = { kind, title: ANALYSIS_TITLE[kind], schoolYear: report.schoolYear, moment: report.moment };
  switch (kind) {
    case 'overzicht':
      return { ...base, charts: [report.overview.chart], data: report.overview };
    case 'normen': {
      const pooled = report.resultsVsNorms.pooled.filter((p) => match(filter, { subject: p.subject }));
      const groups = report.resultsVsNorms.groups.filter((g) => match(filter, g));
      const charts = report.resultsVsNorms.charts.filter(
        (c) => filter.subject === undefined || c.title.startsWith(`${filter.subject} `),
      );
      return { ...base, charts, data: { pooled, groups } };
    }
    case 'trend-jaargroep': {
      const t = report.trendJaargroep.filter((x) => match(filter, x));
      return { ...base, charts: t.map((x) => x.chart), data: t };
    }
    case 'trend-leerlingengroep': {
      const t = report.trendLeerlingengroep.filter((x) => match(filter, x));
      return { ...base, charts: t.map((x) => x.chart), data: t };
    }
    case 'domeinen': {
      const d = report.patterns.domains.filter((x) => match(filter, x));
      return { ...base, charts: d.map((x) => x.chart), data: d };
    }
    case 'subgroepen': {
      const s = report.patterns.subgroups.filter((x) =>
        match(filter, { subject: x.subject, subgroup: x.subgroup }),
      );
      return { ...base, charts: s.map((x) => x.chart), data: s };
    }
    case 'parallelgroepen': {
      const p = report.patterns.parallelClasses.filter((x) => match(filter, x));
      return { ...base, charts: p.map((x) => x.chart), data: p };
    }
    case 'zorg': {
      const z = report.zorg;
      const interventions = z.interventions.filter((x) => match(filter, { subject: x.subject }));
      return {
        ...base,
        charts: [z.chart, ...interventions.map((x) => x.chart)],
        data: {
          goals: z.goals.filter((x) => match(filter, { subject: x.subject })),
          supportGrowth: z.supportGrowth.filter((x) => match(filter, x)),
          interventions,
        },
      };
    }
    case 'datakwaliteit':
      return { ...base, charts: [report.dataQuality.chart], data: report.dataQuality };
    case 'signalen':
      return { ...base, charts: [], data: report.signals.filter((s) => match(filter, s)) };
    case 'inspectie':
      return { ...base, charts: [], data: report.inspectie };
  }
}

/**
 * A copy of the report without pupil-level data: pupil lists become counts (`dataQuality.totals`,
 * `zorg.goalsSummary`). Use it for everything that reaches the projector or the shared board document.
 */
export function withoutPupilData(report: AnalysisReport): AnalysisReport {
  const dq = report.dataQuality;
  return {
    ...report,
    dataQuality: {
      ...dq,
      missing: dq.missing.map((m) => ({ ...m, pupilIds: [] })),
      pupilsWithoutResults: [],
      outOfRange: [],
      outsideWindow: [],
      duplicates: [],
    },
    // One pupil's goal is pupil-level data even without the id: only the counts remain.
    zorg: { ...report.zorg, goals: [] },
  };
}
