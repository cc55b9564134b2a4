/**
 * Level distributions against the norms (Stappenplan stap 4): stacked bars I → V per school/bouw and per
 * groep (class), with the norm lines where one norm holds for every jaargroep shown.
 */
import type { ChartSpec, NormBand } from '../chart-spec';
import type { GroupRow } from '../analyses/results-vs-norms';
import { ofSubject, type ChartReport } from './chart-report';

export interface SubjectOptions {
  subject: string;
}

/**
 * Norm lines for a level distribution: the bands of the jaargroep trend charts when their norm is a share
 * at levels I–III (the left part of a stacked bar) and the same for every jaargroep involved. Otherwise no
 * line: a line that holds for some groups only would mislead; the table lists the norms.
 */
export function sharedNormBands(
  report: Pick<ChartReport, 'trendJaargroep'>,
  subject: string,
  grades: readonly number[],
): NormBand[] {
  const found = grades.map((grade) => {
    const chart = report.trendJaargroep.find((t) => t.subject === subject && t.grade === grade)?.chart;
    return chart && chart.yLabel.includes('I/II/III') ? chart.normBands : null;
  });
  const first = found[0];
  if (!first || first.length === 0) return [];
  return found.every((b) => JSON.stringify(b) === JSON.stringify(first)) ? first : [];
}

/** The school and bouw distributions of a subject; where a chart has no bands of its own, the shared ones. */
export function levelDistributionCharts(
  report: Pick<ChartReport, 'resultsVsNorms' | 'trendJaargroep' | 'data'>,
  { subject }: SubjectOptions,
): ChartSpec[] {
  return report.resultsVsNorms.charts
    .filter((c) => c.title.startsWith(`${subject} `))
    .map((c) => ({
      ...c,
      normBands: c.normBands.length > 0 ? c.normBands : sharedNormBands(report, subject, report.data.grades),
    }));
}

/** The groep (class) rows of a subject, as the norms table lists them. */
export function groupRowsOf(report: Pick<ChartReport, 'resultsVsNorms'>, subject: string): GroupRow[] {
  return ofSubject(report.resultsVsNorms.groups, subject).filter((g) => g.level === 'groep');
}

/** Words of the groups chart, in the user's language (Dutch by default). */
export interface GroupLevelsLabels {
  title: string;
  xLabel: string;
  yLabel: string;
}

export function defaultGroupLevelsLabels(
  report: Pick<ChartReport, 'schoolYear' | 'moment'>,
  subject: string,
): GroupLevelsLabels {
  return {
    title: `${subject} ${report.moment} ${report.schoolYear}: niveauverdeling per groep`,
    xLabel: 'niveau',
    yLabel: '% leerlingen',
  };
}

export interface GroupLevelsOptions extends SubjectOptions {
  labels?: GroupLevelsLabels;
}

/** The level distribution of every groep (class) of the subject as one stacked bar each; null without groups. */
export function groupLevelsChart(
  report: Pick<ChartReport, 'resultsVsNorms' | 'trendJaargroep' | 'schoolYear' | 'moment'>,
  { subject, labels }: GroupLevelsOptions,
): ChartSpec | null {
  const rows = groupRowsOf(report, subject);
  if (rows.length === 0) return null;
  const words = labels ?? defaultGroupLevelsLabels(report, subject);
  return {
    kind: 'stacked-bar',
    title: words.title,
    xLabel: words.xLabel,
    yLabel: words.yLabel,
    series: rows.map((g) => ({
      id: g.label,
      label: g.label,
      points: Object.entries(g.stats.levelPct).map(([level, pct]) => ({
        x: level,
        y: pct.pct,
        n: pct.n,
        small: pct.small,
      })),
    })),
    normBands: sharedNormBands(report, subject, [...new Set(rows.map((g) => g.grade))]),
    annotations: [],
    yDomain: [0, 100],
  };
}
