/**
 * Analysis 3 — Trend per jaargroep (cohort comparison, "dwarsdoorsnede"): the same test moment in
 * successive school years (different children each year), against the norms. Each series is classified
 * as structural / incidental / stable on the group mean (see trend-direction.ts; δ = 0.25 × the mean SD).
 */
import { bandsFrom, type ChartSpec } from '../chart-spec';
import { round2, testLabel } from '../model';
import { evaluateNorm, measure, tierThresholds, type CellStatus } from '../norms/evaluate';
import { StatsAccumulator, type GroupStats } from '../stats';
import { classifyTrend, type TrendClassification } from '../trend-direction';
import { chartMeasure, measureAxisLabel, type AnalysisContext } from './context';

export interface TrendPoint {
  schoolYear: string;
  stats: GroupStats;
  status: CellStatus;
  /** Value of the chart's measure (the norm's primary criterion, else the mean). */
  value: number | null;
}

export interface JaargroepTrend {
  subject: string;
  grade: number;
  test: string;
  points: TrendPoint[];
  trend: TrendClassification;
  /** δ used for the classification (score points; percentage points for level-only data). */
  delta: number | null;
  chart: ChartSpec;
}

/** Percentage points that count as a real step when a series has levels but no scores. */
export const SHARE_STEP = 5;

/** Fraction of the SD that counts as a real step (a small effect size). */
export const STEP_SD_FRACTION = 0.25;

/** Trend per jaargroep for every subject × jaargroep at the chosen moment, up to the chosen year. */
export function trendJaargroep(ctx: AnalysisContext): JaargroepTrend[] {
  const { data, moment } = ctx;
  const years = data.years.filter((y) => y <= ctx.year);
  const out: JaargroepTrend[] = [];
  for (const subject of data.subjects) {
    for (const grade of data.grades) {
      const norm = ctx.norms.find(subject, grade, moment);
      const m = chartMeasure(ctx, subject, grade, moment);
      const points: TrendPoint[] = [];
      let sdSum = 0;
      let sdN = 0;
      for (const y of years) {
        const list = data.test(y, moment, grade, subject);
        if (list.length === 0) continue;
        const acc = new StatsAccumulator();
        for (const r of list) acc.add(r);
        const sd = acc.sd;
        if (sd !== null) {
          sdSum += sd;
          sdN++;
        }
        points.push({
          schoolYear: y,
          stats: acc.finish(),
          status: evaluateNorm(norm, acc).status,
          value: round2(measure(m, acc).value),
        });
      }
      if (points.length === 0) continue;
      // Exports with levels only (no scores) are classified on the chart's share instead, with a step of
      // SHARE_STEP percentage points.
      const byMean = points.some((p) => p.stats.mean !== null);
      const delta = byMean ? (sdN > 0 ? STEP_SD_FRACTION * (sdSum / sdN) : 0) : SHARE_STEP;
      const trend = classifyTrend(
        points.map((p) => (byMean ? p.stats.mean : m.kind === 'mean-score' ? null : p.value)),
        delta,
      );
      const test = testLabel(grade, moment);
      out.push({
        subject,
        grade,
        test,
        points,
        trend,
        delta: round2(delta),
        chart: {
          kind: 'line',
          title: `Trend ${subject} ${test}: groep ${grade} over de schooljaren`,
          xLabel: 'schooljaar',
          yLabel: measureAxisLabel(m),
          series: [
            {
              id: 'waarde',
              label: measureAxisLabel(m),
              points: points.map((p) => ({
                x: p.schoolYear,
                y: p.value,
                n: p.stats.n,
                small: p.stats.small,
                status: p.status,
              })),
            },
          ],
          normBands: norm ? bandsFrom(tierThresholds(norm, m), (t) => `${t}norm`) : [],
          annotations: [
            ...trend.incidents.map((i) => ({
              x: points[i.index]!.schoolYear,
              text: `incidentele ${i.direction}`,
              kind: 'info' as const,
            })),
            ...(trend.kind === 'structureel' || trend.kind === 'incidenteel'
              ? [
                  {
                    x: points[points.length - 1]!.schoolYear,
                    text: `${trend.kind === 'structureel' ? 'structurele' : 'incidentele'} ${trend.direction}`,
                    kind: trend.direction === 'daling' ? ('signaal' as const) : ('positief' as const),
                  },
                ]
              : []),
            ...points
              .filter((p) => p.stats.small)
              .map((p) => ({ x: p.schoolYear, text: 'minder dan 5 leerlingen', kind: 'klein' as const })),
          ],
          ...(m.kind === 'mean-score' ? {} : { yDomain: [0, 100] as [number, number] }),
        },
      });
    }
  }
  return out;
}
