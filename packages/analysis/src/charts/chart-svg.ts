/**
 * A chart spec as a standalone SVG string, for exports (HTML, PDF, DOCX) where there is no DOM and no d3:
 * the same marks as the web app's chart components (`apps/web/src/lib/charts`), same colours, same
 * never-colour-alone rule (norm status as colour AND shape), every small group (n < 5) marked. Plain
 * elements and attributes only (no CSS, no <style>, no fonts of its own), so pdfmake's SVG node, resvg and
 * browsers all draw it alike. Pure and deterministic.
 */
import type { ChartPoint, ChartSpec } from '../chart-spec';
import {
  barValueDomain,
  chartRows,
  chartXs,
  isPercentChart,
  lineValueDomain,
  stackSegments,
} from './chart-marks';
import { STATUS_LOOK, bandLook } from './norm-look';

/** The web app's series colours (Okabe–Ito, distinguishable with every common colour-vision deficiency). */
const SERIES_COLOURS = [
  '#0b4f6c',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#0072b2',
  '#8c6d00',
  '#56b4e9',
  '#000000',
];

/** Levels I (top) to V: the web app's sequential blue scale with the ink to print on it. */
const LEVEL_COLOURS: Readonly<Record<string, { fill: string; ink: string }>> = {
  I: { fill: '#08306b', ink: '#ffffff' },
  II: { fill: '#2171b5', ink: '#ffffff' },
  III: { fill: '#6baed6', ink: '#17202c' },
  IV: { fill: '#c6dbef', ink: '#17202c' },
  V: { fill: '#f1f4f8', ink: '#17202c' },
  A: { fill: '#08306b', ink: '#ffffff' },
  B: { fill: '#2171b5', ink: '#ffffff' },
  C: { fill: '#6baed6', ink: '#17202c' },
  D: { fill: '#c6dbef', ink: '#17202c' },
  E: { fill: '#f1f4f8', ink: '#17202c' },
};

const INK = '#17202c';
const MUTED = '#4a5565';
const GRID = '#d9dee5';
/** DejaVu Sans first: it has the status shapes (▲ ◆ ▼ ★) that Roboto lacks; the PDF and PNG renderers embed it. */
export const CHART_SVG_FONT = 'DejaVu Sans, Roboto, Arial, sans-serif';

export interface ChartSvgOptions {
  /** Width in px (user units); the height follows the chart. Default 640. */
  width?: number;
}

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
}

const esc = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number): string => String(Math.round(v * 10) / 10);
const fmt = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const value = (v: number | null, percent: boolean): string =>
  v === null ? '–' : percent ? `${fmt.format(v)}%` : fmt.format(v);

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  const extra = Object.entries({ 'font-size': 11, fill: INK, ...attrs })
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`)
    .join('');
  return `<text x="${num(x)}" y="${num(y)}"${extra}>${esc(content)}</text>`;
}

const rect = (x: number, y: number, w: number, h: number, fill: string, extra = ''): string =>
  `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}" fill="${fill}"${extra}/>`;

const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string =>
  `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}"${extra}/>`;

/** Round ticks over [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Math.round(t * 1e6) / 1e6 || 0); // `|| 0`: a tick at -0 would read "-0"
  return out;
}

/** Average width of a character of the 13px bold title in DejaVu Sans (a little generous). */
const TITLE_CHAR_WIDTH = 8.2;

/** The title in lines that fit the width (two at most; the second ends in "…" if it still does not fit). */
function titleLines(title: string, width: number): string[] {
  const max = Math.floor((width - 24) / TITLE_CHAR_WIDTH);
  if (title.length <= max) return [title];
  const cut = title.lastIndexOf(' ', max);
  const at = cut > max / 2 ? cut : max;
  const rest = title.slice(at).trim();
  return [title.slice(0, at).trim(), rest.length <= max ? rest : `${rest.slice(0, max - 1).trimEnd()}…`];
}

/**
 * Title and, under the chart, the legend lines; shared by every kind. A title too long for one line takes
 * two, and the chart moves down by a line (a clipped title loses the very words that say what is shown).
 */
function frame(spec: ChartSpec, width: number, height: number, body: string[], legend: string[]): ChartSvg {
  const lines = titleLines(spec.title, width);
  const shift = (lines.length - 1) * 16;
  const legendTop = height + 6;
  const legendLines = legend.map((l, i) =>
    text(12, legendTop + 14 * (i + 1), l, { fill: MUTED, 'font-size': 10 }),
  );
  const total = legendTop + 14 * legend.length + (legend.length > 0 ? 8 : 0) + shift;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${num(total)}" viewBox="0 0 ${width} ${num(total)}" font-family="${CHART_SVG_FONT}">` +
    `<title>${esc(spec.title)}</title>` +
    rect(0, 0, width, total, '#ffffff') +
    lines.map((l, i) => text(12, 20 + 16 * i, l, { 'font-size': 13, 'font-weight': 'bold' })).join('') +
    (shift > 0 ? `<g transform="translate(0 ${shift})">` : '') +
    body.join('') +
    legendLines.join('') +
    (shift > 0 ? '</g>' : '') +
    '</svg>';
  return { svg, width, height: total };
}

function smallNote(points: readonly ChartPoint[]): string[] {
  return points.some((p) => p.small) ? ['* n < 5: kleine groep, voorzichtig interpreteren'] : [];
}

function bandLegend(spec: ChartSpec, percent: boolean): string[] {
  return spec.normBands.length > 0
    ? [
        `Normen: ${spec.normBands.map((b) => `${bandLook(b.tier).shape} ${b.label} ${value(b.from, percent)}`).join('   ')}`,
      ]
    : [];
}

function heatmap(spec: ChartSpec, width: number): ChartSvg {
  const xs = chartXs(spec);
  const rows = chartRows(spec);
  const points = spec.series.flatMap((s) => s.points);
  const left = 110;
  const top = 56;
  const cellW = Math.min(110, (width - left - 12) / Math.max(1, xs.length));
  const cellH = 26;
  const percent = isPercentChart(spec);
  const body: string[] = [];
  xs.forEach((x, i) =>
    body.push(text(left + cellW * i + cellW / 2, top - 8, x, { 'text-anchor': 'middle', 'font-size': 10 })),
  );
  rows.forEach((row, r) => {
    const y = top + r * cellH;
    body.push(text(left - 8, y + cellH / 2 + 4, row, { 'text-anchor': 'end' }));
    xs.forEach((x, i) => {
      const p = points.find((pt) => (pt.row ?? '') === row && pt.x === x);
      const look = STATUS_LOOK[p?.status ?? 'onbekend'];
      body.push(
        rect(
          left + cellW * i,
          y,
          cellW,
          cellH,
          p ? look.fill : '#ffffff',
          ' stroke="#ffffff" stroke-width="2"',
        ),
      );
      if (p) {
        const label = `${look.shape} ${value(p.y, percent)}${p.small ? '*' : ''}`;
        body.push(
          text(left + cellW * i + cellW / 2, y + cellH / 2 + 4, label, {
            'text-anchor': 'middle',
            fill: look.ink,
            'font-size': 10,
          }),
        );
      }
    });
  });
  const height = top + rows.length * cellH;
  const statuses = [...new Set(points.map((p) => p.status).filter((s) => s !== undefined))];
  const legend = [
    ...(statuses.length > 0 ? [statuses.map((s) => `${STATUS_LOOK[s].shape} ${s}`).join('   ')] : []),
    ...smallNote(points),
  ];
  return frame(spec, width, height, body, legend);
}

function stackedBars(spec: ChartSpec, width: number): ChartSvg {
  const left = 110;
  const right = 70;
  const top = spec.normBands.length > 0 ? 56 : 40;
  const barH = 26;
  const gap = 10;
  const plotW = width - left - right;
  const x = (v: number) => left + (Math.min(100, Math.max(0, v)) / 100) * plotW;
  const body: string[] = [];
  spec.series.forEach((series, i) => {
    const y = top + i * (barH + gap);
    body.push(text(left - 8, y + barH / 2 + 4, series.label, { 'text-anchor': 'end' }));
    for (const part of stackSegments(series)) {
      const colour = LEVEL_COLOURS[part.point.x] ?? { fill: '#888888', ink: '#ffffff' };
      body.push(
        rect(
          x(part.from),
          y,
          x(part.to) - x(part.from),
          barH,
          colour.fill,
          ' stroke="#ffffff" stroke-width="1"',
        ),
      );
      if (x(part.to) - x(part.from) > 30) {
        body.push(
          text((x(part.from) + x(part.to)) / 2, y + barH / 2 + 4, value(part.point.y, true), {
            'text-anchor': 'middle',
            fill: colour.ink,
            'font-size': 10,
          }),
        );
      }
    }
    const first = series.points[0];
    if (first)
      body.push(
        text(width - right + 6, y + barH / 2 + 4, first.small ? 'n < 5' : `n = ${first.n}`, {
          'font-size': 10,
        }),
      );
  });
  const bottom = top + spec.series.length * (barH + gap) - gap;
  for (const t of [0, 25, 50, 75, 100]) {
    body.push(line(x(t), bottom, x(t), bottom + 4, MUTED));
    body.push(text(x(t), bottom + 16, `${t}%`, { 'text-anchor': 'middle', fill: MUTED, 'font-size': 10 }));
  }
  for (const band of spec.normBands) {
    const look = bandLook(band.tier);
    body.push(
      line(
        x(band.from),
        top - 6,
        x(band.from),
        bottom,
        look.stroke,
        ' stroke-width="2" stroke-dasharray="5 3"',
      ),
    );
    body.push(
      text(x(band.from), top - 10, `${look.shape} ${value(band.from, true)}`, {
        'text-anchor': 'middle',
        'font-size': 10,
      }),
    );
  }
  const levels = chartXs(spec);
  const legend = [
    `${spec.yLabel}; niveaus ${levels.join(', ')} van links naar rechts (donker = hoog)`,
    ...bandLegend(spec, true),
    ...smallNote(spec.series.flatMap((s) => s.points)),
  ];
  return frame(spec, width, bottom + 22, body, legend);
}

/** Bars and lines share a y axis over categorical x values. */
function xyChart(spec: ChartSpec, width: number): ChartSvg {
  const xs = chartXs(spec);
  const percent = isPercentChart(spec);
  const [lo, hi] = spec.kind === 'bar' ? barValueDomain(spec) : lineValueDomain(spec);
  const tickValues = ticks(lo, hi);
  const left = 56;
  // Norm lines are named to the right of the plot, outside it: inside, their names sat on the last points'
  // value labels.
  const right = spec.normBands.length > 0 ? 96 : 16;
  const top = 40;
  const plotH = 200;
  const plotW = width - left - right;
  const y = (v: number) => top + plotH - ((v - lo) / (hi - lo || 1)) * plotH;
  const band = plotW / Math.max(1, xs.length);
  const cx = (i: number) => left + band * i + band / 2;
  const body: string[] = [];
  for (const nb of spec.normBands) {
    const look = bandLook(nb.tier);
    const yTop = y(Math.min(hi, nb.to ?? hi));
    const yBottom = y(Math.max(lo, nb.from));
    if (spec.kind === 'line') body.push(rect(left, yTop, plotW, yBottom - yTop, look.band));
  }
  for (const t of tickValues) {
    body.push(line(left, y(t), left + plotW, y(t), GRID));
    body.push(
      text(left - 6, y(t) + 4, value(t, percent), { 'text-anchor': 'end', fill: MUTED, 'font-size': 10 }),
    );
  }
  for (const nb of spec.normBands) {
    const look = bandLook(nb.tier);
    body.push(
      line(
        left,
        y(nb.from),
        left + plotW,
        y(nb.from),
        look.stroke,
        ' stroke-width="1.5" stroke-dasharray="5 3"',
      ),
    );
    body.push(
      text(left + plotW + 4, y(nb.from) + 3, `${look.shape} ${nb.label}`, {
        'font-size': 9,
        fill: look.stroke,
      }),
    );
  }
  xs.forEach((x, i) =>
    body.push(text(cx(i), top + plotH + 16, x, { 'text-anchor': 'middle', 'font-size': 10 })),
  );
  body.push(line(left, top + plotH, left + plotW, top + plotH, MUTED));
  if (spec.kind === 'bar') {
    const n = Math.max(1, spec.series.length);
    const barW = Math.min(40, (band * 0.7) / n);
    spec.series.forEach((s, si) => {
      const colour = SERIES_COLOURS[si % SERIES_COLOURS.length] ?? INK;
      for (const p of s.points) {
        if (p.y === null) continue;
        const i = xs.indexOf(p.x);
        const bx = cx(i) - (barW * n) / 2 + barW * si;
        const fill = p.status ? STATUS_LOOK[p.status].fill : colour;
        body.push(
          rect(
            bx,
            y(Math.max(lo, p.y)),
            barW - 2,
            y(lo) - y(Math.max(lo, p.y)),
            fill,
            p.small ? ' fill-opacity="0.45"' : '',
          ),
        );
        body.push(
          text(
            bx + (barW - 2) / 2,
            y(p.y) - 3,
            `${p.status ? `${STATUS_LOOK[p.status].shape} ` : ''}${value(p.y, percent)}${p.small ? '*' : ''}`,
            { 'text-anchor': 'middle', 'font-size': 9 },
          ),
        );
      }
    });
  } else {
    spec.series.forEach((s, si) => {
      const colour = SERIES_COLOURS[si % SERIES_COLOURS.length] ?? INK;
      const pts = s.points
        .filter((p) => p.y !== null)
        .map((p) => ({ p, px: cx(xs.indexOf(p.x)), py: y(p.y as number) }));
      if (pts.length > 1) {
        const d = pts.map((q, i) => `${i === 0 ? 'M' : 'L'}${num(q.px)} ${num(q.py)}`).join(' ');
        body.push(
          `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
        );
      }
      for (const q of pts) {
        body.push(
          `<circle cx="${num(q.px)}" cy="${num(q.py)}" r="3.5" fill="${q.p.small ? '#ffffff' : colour}" stroke="${colour}" stroke-width="1.5"/>`,
        );
        body.push(
          text(q.px, q.py - 7, `${value(q.p.y, percent)}${q.p.small ? '*' : ''}`, {
            'text-anchor': 'middle',
            'font-size': 9,
            fill: colour,
          }),
        );
      }
    });
  }
  body.push(text(12, top - 8, spec.yLabel, { fill: MUTED, 'font-size': 10 }));
  let height = top + plotH + 24;
  if (spec.series.length > 1 || spec.kind === 'line') {
    // Series legend: a coloured mark (dashed where the series is) and the label, side by side.
    let lx = 12;
    const ly = height + 8;
    spec.series.forEach((s, si) => {
      const colour = SERIES_COLOURS[si % SERIES_COLOURS.length] ?? INK;
      body.push(
        line(lx, ly, lx + 18, ly, colour, ` stroke-width="3"${s.dashed ? ' stroke-dasharray="4 3"' : ''}`),
      );
      body.push(text(lx + 22, ly + 4, s.label, { 'font-size': 10 }));
      lx += 30 + s.label.length * 6;
    });
    height += 14;
  }
  const legend = [
    ...bandLegend(spec, percent),
    ...spec.annotations.filter((a) => a.kind !== 'klein').map((a) => `${a.x}: ${a.text}`),
    ...smallNote(spec.series.flatMap((s) => s.points)),
  ];
  return frame(spec, width, height, body, legend);
}

/**
 * The spec as an SVG string with its size. Bars and stacked bars with their norm lines, heatmaps with the
 * status colour and shape per cell, lines with norm bands; a small group's value carries "*" and the legend
 * says "* n < 5".
 *
 * @example const { svg, width, height } = chartSpecToSvg(buildChartSpec('overview', report)!);
 */
export function chartSpecToSvg(spec: ChartSpec, options: ChartSvgOptions = {}): ChartSvg {
  const width = options.width ?? 640;
  switch (spec.kind) {
    case 'heatmap':
      return heatmap(spec, width);
    case 'stacked-bar':
      return stackedBars(spec, width);
    case 'bar':
    case 'line':
      return xyChart(spec, width);
  }
}
