import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SUPPORT_OPTIONS,
  TRAINING_OPTIONS,
  createTeamLearning,
  readTeamLearning,
  setTeamLearningChoice,
  supportOptionLabel,
  updateTeamLearning,
} from './team-learning';
import { fork, mergeBothOrders } from './test-helpers';

describe('team learning records', () => {
  it('names the Kwaliteitskaart options by id: stone 6 support os:1–7, the training options os:8–13', () => {
    expect(SUPPORT_OPTIONS.map((o) => o.id)).toEqual([
      'os:1',
      'os:2',
      'os:3',
      'os:4',
      'os:5',
      'os:6',
      'os:7',
    ]);
    expect(supportOptionLabel('os:2')).toBe('Coaching IB-er');
    expect(TRAINING_OPTIONS[0]).toEqual({ id: 'os:8', label: 'Scholing in vakgebied' });
    expect(TRAINING_OPTIONS.at(-1)).toEqual({ id: 'os:13', label: 'Extra tijd buiten schooltijd' });
  });

  it('creates a card on H2 and keeps need, scope, leadership support and the SMARTI aim', () => {
    const doc = new Y.Doc();
    const id = createTeamLearning(doc, { text: 'Directe instructie', need: 'vaardigheden', scope: 'team' });
    updateTeamLearning(doc, id, {
      leadershipSupport: 'Roostertijd voor lesbezoeken',
      tijdgebonden: 'Voor de kerst',
    });
    expect(readTeamLearning(doc, id)).toMatchObject({
      stepId: 'h2',
      need: 'vaardigheden',
      scope: 'team',
      leadershipSupport: 'Roostertijd voor lesbezoeken',
      tijdgebonden: 'Voor de kerst',
      forms: [],
      supportOptions: [],
      trainingOptions: [],
    });
    expect(() => updateTeamLearning(doc, id, { forms: {} } as never)).toThrow(/setTeamLearningChoice/);
    expect(() => setTeamLearningChoice(doc, id, 'supportOptions', 'os:9', true)).toThrow(
      'Teamleren: onbekende keuze.',
    );
  });

  it('keeps every tick of forms and options made by different people at once, in either merge order', () => {
    const base = new Y.Doc();
    const id = createTeamLearning(base, { text: 'Feedback geven' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    setTeamLearningChoice(a, id, 'forms', 'lesbezoeken', true);
    setTeamLearningChoice(a, id, 'supportOptions', 'os:2', true);
    updateTeamLearning(a, id, { need: 'routines' });
    setTeamLearningChoice(b, id, 'forms', 'intervisie', true);
    setTeamLearningChoice(b, id, 'trainingOptions', 'os:9', true);
    updateTeamLearning(b, id, { aim: 'Elke leraar geeft dagelijks gerichte feedback' });
    const [ab, ba] = mergeBothOrders(base, a, b);
    for (const d of [ab, ba]) {
      expect(readTeamLearning(d, id)).toMatchObject({
        need: 'routines',
        aim: 'Elke leraar geeft dagelijks gerichte feedback',
        forms: ['intervisie', 'lesbezoeken'],
        supportOptions: ['os:2'],
        trainingOptions: ['os:9'],
      });
    }
    setTeamLearningChoice(ab, id, 'forms', 'intervisie', false);
    expect(readTeamLearning(ab, id)?.forms).toEqual(['lesbezoeken']);
  });
});
