import { chartSpecToSvg, type ChartSpec } from '@koers/analysis/charts';
import { formatDate, type Report, type ReportChart } from '@koers/board';
import { chartDataTable } from './chart-data-table';
import { REPORT_FOOTER, REPORT_SUBTITLE, TEAM_TEXT_HEADING } from './report-words';

/**
 * The report as one standalone HTML document: inline CSS (screen and print: A4 margins, no page break inside
 * an item or chart, headings kept with what follows), charts as inline SVG with their data table under a
 * <details> for screen readers and copy-paste. No scripts, no external resources.
 */

const esc = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
  :root { color: #17202c; font-family: Roboto, "DejaVu Sans", Arial, sans-serif; line-height: 1.45; }
  body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
  h2 { font-size: 1.2rem; margin-top: 1.8rem; border-bottom: 2px solid #0b4f6c; padding-bottom: 0.2rem; color: #0b4f6c; }
  h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
  .meta { color: #4a5565; margin: 0 0 1rem; }
  .lead p { margin: 0.3rem 0; }
  ul { padding-left: 1.2rem; margin: 0.3rem 0; }
  li { margin: 0.25rem 0; }
  li ul { color: #4a5565; font-size: 0.92rem; list-style: circle; }
  .flag { color: #9a4a05; font-weight: 600; }
  .empty { color: #4a5565; font-style: italic; }
  figure { margin: 1rem 0; }
  figure svg { max-width: 100%; height: auto; }
  table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
  th, td { border: 1px solid #d9dee5; padding: 0.2rem 0.5rem; text-align: left; }
  footer { margin-top: 2rem; color: #4a5565; font-size: 0.85rem; border-top: 1px solid #d9dee5; padding-top: 0.5rem; }
  @page { size: A4; margin: 18mm 16mm; }
  @media print {
    body { margin: 0; max-width: none; }
    h2, h3 { break-after: avoid; }
    li, figure { break-inside: avoid; }
    details { display: none; }
  }
`;

function chartHtml(chart: ReportChart<ChartSpec>): string {
  if (!chart.spec) {
    return `<p class="empty">${esc(chart.title)}: ${esc(chart.unavailable ?? 'niet beschikbaar')}</p>`;
  }
  const { svg } = chartSpecToSvg(chart.spec);
  const table = chartDataTable(chart.spec);
  const head = `<tr>${table.header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
  const body = table.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return (
    `<figure role="group" aria-label="${esc(chart.spec.title || chart.title)}">${svg.replace('<svg ', '<svg role="img" ')}` +
    `<details><summary>Toon als tabel</summary><table>${head}${body}</table>` +
    `${table.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</details></figure>`
  );
}

export function renderHtml(report: Report<ChartSpec>): string {
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="nl">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(report.title)}</title><style>${STYLE}</style></head>`,
    '<body>',
    `<header><p class="meta">${REPORT_SUBTITLE}</p><h1>${esc(report.title)}</h1>` +
      `<p class="meta">${report.school ? `${esc(report.school)} · ` : ''}${esc(formatDate(report.date))}</p>`,
  ];
  const lead: string[] = [];
  if (report.question) lead.push(`<p><strong>Analysevraag:</strong> ${esc(report.question)}</p>`);
  if (report.decision) lead.push(`<p><strong>Beslissing:</strong> ${esc(report.decision)}</p>`);
  if (lead.length > 0) parts.push(`<div class="lead">${lead.join('')}</div>`);
  parts.push('</header><main>');
  if (report.teamText) {
    parts.push(
      `<section><h2>${TEAM_TEXT_HEADING}</h2>${report.teamText
        .split('\n')
        .map((line) => `<p>${esc(line)}</p>`)
        .join('')}</section>`,
    );
  }
  report.sections.forEach((section, index) => {
    parts.push(`<section id="${section.id}"><h2>${index + 1}. ${esc(section.title)}</h2>`);
    if (section.groups.length === 0 && section.charts.length === 0) {
      parts.push(`<p class="empty">${esc(section.emptyText)}</p>`);
    }
    for (const group of section.groups) {
      if (group.title) parts.push(`<h3>${esc(group.title)}</h3>`);
      parts.push('<ul>');
      for (const item of group.items) {
        const sub = [
          ...item.details.map((d) => `<li>${esc(d)}</li>`),
          ...item.flags.map((f) => `<li class="flag">Let op: ${esc(f)}</li>`),
        ];
        parts.push(`<li>${esc(item.text)}${sub.length > 0 ? `<ul>${sub.join('')}</ul>` : ''}</li>`);
      }
      parts.push('</ul>');
    }
    for (const chart of section.charts) parts.push(chartHtml(chart));
    parts.push('</section>');
  });
  parts.push(`</main><footer>${esc(REPORT_FOOTER)}</footer></body></html>`);
  return parts.join('\n');
}
