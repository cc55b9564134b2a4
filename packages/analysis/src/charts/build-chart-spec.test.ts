import { describe, expect, it } from 'vitest';
import { CHART_VIEW_KINDS, buildChartSpec, buildChartSpecs } from './build-chart-spec';
import { fixtureReport } from './charts.fixture';
import { groupLevelsChart } from './level-distribution';
import { overviewChart } from './overview';

describe('buildChartSpec', () => {
  const report = fixtureReport();

  it('builds the same spec as the per-kind builder', () => {
    expect(buildChartSpec('overview', report, { withClasses: true })).toEqual(
      overviewChart(report, { withClasses: true }),
    );
    expect(buildChartSpec('group-levels', report, { subject: 'Spelling' })).toEqual(
      groupLevelsChart(report, { subject: 'Spelling' }),
    );
  });

  it('takes the report’s first subject when none is given, and one jaargroep when asked', () => {
    // Trend per jaargroep: groep 5 at 3/5 = 60% and groep 6 at 2/4 = 50% on I–III in 2025-2026.
    const all = buildChartSpecs('trend-jaargroep', report);
    expect(all.map((c) => c.series[0]?.points[0]?.y)).toEqual([60, 50]);
    expect(buildChartSpec('trend-jaargroep', report, { grade: 6 })?.series[0]?.points[0]).toMatchObject({
      y: 50,
      n: 4,
      status: 'minimum',
    });
  });

  it('draws parallel classes as bars in their status (5A 2/3 = 66.67% streef, 5B 1/2 = 50% minimum)', () => {
    const spec = buildChartSpec('parallel-groups', report, { subject: 'Spelling' });
    expect(spec?.kind).toBe('bar');
    expect(spec?.series[0]?.points.map((p) => [p.x, p.y, p.status])).toEqual([
      ['5A', 66.67, 'streef'],
      ['5B', 50, 'minimum'],
    ]);
    expect(buildChartSpecs('parallel-groups', report, { grade: 6 })).toEqual([]);
  });

  it('has no data-quality chart when no result is missing, and no chart for a subject without data', () => {
    expect(buildChartSpec('data-quality', report)).toBeNull();
    for (const kind of CHART_VIEW_KINDS.filter((k) => k !== 'overview' && k !== 'data-quality'))
      expect(buildChartSpecs(kind, report, { subject: 'Rekenen-Wiskunde' })).toEqual([]);
  });
});
