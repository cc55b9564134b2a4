import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../chart-spec';
import { fixtureReport } from './charts.fixture';
import { chartSpecToSvg } from './chart-svg';
import { groupLevelsChart } from './level-distribution';
import { overviewChart } from './overview';

/** The text content of every <text> element, in document order. */
const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '').replace(/&lt;/g, '<').replace(/&amp;/g, '&'),
  );

/** Well-formed enough for every consumer: one root, every tag closed or self-closed, balanced. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2] as string);
  }
  return stack.length === 0;
}

describe('chartSpecToSvg', () => {
  const report = fixtureReport();

  it('draws the overview heatmap with each cell’s status shape, value and small-group mark', () => {
    const { svg, width, height } = chartSpecToSvg(overviewChart(report, { withClasses: true }));
    expect(balanced(svg)).toBe(true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640"')).toBe(true);
    expect(width).toBe(640);
    expect(height).toBeGreaterThan(100);
    // groep 5 streef 120 (n 5); 5A streef 110 (n 3, small); 5B minimum 135 (small); groep 6 minimum 215 (small).
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        'groep 5',
        '▲ 120',
        '5A',
        '▲ 110*',
        '◆ 135*',
        '◆ 215*',
        '* n < 5: kleine groep, voorzichtig interpreteren',
      ]),
    );
    expect(svg).toContain('fill="#cfc9ea"'); // streef
    expect(svg).toContain('fill="#fdd9a8"'); // minimum
  });

  it('draws stacked level bars with n (n < 5 instead of a small n) and the shared norm lines', () => {
    const spec = groupLevelsChart(report, { subject: 'Spelling' }) as ChartSpec;
    const { svg } = chartSpecToSvg(spec);
    expect(balanced(svg)).toBe(true);
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(['5A', '5B', '6A', 'n < 5', '◆ 50%', '▲ 60%']));
    expect(t).not.toContain('n = 3');
    expect(svg.match(/stroke-dasharray="5 3"/g)).toHaveLength(2);
  });

  it('draws lines with norm bands, dashed series and hollow markers for small groups', () => {
    const spec: ChartSpec = {
      kind: 'line',
      title: 'Trend <rekenen> & groep 6',
      xLabel: 'meting',
      yLabel: 'vaardigheidsscore',
      series: [
        {
          id: 'a',
          label: 'groep 6',
          points: [
            { x: '2024 M', y: 200, n: 24, small: false },
            { x: '2025 M', y: 190, n: 3, small: true },
          ],
        },
        {
          id: 'b',
          label: 'verwacht',
          dashed: true,
          points: [
            { x: '2024 M', y: 200, n: 24, small: false },
            { x: '2025 M', y: 210, n: 24, small: false },
          ],
        },
      ],
      normBands: [{ tier: 'minimum', label: 'minimum', from: 195, to: null }],
      annotations: [{ x: '2025 M', text: 'daling', kind: 'signaal' }],
    };
    const { svg } = chartSpecToSvg(spec, { width: 500 });
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain('<title>Trend &lt;rekenen&gt; &amp; groep 6</title>');
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('r="3.5" fill="#ffffff"');
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['190*', 'groep 6', 'verwacht', '2025 M: daling', 'Normen: ◆ minimum 195']),
    );
    // The norm line is named right of the plot, running outwards, not over the last points' value labels.
    const bandLabel = /<text x="([\d.]+)"([^>]*)>◆ minimum<\/text>/.exec(svg);
    const plotEnd = Math.max(...[...svg.matchAll(/<line [^>]*x2="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(Number(bandLabel?.[1])).toBeGreaterThan(plotEnd);
    expect(bandLabel?.[2]).not.toContain('text-anchor="end"');
  });

  it('draws bars coloured by norm status with their shape', () => {
    const spec: ChartSpec = {
      kind: 'bar',
      title: 'Leerwinst',
      xLabel: 'groep',
      yLabel: '% I–III',
      series: [
        {
          id: 's',
          label: 's',
          points: [
            { x: '5', y: 62, n: 20, small: false, status: 'streef' },
            { x: '6', y: 40, n: 4, small: true, status: 'onder-minimum' },
          ],
        },
      ],
      normBands: [{ tier: 'minimum', label: 'minimum', from: 50, to: 60 }],
      annotations: [],
      yDomain: [0, 100],
    };
    const t = texts(chartSpecToSvg(spec).svg);
    expect(t).toEqual(expect.arrayContaining(['▲ 62%', '▼ 40%*', '100%']));
  });

  it('wraps a title too long for the width onto a second line, moves the chart down, and never writes "-0"', () => {
    const title =
      'NT2 tegenover de rest: Rekenen-Wiskunde (E), verschil in gemiddelde vaardigheidsscore over de jaren';
    const spec: ChartSpec = {
      kind: 'line',
      title,
      xLabel: 'schooljaar',
      yLabel: 'verschil',
      series: [
        {
          id: 'v',
          label: 'verschil',
          points: [
            { x: '2024-2025', y: 2.4, n: 20, small: false },
            { x: '2025-2026', y: -0.3, n: 20, small: false },
          ],
        },
      ],
      normBands: [],
      annotations: [],
    };
    const short = chartSpecToSvg({ ...spec, title: 'Kort' }, { width: 640 });
    const long = chartSpecToSvg(spec, { width: 640 });
    expect(balanced(long.svg)).toBe(true);
    const [first, second] = texts(long.svg);
    expect(`${first} ${second}`).toBe(title);
    expect(first!.length).toBeLessThan(title.length);
    expect(long.height).toBe(short.height + 16);
    expect(long.svg).toContain('<g transform="translate(0 16)">');
    expect(texts(long.svg)).not.toContain('-0');
    expect(texts(long.svg)).toContain('0');
  });

  it('is deterministic', () => {
    const spec = overviewChart(report);
    expect(chartSpecToSvg(spec).svg).toBe(chartSpecToSvg(spec).svg);
  });
});
