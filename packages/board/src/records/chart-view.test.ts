import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ANALYSIS_KINDS } from '../../../analysis/src/views';
import { CHART_KINDS, createChartView, listChartViews, readChartView, updateChartView } from './chart-view';

describe('chartView records', () => {
  it('names only analyses that packages/analysis has', () => {
    // Read across the package boundary in the test only: board does not depend on analysis.
    for (const kind of CHART_KINDS) expect(ANALYSIS_KINDS).toContain(kind);
  });

  it('stores a view (dataset, analysis, filters, title), never numbers', () => {
    const doc = new Y.Doc();
    const id = createChartView(doc, {
      stepId: 's6',
      datasetId: 'ds-2026',
      analysisKind: 'subgroepen',
      filters: {
        schoolYear: '2025-2026',
        moment: 'M',
        subject: 'Rekenen-Wiskunde',
        level: 'subgroep',
        subgroup: 'nt2',
      },
    });
    expect(readChartView(doc, id)).toMatchObject({
      analysisKind: 'subgroepen',
      title: '',
      filters: { subgroup: 'nt2' },
    });
    updateChartView(doc, id, {
      filters: { subject: 'Spelling', grade: 6, subgroup: 'label:dyslexie' },
      title: 'Spelling g6',
    });
    expect(readChartView(doc, id)?.filters).toEqual({
      subject: 'Spelling',
      grade: 6,
      subgroup: 'label:dyslexie',
    });
    expect(() => updateChartView(doc, id, { filters: { moment: 'X' as never } })).toThrow(
      'Grafiek: kies B, M of E.',
    );
    expect(() => updateChartView(doc, id, { datasetId: '' })).toThrow('Grafiek: kies een dataset.');
    expect(listChartViews(doc, 's6').map((v) => v.id)).toEqual([id]);
    expect(listChartViews(doc, 's4')).toEqual([]);
  });
});
