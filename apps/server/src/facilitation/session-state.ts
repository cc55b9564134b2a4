import type { StepId, VoteTally } from '@koers/board';
import { CommandError, type CommandOf, type DraftKind } from './protocol';

/**
 * The live facilitation state of one board: who leads, which step the room is on, the timer, the spotlight,
 * the silent-writing round and the vote. It lives on the server (memory + SQLite), never in the shared
 * Y.Doc: the document is for content, this is for running the meeting. Secrets (drafts, dots) are kept
 * apart (silent-writing.ts, voting.ts); this object holds only what may be shown to everyone, except the
 * parts session-view.ts strips per viewer.
 */
export interface SessionState {
  /** Raised on every change: clients ignore a state with a lower rev than the one they have. */
  rev: number;
  active: boolean;
  /** Who facilitates now (survives her disconnect: the session goes on until she or another leider acts). */
  leader: { userId: string; name: string } | null;
  currentStep: StepId | null;
  /** "Volg de leider": whether followers' screens go where the leider goes (each laptop may opt out). */
  follow: boolean;
  /** Server time (ms since epoch); clients correct with `serverNow` of the message. */
  timer: { endsAt: number; durationMs: number; startedBy: string } | null;
  /** Steps closed for input: the UI disables writing there. */
  closedSteps: StepId[];
  spotlight: { kind: 'record'; recordId: string } | { kind: 'chart'; viewId: string } | null;
  /** "Breng iedereen hier": `id` only ever grows, so a follower jumps once per summon. */
  summon: { id: number; stepId: StepId | null; at: number } | null;
  silent: SilentRound | null;
  lastReveal: Reveal | null;
  vote: Vote | null;
  /** "Klaar" per user id. */
  ready: Record<string, { name: string; at: number }>;
}

export interface SilentRound {
  id: string;
  stepId: StepId;
  kinds: DraftKind[];
  /** Reveal without names (the leider can still choose at reveal). */
  anonymous: boolean;
  startedAt: number;
}

export interface Reveal {
  roundId: string;
  stepId: StepId;
  anonymous: boolean;
  /** The records written into the document, in order. */
  recordIds: string[];
  /** Record id → the author's name; absent when anonymous. */
  authors?: Record<string, string>;
  at: number;
}

export interface Vote {
  id: string;
  stepId: StepId;
  question: string;
  dotsPerPerson: number;
  status: 'open' | 'closed';
  startedAt: number;
  /** Only once closed. */
  result?: { tallies: VoteTally[]; voters: number; closedAt: number; recordId: string };
}

export function initialSessionState(): SessionState {
  return {
    rev: 0,
    active: false,
    leader: null,
    currentStep: null,
    follow: true,
    timer: null,
    closedSteps: [],
    spotlight: null,
    summon: null,
    silent: null,
    lastReveal: null,
    vote: null,
    ready: {},
  };
}

export interface Actor {
  userId: string;
  name: string;
}

const noSession = (): CommandError => new CommandError('no-session', 'Er loopt geen sessie.');

/** Leader commands that only change this state (silent rounds and votes have their own modules). */
export type StateCommand = CommandOf<
  | 'session.start'
  | 'session.stop'
  | 'session.takeOver'
  | 'step.go'
  | 'follow.set'
  | 'timer.start'
  | 'timer.stop'
  | 'timer.extend'
  | 'step.open'
  | 'step.close'
  | 'spotlight.set'
  | 'spotlight.clear'
  | 'summon'
>;

/**
 * Apply a leader command to the state (mutates it). The caller has checked `board:facilitate` and, for
 * everything but start and take-over, that `actor` is the current leader. Throws CommandError.
 */
export function applyStateCommand(
  state: SessionState,
  command: StateCommand,
  actor: Actor,
  now: number,
): void {
  switch (command.t) {
    case 'session.start':
      if (state.active) throw new CommandError('invalid', 'De sessie loopt al.');
      state.active = true;
      state.leader = { userId: actor.userId, name: actor.name };
      if (command.stepId) state.currentStep = command.stepId;
      state.ready = {};
      return;
    case 'session.takeOver':
      if (!state.active) throw noSession();
      state.leader = { userId: actor.userId, name: actor.name };
      return;
    case 'session.stop':
      if (!state.active) throw noSession();
      if (state.silent) throw new CommandError('invalid', 'Onthul of annuleer eerst de schrijfronde.');
      if (state.vote?.status === 'open') throw new CommandError('invalid', 'Sluit eerst de stemming.');
      state.active = false;
      state.timer = null;
      state.spotlight = null;
      state.ready = {};
      return;
  }
  if (!state.active) throw noSession();
  switch (command.t) {
    case 'step.go':
      if (state.currentStep !== command.stepId) state.ready = {};
      state.currentStep = command.stepId;
      return;
    case 'follow.set':
      state.follow = command.follow;
      return;
    case 'timer.start':
      state.timer = {
        endsAt: now + command.durationMs,
        durationMs: command.durationMs,
        startedBy: actor.userId,
      };
      return;
    case 'timer.stop':
      if (!state.timer) throw new CommandError('invalid', 'Er loopt geen timer.');
      state.timer = null;
      return;
    case 'timer.extend': {
      if (!state.timer) throw new CommandError('invalid', 'Er loopt geen timer.');
      // A timer that already ran out starts again from now.
      const from = Math.max(state.timer.endsAt, now);
      state.timer = {
        ...state.timer,
        endsAt: from + command.byMs,
        durationMs: state.timer.durationMs + (from - state.timer.endsAt) + command.byMs,
      };
      return;
    }
    case 'step.open':
      state.closedSteps = state.closedSteps.filter((s) => s !== command.stepId);
      return;
    case 'step.close':
      if (!state.closedSteps.includes(command.stepId))
        state.closedSteps = [...state.closedSteps, command.stepId];
      return;
    case 'spotlight.set':
      state.spotlight =
        command.target.kind === 'record'
          ? { kind: 'record', recordId: command.target.recordId }
          : { kind: 'chart', viewId: command.target.viewId };
      return;
    case 'spotlight.clear':
      state.spotlight = null;
      return;
    case 'summon':
      state.summon = { id: (state.summon?.id ?? 0) + 1, stepId: state.currentStep, at: now };
      return;
  }
}
