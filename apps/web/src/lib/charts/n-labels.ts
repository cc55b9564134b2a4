/** One "n=…" label under a bar chart: its text and the centre it is drawn at. */
export interface NLabel {
  x: number;
  text: string;
  /** 0 or 1: the second row when neighbouring labels would overlap on one row. */
  row: number;
}

export interface NBar {
  /** The x category the bar belongs to. */
  group: string;
  /** Centre of the bar. */
  x: number;
  n: number;
  /** The bar's own label ("n=25", "n=3 ⚠"). */
  text: string;
}

/** Average advance of a character of the label font, as a share of the font size (sans-serif digits). */
const CHAR_EM = 0.62;
/** Characters much wider than a digit. */
const WIDE = new Set(['%', '▼', '▲', '◆', '★', '⚠', 'm', 'w', '–']);
/** Free space between two labels on one row. */
const GAP = 4;

/** Estimated width of a label in px (no DOM measuring: the layout is computed before drawing). */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += WIDE.has(char) ? 0.95 : CHAR_EM;
  return em * fontSize;
}

/**
 * Where a bar chart's n labels go so that they never overlap, for any number of bars: under each bar when
 * every bar is wide enough; otherwise one label per x category (its bars' n, or "n=24–25" as a range when
 * they differ, centred under the category); when even those collide, alternate categories drop to a second
 * row; when that is still too tight, none (the n of every bar stays in the chart's table and tooltips).
 *
 * `groupCentre` gives each category's centre; `groupWidth` is the width of one category's band.
 */
export function layoutNLabels(
  bars: readonly NBar[],
  barWidth: number,
  groupWidth: number,
  groupCentre: (group: string) => number,
  fontSize: number,
  range: (min: number, max: number) => string,
): NLabel[] {
  const widest = Math.max(0, ...bars.map((b) => textWidth(b.text, fontSize)));
  if (widest + GAP <= barWidth) return bars.map((b) => ({ x: b.x, text: b.text, row: 0 }));
  const groups = new Map<string, NBar[]>();
  for (const b of bars) groups.set(b.group, [...(groups.get(b.group) ?? []), b]);
  const labels = [...groups].map(([group, members]) => {
    const distinct = [...new Set(members.map((b) => b.text))];
    const ns = members.map((b) => b.n);
    const text = distinct.length === 1 ? distinct[0]! : range(Math.min(...ns), Math.max(...ns));
    return { x: groupCentre(group), text };
  });
  const widestGroup = Math.max(0, ...labels.map((l) => textWidth(l.text, fontSize)));
  if (widestGroup + GAP <= groupWidth) return labels.map((l) => ({ ...l, row: 0 }));
  // Two rows: a label may then take up to two category widths.
  if (widestGroup + GAP <= 2 * groupWidth) return labels.map((l, i) => ({ ...l, row: i % 2 }));
  return [];
}
