import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createFact, listFacts, readFact, updateFact, FACT } from './fact';
import { createChartView } from './chart-view';
import { RecordValidationError } from './record-type';
import { recordClientId, recordsMap } from './record-store';
import { validateRecordValue } from './registry';
import { mergeBothOrders, fork } from './test-helpers';

const point = {
  viewId: 'AAAAAAAAAAAAAAAA',
  key: 'Rekenen|6|M',
  label: 'Groep 6 · Rekenen · M',
  value: 62,
  n: 24,
  unit: '%',
};

describe('fact records', () => {
  it('creates, reads and updates a fact with the chart point it came from', () => {
    const doc = new Y.Doc();
    const viewId = createChartView(doc, { stepId: 's4', datasetId: 'ds1', analysisKind: 'normen' });
    const id = createFact(doc, {
      stepId: 's4',
      text: '62% op I–III in groep 6',
      dataPoint: { ...point, viewId },
    });
    expect(readFact(doc, id)).toMatchObject({
      id,
      type: 'fact',
      stepId: 's4',
      text: '62% op I–III in groep 6',
      dataPoint: { viewId, value: 62, n: 24 },
      clientId: doc.clientID,
    });
    expect(recordClientId(doc, id)).toBe(doc.clientID);
    expect(updateFact(doc, id, { text: '62% op I–III (n = 24)', dataPoint: undefined })).toBe(true);
    const fact = readFact(doc, id);
    expect(fact?.text).toBe('62% op I–III (n = 24)');
    expect(fact?.dataPoint).toBeUndefined();
    expect(recordsMap(doc).get(id)?.has('dataPoint')).toBe(false);
  });

  it('refuses bad values with a Dutch message and writes nothing', () => {
    const doc = new Y.Doc();
    expect(() => createFact(doc, { stepId: 's4', text: 'x'.repeat(2001) })).toThrow(
      'Feit: de tekst is te lang (maximaal 2000 tekens).',
    );
    expect(() => createFact(doc, { stepId: 's4', text: 'n kwijt', dataPoint: { ...point, n: -1 } })).toThrow(
      RecordValidationError,
    );
    expect(recordsMap(doc).size).toBe(0);
    const id = createFact(doc, { stepId: 's5', text: 'Trend daalt' });
    expect(() => updateFact(doc, id, { text: 42 as unknown as string })).toThrow(
      'Feit: dit moet tekst zijn.',
    );
    expect(readFact(doc, id)?.text).toBe('Trend daalt');
    expect(validateRecordValue('fact', 'text', 'ok')).toEqual({ ok: true });
    expect(validateRecordValue('fact', 'dataPoint', { ...point, value: 'veel' })).toMatchObject({
      ok: false,
    });
    expect(validateRecordValue('fact', 'pupilName', 'Anna')).toEqual({
      ok: false,
      message: 'Feit: onbekend veld pupilName.',
    });
  });

  it('lists the facts of a step in order; a record that fails its schema is skipped, not thrown', () => {
    const doc = new Y.Doc();
    const first = createFact(doc, { stepId: 's4', text: 'eerste' });
    const second = createFact(doc, { stepId: 's4', text: 'tweede' });
    createFact(doc, { stepId: 's5', text: 'elders' });
    recordsMap(doc).get(first)?.set('text', { kapot: true });
    expect(listFacts(doc, 's4').map((f) => f.id)).toEqual([second]);
    expect(readFact(doc, first)).toBeUndefined();
  });

  it('keeps both cards when two people add one at once, in either merge order', () => {
    const base = new Y.Doc();
    const a = fork(base, 1);
    const b = fork(base, 2);
    createFact(a, { stepId: 's4', text: 'van Anja' });
    createFact(b, { stepId: 's4', text: 'van Bram' });
    const [ab, ba] = mergeBothOrders(base, a, b);
    const texts = (d: Y.Doc) => listFacts(d, 's4').map((f) => f.text);
    expect(texts(ab).sort()).toEqual(['van Anja', 'van Bram']);
    expect(texts(ab)).toEqual(texts(ba));
    expect(FACT.version).toBe(1);
  });
});
