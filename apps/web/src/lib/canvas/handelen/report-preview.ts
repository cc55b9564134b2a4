import { boardToJSON, buildReport, type ChartView, type Report } from '@koers/board';
import type * as Y from 'yjs';

/**
 * Step 11's preview: the same `buildReport` the export renders, from this device's copy of the board. The
 * charts are listed by title only (the export draws them on the server from the school's data).
 */
export function previewReport(
  doc: Y.Doc,
  chartViews: readonly Pick<ChartView, 'id' | 'stepId' | 'title' | 'analysisKind'>[],
  ownerNames: Readonly<Record<string, string>>,
  date = new Date(),
): Report {
  const charts = chartViews.map((v) => ({
    viewId: v.id,
    stepId: v.stepId,
    title: v.title || v.analysisKind,
    spec: null,
  }));
  return buildReport(boardToJSON(doc), charts, { ownerNames, date });
}
