import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createConclusion } from './conclusion';
import { actionProblems, createAction, listActions, readAction, updateAction } from './action';
import { createCause } from './cause';
import { createLink, incomingLinks, outgoingLinks } from './link';
import { fork, mergeBothOrders } from './test-helpers';

describe('action records', () => {
  it('creates an action on H1 with empty SMARTI answers and nothing decided yet', () => {
    const doc = new Y.Doc();
    const id = createAction(doc, { what: 'Elke rekenles start met tien minuten automatiseren' });
    expect(readAction(doc, id)).toMatchObject({
      stepId: 'h1',
      what: 'Elke rekenles start met tien minuten automatiseren',
      specifiek: '',
      inspirerend: '',
      ownerId: null,
      horizon: null,
      dueDate: null,
      feasible: null,
    });
    expect(listActions(doc, 'h1').map((a) => a.id)).toEqual([id]);
  });

  it('flags a missing owner, success criterion and due date until each is filled in', () => {
    const doc = new Y.Doc();
    const id = createAction(doc, { what: 'Lesbezoeken rekenen', successCriterion: '   ' });
    const read = () => readAction(doc, id)!;
    expect(actionProblems(read())).toEqual(['owner', 'successCriterion', 'dueDate']);
    updateAction(doc, id, { ownerId: 'user-ib', dueDate: '2027-01-15' });
    expect(actionProblems(read())).toEqual(['successCriterion']);
    updateAction(doc, id, { successCriterion: '80% van de groep 6 haalt de toets van blok 4' });
    expect(actionProblems(read())).toEqual([]);
  });

  it('refuses a bad date or horizon in Dutch and writes nothing', () => {
    const doc = new Y.Doc();
    const id = createAction(doc, { what: 'x' });
    expect(() => updateAction(doc, id, { dueDate: '15-01-2027' })).toThrow(
      'Actie: geef een datum als 2026-12-01.',
    );
    expect(() => updateAction(doc, id, { horizon: 'morgen' as never })).toThrow('Actie: kies een termijn.');
    expect(readAction(doc, id)).toMatchObject({ dueDate: null, horizon: null });
  });

  it('links to the conclusions and causes it answers with beantwoordt', () => {
    const doc = new Y.Doc();
    const cause = createCause(doc, { text: 'Te weinig inoefening', polarity: 'negatief' });
    const conclusion = createConclusion(doc, { kind: '10c', text: 'Inoefening', category: 'korteTermijn' });
    const action = createAction(doc, { what: 'Inoefenen na elke instructiestap' });
    createLink(doc, { from: action, to: conclusion, relation: 'beantwoordt' });
    createLink(doc, { from: action, to: cause, relation: 'beantwoordt' });
    expect(outgoingLinks(doc, action).map((l) => [l.relation, l.to])).toEqual([
      ['beantwoordt', conclusion],
      ['beantwoordt', cause],
    ]);
    expect(incomingLinks(doc, cause)).toHaveLength(1);
  });

  it('merges two people filling in different SMARTI answers and the monitoring at once, in either order', () => {
    const base = new Y.Doc();
    const id = createAction(base, { what: 'Directe instructie in kleine stappen', horizon: '4-6-weken' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    updateAction(a, id, { specifiek: 'Groep 6, rekenen, elke les', ownerId: 'user-anja' });
    updateAction(b, id, { meetbaar: 'Methodetoets blok 4', monitorWho: 'IB-er', monitorWhen: 'week 4' });
    const [ab, ba] = mergeBothOrders(base, a, b);
    for (const d of [ab, ba]) {
      expect(readAction(d, id)).toMatchObject({
        specifiek: 'Groep 6, rekenen, elke les',
        meetbaar: 'Methodetoets blok 4',
        ownerId: 'user-anja',
        monitorWho: 'IB-er',
        monitorWhen: 'week 4',
        horizon: '4-6-weken',
      });
    }
  });
});
