import { describe, expect, it } from 'vitest';
import { createFact, listFacts } from './fact';
import { compareOrder, isOrderKey, orderAt, orderAtEnd, orderBetween } from './order';
import { moveRecord } from './record-store';
import { fork, mergeBothOrders } from './test-helpers';
import * as Y from 'yjs';

describe('order keys', () => {
  it('places a key between two keys and after the last', () => {
    const first = orderBetween(null, null);
    const last = orderAtEnd([first]);
    const middle = orderBetween(first, last);
    expect([last, middle, first].sort()).toEqual([first, middle, last]);
    expect(orderAtEnd([middle, last, first])).toSatisfy((k: string) => k > last);
    expect(isOrderKey(middle)).toBe(true);
    expect(isOrderKey('')).toBe(false);
    expect(isOrderKey('a00')).toBe(false); // a fractional part may not end in 0
  });

  it('orderAt drops a card between neighbours, and before a tied pair instead of between its members', () => {
    const a = orderBetween(null, null);
    const b = orderAtEnd([a]);
    expect(orderAt([a, b], 1)).toSatisfy((k: string) => k > a && k < b);
    expect(orderAt([a, b], 0) < a).toBe(true);
    expect(orderAt([a, b], 2) > b).toBe(true);
    const tied = orderAt([a, b, b], 2);
    expect(tied > a && tied < b).toBe(true);
  });

  it('moves a card between two others', () => {
    const doc = new Y.Doc();
    const ids = ['een', 'twee', 'drie'].map((text) => createFact(doc, { stepId: 's4', text }));
    const orders = listFacts(doc, 's4').map((f) => f.order);
    moveRecord(doc, ids[2] as string, orderAt(orders, 1));
    expect(listFacts(doc, 's4').map((f) => f.text)).toEqual(['een', 'drie', 'twee']);
    expect(() => moveRecord(doc, ids[0] as string, 'niet-een-sleutel!')).toThrow(
      'Kaart: ongeldige volgorde.',
    );
  });

  it('keeps both cards inserted at the same spot concurrently, in the same order on every replica', () => {
    const base = new Y.Doc();
    createFact(base, { stepId: 's4', text: 'een' });
    createFact(base, { stepId: 's4', text: 'drie' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    const spot = (d: Y.Doc) =>
      orderAt(
        listFacts(d, 's4').map((f) => f.order),
        1,
      );
    createFact(a, { stepId: 's4', text: 'twee (Anja)', order: spot(a) });
    createFact(b, { stepId: 's4', text: 'twee (Bram)', order: spot(b) });
    const [ab, ba] = mergeBothOrders(base, a, b);
    const abFacts = listFacts(ab, 's4');
    expect(
      abFacts
        .map((f) => f.text)
        .slice(1, 3)
        .sort(),
    ).toEqual(['twee (Anja)', 'twee (Bram)']);
    expect(abFacts[1]?.order).toBe(abFacts[2]?.order); // the tie …
    expect(abFacts.map((f) => f.id)).toEqual(listFacts(ba, 's4').map((f) => f.id)); // … broken by id
    expect([...abFacts].sort(compareOrder)).toEqual(abFacts);
    expect(abFacts[0]?.text).toBe('een');
    expect(abFacts[3]?.text).toBe('drie');
  });
});
