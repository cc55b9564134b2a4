import type { ChartSpec } from '@koers/analysis/charts';
import type { Report } from '@koers/board';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';

/** The export formats of step 11, with what the HTTP answer says about each. */
export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPE: Readonly<Record<ExportFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The report in one format, as bytes. */
export async function renderReport(format: ExportFormat, report: Report<ChartSpec>): Promise<Buffer> {
  switch (format) {
    case 'md':
      return Buffer.from(renderMarkdown(report), 'utf8');
    case 'html':
      return Buffer.from(renderHtml(report), 'utf8');
    case 'pdf':
      return renderPdf(report);
    case 'docx':
      return renderDocx(report);
  }
}
