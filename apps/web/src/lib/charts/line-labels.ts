/** A point of a line chart that wants a value label: its series, x category and drawn position. */
export interface LabelPoint {
  series: string;
  x: string;
  cy: number;
}

/** Where a point's value label goes: above or below its point, or nowhere (it would cover another). */
export type LabelPlace = 'above' | 'below' | 'none';

/**
 * Places the value labels of a line chart with several series so that none covers another: per x, the
 * highest point, the lowest, then those between: a label goes above its point, else below it, else it is
 * left out (the value stays in the chart's table and tooltips). `height` is a label's height in px. Keyed
 * `series|x`.
 */
export function placeLineLabels(points: readonly LabelPoint[], height: number): Map<string, LabelPlace> {
  const out = new Map<string, LabelPlace>();
  const byX = new Map<string, LabelPoint[]>();
  for (const p of points) byX.set(p.x, [...(byX.get(p.x) ?? []), p]);
  for (const column of byX.values()) {
    // Vertical spans taken by labels and points at this x (a point's dot is about a label high).
    const taken: [number, number][] = column.map((p) => [p.cy - 5, p.cy + 5]);
    const free = (top: number, bottom: number) => taken.every(([a, b]) => bottom <= a || top >= b);
    // The highest and the lowest point first (they have room above and below), then those between.
    const sorted = [...column].sort((a, b) => a.cy - b.cy);
    const order = sorted.length > 1 ? [sorted[0]!, sorted.at(-1)!, ...sorted.slice(1, -1)] : sorted;
    for (const p of order) {
      const above: [number, number] = [p.cy - 9 - height, p.cy - 7];
      const below: [number, number] = [p.cy + 7, p.cy + 9 + height];
      const place: LabelPlace = free(...above) ? 'above' : free(...below) ? 'below' : 'none';
      if (place === 'above') taken.push(above);
      if (place === 'below') taken.push(below);
      out.set(`${p.series}|${p.x}`, place);
    }
  }
  return out;
}
