import type { ChartSpec } from '@koers/analysis/charts';
import { formatDate, type Report, type ReportChart } from '@koers/board';
import { chartDataTable } from './chart-data-table';
import { REPORT_FOOTER, REPORT_SUBTITLE, TEAM_TEXT_HEADING } from './report-words';

/**
 * The report as Markdown, by hand: it is just text. Headings follow the seed's questions, items are bullets
 * with their details indented, and charts become their data tables (Markdown has no pictures of its own).
 */

/** Markdown-significant characters in running text, escaped so a card's text cannot break the layout. */
const escapeText = (text: string): string => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
const cellText = (text: string): string => escapeText(text).replace(/\n/g, ' ');

function chartMarkdown(chart: ReportChart<ChartSpec>): string[] {
  if (!chart.spec)
    return [`*${escapeText(chart.title)}: ${escapeText(chart.unavailable ?? 'niet beschikbaar')}*`, ''];
  const table = chartDataTable(chart.spec);
  return [
    `**${escapeText(chart.spec.title || chart.title)}**`,
    '',
    `| ${table.header.map(cellText).join(' | ')} |`,
    `| ${table.header.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cellText).join(' | ')} |`),
    '',
    ...table.notes.map((n) => `- ${escapeText(n)}`),
    ...(table.notes.length > 0 ? [''] : []),
  ];
}

export function renderMarkdown(report: Report<ChartSpec>): string {
  const out: string[] = [`# ${escapeText(report.title)}`, '', `${REPORT_SUBTITLE}`, ''];
  if (report.school) out.push(`School: ${escapeText(report.school)}  `);
  out.push(`Datum: ${formatDate(report.date)}`, '');
  if (report.question) out.push(`**Analysevraag:** ${escapeText(report.question)}`, '');
  if (report.decision) out.push(`**Beslissing:** ${escapeText(report.decision)}`, '');
  if (report.teamText) {
    out.push(`## ${TEAM_TEXT_HEADING}`, '');
    for (const line of report.teamText.split('\n')) out.push(escapeText(line), '');
  }
  report.sections.forEach((section, index) => {
    out.push(`## ${index + 1}. ${escapeText(section.title)}`, '');
    if (section.groups.length === 0 && section.charts.length === 0)
      out.push(`*${escapeText(section.emptyText)}*`, '');
    for (const group of section.groups) {
      if (group.title) out.push(`### ${escapeText(group.title)}`, '');
      for (const item of group.items) {
        out.push(`- ${escapeText(item.text)}`);
        for (const d of item.details) out.push(`  - ${escapeText(d)}`);
        for (const f of item.flags) out.push(`  - **Let op:** ${escapeText(f)}`);
      }
      out.push('');
    }
    for (const chart of section.charts) out.push(...chartMarkdown(chart));
  });
  out.push('---', '', `*${REPORT_FOOTER}*`, '');
  return out.join('\n');
}
