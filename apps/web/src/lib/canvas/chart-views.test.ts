import { describe, expect, it } from 'vitest';
import { ADDABLE_KINDS, effectiveSource, missingDefaultViews } from './chart-views';

describe('chart views of a step', () => {
  it('creates only the step’s default views it lacks, on the board’s dataset', () => {
    const context = { datasetId: 'ds1' };
    expect(missingDefaultViews('s4', [], context).map((v) => v.analysisKind)).toEqual([
      'overzicht',
      'normen',
    ]);
    expect(missingDefaultViews('s4', [{ analysisKind: 'overzicht' }], context)).toEqual([
      { stepId: 's4', datasetId: 'ds1', analysisKind: 'normen', filters: {} },
    ]);
    expect(missingDefaultViews('s4', [], { datasetId: null })).toEqual([]);
    expect(missingDefaultViews('s9', [], context)).toEqual([]);
  });

  it('draws a view from its own year and moment, else the board’s', () => {
    const context = { datasetId: 'ds1', schoolYear: '2025-2026', moment: 'M' as const };
    expect(effectiveSource({ datasetId: 'ds1', filters: {} }, context)).toMatchObject({
      datasetId: 'ds1',
      schoolYear: '2025-2026',
      moment: 'M',
    });
    expect(
      effectiveSource({ datasetId: 'ds2', filters: { schoolYear: '2024-2025', moment: 'E' } }, context),
    ).toMatchObject({ datasetId: 'ds2', schoolYear: '2024-2025', moment: 'E' });
  });

  it('offers every kind that draws a chart for "Grafiek toevoegen"', () => {
    expect(ADDABLE_KINDS).not.toContain('zorg');
    expect(ADDABLE_KINDS).toContain('overzicht');
  });
});
