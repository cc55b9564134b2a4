import { afterEach, describe, expect, it } from 'vitest';
import { DotVote } from './dot-vote.svelte';
import { Facilitation } from './facilitation.svelte';
import { mineView, sessionView, TestChannel } from './test-channel';

const vote = {
  id: 'v1',
  stepId: 's9' as const,
  question: 'Welke oorzaken nemen we mee?',
  dotsPerPerson: 2,
  status: 'open' as const,
  startedAt: 1,
};

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function make() {
  const channel = new TestChannel();
  const f = new Facilitation(channel);
  cleanup.push(() => f.destroy());
  channel.state(sessionView({ vote }), mineView({ dotsLeft: 2 }));
  // The server: her own ballot, two dots at most.
  const ballot = new Map<string, number>();
  channel.answer = (c) => {
    const id = String(c.recordId);
    const used = [...ballot.values()].reduce((a, b) => a + b, 0);
    if (c.t === 'dot.place') {
      if (used >= 2) return { error: 'Je hebt al je 2 stippen geplaatst.' };
      ballot.set(id, (ballot.get(id) ?? 0) + 1);
    } else ballot.set(id, (ballot.get(id) ?? 0) - 1);
    const dots = [...ballot].filter(([, n]) => n > 0).map(([recordId, n]) => ({ recordId, dots: n }));
    return { mine: mineView({ dots, dotsLeft: 2 - dots.reduce((a, d) => a + d.dots, 0) }) };
  };
  return { channel, dots: new DotVote(f) };
}

describe('her dots in a blind vote', () => {
  it('votes only on the cards of the vote’s step', () => {
    const { dots } = make();
    expect(dots.votesOn('s9')).toBe(true);
    expect(dots.votesOn('s4')).toBe(false);
    expect(dots.votesOn(undefined)).toBe(false);
  });

  it('places and removes her own dots and counts what is left', async () => {
    const { channel, dots } = make();
    await dots.place('c1');
    await dots.place('c1');
    expect(dots.dotsOn('c1')).toBe(2);
    expect(dots.dotsLeft).toBe(0);
    expect(dots.canPlace('c2')).toBe(false);
    await dots.place('c2'); // not sent: no dots left
    await dots.remove('c1');
    expect(dots.dotsOn('c1')).toBe(1);
    expect(dots.canPlace('c2')).toBe(true);
    expect(channel.commands().map((c) => c.t)).toEqual(['dot.place', 'dot.place', 'dot.remove']);
  });

  it('sends one command per card at a time, so a double click spends one dot', async () => {
    const { channel, dots } = make();
    const first = dots.place('c1');
    const second = dots.place('c1');
    await Promise.all([first, second]);
    expect(channel.sent).toHaveLength(1);
    expect(dots.dotsOn('c1')).toBe(1);
  });

  it('shows the server’s refusal', async () => {
    const { channel, dots } = make();
    channel.answer = () => ({ error: 'Er loopt geen stemming.' });
    await dots.place('c1');
    expect(dots.error).toBe('Er loopt geen stemming.');
  });

  it('has nothing to vote on once the vote is closed', () => {
    const { channel, dots } = make();
    channel.state(sessionView({ vote: { ...vote, status: 'closed' } }), mineView());
    expect(dots.vote).toBeNull();
    expect(dots.votesOn('s9')).toBe(false);
  });
});
