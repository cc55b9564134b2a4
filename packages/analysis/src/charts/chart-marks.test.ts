import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../chart-spec';
import {
  barValueDomain,
  chartRows,
  chartXs,
  hasSmallGroup,
  isPercentChart,
  lineValueDomain,
  stackSegments,
} from './chart-marks';
import { STATUS_LOOK, bandLook, statusCounts, tierStatus } from './norm-look';

const spec = (over: Partial<ChartSpec>): ChartSpec => ({
  kind: 'line',
  title: 't',
  xLabel: 'x',
  yLabel: 'y',
  series: [],
  normBands: [],
  annotations: [],
  ...over,
});

describe('chart marks', () => {
  it('lists x values and rows in first-seen order across series', () => {
    const s = spec({
      series: [
        { id: 'a', label: 'a', points: [{ x: '2024', y: 1, n: 5, small: false, row: 'groep 5' }] },
        {
          id: 'b',
          label: 'b',
          points: [
            { x: '2025', y: 2, n: 3, small: true },
            { x: '2024', y: 2, n: 3, small: true },
          ],
        },
      ],
    });
    expect(chartXs(s)).toEqual(['2024', '2025']);
    expect(chartRows(s)).toEqual(['groep 5', '']);
    expect(hasSmallGroup(s)).toBe(true);
    expect(isPercentChart(spec({ yLabel: '% leerlingen op 1F' }))).toBe(true);
    expect(isPercentChart(spec({ yLabel: 'gemiddelde vaardigheidsscore' }))).toBe(false);
  });

  it('stacks a bar’s levels left to right, a missing value taking no room', () => {
    // 20 → [0, 20]; 30 → [20, 50]; null → [50, 50]; 50 → [50, 100].
    const parts = stackSegments({
      id: 's',
      label: 's',
      points: [
        { x: 'I', y: 20, n: 5, small: false },
        { x: 'II', y: 30, n: 5, small: false },
        { x: 'III', y: null, n: 5, small: false },
        { x: 'IV', y: 50, n: 5, small: false },
      ],
    });
    expect(parts.map((p) => [p.point.x, p.from, p.to])).toEqual([
      ['I', 0, 20],
      ['II', 20, 50],
      ['III', 50, 50],
      ['IV', 50, 100],
    ]);
  });

  it('widens a line chart’s range by 15% of the spread of values and band edges', () => {
    // Values 100 and 120, band 110–130: lo 100, hi 130, pad 0.15·30 = 4.5 → [95.5, 134.5].
    const s = spec({
      series: [
        {
          id: 'a',
          label: 'a',
          points: [
            { x: '1', y: 100, n: 5, small: false },
            { x: '2', y: 120, n: 5, small: false },
            { x: '3', y: null, n: 0, small: true },
          ],
        },
      ],
      normBands: [{ tier: 'minimum', label: 'min', from: 110, to: 130 }],
    });
    expect(lineValueDomain(s)).toEqual([95.5, 134.5]);
    // One value 7: spread 0, pad at least 1 → [6, 8]. No values at all → [0 − 1, 1 + 1].
    expect(
      lineValueDomain(
        spec({ series: [{ id: 'a', label: 'a', points: [{ x: '1', y: 7, n: 5, small: false }] }] }),
      ),
    ).toEqual([6, 8]);
    expect(lineValueDomain(spec({}))).toEqual([-1, 2]);
    expect(lineValueDomain(spec({ yDomain: [0, 100] }))).toEqual([0, 100]);
  });

  it('lets a bar chart run from 0 to 15% above its highest bar or norm line', () => {
    // Highest of bar 40 and line 60 is 60 → 60 · 1.15 = 69.
    const s = spec({
      kind: 'bar',
      series: [{ id: 'a', label: 'a', points: [{ x: '5A', y: 40, n: 5, small: false }] }],
      normBands: [{ tier: 'streef', label: 'streef', from: 60, to: null }],
    });
    expect(barValueDomain(s)[0]).toBe(0);
    expect(barValueDomain(s)[1]).toBeCloseTo(69, 10);
    expect(barValueDomain({ ...s, yDomain: [0, 100] })).toEqual([0, 100]);
    expect(barValueDomain(spec({ kind: 'bar' }))).toEqual([0, 1.15]);
  });

  it('gives each norm status a colour and a distinct shape, and bands the look of their tier', () => {
    const shapes = Object.values(STATUS_LOOK).map((l) => l.shape);
    expect(new Set(shapes).size).toBe(shapes.length);
    expect(tierStatus('streef')).toBe('streef');
    expect(tierStatus('iets anders')).toBe('geen-norm');
    expect(bandLook('ambitie')).toBe(STATUS_LOOK.ambitie);
    expect(
      statusCounts([
        { status: 'streef' },
        { status: 'streef' },
        { status: 'minimum' },
        { status: 'geen-norm' },
        {},
      ]),
    ).toEqual([
      { status: 'onder-minimum', count: 0 },
      { status: 'minimum', count: 1 },
      { status: 'streef', count: 2 },
      { status: 'ambitie', count: 0 },
    ]);
  });
});
