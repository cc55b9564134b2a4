import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCause, listCauses, readCause, setCauseRecognised, updateCause } from './cause';
import { fork, mergeBothOrders } from './test-helpers';

describe('cause records', () => {
  it('creates a cause with the step-9 defaults and its own recognisedBy map', () => {
    const doc = new Y.Doc();
    const id = createCause(doc, { text: 'Er is te weinig directe feedback', polarity: 'negatief' });
    expect(readCause(doc, id)).toMatchObject({
      stepId: 's9',
      polarity: 'negatief',
      knowledge: 'denken',
      schoolInfluence: null,
      concrete: null,
      core: false,
      needsResearch: false,
      recognisedBy: [],
    });
  });

  it('updates the marks: weten, invloed, concreet, kernoorzaak, aanvullend onderzoek', () => {
    const doc = new Y.Doc();
    const id = createCause(doc, { text: 'Rekentijd ging naar projecten', polarity: 'negatief' });
    updateCause(doc, id, { knowledge: 'weten', schoolInfluence: true, concrete: true, core: true });
    expect(readCause(doc, id)).toMatchObject({
      knowledge: 'weten',
      schoolInfluence: true,
      concrete: true,
      core: true,
    });
    updateCause(doc, id, { needsResearch: true, concrete: null });
    expect(readCause(doc, id)).toMatchObject({ needsResearch: true, concrete: null, core: true });
    expect(() => updateCause(doc, id, { polarity: 'neutraal' as never })).toThrow(
      'Oorzaak: kies positief of negatief.',
    );
    expect(() => updateCause(doc, id, { recognisedBy: {} } as never)).toThrow(/setCauseRecognised/);
    expect(listCauses(doc)).toHaveLength(1);
  });

  it('counts recognition by everyone who recognised it at once, in either merge order', () => {
    const base = new Y.Doc();
    const id = createCause(base, { text: 'Instructie was te kort', polarity: 'negatief' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    setCauseRecognised(a, id, 'account:anja', true);
    setCauseRecognised(b, id, 'account:bram', true);
    setCauseRecognised(b, id, 'account:carla', true);
    setCauseRecognised(b, id, 'account:carla', false);
    const [ab, ba] = mergeBothOrders(base, a, b);
    expect(readCause(ab, id)?.recognisedBy).toEqual(['account:anja', 'account:bram']);
    expect(readCause(ba, id)?.recognisedBy).toEqual(['account:anja', 'account:bram']);
  });

  it('reports a recognition of a cause that is gone as false', () => {
    expect(setCauseRecognised(new Y.Doc(), 'AAAAAAAAAAAAAAAA', 'account:anja', true)).toBe(false);
  });
});
