import type { ChartSpec } from '@koers/analysis';
import { describe, expect, it } from 'vitest';
import { findPoint } from '$lib/charts/find-point';
import { factFromPoint, statusAgainstBands } from './fact-from-point';

const VIEW = 'v1abcdefgh';

// A group-levels chart: groep 6 has 10 + 20 + 28 = 58% at I–III of 24 pupils; the norm lines say
// minimum 60, streef 70, so 58 is below the minimum.
const groupLevels: ChartSpec = {
  kind: 'stacked-bar',
  title: 'Begrijpend lezen M 2025-2026: niveauverdeling per groep',
  xLabel: 'niveau',
  yLabel: '% leerlingen',
  series: [
    {
      id: 'Groep 6',
      label: 'Groep 6',
      points: [
        { x: 'I', y: 10, n: 24, small: false },
        { x: 'II', y: 20, n: 24, small: false },
        { x: 'III', y: 28, n: 24, small: false },
        { x: 'IV', y: 22, n: 24, small: false },
        { x: 'V', y: 20, n: 24, small: false },
      ],
    },
    { id: 'Groep 7', label: 'Groep 7', points: [{ x: 'I', y: 100, n: 3, small: true }] },
  ],
  normBands: [
    { tier: 'minimum', label: 'minimum', from: 60, to: 70 },
    { tier: 'streef', label: 'streef', from: 70, to: null },
  ],
  annotations: [],
  yDomain: [0, 100],
};

const heatmap: ChartSpec = {
  kind: 'heatmap',
  title: 'Overzicht',
  xLabel: 'toets',
  yLabel: 'groep',
  series: [
    {
      id: 'Rekenen-Wiskunde',
      label: 'Rekenen-Wiskunde',
      points: [{ x: 'Rekenen-Wiskunde', row: 'Groep 5', y: 231.5, n: 26, small: false, status: 'streef' }],
    },
  ],
  normBands: [],
  annotations: [],
};

describe('a fact from a chart point', () => {
  it('tells a level bar as its share at I–III with n and the norm status from the spec’s norm lines', () => {
    const found = findPoint(groupLevels, { series: 'Groep 6', x: 'II' });
    expect(found).not.toBeNull();
    const fact = factFromPoint(VIEW, groupLevels, found!.series, found!.point);
    expect(fact?.text).toBe('Groep 6: 58% op I–III, n = 24, onder de minimumnorm');
    expect(fact?.dataPoint).toEqual({
      viewId: VIEW,
      key: 'Groep 6||II',
      label: 'Groep 6 · II',
      value: 58,
      n: 24,
      unit: '%',
    });
  });

  it('tells a segment below III as that level, and marks a small group', () => {
    const iv = findPoint(groupLevels, { series: 'Groep 6', x: 'IV' })!;
    expect(factFromPoint(VIEW, groupLevels, iv.series, iv.point)?.text).toBe(
      'Groep 6: 22% op niveau IV, n = 24',
    );
    const small = findPoint(groupLevels, { series: 'Groep 7', x: 'I' })!;
    expect(factFromPoint(VIEW, groupLevels, small.series, small.point)?.text).toBe(
      'Groep 7: 100% op I–III, n = 3, op de streefnorm, kleine groep (n < 5)',
    );
  });

  it('tells a heatmap cell as its row and column with the mean, n and the cell’s norm status', () => {
    const cell = findPoint(heatmap, { row: 'Groep 5', x: 'Rekenen-Wiskunde' })!;
    const fact = factFromPoint(VIEW, heatmap, cell.series, cell.point);
    expect(fact?.text).toBe('Groep 5 · Rekenen-Wiskunde: gemiddeld 231,5, n = 26, op de streefnorm');
    expect(fact?.dataPoint).toMatchObject({ value: 231.5, n: 26, unit: 'gemiddelde score' });
  });

  it('reads a value against norm bands: below the lowest band is below the minimum', () => {
    expect(statusAgainstBands(59.9, groupLevels.normBands)).toBe('onder-minimum');
    expect(statusAgainstBands(60, groupLevels.normBands)).toBe('minimum');
    expect(statusAgainstBands(85, groupLevels.normBands)).toBe('streef');
    expect(statusAgainstBands(85, [])).toBeUndefined();
  });
});
