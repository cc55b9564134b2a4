import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createGroupPlan, listGroupPlans, readGroupPlan, updateGroupPlan } from './group-plan';
import { fork, mergeBothOrders } from './test-helpers';

describe('group plan records', () => {
  it('keeps per group the goals, the three cluster counts and what changes', () => {
    const doc = new Y.Doc();
    const id = createGroupPlan(doc, { groupLabel: 'Groep 6', goals: 'Tafels tot 10 geautomatiseerd' });
    updateGroupPlan(doc, id, {
      basis: 17,
      intensief: 6,
      verdiept: 3,
      changes: 'Verlengde instructie op dinsdag',
    });
    expect(readGroupPlan(doc, id)).toMatchObject({
      stepId: 'h1',
      groupLabel: 'Groep 6',
      goals: 'Tafels tot 10 geautomatiseerd',
      basis: 17,
      intensief: 6,
      verdiept: 3,
      changes: 'Verlengde instructie op dinsdag',
    });
    expect(() => updateGroupPlan(doc, id, { basis: -2 })).toThrow(
      'Groepsplan: het aantal kan niet negatief zijn.',
    );
    expect(listGroupPlans(doc)).toHaveLength(1);
  });

  it('merges counts and goals edited by two people at once, in either order', () => {
    const base = new Y.Doc();
    const id = createGroupPlan(base, { groupLabel: '5A' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    updateGroupPlan(a, id, { basis: 20, goals: 'Spelling: categorie 3 en 4' });
    updateGroupPlan(b, id, { intensief: 4, verdiept: 2 });
    const [ab, ba] = mergeBothOrders(base, a, b);
    for (const d of [ab, ba]) {
      expect(readGroupPlan(d, id)).toMatchObject({
        basis: 20,
        intensief: 4,
        verdiept: 2,
        goals: 'Spelling: categorie 3 en 4',
      });
    }
  });
});
