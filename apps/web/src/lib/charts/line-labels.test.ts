import { describe, expect, it } from 'vitest';
import { placeLineLabels } from './line-labels';

describe('placeLineLabels', () => {
  it('puts every label above its point when the series lie apart', () => {
    const places = placeLineLabels(
      [
        { series: 'a', x: '2025', cy: 40 },
        { series: 'b', x: '2025', cy: 120 },
      ],
      11,
    );
    expect([...places.values()]).toEqual(['above', 'above']);
  });

  it('puts the lower of two close points below it, and leaves out a third that fits nowhere', () => {
    // Three series within 4 px of each other at one x (domain means 64.4, 62.6, 63.1).
    const places = placeLineLabels(
      [
        { series: 'a', x: '2021', cy: 100 },
        { series: 'b', x: '2021', cy: 104 },
        { series: 'c', x: '2021', cy: 102 },
      ],
      11,
    );
    expect(places.get('a|2021')).toBe('above');
    expect(places.get('b|2021')).toBe('below');
    expect(places.get('c|2021')).toBe('none');
  });

  it('judges each x on its own', () => {
    const places = placeLineLabels(
      [
        { series: 'a', x: '2021', cy: 100 },
        { series: 'b', x: '2021', cy: 101 },
        { series: 'a', x: '2022', cy: 100 },
        { series: 'b', x: '2022', cy: 160 },
      ],
      11,
    );
    expect(places.get('b|2021')).toBe('below');
    expect(places.get('b|2022')).toBe('above');
  });
});
