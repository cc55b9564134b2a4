import { analyseSchool, emptyNormSet } from '@koers/analysis';
import type { ChartSpec } from '@koers/analysis/charts';
import { boardToJSON, buildReport, fillExampleStudyDay, type Report } from '@koers/board';
import * as Y from 'yjs';
import { aggregateReport } from '../datasets/aggregate-view';
import { namedDemoSchool } from '../datasets/testing';
import { reportCharts } from './report-charts';

/**
 * For tests and looking at the exports: the example study day (packages/board) with its three charts drawn
 * from a demo school's aggregates, and the demo pupils' names (which no export may contain).
 */
export function exampleReport(): { report: Report<ChartSpec>; pupilNames: string[] } {
  const demo = namedDemoSchool({ seed: 11, schoolYears: 2, pupilsPerGroup: 12 });
  const aggregate = aggregateReport(analyseSchool(demo.results, emptyNormSet()));
  const doc = new Y.Doc();
  fillExampleStudyDay(doc, 'ds-demo');
  const json = boardToJSON(doc);
  const charts = reportCharts(json.canvas.chartViews, (id) => (id === 'ds-demo' ? aggregate : null));
  const report = buildReport(json, charts, {
    ownerNames: { 'user-anja': 'Anja de Vries', 'user-ib': 'Ilse Bakker' },
    date: new Date('2026-12-01T10:00:00Z'),
    school: 'Basisschool De Vlinder',
  });
  return { report, pupilNames: demo.names };
}
