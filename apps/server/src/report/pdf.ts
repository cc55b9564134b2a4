// The web app type-checks this file through AppType, without the server's tsconfig: name the declaration.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration has no import
/// <reference path="./pdfmake.d.ts" />
import { chartSpecToSvg, type ChartSpec } from '@koers/analysis/charts';
import { formatDate, type Report, type ReportChart, type ReportGroup, type ReportItem } from '@koers/board';
import pdfmake from 'pdfmake';
import { DEJAVU_SANS, FONT_FILES, ROBOTO } from './fonts';
import { REPORT_FOOTER, REPORT_SUBTITLE, TEAM_TEXT_HEADING } from './report-words';

/**
 * The report as a PDF with pdfmake 0.3: text in Roboto, charts drawn as vectors from their SVG (pdfmake's
 * svg node) in DejaVu Sans, both embedded. A4, page numbers, no heading left alone at the bottom of a page (a heading and its first item are one block).
 * pdfmake is a module-level singleton: fonts and access policies are set once here; it may open the font
 * files and nothing else, and never fetches a URL.
 */

pdfmake.setFonts({ Roboto: ROBOTO, 'DejaVu Sans': DEJAVU_SANS });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => FONT_FILES.includes(path));

/** A node of pdfmake's document definition (plain data). */
type Content = string | Record<string, unknown>;

const CONTENT_WIDTH = 515; // A4 (595pt) minus 40pt margins each side.

function chartContent(chart: ReportChart<ChartSpec>): Content {
  if (!chart.spec)
    return { text: `${chart.title}: ${chart.unavailable ?? 'niet beschikbaar'}`, style: 'empty' };
  const { svg, width } = chartSpecToSvg(chart.spec);
  return {
    svg,
    width: Math.min(CONTENT_WIDTH, width * 0.75),
    margin: [0, 6, 0, 10],
    unbreakable: true,
  };
}

function itemContent(item: ReportItem): Content {
  const sub = [
    ...item.details.map((d) => ({ text: d, style: 'detail' })),
    ...item.flags.map((f) => ({ text: `Let op: ${f}`, style: 'flag' })),
  ];
  return sub.length > 0
    ? { stack: [{ text: item.text }, { ul: sub, type: 'circle', margin: [0, 1, 0, 2] }], unbreakable: true }
    : { text: item.text };
}

/**
 * A heading is kept with what follows it: the heading and the first item (or chart) form one unbreakable
 * block, the rest of the list follows as a list of its own.
 */
function withHeading(heading: Content, blocks: Content[]): Content[] {
  const [first, ...rest] = blocks;
  return first ? [{ stack: [heading, first], unbreakable: true }, ...rest] : [heading];
}

function groupContent(group: ReportGroup): Content[] {
  const [first, ...rest] = group.items.map(itemContent);
  const blocks: Content[] = [];
  if (first) blocks.push({ ul: [first] });
  if (rest.length > 0) blocks.push({ ul: rest });
  const spaced = [
    ...blocks.slice(0, -1),
    ...blocks.slice(-1).map((b) => ({ ...(b as object), margin: [0, 0, 0, 4] })),
  ];
  return group.title ? withHeading({ text: group.title, style: 'h3' }, spaced) : spaced;
}

function sectionContent(report: Report<ChartSpec>): Content[] {
  const out: Content[] = [];
  report.sections.forEach((section, index) => {
    const blocks: Content[] = [];
    if (section.groups.length === 0 && section.charts.length === 0) {
      blocks.push({ text: section.emptyText, style: 'empty' });
    }
    for (const group of section.groups) blocks.push(...groupContent(group));
    for (const chart of section.charts) blocks.push(chartContent(chart));
    out.push(...withHeading({ text: `${index + 1}. ${section.title}`, style: 'h2' }, blocks));
  });
  return out;
}

export function pdfDefinition(report: Report<ChartSpec>): Record<string, unknown> {
  const lead: Content[] = [];
  if (report.question)
    lead.push({ text: [{ text: 'Analysevraag: ', bold: true }, report.question], margin: [0, 0, 0, 6] });
  if (report.decision)
    lead.push({ text: [{ text: 'Beslissing: ', bold: true }, report.decision], margin: [0, 0, 0, 6] });
  // The title page: what a reader at the board of governors or the Inspectie sees first.
  const titlePage: Content[] = [
    { text: REPORT_SUBTITLE, style: 'kicker', margin: [0, 160, 0, 8] },
    { text: report.title, style: 'h1' },
    ...(report.school ? [{ text: report.school, style: 'school' }] : []),
    { text: formatDate(report.date), style: 'meta' },
    {
      canvas: [
        { type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 1.5, lineColor: '#0b4f6c' },
      ],
      margin: [0, 6, 0, 14],
    },
    ...lead,
    { text: '', pageBreak: 'after' },
  ];
  const team: Content[] = report.teamText
    ? [
        ...withHeading(
          { text: TEAM_TEXT_HEADING, style: 'h2' },
          report.teamText.split('\n').map((line): Content => ({ text: line, margin: [0, 0, 0, 4] })),
        ),
      ]
    : [];
  return {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 56],
    info: { title: report.title, subject: REPORT_SUBTITLE, creator: 'Koers' },
    language: 'nl-NL',
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25, color: '#17202c' },
    styles: {
      kicker: { fontSize: 11, color: '#4a5565' },
      h1: { fontSize: 24, bold: true, color: '#0b4f6c', lineHeight: 1.1 },
      school: { fontSize: 14, margin: [0, 8, 0, 0] },
      meta: { fontSize: 12, color: '#4a5565', margin: [0, 4, 0, 10] },
      h2: { fontSize: 13, bold: true, color: '#0b4f6c', margin: [0, 14, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 2] },
      detail: { color: '#4a5565', fontSize: 9 },
      flag: { color: '#9a4a05', fontSize: 9, bold: true },
      empty: { color: '#4a5565', italics: true, margin: [0, 0, 0, 4] },
      footer: { color: '#4a5565', fontSize: 8 },
    },
    content: [
      ...titlePage,
      ...team,
      ...sectionContent(report),
      { text: REPORT_FOOTER, style: 'footer', margin: [0, 16, 0, 0] },
    ],
    footer: (page: number, pages: number) => ({
      columns: [
        { text: report.title, style: 'footer' },
        { text: `Pagina ${page} van ${pages}`, style: 'footer', alignment: 'right' },
      ],
      margin: [40, 20, 40, 0],
    }),
  };
}

export async function renderPdf(report: Report<ChartSpec>): Promise<Buffer> {
  return Buffer.from(await pdfmake.createPdf(pdfDefinition(report)).getBuffer());
}
