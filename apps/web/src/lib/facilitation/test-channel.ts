import type { MineView, SessionView, StateMessage } from '@koers/server/facilitation';
import type { SessionChannel } from './facilitation.svelte';

// For the unit tests of the classes over `Facilitation`: a channel whose "server" is a function of the test.
// The real socket path is proved end to end (tests/e2e/silent-vote.spec.ts against a real server).

export function sessionView(overrides: Partial<SessionView> = {}): SessionView {
  return {
    active: true,
    leader: { userId: 'ilse', name: 'Ilse' },
    leaderOnline: true,
    currentStep: 's9',
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

export function mineView(overrides: Partial<MineView> = {}): MineView {
  return {
    userId: 'anja',
    canFacilitate: false,
    canWrite: true,
    isLeader: false,
    ready: false,
    drafts: [],
    dots: [],
    dotsLeft: 0,
    ...overrides,
  };
}

export type Sent = Record<string, unknown> & { t: string; id: string };

/**
 * What the test's server does with a command: return the new state (sent before the `ok`, as the real
 * server does), or an error message (Dutch) to refuse it.
 */
export type Answer = (command: Sent) => { session?: SessionView; mine?: MineView } | { error: string };

export class TestChannel implements SessionChannel {
  sent: Sent[] = [];
  #rev = 0;
  #listeners = new Set<(message: unknown) => void>();
  answer: Answer = () => ({});
  /** The last state delivered, so an answer may change only part of it. */
  session: SessionView = sessionView();
  mine: MineView = mineView();

  sendSessionMessage(payload: string): boolean {
    const command = JSON.parse(payload) as Sent;
    this.sent.push(command);
    // Answer asynchronously, as a socket does.
    queueMicrotask(() => {
      const result = this.answer(command);
      if ('error' in result) {
        this.deliver({ v: 1, t: 'error', id: command.id, code: 'invalid', message: result.error });
        return;
      }
      if (result.session || result.mine) this.state(result.session, result.mine);
      this.deliver({ v: 1, t: 'ok', id: command.id });
    });
    return true;
  }

  onSessionMessage(listener: (message: unknown) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onSocketOpen() {
    return () => {};
  }

  /** Deliver a state message (the parts not given stay as they were). */
  state(session: SessionView = this.session, mine: MineView = this.mine): void {
    this.session = session;
    this.mine = mine;
    const message: StateMessage = {
      v: 1,
      t: 'state',
      rev: ++this.#rev,
      serverNow: Date.now(),
      session,
      mine,
    };
    this.deliver(message);
  }

  deliver(message: unknown): void {
    for (const listener of this.#listeners) listener(message);
  }

  /** The commands sent, without their ids and version. */
  commands(): Record<string, unknown>[] {
    return this.sent.map(({ id: _id, v: _v, ...rest }) => rest);
  }
}
