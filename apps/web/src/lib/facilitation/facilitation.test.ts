import type { MineView, SessionView, StateMessage } from '@koers/server/facilitation';
import { afterEach, describe, expect, it } from 'vitest';
import { Facilitation, type SessionChannel } from './facilitation.svelte';

// The class's own logic (ordering by rev, jumps, answers, timer on the server clock). The real socket path is
// proved end to end in tests/e2e (a leider, a teacher and a projector against a real server).

function session(overrides: Partial<SessionView> = {}): SessionView {
  return {
    active: true,
    leader: { userId: 'ilse', name: 'Ilse' },
    leaderOnline: true,
    currentStep: 's4',
    follow: true,
    timer: null,
    closedSteps: [],
    spotlight: null,
    summon: null,
    silent: null,
    lastReveal: null,
    vote: null,
    ready: [],
    ...overrides,
  };
}

const teacher: MineView = {
  userId: 'anja',
  canFacilitate: false,
  canWrite: true,
  isLeader: false,
  ready: false,
  drafts: [],
  dots: [],
  dotsLeft: 0,
};

function state(
  rev: number,
  s: Partial<SessionView> = {},
  mine: MineView = teacher,
  serverNow = Date.now(),
): StateMessage {
  return { v: 1, t: 'state', rev, serverNow, session: session(s), mine };
}

class Channel implements SessionChannel {
  sent: Record<string, unknown>[] = [];
  open = true;
  listeners = new Set<(message: unknown) => void>();
  openListeners = new Set<() => void>();
  sendSessionMessage(payload: string): boolean {
    if (!this.open) return false;
    this.sent.push(JSON.parse(payload) as Record<string, unknown>);
    return true;
  }
  onSessionMessage(listener: (message: unknown) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onSocketOpen(listener: () => void) {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }
  deliver(message: unknown) {
    for (const listener of this.listeners) listener(message);
  }
  reopen() {
    for (const listener of this.openListeners) listener();
  }
}

let facilitation: Facilitation | undefined;
afterEach(() => facilitation?.destroy());

function make() {
  const channel = new Channel();
  facilitation = new Facilitation(channel);
  return { channel, f: facilitation };
}

describe('the session as a tab mirrors it', () => {
  it('drops an older state within one connection, and takes any state after a reconnect', () => {
    const { channel, f } = make();
    channel.deliver(state(5, { currentStep: 's5' }));
    channel.deliver(state(4, { currentStep: 's3' }));
    expect(f.session?.currentStep).toBe('s5');
    channel.reopen();
    channel.deliver(state(2, { currentStep: 's3' }));
    expect(f.session?.currentStep).toBe('s3');
    expect(f.rev).toBe(2);
  });

  it('a following tab jumps on join and on each step change; a wandering one stays until summoned', () => {
    const { channel, f } = make();
    channel.deliver(state(1, { currentStep: 's4' }));
    expect(f.jump).toMatchObject({ seq: 1, stepId: 's4', reason: 'join' });
    channel.deliver(state(2, { currentStep: 's5' }));
    expect(f.jump).toMatchObject({ seq: 2, stepId: 's5', reason: 'step' });
    // A state that does not move the room (a timer) is no jump.
    channel.deliver(
      state(3, {
        currentStep: 's5',
        timer: { endsAt: Date.now() + 60_000, durationMs: 60_000, startedBy: 'ilse' },
      }),
    );
    expect(f.jump?.seq).toBe(2);

    f.setFollowing(false);
    channel.deliver(state(4, { currentStep: 's6' }));
    expect(f.jump?.seq).toBe(2);

    channel.deliver(state(5, { currentStep: 's6', summon: { id: 1, stepId: 's6', at: Date.now() } }));
    expect(f.jump).toMatchObject({ seq: 3, stepId: 's6', reason: 'summon' });
    expect(f.following).toBe(true);
    // The same summon again (a later state carries it on) is not a new jump.
    channel.deliver(state(6, { currentStep: 's6', summon: { id: 1, stepId: 's6', at: Date.now() } }));
    expect(f.jump?.seq).toBe(3);
  });

  it('turning "Volg de leider" back on goes to the room’s step at once', () => {
    const { channel, f } = make();
    f.setFollowing(false);
    channel.deliver(state(1, { currentStep: 's9' }));
    expect(f.jump).toBeNull();
    f.setFollowing(true);
    expect(f.jump).toMatchObject({ stepId: 's9', reason: 'join' });
  });

  it('the leider herself never jumps: she is where the room is', () => {
    const { channel, f } = make();
    channel.deliver(
      state(1, { currentStep: 's4' }, { ...teacher, userId: 'ilse', canFacilitate: true, isLeader: true }),
    );
    channel.deliver(
      state(2, { currentStep: 's5' }, { ...teacher, userId: 'ilse', canFacilitate: true, isLeader: true }),
    );
    expect(f.jump).toBeNull();
  });

  it('counts the timer down on the server’s clock, whatever this laptop’s clock says', () => {
    const { channel, f } = make();
    // The server's clock runs 10 minutes ahead of ours; 5 minutes are left on its clock.
    const serverNow = Date.now() + 600_000;
    channel.deliver(
      state(
        1,
        { timer: { endsAt: serverNow + 300_000, durationMs: 300_000, startedBy: 'ilse' } },
        teacher,
        serverNow,
      ),
    );
    const left = f.timerRemainingMs!;
    expect(left).toBeGreaterThan(299_000);
    expect(left).toBeLessThanOrEqual(300_000);
  });
});

describe('commands', () => {
  it('resolve on the server’s ok and reject with its Dutch message', async () => {
    const { channel, f } = make();
    const go = f.send({ t: 'step.go', stepId: 's5' });
    expect(channel.sent[0]).toMatchObject({ v: 1, t: 'step.go', stepId: 's5' });
    channel.deliver({ v: 1, t: 'ok', id: channel.sent[0]!.id });
    await expect(go).resolves.toBeUndefined();

    const vote = f.send({ t: 'vote.close' });
    channel.deliver({
      v: 1,
      t: 'error',
      id: channel.sent[1]!.id,
      code: 'invalid',
      message: 'Er loopt geen stemming.',
    });
    await expect(vote).rejects.toThrow('Er loopt geen stemming.');
    expect(f.lastError).toBe('Er loopt geen stemming.');
  });

  it('fail at once without a socket, and fail those in flight when the socket is replaced', async () => {
    const { channel, f } = make();
    channel.open = false;
    await expect(f.send({ t: 'summon' })).rejects.toThrow(/Geen verbinding/);
    channel.open = true;
    const pending = f.send({ t: 'summon' });
    channel.reopen();
    await expect(pending).rejects.toThrow(/verbinding viel weg/);
  });
});
