import { describe, expect, it } from 'vitest';
import { chartTable } from './chart-table';
import { fixtureReport } from './charts.fixture';
import { groupLevelsChart } from './level-distribution';
import { overviewChart } from './overview';

describe('chartTable', () => {
  const report = fixtureReport();

  it('lays a heatmap out as rows × tests, every cell with its point (n, small, status)', () => {
    const table = chartTable(overviewChart(report, { withClasses: true }));
    expect(table.layout).toBe('grid');
    expect(table.corner).toBe('jaargroep');
    expect(table.columns).toEqual(['Spelling']);
    expect(table.rows.map((r) => r.label)).toEqual(['groep 5', '5A', '5B', 'groep 6']);
    // 5B: mean (130+140)/2 = 135, n 2 < 5 → small, 1/2 = 50% at I–III → minimum.
    expect(table.rows[2]?.cells[0]?.point).toMatchObject({ y: 135, n: 2, small: true, status: 'minimum' });
    expect(table.percent).toBe(false);
    // groep 6 (n 4) is small: the report notes it.
    expect(table.notes).toEqual(['Spelling: groep 6: minder dan 5 leerlingen']);
  });

  it('gives a stacked bar a row per groep with its n, and the norm bands as percentages', () => {
    const table = chartTable(groupLevelsChart(report, { subject: 'Spelling' })!);
    expect(table.layout).toBe('stacked');
    expect(table.columns).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(table.rows.map((r) => [r.label, r.n])).toEqual([
      ['5A', { n: 3, small: true }],
      ['5B', { n: 2, small: true }],
      ['6A', { n: 4, small: true }],
    ]);
    // 6A: 1 of 4 pupils at I → 25%.
    expect(table.rows[2]?.cells[0]).toEqual({ column: 'I', point: { x: 'I', y: 25, n: 4, small: true } });
    expect(table.percent).toBe(true);
    expect(table.bands.map((b) => [b.tier, b.from, b.to])).toEqual([
      ['minimum', 50, 60],
      ['streef', 60, null],
    ]);
  });

  it('gives a line or bar chart a row per x value and a column per series, – where a series has no point', () => {
    const table = chartTable({
      kind: 'line',
      title: 'Groei',
      xLabel: 'meting',
      yLabel: 'score',
      series: [
        {
          id: 'real',
          label: 'gerealiseerd',
          points: [
            { x: 'M4', y: 150, n: 12, small: false },
            { x: 'M5', y: 170, n: 12, small: false },
          ],
        },
        { id: 'exp', label: 'verwacht', dashed: true, points: [{ x: 'M5', y: 165, n: 12, small: false }] },
      ],
      normBands: [],
      annotations: [],
    });
    expect(table.layout).toBe('series');
    expect(table.corner).toBe('meting');
    expect(table.columns).toEqual(['gerealiseerd', 'verwacht']);
    expect(table.rows.map((r) => [r.label, r.cells.map((c) => c.point?.y ?? null)])).toEqual([
      ['M4', [150, null]],
      ['M5', [170, 165]],
    ]);
    expect(table.caption).toBe('Groei — score');
  });
});
