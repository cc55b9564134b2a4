import type { SessionView } from '@koers/server/facilitation';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityControlsState, silentKindsOn, votableOn } from './activity-controls.svelte';
import { Facilitation } from './facilitation.svelte';
import { mineView, sessionView, TestChannel } from './test-channel';

const QUESTION = 'Welke oorzaken nemen we mee?';
const leider = mineView({ userId: 'ilse', canFacilitate: true, isLeader: true });

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function make(session: Partial<SessionView> = {}, mine = leider) {
  const channel = new TestChannel();
  const f = new Facilitation(channel);
  cleanup.push(() => f.destroy());
  channel.state(sessionView(session), mine);
  return { channel, controls: new ActivityControlsState(f, QUESTION) };
}

describe('the leider’s activity controls', () => {
  it('are hers when she leads or no session runs; not a teacher’s, not while another leider leads', () => {
    expect(make().controls.available).toBe(true);
    expect(make({ active: false }, mineView({ canFacilitate: true })).controls.available).toBe(true);
    expect(make({}, mineView({ canFacilitate: true, isLeader: false })).controls.available).toBe(false);
    expect(make({}, mineView()).controls.available).toBe(false);
  });

  it('start a silent round collecting what the step shows as cards, named or not; none where it shows neither', async () => {
    const { channel, controls } = make();
    controls.silentAnonymous = true;
    expect(await controls.startSilent('s9')).toBe(true);
    controls.silentAnonymous = false;
    expect(await controls.startSilent('s5')).toBe(true);
    expect(await controls.startSilent('s8')).toBe(false);
    expect(await controls.startSilent('s10a')).toBe(false);
    expect(channel.commands()).toEqual([
      { t: 'silent.start', stepId: 's9', kinds: ['cause'], anonymous: true },
      { t: 'silent.start', stepId: 's5', kinds: ['fact'], anonymous: false },
    ]);
    expect(silentKindsOn('s2')).toEqual([]);
  });

  it('start the session first when none runs', async () => {
    const { channel, controls } = make({ active: false }, mineView({ canFacilitate: true }));
    channel.answer = (c) =>
      c.t === 'session.start' ? { session: sessionView({ currentStep: 's4' }), mine: leider } : {};
    expect(await controls.startSilent('s4')).toBe(true);
    expect(channel.commands().map((c) => c.t)).toEqual(['session.start', 'silent.start']);
    expect(channel.commands()[0]).toEqual({ t: 'session.start', stepId: 's4' });
  });

  it('count the drafts and the writers of a round, and reveal with the round’s or her own choice of names', async () => {
    const round = {
      id: 'r1',
      stepId: 's4' as const,
      kinds: ['fact' as const],
      anonymous: true,
      startedAt: 1,
      draftCounts: [
        { userId: 'a', name: 'anja', count: 3 },
        { userId: 'b', name: 'bas', count: 0 },
        { userId: 'c', name: 'cor', count: 2 },
      ],
    };
    const { channel, controls } = make({ silent: round });
    expect(controls.draftTotals).toEqual({ cards: 5, writers: 2 });
    expect(controls.anonymousAtReveal).toBe(true);
    await controls.reveal();
    controls.revealAnonymous = false;
    await controls.reveal();
    await controls.cancelSilent();
    expect(channel.commands()).toEqual([
      { t: 'silent.reveal', anonymous: true },
      { t: 'silent.reveal', anonymous: false },
      { t: 'silent.cancel' },
    ]);
  });

  it('start a vote with 1 to 20 dots and the default question when hers is empty', async () => {
    const { channel, controls } = make();
    expect(controls.voteQuestion).toBe(QUESTION);
    for (const bad of [0, 21, 2.5, Number.NaN]) {
      controls.voteDots = bad;
      expect(controls.dotsInvalid).toBe(true);
      expect(await controls.startVote('s9')).toBe(false);
    }
    controls.voteDots = 5;
    controls.voteQuestion = '  ';
    expect(await controls.startVote('s9')).toBe(true);
    // Step 8's grid has no cards to put dots on.
    expect(await controls.startVote('s8')).toBe(false);
    expect(votableOn('s10b')).toBe(true);
    controls.voteQuestion = 'x'.repeat(201);
    expect(controls.questionTooLong).toBe(true);
    expect(await controls.startVote('s9')).toBe(false);
    expect(channel.commands()).toEqual([
      { t: 'vote.start', stepId: 's9', dotsPerPerson: 5, question: QUESTION },
    ]);
  });

  it('see an open vote (not a closed one), close or cancel it, and show the server’s refusal', async () => {
    const vote = {
      id: 'v1',
      stepId: 's9' as const,
      question: QUESTION,
      dotsPerPerson: 3,
      status: 'open' as const,
      startedAt: 1,
      voterCount: 4,
    };
    const { channel, controls } = make({ vote });
    expect(controls.vote?.voterCount).toBe(4);
    await controls.closeVote();
    channel.answer = () => ({ error: 'Er loopt geen stemming.' });
    expect(await controls.cancelVote()).toBe(false);
    expect(controls.error).toBe('Er loopt geen stemming.');
    channel.state(sessionView({ vote: { ...vote, status: 'closed' } }), leider);
    expect(controls.vote).toBeNull();
  });
});
