import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBorging, listBorging, readBorging, setBorgingAnchor, updateBorging } from './borging';
import { fork, mergeBothOrders } from './test-helpers';

describe('borging records', () => {
  it('creates a borging card on H4 with where it is anchored, who and how', () => {
    const doc = new Y.Doc();
    const id = createBorging(doc, { insight: 'Het vaste rekenuur werkt', who: 'Rekencoördinator' });
    setBorgingAnchor(doc, id, 'afspraken', true);
    setBorgingAnchor(doc, id, 'beleid', true);
    updateBorging(doc, id, { how: 'Opnemen in het kwaliteitshandboek' });
    expect(readBorging(doc, id)).toMatchObject({
      stepId: 'h4',
      insight: 'Het vaste rekenuur werkt',
      anchoredIn: ['beleid', 'afspraken'],
      who: 'Rekencoördinator',
      how: 'Opnemen in het kwaliteitshandboek',
    });
    expect(() => setBorgingAnchor(doc, id, 'geloof' as never, true)).toThrow('Borging: onbekende keuze.');
    expect(() => updateBorging(doc, id, { anchoredIn: {} } as never)).toThrow(/setBorgingAnchor/);
    expect(listBorging(doc)).toHaveLength(1);
  });

  it('keeps anchors ticked by two people at once and their text edits, in either merge order', () => {
    const base = new Y.Doc();
    const id = createBorging(base, { insight: 'Inoefening na elke stap' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    setBorgingAnchor(a, id, 'methodiek', true);
    updateBorging(a, id, { who: 'Bouwcoördinatoren' });
    setBorgingAnchor(b, id, 'cultuur', true);
    updateBorging(b, id, { how: 'Jaarlijks lesbezoek met de kijkwijzer' });
    const [ab, ba] = mergeBothOrders(base, a, b);
    for (const d of [ab, ba]) {
      expect(readBorging(d, id)).toMatchObject({
        anchoredIn: ['methodiek', 'cultuur'],
        who: 'Bouwcoördinatoren',
        how: 'Jaarlijks lesbezoek met de kijkwijzer',
      });
    }
  });
});
