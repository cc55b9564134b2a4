/**
 * Analysis 4 — Trend per leerlingengroep (longitudinal): the pupils of a jaargroep at the chosen moment,
 * followed back over every earlier measurement of the same subject. Per step between consecutive
 * measurements: the mean growth of the vaardigheidsscore over pupils measured at both, the expected
 * growth (from the table, per pupil's own jaargroep), and the share of pupils whose growth is at least the
 * expected growth. Each measurement is judged against the norm of that jaargroep and moment (leerwinst
 * against the norms). Growth is classified per step: "achter" when mean growth < expected − δ, "voor"
 * when > expected + δ (δ = 0.25 × SD); the last two steps the same way = structural (3 measurements).
 */
import type { ChartSpec } from '../chart-spec';
import { timeIndex } from '../dataset';
import { pctOf, round2, testLabel, type Moment, type Pct, type Result } from '../model';
import { evaluateNorm, type CellStatus } from '../norms/evaluate';
import { StatsAccumulator, type GroupStats } from '../stats';
import type { AnalysisContext } from './context';
import type { ExpectedGrowthTable } from './expected-growth';
import { STEP_SD_FRACTION } from './trend-jaargroep';

export interface CohortMeasurement {
  schoolYear: string;
  moment: Moment;
  /** Most common jaargroep of the cohort at that time. */
  grade: number;
  test: string;
  stats: GroupStats;
  status: CellStatus;
}

export interface CohortStep {
  from: string;
  to: string;
  /** Pupils with a score at both measurements. */
  n: number;
  meanGrowth: number | null;
  /** Mean of the pupils' expected growth (null when the table has no entry). */
  expectedGrowth: number | null;
  /** Share of pupils (with a known expectation) whose growth ≥ expected growth. */
  reachedExpected: Pct;
  verdict: 'voor' | 'conform' | 'achter' | 'onbekend';
  small: boolean;
}

export interface CohortTrend {
  subject: string;
  grade: number;
  /** Pupils of the cohort (with an outcome now). */
  pupils: number;
  measurements: CohortMeasurement[];
  steps: CohortStep[];
  /** Growth over the whole period against the summed expectation. */
  totalGrowth: number | null;
  totalExpected: number | null;
  growthTrend: {
    kind: 'structureel' | 'incidenteel' | 'conform' | 'onbekend';
    verdict: 'voor' | 'achter' | null;
    steps: number;
  };
  chart: ChartSpec;
}

/** Follows every jaargroep's pupils back in time, per subject. */
export function trendLeerlingengroep(ctx: AnalysisContext, expected: ExpectedGrowthTable): CohortTrend[] {
  const { data, year, moment } = ctx;
  const now = timeIndex(year, moment);
  const out: CohortTrend[] = [];
  for (const grade of data.grades) {
    for (const subject of data.subjects) {
      const current = data.test(year, moment, grade, subject);
      if (current.length === 0) continue;
      // time index → results of cohort pupils at that time; per pupil its history up to now.
      const byTime = new Map<number, Result[]>();
      const histories: { hist: readonly Result[]; times: readonly number[]; end: number }[] = [];
      let pupils = 0;
      for (const r of current) {
        if (r.score === null && r.level === null) continue;
        pupils++;
        const hist = data.history(r.pupilId, subject);
        const times = data.historyTimes(r.pupilId, subject);
        let end = 0;
        for (; end < hist.length; end++) {
          const t = times[end]!;
          if (t > now) break;
          const h = hist[end]!;
          const l = byTime.get(t);
          if (l) l.push(h);
          else byTime.set(t, [h]);
        }
        histories.push({ hist, times, end });
      }
      const times = [...byTime.keys()].sort((a, b) => a - b);
      if (times.length === 0) continue;
      const measurements: CohortMeasurement[] = [];
      let sdSum = 0;
      let sdN = 0;
      for (const t of times) {
        const list = byTime.get(t)!;
        const gradeCount = new Map<number, number>();
        const acc = new StatsAccumulator();
        for (const r of list) {
          acc.add(r);
          gradeCount.set(r.grade, (gradeCount.get(r.grade) ?? 0) + 1);
        }
        const g = [...gradeCount].sort((a, b) => b[1] - a[1])[0]![0];
        const first = list[0]!;
        if (acc.sd !== null) {
          sdSum += acc.sd;
          sdN++;
        }
        measurements.push({
          schoolYear: first.schoolYear,
          moment: first.moment,
          grade: g,
          test: testLabel(g, first.moment),
          stats: acc.finish(),
          status: evaluateNorm(ctx.norms.find(subject, g, first.moment), acc).status,
        });
      }
      const delta = sdN > 0 ? STEP_SD_FRACTION * (sdSum / sdN) : 0;
      // Growth per step between consecutive cohort measurements, over pupils measured at both.
      const position = new Map<number, number>();
      times.forEach((t, i) => position.set(t, i));
      const acc = times.map(() => ({ n: 0, sumG: 0, nExp: 0, sumExp: 0, reached: 0 }));
      for (const { hist, times: ht, end } of histories) {
        for (let j = 1; j < end; j++) {
          const a = hist[j - 1]!;
          const b = hist[j]!;
          const pa = position.get(ht[j - 1]!)!;
          if (position.get(ht[j]!) !== pa + 1 || a.score === null || b.score === null) continue;
          const step = acc[pa + 1]!;
          const g = b.score - a.score;
          step.n++;
          step.sumG += g;
          const e = expected.growth(subject, a.grade, a.moment, b.grade, b.moment);
          if (e !== null) {
            step.nExp++;
            step.sumExp += e;
            if (g >= e) step.reached++;
          }
        }
      }
      const steps: CohortStep[] = [];
      for (let i = 1; i < times.length; i++) {
        const { n, sumG, nExp, sumExp, reached } = acc[i]!;
        const meanGrowth = n === 0 ? null : sumG / n;
        const expectedGrowth = nExp === 0 ? null : sumExp / nExp;
        const verdict: CohortStep['verdict'] =
          meanGrowth === null || expectedGrowth === null
            ? 'onbekend'
            : meanGrowth < expectedGrowth - delta
              ? 'achter'
              : meanGrowth > expectedGrowth + delta
                ? 'voor'
                : 'conform';
        const rp = pctOf(reached, nExp);
        rp.pct = round2(rp.pct);
        steps.push({
          from: `${measurements[i - 1]!.test} ${measurements[i - 1]!.schoolYear}`,
          to: `${measurements[i]!.test} ${measurements[i]!.schoolYear}`,
          n,
          meanGrowth: round2(meanGrowth),
          expectedGrowth: round2(expectedGrowth),
          reachedExpected: rp,
          verdict,
          small: n < 5,
        });
      }
      const last = steps[steps.length - 1];
      let growthTrend: CohortTrend['growthTrend'] = { kind: 'onbekend', verdict: null, steps: 0 };
      if (last && last.verdict !== 'onbekend') {
        if (last.verdict === 'conform') growthTrend = { kind: 'conform', verdict: null, steps: 0 };
        else {
          let run = 0;
          for (let i = steps.length - 1; i >= 0 && steps[i]!.verdict === last.verdict; i--) run++;
          growthTrend = { kind: run >= 2 ? 'structureel' : 'incidenteel', verdict: last.verdict, steps: run };
        }
      }
      const firstM = measurements[0]!;
      const lastM = measurements[measurements.length - 1]!;
      const totalGrowth =
        firstM.stats.mean !== null && lastM.stats.mean !== null && measurements.length > 1
          ? round2(lastM.stats.mean - firstM.stats.mean)
          : null;
      let totalExpected: number | null = 0;
      for (const s of steps)
        totalExpected =
          s.expectedGrowth === null || totalExpected === null ? null : totalExpected + s.expectedGrowth;
      if (steps.length === 0) totalExpected = null;
      let expLine = firstM.stats.mean;
      const xs = measurements.map((m) => `${m.test} ${m.schoolYear}`);
      out.push({
        subject,
        grade,
        pupils,
        measurements,
        steps,
        totalGrowth,
        totalExpected: round2(totalExpected),
        growthTrend,
        chart: {
          kind: 'line',
          title: `Leerlingengroep groep ${grade} (${year}): ${subject} gevolgd over de metingen`,
          xLabel: 'meting',
          yLabel: 'gemiddelde vaardigheidsscore',
          series: [
            {
              id: 'gemiddelde',
              label: 'gemiddelde vaardigheidsscore',
              points: measurements.map((m, i) => ({
                x: xs[i]!,
                y: m.stats.mean,
                n: m.stats.n,
                small: m.stats.small,
                status: m.status,
              })),
            },
            {
              id: 'verwacht',
              label: 'verwachte groei vanaf de eerste meting',
              dashed: true,
              points: measurements.map((m, i) => {
                if (i > 0)
                  expLine =
                    expLine === null || steps[i - 1]!.expectedGrowth === null
                      ? null
                      : expLine + steps[i - 1]!.expectedGrowth!;
                return { x: xs[i]!, y: round2(expLine), n: m.stats.n, small: m.stats.small };
              }),
            },
          ],
          normBands: [],
          annotations: steps
            .filter((s) => s.verdict === 'achter' || s.verdict === 'voor')
            .map((s) => ({
              x: s.to,
              text: `groei ${s.meanGrowth} (verwacht ${s.expectedGrowth}); ${s.reachedExpected.pct}% haalde de verwachte groei (n=${s.reachedExpected.n})`,
              kind: s.verdict === 'achter' ? ('signaal' as const) : ('positief' as const),
            })),
        },
      });
    }
  }
  return out;
}
