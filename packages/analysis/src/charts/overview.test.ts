import { describe, expect, it } from 'vitest';
import { fixtureReport } from './charts.fixture';
import { overviewChart } from './overview';

describe('overviewChart', () => {
  const report = fixtureReport();

  it('is the report’s jaargroep heatmap when class rows are not asked for', () => {
    // groep 5: mean 600/5 = 120, I–III 3/5 = 60% → streef; groep 6: mean 860/4 = 215, 2/4 = 50% → minimum.
    const spec = overviewChart(report);
    expect(spec).toBe(report.overview.chart);
    expect(spec.series[0]?.points).toEqual([
      { x: 'Spelling', y: 120, n: 5, small: false, status: 'streef', row: 'groep 5' },
      { x: 'Spelling', y: 215, n: 4, small: true, status: 'minimum', row: 'groep 6' },
    ]);
  });

  it('adds a row per parallel class under its jaargroep, each with its own mean, n and status', () => {
    // 5A: (100+110+120)/3 = 110, I–III 2/3 = 66.67% ≥ 60 → streef; 5B: (130+140)/2 = 135, 1/2 = 50% → minimum.
    // groep 6 has one class (6A), so no class row: it would repeat the jaargroep.
    const spec = overviewChart(report, { withClasses: true });
    expect(spec.kind).toBe('heatmap');
    expect(spec.title).toBe(report.overview.chart.title);
    expect(spec.series).toHaveLength(1);
    expect(spec.series[0]?.points.map((p) => [p.row, p.y, p.n, p.small, p.status])).toEqual([
      ['groep 5', 120, 5, false, 'streef'],
      ['5A', 110, 3, true, 'streef'],
      ['5B', 135, 2, true, 'minimum'],
      ['groep 6', 215, 4, true, 'minimum'],
    ]);
  });
});
