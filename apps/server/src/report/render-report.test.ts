import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import { exampleReport } from './testing';

const { report: exampleBoardReport, pupilNames } = exampleReport();

const SECTION_HEADINGS = [
  'Welke data en bronnen hebben we gebruikt?',
  'Waar staan we nu t.o.v. doelen en normen?',
  'Welke trends zien we?',
  'Wat zijn de meest waarschijnlijke oorzaken voor positieve resultaten?',
  'Wat zijn de meest waarschijnlijke oorzaken voor tegenvallende resultaten?',
  'Wat weten we nog niet en vraagt om aanvullend onderzoek?',
  'Welke zorgsignalen zien we?',
  'Wat hebben we te doen?',
  'Welke nieuwe doelen stellen we?',
];

/** In order: each heading appears after the one before it. */
function expectInOrder(text: string, parts: readonly string[]): void {
  let at = -1;
  for (const part of parts) {
    const next = text.indexOf(part, at + 1);
    expect(next, `"${part}" after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ');

describe('report renderers, read back', () => {
  const report = exampleBoardReport;

  it('draws every chart of the example board from the aggregates', () => {
    const charts = report.sections.flatMap((s) => s.charts);
    expect(charts.map((c) => [c.title, c.spec?.kind])).toEqual([
      ['Overzicht alle groepen × alle toetsen', 'heatmap'],
      ['Rekenen-Wiskunde: niveauverdeling per groep', 'stacked-bar'],
      ['Trend rekenen groep 6', 'line'],
    ]);
  });

  it('Markdown: the headings in order, an action with owner, the n < 5 mark, charts as data tables', () => {
    const md = renderMarkdown(report);
    expect(
      md.startsWith(
        '# Studiedag groep 6\n\nSamenvatting van de analyse (stap 11)\n\nSchool: Basisschool De Vlinder  \nDatum: 1 december 2026\n',
      ),
    ).toBe(true);
    expectInOrder(md, [
      '## Samenvatting van het team',
      ...SECTION_HEADINGS.map((h, i) => `## ${i + 1}. ${h}`),
    ]);
    expect(md).toContain(
      '- Na elke instructiestap vijf minuten begeleid inoefenen\n  - Doel: Groep 6 haalt bij E',
    );
    expect(md).toContain('  - Eigenaar: Anja de Vries');
    expect(md).toContain('  - **Let op:** Geen eigenaar');
    expect(md).toContain('Groep 6 NT2 · % I–III: 33,3% (n \\< 5)');
    expect(md).toMatch(
      /\*\*Rekenen-Wiskunde E [^\n]*: niveauverdeling per groep\*\*\n\n\| {2}\| I \| II \| III \| IV \| V \| n \|/,
    );
    for (const name of pupilNames) expect(md).not.toContain(name);
  });

  it('HTML: a standalone document with print CSS, inline SVG charts and the sections as text', () => {
    const html = renderHtml(report);
    expect(html.startsWith('<!doctype html>\n<html lang="nl">')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html.match(/<svg role="img" xmlns="http:\/\/www.w3.org\/2000\/svg"/g)).toHaveLength(3);
    const text = normalise(html.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' '));
    expectInOrder(text, ['Studiedag groep 6', 'Samenvatting van het team', ...SECTION_HEADINGS]);
    expect(text).toContain('Eigenaar: Anja de Vries');
    expect(text).toContain('33,3% (n &lt; 5)');
    for (const name of pupilNames) expect(html).not.toContain(name);
  });

  it('PDF: the text read back has the title, every heading in order and an action', async () => {
    const pdf = await renderPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
      mergePages: true,
    });
    const flat = normalise(text);
    expect(totalPages).toBeGreaterThanOrEqual(2);
    expectInOrder(flat, ['Studiedag groep 6', 'Samenvatting van het team', ...SECTION_HEADINGS]);
    expect(flat).toContain('Na elke instructiestap vijf minuten begeleid inoefenen');
    expect(flat).toContain('Eigenaar: Anja de Vries');
    expect(flat).toContain('33,3% (n < 5)');
    expect(flat).toContain(`Pagina 1 van ${totalPages}`);
    // The title page: subtitle, title, school and date, and nothing of the sections yet.
    const proxy = await getDocumentProxy(new Uint8Array(pdf));
    const { text: pages } = await extractText(proxy, { mergePages: false });
    const first = normalise(pages[0] ?? '');
    expectInOrder(first, [
      'Samenvatting van de analyse (stap 11)',
      'Studiedag groep 6',
      'Basisschool De Vlinder',
      '1 december 2026',
      'Analysevraag:',
    ]);
    expect(first).not.toContain(SECTION_HEADINGS[0]);
    for (const name of pupilNames) expect(flat).not.toContain(name);
  });

  it('DOCX: word/document.xml has the headings as Word headings, an action, and each chart as SVG with a PNG fallback', async () => {
    const docx = await renderDocx(report);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = normalise(xml.replace(/<[^>]+>/g, ''));
    expectInOrder(text, ['Studiedag groep 6', 'Samenvatting van het team', ...SECTION_HEADINGS]);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    // The title page ends in a page break before the first heading, and carries the school and date.
    const beforeBreak = normalise(xml.slice(0, xml.indexOf('<w:br w:type="page"/>')).replace(/<[^>]+>/g, ''));
    expectInOrder(beforeBreak, ['Studiedag groep 6', 'Basisschool De Vlinder', '1 december 2026']);
    expect(beforeBreak).not.toContain('Samenvatting van het team');
    // No chart is kept with the next paragraph: a run of charts would move as one block and leave pages empty.
    const chartParagraphs = xml.split('<w:p>').filter((p) => p.includes('<w:drawing>'));
    expect(chartParagraphs).toHaveLength(3);
    for (const p of chartParagraphs) expect(p).not.toContain('<w:keepNext/>');
    expect(text).toContain('Na elke instructiestap vijf minuten begeleid inoefenen');
    expect(text).toContain('Let op: Geen eigenaar');
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(3);
    expect(media.filter((f) => f.endsWith('.png'))).toHaveLength(3);
    const png = await zip.file(media.find((f) => f.endsWith('.png'))!)!.async('uint8array');
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    for (const name of pupilNames) expect(xml).not.toContain(name);
  });
});
