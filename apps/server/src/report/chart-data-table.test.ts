import type { ChartSpec } from '@koers/analysis/charts';
import { describe, expect, it } from 'vitest';
import { chartDataTable } from './chart-data-table';

describe('chartDataTable', () => {
  it('names a cell’s norm status in words (a table has no colour or shape) and marks a small group', () => {
    const spec: ChartSpec = {
      kind: 'heatmap',
      title: 'Overzicht',
      xLabel: 'toets',
      yLabel: 'jaargroep',
      series: [
        {
          id: 'bl',
          label: 'Begrijpend lezen',
          points: [
            { x: 'Begrijpend lezen', row: 'groep 6', y: 57.7, n: 24, small: false, status: 'onder-minimum' },
            { x: 'Begrijpend lezen', row: 'groep 7', y: 105.5, n: 25, small: false, status: 'ambitie' },
            { x: 'Begrijpend lezen', row: 'groep 8', y: 75, n: 3, small: true, status: 'geen-norm' },
          ],
        },
      ],
      normBands: [],
      annotations: [],
    };
    expect(chartDataTable(spec).rows).toEqual([
      ['groep 6', '57,7 (onder de minimumnorm)'],
      ['groep 7', '105,5 (ambitienorm gehaald)'],
      ['groep 8', '75 (n < 5)'],
    ]);
  });
});
