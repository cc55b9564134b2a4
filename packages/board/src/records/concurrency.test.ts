import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAnalysisContext, setAnalysisField } from '../analysis-context';
import { readChecklist, setCheckNote, setCheckStatus } from '../checks';
import { CHECKS, GRID_CELLS, RECORDS, ANALYSIS } from '../layout';
import { createCause, readCause, updateCause } from './cause';
import { createFact, listFacts, readFact, updateFact } from './fact';
import { deleteRecord } from './delete-record';
import { fork, mergeBothOrders } from './test-helpers';

describe('two people editing one record at once', () => {
  it('keeps both edits when they change different fields, in either merge order', () => {
    const base = new Y.Doc();
    const id = createCause(base, { text: 'Te weinig inoefening', polarity: 'negatief' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    updateCause(a, id, { text: 'Te weinig tijd voor directe inoefening' });
    updateCause(b, id, { knowledge: 'weten', core: true });
    const [ab, ba] = mergeBothOrders(base, a, b);
    for (const d of [ab, ba]) {
      expect(readCause(d, id)).toMatchObject({
        text: 'Te weinig tijd voor directe inoefening',
        knowledge: 'weten',
        core: true,
      });
    }
  });

  it('settles the same field to one value on every replica (last writer by Yjs order)', () => {
    const base = new Y.Doc();
    const id = createFact(base, { stepId: 's4', text: 'begin' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    updateFact(a, id, { text: 'versie Anja' });
    updateFact(b, id, { text: 'versie Bram' });
    const [ab, ba] = mergeBothOrders(base, a, b);
    expect(readFact(ab, id)?.text).toBe(readFact(ba, id)?.text);
    expect(['versie Anja', 'versie Bram']).toContain(readFact(ab, id)?.text);
  });

  it('an edit to a record someone else deleted meanwhile disappears with it', () => {
    const base = new Y.Doc();
    const id = createFact(base, { stepId: 's4', text: 'weg' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    deleteRecord(a, id);
    updateFact(b, id, { text: 'nog bewerkt' });
    const [ab, ba] = mergeBothOrders(base, a, b);
    expect(listFacts(ab)).toEqual([]);
    expect(listFacts(ba)).toEqual([]);
    expect(updateFact(ab, id, { text: 'te laat' })).toBe(false);
  });

  it('merges checklist answers and analysis fields written by different people', () => {
    const base = new Y.Doc();
    const a = fork(base, 1);
    const b = fork(base, 2);
    setCheckStatus(a, 'betrouwbaarheid', 'valide', 'ja');
    setCheckNote(b, 'betrouwbaarheid', 'valide', 'Toets past bij de populatie');
    setCheckStatus(b, 'betrouwbaarheid', 'invoer', 'twijfel');
    setAnalysisField(a, 'question', 'Hoe staat rekenen ervoor in groep 6?');
    setAnalysisField(b, 'purpose', 'verbeteren');
    const [ab, ba] = mergeBothOrders(base, a, b);
    for (const d of [ab, ba]) {
      expect(readChecklist(d, 'betrouwbaarheid').slice(0, 3)).toEqual([
        expect.objectContaining({ key: 'valide', status: 'ja', note: 'Toets past bij de populatie' }),
        expect.objectContaining({ key: 'afname', status: null, note: '' }),
        expect.objectContaining({ key: 'invoer', status: 'twijfel' }),
      ]);
      expect(readAnalysisContext(d)).toMatchObject({
        question: 'Hoe staat rekenen ervoor in groep 6?',
        purpose: 'verbeteren',
      });
    }
    for (const root of [RECORDS, GRID_CELLS, CHECKS, ANALYSIS]) {
      expect(ab.getMap(root).toJSON()).toEqual(ba.getMap(root).toJSON());
    }
  });
});
