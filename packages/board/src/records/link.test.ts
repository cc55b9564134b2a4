import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateBoard } from '../validate-board';
import { createCause } from './cause';
import { deleteRecord } from './delete-record';
import { createFact, listFacts } from './fact';
import { createLink, incomingLinks, linksOf, listLinks, outgoingLinks } from './link';
import { recordsMap } from './record-store';
import { fork, mergeBothOrders } from './test-helpers';

describe('links', () => {
  it('links a fact to a cause it supports; an identical link is not added twice', () => {
    const doc = new Y.Doc();
    const fact = createFact(doc, { stepId: 's5', text: 'Trend daalt drie jaar' });
    const cause = createCause(doc, { text: 'Methode heeft hiaten', polarity: 'negatief' });
    const link = createLink(doc, { from: fact, to: cause, relation: 'ondersteunt' });
    expect(createLink(doc, { from: fact, to: cause, relation: 'ondersteunt' })).toBe(link);
    expect(listLinks(doc)).toEqual([
      expect.objectContaining({ id: link, from: fact, to: cause, stepId: 's5' }),
    ]);
    expect(incomingLinks(doc, cause).map((l) => l.id)).toEqual([link]);
    expect(outgoingLinks(doc, fact).map((l) => l.id)).toEqual([link]);
    expect(linksOf(doc, fact)).toEqual(linksOf(doc, cause));
    expect(() => createLink(doc, { from: fact, to: fact, relation: 'bron' })).toThrow(
      'Koppeling: een kaart kan niet naar zichzelf verwijzen.',
    );
    expect(() => createLink(doc, { from: fact, to: 'AAAAAAAAAAAAAAAA', relation: 'bron' })).toThrow(
      'Koppeling: de kaart bestaat niet (meer).',
    );
  });

  it('deleting a record removes every link touching it in one transaction', () => {
    const doc = new Y.Doc();
    const fact = createFact(doc, { stepId: 's4', text: 'f' });
    const cause = createCause(doc, { text: 'c', polarity: 'positief' });
    const other = createCause(doc, { text: 'alternatief', polarity: 'positief' });
    createLink(doc, { from: fact, to: cause, relation: 'ondersteunt' });
    createLink(doc, { from: other, to: cause, relation: 'alternatief' });
    const kept = createLink(doc, { from: fact, to: other, relation: 'ontkracht' });
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    expect(deleteRecord(doc, cause)).toBe(true);
    expect(transactions).toBe(1);
    expect(listLinks(doc).map((l) => l.id)).toEqual([kept]);
    expect(recordsMap(doc).size).toBe(3); // fact, other, kept link
    expect(deleteRecord(doc, cause)).toBe(false);
  });

  it('a link added while another deletes its target leaves no dangling link in any view, in either merge order', () => {
    const base = new Y.Doc();
    const fact = createFact(base, { stepId: 's4', text: 'Groep 6 onder de norm' });
    const cause = createCause(base, { text: 'Weinig instructie', polarity: 'negatief' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    deleteRecord(a, cause);
    createLink(b, { from: fact, to: cause, relation: 'ondersteunt' });
    const [ab, ba] = mergeBothOrders(base, a, b);
    for (const d of [ab, ba]) {
      expect(listLinks(d)).toEqual([]);
      expect(linksOf(d, fact)).toEqual([]);
      expect(listFacts(d).map((f) => f.id)).toEqual([fact]);
      expect(validateBoard(d)).toEqual([expect.objectContaining({ code: 'dangling-link' })]);
    }
    expect(recordsMap(ab).toJSON()).toEqual(recordsMap(ba).toJSON());
  });
});
