import { describe, expect, it } from 'vitest';
import { fixtureReport } from './charts.fixture';
import {
  groupLevelsChart,
  groupRowsOf,
  levelDistributionCharts,
  sharedNormBands,
} from './level-distribution';

// The norm bands every jaargroep's trend chart has with minimum ≥ 50% and streef ≥ 60% at I–III.
const BANDS = [
  { tier: 'minimum', label: 'minimumnorm', from: 50, to: 60 },
  { tier: 'streef', label: 'streefnorm', from: 60, to: null },
];

describe('level distribution charts', () => {
  it('shares the I–III norm lines when every jaargroep shown has the same norm', () => {
    expect(sharedNormBands(fixtureReport(), 'Spelling', [5, 6])).toEqual(BANDS);
  });

  it('draws no norm line when the jaargroepen’s norms differ (groep 6 streef 65 instead of 60)', () => {
    const report = fixtureReport({ grade6Streef: 65 });
    expect(sharedNormBands(report, 'Spelling', [5, 6])).toEqual([]);
    // One jaargroep alone still has its own lines.
    expect(sharedNormBands(report, 'Spelling', [5])).toEqual(BANDS);
  });

  it('gives the school and bouw distributions of the subject the shared lines', () => {
    // School = all nine pupils: I 2/9 = 22.22%, II 2/9, III 1/9 = 11.11%, IV 2/9, V 2/9.
    const [chart, ...rest] = levelDistributionCharts(fixtureReport(), { subject: 'Spelling' });
    expect(rest).toEqual([]);
    expect(chart?.kind).toBe('stacked-bar');
    expect(chart?.series[0]?.points.map((p) => [p.x, p.y, p.n])).toEqual([
      ['I', 22.22, 9],
      ['II', 22.22, 9],
      ['III', 11.11, 9],
      ['IV', 22.22, 9],
      ['V', 22.22, 9],
    ]);
    expect(chart?.normBands).toEqual(BANDS);
    expect(levelDistributionCharts(fixtureReport(), { subject: 'Rekenen-Wiskunde' })).toEqual([]);
  });

  it('draws one bar per groep with its level shares, n and small mark, and the shared lines', () => {
    const report = fixtureReport();
    expect(groupRowsOf(report, 'Spelling').map((g) => g.label)).toEqual(['5A', '5B', '6A']);
    const chart = groupLevelsChart(report, { subject: 'Spelling' });
    expect(chart).toMatchObject({
      kind: 'stacked-bar',
      title: 'Spelling M 2025-2026: niveauverdeling per groep',
      xLabel: 'niveau',
      yLabel: '% leerlingen',
      yDomain: [0, 100],
      normBands: BANDS,
    });
    // 5A: I 1/3 = 33.33%, II 0, III 1/3, IV 1/3, V 0 (n 3 < 5: small). 6A: 1/4 = 25% for I, II, IV, V.
    expect(
      chart?.series.map((s) => [s.label, s.points.map((p) => p.y), s.points[0]?.n, s.points[0]?.small]),
    ).toEqual([
      ['5A', [33.33, 0, 33.33, 33.33, 0], 3, true],
      ['5B', [0, 50, 0, 0, 50], 2, true],
      ['6A', [25, 25, 0, 25, 25], 4, true],
    ]);
  });

  it('takes the words of the chart from the caller (the web app’s language)', () => {
    const labels = { title: 'Spelling: level per class', xLabel: 'level', yLabel: '% pupils' };
    expect(groupLevelsChart(fixtureReport(), { subject: 'Spelling', labels })).toMatchObject(labels);
    expect(groupLevelsChart(fixtureReport(), { subject: 'Woordenschat' })).toBeNull();
  });
});
