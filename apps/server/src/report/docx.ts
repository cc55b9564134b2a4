import { chartSpecToSvg, type ChartSpec } from '@koers/analysis/charts';
import { formatDate, type Report, type ReportChart } from '@koers/board';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import { svgToPng } from './chart-png';
import { REPORT_FOOTER, REPORT_SUBTITLE, TEAM_TEXT_HEADING } from './report-words';

/**
 * The report as a Word document (`docx` 9): real headings (the navigation pane lists the seed's questions),
 * bulleted items with their details one level deeper, charts as SVG images with a PNG fallback drawn by
 * resvg for processors without SVG support. Editable by the school leader before sending it on.
 */

/** Chart width in the document (px at 96 dpi: 16 cm fits A4 with Word's default margins). */
const CHART_WIDTH = 600;
/** Space around headings (twentieths of a point): the default heading styles sit tight against the text. */
const H1_SPACING = { before: 360, after: 120 };
const H2_SPACING = { before: 200, after: 60 };

interface ChartImage {
  svg: string;
  png: Buffer;
  size: { width: number; height: number };
}

async function chartImage(spec: ChartSpec): Promise<ChartImage> {
  const { svg, width, height } = chartSpecToSvg(spec);
  const size = { width: CHART_WIDTH, height: Math.round(height * (CHART_WIDTH / width)) };
  // At the image's own size: Word since 2016 shows the SVG; the PNG is for older processors only.
  return { svg, png: await svgToPng(svg, CHART_WIDTH), size };
}

function chartParagraphs(chart: ReportChart<ChartSpec>, image: ChartImage | undefined): Paragraph[] {
  if (!chart.spec || !image) {
    return [
      new Paragraph({
        children: [
          new TextRun({ text: `${chart.title}: ${chart.unavailable ?? 'niet beschikbaar'}`, italics: true }),
        ],
      }),
    ];
  }
  const { svg, png, size } = image;
  return [
    // Not kept with the next paragraph: a run of charts chained that way moves as one block and leaves pages
    // empty. The heading before a chart is kept with it instead.
    new Paragraph({
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(svg, 'utf8'),
          fallback: { type: 'png', data: png },
          transformation: size,
          altText: {
            name: chart.spec.title || chart.title,
            description: chart.spec.title,
            title: chart.title,
          },
        }),
      ],
    }),
  ];
}

const text = (value: string, options: { bold?: boolean; italics?: boolean; color?: string } = {}): TextRun =>
  new TextRun({ text: value, ...options });

export async function renderDocx(report: Report<ChartSpec>): Promise<Buffer> {
  const charts = report.sections.flatMap((s) => s.charts);
  const images = new Map(
    await Promise.all(
      charts.flatMap((c) => (c.spec ? [chartImage(c.spec).then((image) => [c, image] as const)] : [])),
    ),
  );
  // The title page: subtitle, title, school, date, the analysis question and decision, then a page break.
  const body: Paragraph[] = [
    new Paragraph({
      spacing: { before: 3000, after: 120 },
      children: [text(REPORT_SUBTITLE, { color: '4A5565' })],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(report.title)] }),
  ];
  if (report.school)
    body.push(
      new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: report.school, size: 28 })] }),
    );
  body.push(
    new Paragraph({
      spacing: { after: 360 },
      children: [new TextRun({ text: formatDate(report.date), size: 24, color: '4A5565' })],
    }),
  );
  if (report.question)
    body.push(
      new Paragraph({
        spacing: { after: 120 },
        children: [text('Analysevraag: ', { bold: true }), text(report.question)],
      }),
    );
  if (report.decision)
    body.push(new Paragraph({ children: [text('Beslissing: ', { bold: true }), text(report.decision)] }));
  body.push(new Paragraph({ children: [new PageBreak()] }));
  if (report.teamText) {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: H1_SPACING,
        children: [text(TEAM_TEXT_HEADING)],
      }),
    );
    for (const line of report.teamText.split('\n'))
      body.push(new Paragraph({ spacing: { after: 120 }, children: [text(line)] }));
  }
  report.sections.forEach((section, index) => {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: H1_SPACING,
        keepNext: true,
        children: [text(`${index + 1}. ${section.title}`)],
      }),
    );
    if (section.groups.length === 0 && section.charts.length === 0) {
      body.push(new Paragraph({ children: [text(section.emptyText, { italics: true, color: '4A5565' })] }));
    }
    for (const group of section.groups) {
      if (group.title)
        body.push(
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            spacing: H2_SPACING,
            keepNext: true,
            children: [text(group.title)],
          }),
        );
      for (const item of group.items) {
        body.push(new Paragraph({ bullet: { level: 0 }, children: [text(item.text)] }));
        for (const d of item.details) {
          body.push(new Paragraph({ bullet: { level: 1 }, children: [text(d, { color: '4A5565' })] }));
        }
        for (const f of item.flags) {
          body.push(
            new Paragraph({
              bullet: { level: 1 },
              children: [text(`Let op: ${f}`, { bold: true, color: '9A4A05' })],
            }),
          );
        }
      }
    }
    for (const chart of section.charts) body.push(...chartParagraphs(chart, images.get(chart)));
  });
  body.push(
    new Paragraph({
      spacing: { before: 400 },
      children: [text(REPORT_FOOTER, { italics: true, color: '4A5565' })],
    }),
  );

  const pageNumber: ParagraphChild[] = [
    text('Pagina '),
    new TextRun({ children: [PageNumber.CURRENT] }),
    text(' van '),
    new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
  ];
  const doc = new Document({
    creator: 'Koers',
    title: report.title,
    description: REPORT_SUBTITLE,
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: pageNumber })],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
