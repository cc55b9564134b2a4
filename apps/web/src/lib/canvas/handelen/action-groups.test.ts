import { createAction, listActions, updateAction } from '@koers/board';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionsByHorizon, flaggedCount, flagsOf, monitoringGaps } from './action-groups';

function board() {
  const doc = new Y.Doc();
  const a = createAction(doc, { what: 'Begeleid inoefenen', horizon: '4-6-weken' });
  const b = createAction(doc, { what: 'Nieuwe rekenmethode kiezen', horizon: 'nieuw-schoolplan' });
  const c = createAction(doc, { what: 'Zonder termijn' });
  const d = createAction(doc, { what: 'Lesbezoeken', horizon: '4-6-weken' });
  return { doc, a, b, c, d };
}

describe('actionsByHorizon', () => {
  it('shows every horizon in the seed’s order with "nog geen termijn" last, actions in board order', () => {
    const { doc, a, b, c, d } = board();
    const groups = actionsByHorizon(listActions(doc));
    expect(groups.map((g) => g.horizon)).toEqual([
      '4-6-weken',
      '3-maanden',
      'half-jaar',
      'volgend-jaar',
      'nieuw-schoolplan',
      null,
    ]);
    expect(groups[0]!.items.map((x) => x.id)).toEqual([a, d]);
    expect(groups[1]!.items).toEqual([]);
    expect(groups[4]!.items.map((x) => x.id)).toEqual([b]);
    expect(groups[5]!.items.map((x) => x.id)).toEqual([c]);
  });

  it('moves an action to its new group when its horizon changes', () => {
    const { doc, c } = board();
    updateAction(doc, c, { horizon: 'half-jaar' });
    const groups = actionsByHorizon(listActions(doc));
    expect(groups[2]!.items.map((x) => x.id)).toEqual([c]);
    expect(groups[5]!.items).toEqual([]);
  });
});

describe('flagsOf', () => {
  it('flags a new action for owner, criterion and date, and each flag goes when its field is filled', () => {
    const { doc, a } = board();
    const read = () => listActions(doc).find((x) => x.id === a)!;
    expect(flagsOf(read())).toEqual(['owner', 'successCriterion', 'dueDate']);
    updateAction(doc, a, { ownerId: 'u_anna' });
    expect(flagsOf(read())).toEqual(['successCriterion', 'dueDate']);
    updateAction(doc, a, { successCriterion: '   ' });
    expect(flagsOf(read())).toEqual(['successCriterion', 'dueDate']);
    updateAction(doc, a, { successCriterion: '80% haalt de norm', dueDate: '2027-02-01' });
    expect(flagsOf(read())).toEqual([]);
    expect(flaggedCount(listActions(doc))).toBe(3);
  });
});

describe('monitoringGaps', () => {
  it('names the monitoring questions an action has not answered', () => {
    const { doc, a } = board();
    updateAction(doc, a, { monitorWho: 'IB-er', monitorHow: 'lesbezoek' });
    expect(monitoringGaps(listActions(doc).find((x) => x.id === a)!)).toEqual(['monitorWhen']);
  });
});
