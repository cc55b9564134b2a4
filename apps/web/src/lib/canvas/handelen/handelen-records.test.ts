import {
  createAction,
  createBorging,
  createGroupPlan,
  createTeamLearning,
  initBoard,
  setBorgingAnchor,
  setTeamLearningChoice,
  updateAction,
} from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardRecords } from '../board-records.svelte';

/** Two replicas exchanging every update, as the sync server would. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  initBoard(a, { title: 'Studiedag', createdAt: new Date('2026-03-02T08:00:00Z') });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return [a, b];
}

const opened: BoardRecords[] = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.destroy();
});
const open = (doc: Y.Doc) => {
  const r = new BoardRecords(doc);
  opened.push(r);
  return r;
};

describe('BoardRecords on the Handelen steps', () => {
  it('lists actions, group plans, team learning and borging written on the other replica', () => {
    const [a, b] = pair();
    const anna = open(a);
    const bram = open(b);
    const action = anna.run(() => createAction(a, { what: 'Begeleid inoefenen' }));
    anna.run(() => createGroupPlan(a, { groupLabel: 'Groep 6', basis: 14 }));
    const learning = anna.run(() => createTeamLearning(a, { text: 'Effectieve instructie' }));
    const borging = anna.run(() => createBorging(a, { insight: 'Terugblik aan het begin van de les' }));
    if (!action.ok || !learning.ok || !borging.ok) throw new Error('not written');
    bram.run(() => setTeamLearningChoice(b, learning.value, 'supportOptions', 'os:2', true));
    bram.run(() => setBorgingAnchor(b, borging.value, 'afspraken', true));
    expect(bram.actions.map((x) => x.what)).toEqual(['Begeleid inoefenen']);
    expect(bram.groupPlans.map((x) => [x.groupLabel, x.basis])).toEqual([['Groep 6', 14]]);
    expect(anna.teamLearning[0]!.supportOptions).toEqual(['os:2']);
    expect(anna.borging[0]!.anchoredIn).toEqual(['afspraken']);
    expect(bram.describe(action.value)).toBe('Begeleid inoefenen');
  });

  it('keeps both people’s fields when they edit one action at once, and undo takes back one’s own only', () => {
    const [a, b] = pair();
    const anna = open(a);
    const bram = open(b);
    const made = anna.run(() => createAction(a, { what: 'Lesbezoeken' }));
    if (!made.ok) throw new Error('not written');
    anna.run(() => updateAction(a, made.value, { successCriterion: 'Elke leraar twee keer bezocht' }));
    bram.run(() => updateAction(b, made.value, { dueDate: '2027-03-01' }));
    expect(anna.actions[0]).toMatchObject({
      successCriterion: 'Elke leraar twee keer bezocht',
      dueDate: '2027-03-01',
    });
    bram.undo();
    expect(anna.actions[0]).toMatchObject({
      successCriterion: 'Elke leraar twee keer bezocht',
      dueDate: null,
    });
  });

  it('refuses a malformed date with a Dutch message and writes nothing', () => {
    const [a] = pair();
    const anna = open(a);
    const made = anna.run(() => createAction(a, { what: 'X' }));
    if (!made.ok) throw new Error('not written');
    const result = anna.run(() => updateAction(a, made.value, { dueDate: '1-2-2027' }));
    expect(result.ok).toBe(false);
    expect(anna.error).toBe('Actie: geef een datum als 2026-12-01.');
    expect(anna.actions[0]!.dueDate).toBeNull();
  });
});
