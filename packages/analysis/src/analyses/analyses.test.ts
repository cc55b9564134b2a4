import { describe, expect, it } from 'vitest';
import { Dataset } from '../dataset';
import type { Level, Moment, Result } from '../model';
import { NormIndex } from '../norms/evaluate';
import { DEFAULT_BOUWEN, type NormSet } from '../norms/norm-set';
import { collectSignals } from '../signals';
import { result } from '../test-fixtures';
import type { AnalysisContext } from './context';
import { dataQuality } from './data-quality';
import { ExpectedGrowthTable } from './expected-growth';
import { overview } from './overview';
import { patterns } from './patterns';
import { resultsVsNorms } from './results-vs-norms';
import { trendJaargroep } from './trend-jaargroep';
import { trendLeerlingengroep } from './trend-leerlingengroep';
import { zorg } from './zorg';

const NORMS: NormSet = {
  version: 1,
  norms: [
    {
      subject: '*',
      minimum: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 50 }],
      streef: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 60 }],
      ambitie: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 80 }],
    },
    {
      subject: '*',
      group: 'zorg',
      minimum: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III', 'IV'], atLeast: 50 }],
    },
  ],
};

function ctx(
  results: Result[],
  year = '2025-2026',
  moment: Moment = 'M',
  normSet: NormSet = NORMS,
): AnalysisContext {
  return {
    data: new Dataset(results),
    normSet,
    norms: new NormIndex(normSet),
    year,
    moment,
    bouwen: DEFAULT_BOUWEN,
  };
}

/** Pupils `prefix0…` of one class with the given levels (and scores). */
function cls(prefix: string, over: Partial<Result>, levels: Level[], scores: number[] = []): Result[] {
  return levels.map((level, i) =>
    result({ pupilId: `${prefix}${i}`, level, score: scores[i] ?? null, ...over }),
  );
}

describe('overview (analysis 1) and results against norms (analysis 2)', () => {
  // groep 5: 5A 4/5 at I–III (80%), 5B 2/5 (40%) → jaargroep 6/10 = 60% → streef.
  // groep 6: 2/5 at I–III = 40% → onder-minimum.
  const data = [
    ...cls('a', { className: '5A', grade: 5 }, ['I', 'II', 'III', 'III', 'V'], [50, 48, 44, 42, 30]),
    ...cls('b', { className: '5B', grade: 5 }, ['II', 'III', 'IV', 'V', 'V'], [47, 43, 38, 31, 29]),
    ...cls('c', { className: '6A', grade: 6 }, ['I', 'III', 'IV', 'IV', 'V'], [60, 55, 50, 49, 40]),
  ];

  it('gives each jaargroep and class cell its status against the norms', () => {
    const ov = overview(ctx(data));
    expect(ov.subjects).toEqual(['Spelling']);
    expect(ov.rows.map((r) => [r.label, r.cells[0]?.status, r.cells[0]?.stats.n])).toEqual([
      ['groep 5', 'streef', 10],
      ['5A', 'ambitie', 5],
      ['5B', 'onder-minimum', 5],
      ['groep 6', 'onder-minimum', 5],
    ]);
    // groep 5 mean = (50+48+44+42+30+47+43+38+31+29)/10 = 402/10 = 40.2
    expect(ov.rows[0]?.cells[0]?.stats.mean).toBe(40.2);
    expect(ov.statusCounts).toMatchObject({ streef: 1, 'onder-minimum': 1 });
    expect(ov.chart.kind).toBe('heatmap');
  });

  it('pools school and bouw with level distributions and counts jaargroepen per status', () => {
    const rvn = resultsVsNorms(ctx(data), overview(ctx(data)));
    const school = rvn.pooled.find((p) => p.level === 'school')!;
    // 15 pupils; at I–III: 4 + 2 + 2 = 8 → 53.33%; level V: 1 + 2 + 1 = 4 → 26.67%
    expect(school.stats.n).toBe(15);
    expect(school.stats.levelPct.V).toEqual({ pct: 26.67, k: 4, n: 15, small: false });
    expect(school.statusCounts).toMatchObject({ streef: 1, 'onder-minimum': 1 });
    expect(rvn.pooled.filter((p) => p.level === 'bouw').map((p) => [p.label, p.stats.n])).toEqual([
      ['middenbouw', 10],
      ['bovenbouw', 5],
    ]);
    expect(rvn.charts[0]?.series.map((s) => s.id)).toEqual(['school', 'middenbouw', 'bovenbouw']);
  });

  it('judges zorgleerlingen against the zorg norm and flags groups under 5', () => {
    const withZorg = data.map((r, i) => (i >= 7 && i <= 9 ? { ...r, support: true } : r));
    const rvn = resultsVsNorms(ctx(withZorg), overview(ctx(withZorg)));
    const sub = rvn.groups.find((g) => g.subgroup === 'ondersteuning' && g.grade === 5)!;
    // zorg pupils in groep 5: levels IV, V, V → 1/3 at I–IV = 33% < 50 → onder-minimum (zorg norm)
    expect(sub.stats.n).toBe(3);
    expect(sub.stats.small).toBe(true);
    expect(sub.status).toBe('onder-minimum');
    expect(sub.rest?.n).toBe(7);
  });
});

describe('trend per jaargroep (analysis 3)', () => {
  it('compares the same test over school years against the norms', () => {
    // M5 over three years: means 50, 45, 40 (SD of each year: values ±1 → SD ≈ 1.1; δ = 0.25·SD ≈ 0.27)
    const years = ['2023-2024', '2024-2025', '2025-2026'];
    const data = years.flatMap((y, yi) =>
      cls(
        `y${yi}`,
        { schoolYear: y },
        ['I', 'II', 'III', 'IV', 'V'],
        [51 - 5 * yi, 49 - 5 * yi, 50 - 5 * yi, 51 - 5 * yi, 49 - 5 * yi],
      ),
    );
    const [t] = trendJaargroep(ctx(data));
    expect(t?.points.map((p) => [p.schoolYear, p.stats.mean, p.status, p.value])).toEqual([
      ['2023-2024', 50, 'streef', 60],
      ['2024-2025', 45, 'streef', 60],
      ['2025-2026', 40, 'streef', 60],
    ]);
    expect(t?.trend).toMatchObject({ kind: 'structureel', direction: 'daling', runLength: 3 });
    expect(t?.chart.normBands.map((b) => [b.tier, b.from, b.to])).toEqual([
      ['minimum', 50, 60],
      ['streef', 60, 80],
      ['ambitie', 80, null],
    ]);
  });
});

describe('trend per jaargroep without scores', () => {
  it('classifies level-only data on the share at I–III with a 5-point step', () => {
    // I–III shares over three years: 4/5 = 80%, 3/5 = 60%, 2/5 = 40% → two falls of 20 points > 5
    const years = ['2023-2024', '2024-2025', '2025-2026'];
    const levels: Level[][] = [
      ['I', 'II', 'III', 'III', 'V'],
      ['I', 'II', 'III', 'IV', 'V'],
      ['I', 'II', 'IV', 'IV', 'V'],
    ];
    const data = years.flatMap((y, yi) => cls(`y${yi}`, { schoolYear: y }, levels[yi]!));
    const [t] = trendJaargroep(ctx(data));
    expect(t?.points.map((p) => p.value)).toEqual([80, 60, 40]);
    expect(t?.delta).toBe(5);
    expect(t?.trend).toMatchObject({ kind: 'structureel', direction: 'daling' });
  });
});

describe('trend per leerlingengroep (analysis 4)', () => {
  it('follows the same pupils: mean growth, expected growth and the share reaching it', () => {
    // Pupils a,b,c: M4 2024-2025 → E4 → M5 2025-2026. Scores: a 40→46→50, b 30→33→41, c 50→58→60.
    // Step 1 growths 6, 3, 8: mean 17/3 = 5.67; expected 5 → a and c reach it: 2/3 = 66.67%.
    // Step 2 growths 4, 8, 2: mean 14/3 = 4.67; expected 4 → a and b: 66.67%.
    const sc: Record<string, number[]> = { a: [40, 46, 50], b: [30, 33, 41], c: [50, 58, 60] };
    const at: [string, Moment, number][] = [
      ['2024-2025', 'M', 4],
      ['2024-2025', 'E', 4],
      ['2025-2026', 'M', 5],
    ];
    const data = Object.entries(sc).flatMap(([p, s]) =>
      at.map(([y, m, g], i) =>
        result({
          pupilId: p,
          schoolYear: y,
          moment: m,
          grade: g,
          className: `${g}A`,
          score: s[i]!,
          level: 'III',
        }),
      ),
    );
    const table = new ExpectedGrowthTable([
      { subject: 'Spelling', fromGrade: 4, fromMoment: 'M', toGrade: 4, toMoment: 'E', growth: 5 },
      { subject: 'Spelling', fromGrade: 4, fromMoment: 'E', toGrade: 5, toMoment: 'M', growth: 4 },
    ]);
    const [c] = trendLeerlingengroep(ctx(data), table);
    expect(c?.grade).toBe(5);
    expect(c?.measurements.map((m) => m.test)).toEqual(['M4', 'E4', 'M5']);
    expect(
      c?.steps.map((s) => [s.n, s.meanGrowth, s.expectedGrowth, s.reachedExpected.pct, s.small]),
    ).toEqual([
      [3, 5.67, 5, 66.67, true],
      [3, 4.67, 4, 66.67, true],
    ]);
    // total: mean M5 (50+41+60)/3 = 50.33 − mean M4 (40+30+50)/3 = 40 → 10.33; expected 5 + 4 = 9
    expect(c?.totalGrowth).toBe(10.33);
    expect(c?.totalExpected).toBe(9);
    expect(table.growth('Spelling', 4, 'M', 5, 'M')).toBe(9);
    expect(table.growth('Spelling', 3, 'E', 4, 'M')).toBeNull();
  });
});

describe('patterns (analysis 5)', () => {
  it('measures the subgroup gap against the rest per year and sees it widen', () => {
    // Each year 4 NT2 pupils and 4 others in groep 5. Rest mean 50; NT2 means 48, 45, 41 → gaps 2, 5, 9.
    const years = ['2023-2024', '2024-2025', '2025-2026'];
    const nt2Mean = [48, 45, 41];
    const data = years.flatMap((y, yi) => [
      ...[49, 51, 49, 51].map((s, i) =>
        result({ pupilId: `r${yi}${i}`, schoolYear: y, score: s, level: 'III' }),
      ),
      ...[-1, 1, -1, 1].map((d, i) =>
        result({ pupilId: `n${yi}${i}`, schoolYear: y, score: nt2Mean[yi]! + d, level: 'IV', nt2: true }),
      ),
    ]);
    const p = patterns(ctx(data));
    const nt2 = p.subgroups.find((s) => s.subgroup === 'nt2')!;
    expect(nt2.trend.map((t) => [t.gap, t.nSubgroup, t.small])).toEqual([
      [2, 4, true],
      [5, 4, true],
      [9, 4, true],
    ]);
    expect(nt2.widening).toBe(true);
    expect(nt2.perGrade[0]?.shareI_III.rest).toEqual({ pct: 100, k: 4, n: 4, small: true });
  });

  it('treats free labels as subgroups ("specifieke profielen")', () => {
    // 2 pupils labelled dyslexie (scores 40, 42 → mean 41) against 3 others (50, 52, 54 → mean 52): gap 11
    const data = [
      ...[40, 42].map((sc, i) => result({ pupilId: `d${i}`, score: sc, level: 'IV', tags: ['dyslexie'] })),
      ...[50, 52, 54].map((sc, i) => result({ pupilId: `o${i}`, score: sc, level: 'II' })),
    ];
    const p = patterns(ctx(data));
    const d = p.subgroups.find((s) => s.subgroup === 'label:dyslexie')!;
    expect(d.trend).toEqual([{ schoolYear: '2025-2026', gap: 11, nSubgroup: 2, nRest: 3, small: true }]);
    expect(d.chart.title.startsWith('dyslexie tegenover de rest')).toBe(true);
  });

  it('compares parallel classes and lists domain means', () => {
    const data = [
      ...cls('a', { className: '5A', domainScores: { getallen: 10 } }, ['I', 'II'], [50, 40]),
      ...cls('b', { className: '5B', domainScores: { getallen: 20 } }, ['III', 'IV'], [30, 20]),
    ];
    const p = patterns(ctx(data));
    // class means 45 and 25 → spread 20; domain mean (10+10+20+20)/4 = 15
    expect(p.parallelClasses[0]?.spread).toBe(20);
    // chart measure = the norm's primary criterion, % at I–III: 5A 2/2 = 100%, 5B 1/2 = 50%
    expect(p.parallelClasses[0]?.chart.series[0]?.points.map((q) => [q.x, q.y, q.n, q.small])).toEqual([
      ['5A', 100, 2, true],
      ['5B', 50, 2, true],
    ]);
    expect(p.domains[0]?.domains[0]).toMatchObject({ domain: 'getallen', mean: 15, n: 4 });
  });
});

describe('zorgleerlingen (analysis 6)', () => {
  it('judges growth against an individual goal and the effect of an intervention', () => {
    // Pupil z: M 2024-2025 30, E 2024-2025 32, M 2025-2026 40, E 2025-2026 47. Intervention from 2025-09-01.
    // Intervals ending before the start: 30→32 (2). After: 32→40 (8, ends 2026-02-01), 40→47 (7).
    // Expected growth 4 per interval → above expectation: before −2; after 4 and 3 → 3.5; effect 5.5.
    const pts: [string, Moment, number, number][] = [
      ['2024-2025', 'M', 4, 30],
      ['2024-2025', 'E', 4, 32],
      ['2025-2026', 'M', 5, 40],
      ['2025-2026', 'E', 5, 47],
    ];
    const data = pts.map(([y, m, g, s]) =>
      result({
        pupilId: 'z',
        schoolYear: y,
        moment: m,
        grade: g,
        className: `${g}A`,
        score: s,
        level: 'V',
        support: true,
      }),
    );
    const table = new ExpectedGrowthTable([
      { subject: 'Spelling', fromGrade: 4, fromMoment: 'M', toGrade: 4, toMoment: 'E', growth: 4 },
      { subject: 'Spelling', fromGrade: 4, fromMoment: 'E', toGrade: 5, toMoment: 'M', growth: 4 },
      { subject: 'Spelling', fromGrade: 5, fromMoment: 'M', toGrade: 5, toMoment: 'E', growth: 4 },
    ]);
    const normSet: NormSet = {
      ...NORMS,
      goals: [
        {
          pupilId: 'z',
          subject: 'Spelling',
          from: { schoolYear: '2024-2025', moment: 'E' },
          to: { schoolYear: '2025-2026', moment: 'E' },
          targetGrowth: 12,
        },
      ],
      interventions: [{ name: 'RT', subject: 'Spelling', pupilIds: ['z'], startDate: '2025-09-01' }],
    };
    const z = zorg(ctx(data, '2025-2026', 'E', normSet), table);
    // goal: 47 − 32 = 15 ≥ 12
    expect(z.goals[0]).toMatchObject({ startScore: 32, score: 47, growth: 15, met: true });
    expect(z.interventions[0]).toMatchObject({
      pupils: 1,
      before: { intervals: 1, meanGrowth: 2, meanAboveExpected: -2 },
      after: { intervals: 2, meanGrowth: 7.5, meanAboveExpected: 3.5 },
      effect: 5.5,
      basis: 'boven-verwachting',
      small: true,
    });
    // support growth at E5: 47 − 40 = 7 ≥ 4
    expect(z.supportGrowth[0]).toMatchObject({ grade: 5, n: 1, meanGrowth: 7, expectedGrowth: 4 });
    expect(z.supportGrowth[0]?.reachedExpected).toEqual({ pct: 100, k: 1, n: 1, small: true });
  });
});

describe('data quality (analysis 7)', () => {
  it('finds missing results, pupils without results, out-of-range scores, late tests and duplicates', () => {
    const base = [40, 41, 42, 43, 44, 45];
    const data: Result[] = [
      // p5's test date lies in the previous school year.
      ...base.map((s, i) =>
        result({
          pupilId: `p${i}`,
          score: s,
          level: 'III',
          testDate: i === 5 ? '2025-01-20' : '2026-01-20',
          row: i + 2,
        }),
      ),
      result({ pupilId: 'p6', score: 420, level: 'I', testDate: '2026-04-02', row: 8 }), // typo ×10, tested in April
      result({ pupilId: 'p7', score: null, level: null, row: 9 }), // absent
      result({ pupilId: 'p0', subject: 'Rekenen-Wiskunde', score: 60, level: 'II', row: 10 }),
      result({ pupilId: 'p0', subject: 'Rekenen-Wiskunde', score: 60, level: 'II', row: 11 }),
    ];
    const q = dataQuality(ctx(data));
    // Spelling: p7 has no outcome. Rekenen: only p0 took it, so p1…p7 are missing (7).
    expect(q.missing.map((m) => [m.subject, m.missing, m.expected])).toEqual([
      ['Rekenen-Wiskunde', 7, 8],
      ['Spelling', 1, 8],
    ]);
    expect(q.pupilsWithoutResults).toEqual([{ pupilId: 'p7', className: '5A' }]);
    // Spelling scores 40…45, 420: Q1 = 41.5, Q3 = 44.5, IQR 3 → range [32.5, 53.5]
    expect(q.outOfRange).toEqual([
      { pupilId: 'p6', subject: 'Spelling', test: 'M5', score: 420, range: [32.5, 53.5], row: 8 },
    ]);
    expect(q.outsideWindow.map((o) => [o.pupilId, o.testDate])).toEqual([
      ['p5', '2025-01-20'],
      ['p6', '2026-04-02'],
    ]);
    expect(q.duplicates).toEqual([
      { pupilId: 'p0', subject: 'Rekenen-Wiskunde', test: 'M5', rows: [10, 11] },
    ]);
  });
});

describe('signals (analysis 8)', () => {
  it('calls a below-minimum cell limited to one test, or broader when several tests or groups share it', () => {
    const low: Level[] = ['I', 'IV', 'IV', 'V', 'V'];
    const high: Level[] = ['I', 'II', 'III', 'III', 'IV'];
    const one = [
      ...cls('a', { grade: 5, className: '5A' }, low),
      ...cls('a', { grade: 5, className: '5A', subject: 'Rekenen-Wiskunde' }, high),
    ];
    const c1 = ctx(one);
    const s1 = collectSignals(overview(c1), trendJaargroep(c1), [], patterns(c1));
    // Rekenen: I–III 4/5 = 80% ≥ 80 → ambitie, a positive signal.
    expect(s1.map((s) => [s.kind, s.subject, s.scope, s.tone])).toEqual([
      ['onder-minimum', 'Spelling', 'één toets', 'zorg'],
      ['ambitie-gehaald', 'Rekenen-Wiskunde', null, 'positief'],
    ]);
    const two = [
      ...cls('a', { grade: 5, className: '5A' }, low),
      ...cls('a', { grade: 5, className: '5A', subject: 'Rekenen-Wiskunde' }, low),
    ];
    const c2 = ctx(two);
    const s2 = collectSignals(overview(c2), trendJaargroep(c2), [], patterns(c2));
    expect(s2.map((s) => s.scope)).toEqual(['breder', 'breder']);
    expect(s2[0]?.text).toContain('2 toetsen in groep 5');
  });
});
