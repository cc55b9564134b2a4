/**
 * Analysis 6 — Zorgleerlingen: each pupil's growth against an individual goal, the leerwinst of the
 * ondersteuningsgroep against expected growth, and the effect of an intervention: growth per interval
 * before vs after its start date.
 *
 * Intervals are between consecutive measurements of a pupil (dates: afnamedatum, else the moment's
 * nominal date). An interval is "voor" when it ends on or before the start date, "na" when it ends after
 * it (so the interval during which the intervention started counts as after). Growth is compared with
 * the expected growth of that interval when the table has it ("groei boven verwachting"), else raw.
 */
import type { ChartSpec } from '../chart-spec';
import { nominalDate, pctOf, round2, type Pct, type Result } from '../model';
import type { AnalysisContext } from './context';
import type { ExpectedGrowthTable } from './expected-growth';

export interface GoalOutcome {
  pupilId: string;
  subject: string;
  from: string;
  to: string;
  startScore: number | null;
  score: number | null;
  growth: number | null;
  targetScore: number | null;
  targetGrowth: number | null;
  /** null when a measurement is missing. */
  met: boolean | null;
}

export interface SupportGrowth {
  subject: string;
  grade: number;
  /** Support pupils with a score now and at the previous measurement. */
  n: number;
  meanGrowth: number | null;
  expectedGrowth: number | null;
  reachedExpected: Pct;
  small: boolean;
}

export interface InterventionEffect {
  name: string;
  subject: string;
  startDate: string;
  pupils: number;
  before: { intervals: number; meanGrowth: number | null; meanAboveExpected: number | null };
  after: { intervals: number; meanGrowth: number | null; meanAboveExpected: number | null };
  /** after − before, on growth above expectation when known for both, else on raw growth. */
  effect: number | null;
  basis: 'boven-verwachting' | 'ruwe-groei' | 'onbekend';
  small: boolean;
  chart: ChartSpec;
}

export interface ZorgAnalysis {
  goals: GoalOutcome[];
  /** Goals counted: the aggregate that may be shown to the whole team. */
  goalsSummary: { total: number; met: number; notMet: number; unknown: number };
  supportGrowth: SupportGrowth[];
  interventions: InterventionEffect[];
  /** Support pupils' growth per jaargroep and subject against the expected growth. */
  chart: ChartSpec;
}

const mean = (s: number, n: number): number | null => (n === 0 ? null : s / n);

/** Builds the zorg analysis from the norm set's goals and interventions. */
export function zorg(ctx: AnalysisContext, expected: ExpectedGrowthTable): ZorgAnalysis {
  const { data, normSet, year, moment } = ctx;
  const find = (pupilId: string, subject: string, y: string, m: string): Result | undefined =>
    data.history(pupilId, subject).find((r) => r.schoolYear === y && r.moment === m);
  const goals: GoalOutcome[] = (normSet.goals ?? []).map((g) => {
    const a = find(g.pupilId, g.subject, g.from.schoolYear, g.from.moment);
    const b = find(g.pupilId, g.subject, g.to.schoolYear, g.to.moment);
    const startScore = a?.score ?? null;
    const score = b?.score ?? null;
    const growth = startScore !== null && score !== null ? score - startScore : null;
    let met: boolean | null = null;
    if (g.targetScore !== undefined && score !== null) met = score >= g.targetScore;
    if (g.targetGrowth !== undefined)
      met = growth === null ? null : growth >= g.targetGrowth && (met ?? true);
    return {
      pupilId: g.pupilId,
      subject: g.subject,
      from: `${g.from.moment} ${g.from.schoolYear}`,
      to: `${g.to.moment} ${g.to.schoolYear}`,
      startScore,
      score,
      growth: round2(growth),
      targetScore: g.targetScore ?? null,
      targetGrowth: g.targetGrowth ?? null,
      met,
    };
  });

  const supportGrowth: SupportGrowth[] = [];
  for (const subject of data.subjects) {
    for (const grade of data.grades) {
      let n = 0;
      let sumG = 0;
      let nE = 0;
      let sumE = 0;
      let reached = 0;
      let any = false;
      for (const r of data.test(year, moment, grade, subject)) {
        if (!r.support) continue;
        any = true;
        if (r.score === null) continue;
        const hist = data.history(r.pupilId, subject);
        const i = hist.indexOf(r);
        const prev = i > 0 ? hist[i - 1] : undefined;
        if (!prev || prev.score === null) continue;
        const g = r.score - prev.score;
        n++;
        sumG += g;
        const e = expected.growth(subject, prev.grade, prev.moment, r.grade, r.moment);
        if (e !== null) {
          nE++;
          sumE += e;
          if (g >= e) reached++;
        }
      }
      if (!any) continue;
      const rp = pctOf(reached, nE);
      rp.pct = round2(rp.pct);
      supportGrowth.push({
        subject,
        grade,
        n,
        meanGrowth: round2(mean(sumG, n)),
        expectedGrowth: round2(mean(sumE, nE)),
        reachedExpected: rp,
        small: n < 5,
      });
    }
  }

  const interventions: InterventionEffect[] = (normSet.interventions ?? []).map((iv) => {
    const acc = { before: { n: 0, g: 0, nE: 0, ex: 0 }, after: { n: 0, g: 0, nE: 0, ex: 0 } };
    let pupils = 0;
    for (const id of iv.pupilIds) {
      const hist = data.history(id, iv.subject).filter((r) => r.score !== null);
      if (hist.length > 0) pupils++;
      for (let i = 1; i < hist.length; i++) {
        const a = hist[i - 1]!;
        const b = hist[i]!;
        const end = b.testDate ?? nominalDate(b.schoolYear, b.moment);
        const side = end <= iv.startDate ? acc.before : acc.after;
        const g = b.score! - a.score!;
        side.n++;
        side.g += g;
        const e = expected.growth(iv.subject, a.grade, a.moment, b.grade, b.moment);
        if (e !== null) {
          side.nE++;
          side.ex += g - e;
        }
      }
    }
    const before = {
      intervals: acc.before.n,
      meanGrowth: round2(mean(acc.before.g, acc.before.n)),
      meanAboveExpected: round2(mean(acc.before.ex, acc.before.nE)),
    };
    const after = {
      intervals: acc.after.n,
      meanGrowth: round2(mean(acc.after.g, acc.after.n)),
      meanAboveExpected: round2(mean(acc.after.ex, acc.after.nE)),
    };
    const useExp =
      acc.before.nE === acc.before.n && acc.after.nE === acc.after.n && acc.before.n > 0 && acc.after.n > 0;
    const effect = useExp
      ? round2(after.meanAboveExpected! - before.meanAboveExpected!)
      : before.meanGrowth !== null && after.meanGrowth !== null
        ? round2(after.meanGrowth - before.meanGrowth)
        : null;
    return {
      name: iv.name,
      subject: iv.subject,
      startDate: iv.startDate,
      pupils,
      before,
      after,
      effect,
      basis: effect === null ? 'onbekend' : useExp ? 'boven-verwachting' : 'ruwe-groei',
      small: pupils < 5,
      chart: {
        kind: 'bar',
        title: `Effect van ${iv.name} (${iv.subject}, vanaf ${iv.startDate})`,
        xLabel: 'periode',
        yLabel: useExp ? 'groei boven verwachting per meetperiode' : 'groei per meetperiode',
        series: [
          {
            id: 'groei',
            label: 'gemiddelde groei',
            points: [
              {
                x: 'voor de start',
                y: useExp ? before.meanAboveExpected : before.meanGrowth,
                n: before.intervals,
                small: pupils < 5,
              },
              {
                x: 'na de start',
                y: useExp ? after.meanAboveExpected : after.meanGrowth,
                n: after.intervals,
                small: pupils < 5,
              },
            ],
          },
        ],
        normBands: [],
        annotations: [{ x: 'na de start', text: `start interventie ${iv.startDate}`, kind: 'interventie' }],
      },
    };
  });
  const chart: ChartSpec = {
    kind: 'bar',
    title: `Leerwinst zorgleerlingen (${moment} ${year}): groei sinds de vorige meting`,
    xLabel: 'groep',
    yLabel: 'gemiddelde groei vaardigheidsscore',
    series: data.subjects.flatMap((subject) => {
      const rows = supportGrowth.filter((s) => s.subject === subject);
      if (rows.length === 0) return [];
      return [
        {
          id: subject,
          label: subject,
          points: rows.map((s) => ({ x: `groep ${s.grade}`, y: s.meanGrowth, n: s.n, small: s.small })),
        },
        {
          id: `${subject}-verwacht`,
          label: `${subject}: verwachte groei`,
          dashed: true,
          points: rows.map((s) => ({ x: `groep ${s.grade}`, y: s.expectedGrowth, n: s.n, small: s.small })),
        },
      ];
    }),
    normBands: [],
    annotations: supportGrowth
      .filter((s) => s.small)
      .map((s) => ({
        x: `groep ${s.grade}`,
        text: `${s.subject}: minder dan 5 leerlingen`,
        kind: 'klein' as const,
      })),
  };
  const goalsSummary = {
    total: goals.length,
    met: goals.filter((g) => g.met === true).length,
    notMet: goals.filter((g) => g.met === false).length,
    unknown: goals.filter((g) => g.met === null).length,
  };
  return { goals, goalsSummary, supportGrowth, interventions, chart };
}
