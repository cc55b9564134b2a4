import { describe, expect, it } from 'vitest';
import { layoutNLabels, textWidth, type NBar } from './n-labels';

const range = (min: number, max: number) => `n=${min}–${max}`;
/** Categories of `groupWidth` px side by side, each with `perGroup` bars of n = 25 (the last one 24). */
function bars(groups: number, perGroup: number, groupWidth: number): NBar[] {
  const out: NBar[] = [];
  for (let g = 0; g < groups; g++)
    for (let b = 0; b < perGroup; b++)
      out.push({
        group: `G${g}`,
        x: g * groupWidth + ((b + 0.5) * groupWidth) / perGroup,
        n: b === perGroup - 1 && perGroup > 1 ? 24 : 25,
        text: b === perGroup - 1 && perGroup > 1 ? 'n=24' : 'n=25',
      });
  return out;
}
const centre = (groupWidth: number) => (group: string) => (Number(group.slice(1)) + 0.5) * groupWidth;

/** No two labels on the same row overlap (widths as the layout estimates them, 10 px font). */
function overlaps(labels: ReturnType<typeof layoutNLabels>): boolean {
  const w = (t: string) => textWidth(t, 10);
  return labels.some((a, i) =>
    labels.some((b, j) => j > i && a.row === b.row && Math.abs(a.x - b.x) < (w(a.text) + w(b.text)) / 2),
  );
}

describe('textWidth', () => {
  it('counts a percent sign or a status shape wider than a digit', () => {
    expect(textWidth('44', 10)).toBeCloseTo(12.4);
    expect(textWidth('4%', 10)).toBeCloseTo(15.7);
    expect(textWidth('▲ 68%', 10)).toBeGreaterThan(textWidth('0 68%', 10));
  });
});

describe('layoutNLabels', () => {
  it('labels every bar when the bars are wide enough', () => {
    const labels = layoutNLabels(bars(3, 2, 200), 80, 200, centre(200), 10, range);
    expect(labels).toHaveLength(6);
    expect(overlaps(labels)).toBe(false);
  });

  it('gives one label per category, with a range when its bars differ, when the bars are narrow', () => {
    // 6 classes × 4 subjects in 600 px (the data-quality chart at laptop width): bars ~20 px wide.
    const labels = layoutNLabels(bars(6, 4, 100), 20, 100, centre(100), 10, range);
    expect(labels.map((l) => l.text)).toEqual(Array(6).fill('n=24–25'));
    expect(labels.every((l) => l.row === 0)).toBe(true);
    expect(overlaps(labels)).toBe(false);
  });

  it('drops every other category label to a second row when one row is too tight', () => {
    const labels = layoutNLabels(bars(12, 4, 40), 8, 40, centre(40), 10, range);
    expect(labels).toHaveLength(12);
    expect(labels.map((l) => l.row)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(overlaps(labels)).toBe(false);
  });

  it('leaves the labels out rather than overlap them when even two rows cannot hold them', () => {
    expect(layoutNLabels(bars(40, 4, 12), 2, 12, centre(12), 10, range)).toEqual([]);
  });
});
