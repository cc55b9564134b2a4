import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { analysisEntryProblem, analysisMap, readAnalysisContext, setAnalysisField } from './analysis-context';

describe('the analysis context (step 1 and the charts’ data)', () => {
  it('reads empty on a new board and keeps each field under its own key', () => {
    const doc = new Y.Doc();
    expect(readAnalysisContext(doc)).toEqual({
      question: '',
      decision: '',
      purpose: null,
      datasetId: null,
      schoolYear: null,
      moment: null,
    });
    setAnalysisField(doc, 'question', 'Waarom daalt spelling in groep 5?');
    setAnalysisField(doc, 'decision', 'Keuze voor extra instructietijd');
    setAnalysisField(doc, 'purpose', 'begrijpen');
    setAnalysisField(doc, 'datasetId', 'ds-2026');
    setAnalysisField(doc, 'schoolYear', '2025-2026');
    setAnalysisField(doc, 'moment', 'M');
    expect(readAnalysisContext(doc)).toMatchObject({
      purpose: 'begrijpen',
      schoolYear: '2025-2026',
      moment: 'M',
    });
    setAnalysisField(doc, 'purpose', null);
    setAnalysisField(doc, 'decision', '');
    expect(analysisMap(doc).has('purpose')).toBe(false);
    expect(analysisMap(doc).has('decision')).toBe(false);
  });

  it('refuses bad values in Dutch; an invalid stored value reads as empty', () => {
    const doc = new Y.Doc();
    expect(() => setAnalysisField(doc, 'purpose', 'winnen' as never)).toThrow(
      'Analysevraag: kies begrijpen, verbeteren of borgen.',
    );
    expect(() => setAnalysisField(doc, 'schoolYear', '2026')).toThrow(
      'Analysevraag: schooljaar als 2025-2026.',
    );
    expect(analysisEntryProblem('leerlingnaam', 'Anna')).toBe('Analysevraag: onbekend veld.');
    analysisMap(doc).set('moment', 'Z');
    expect(readAnalysisContext(doc).moment).toBeNull();
  });
});
