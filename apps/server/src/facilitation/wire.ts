import type { StepId } from '@koers/board';
import type { Command, DraftKind, ErrorCode } from './protocol';
import type { Reveal, SessionState, SilentRound, Vote } from './session-state';

/**
 * The facilitation messages as they travel on the sync socket (JSON of stateless messages), typed once here
 * for the server that builds them and the web app that reads them (`@koers/server/facilitation`, type-only).
 * The prose description is apps/server/README.md "Facilitation".
 */

export type { Command, DraftKind, ErrorCode };
export type CommandType = Command['t'];

/** The session as a socket is sent it: the same for everyone, plus counts for facilitators. */
export interface SessionView {
  active: boolean;
  leader: { userId: string; name: string } | null;
  leaderOnline: boolean;
  currentStep: StepId | null;
  follow: boolean;
  timer: SessionState['timer'];
  closedSteps: StepId[];
  spotlight: SessionState['spotlight'];
  summon: SessionState['summon'];
  silent: SilentRoundView | null;
  lastReveal: Reveal | null;
  vote: VoteView | null;
  ready: { userId: string; name: string; at: number }[];
}

export interface SilentRoundView extends SilentRound {
  /** Facilitators only: how many drafts each person has written (never what). */
  draftCounts?: { userId: string; name: string; count: number }[];
}

export interface VoteView extends Omit<Vote, 'result'> {
  /** Facilitators only, while open: how many people placed at least one dot. */
  voterCount?: number;
  /** Only once closed. */
  result?: Vote['result'];
}

/** One draft card of the viewer's own in the open silent round. */
export interface DraftView {
  id: string;
  kind: DraftKind;
  text: string;
  polarity: 'positief' | 'negatief' | null;
  updatedAt: number;
}

/** The viewer's own part of the state. */
export interface MineView {
  userId: string | null;
  canFacilitate: boolean;
  canWrite: boolean;
  isLeader: boolean;
  ready: boolean;
  drafts: DraftView[];
  dots: { recordId: string; dots: number }[];
  dotsLeft: number;
}

export interface StateMessage {
  v: 1;
  t: 'state';
  rev: number;
  /** The server's clock when it sent this (ms since epoch): timers count from `endsAt − serverNow`. */
  serverNow: number;
  session: SessionView;
  mine: MineView;
}

export interface OkMessage {
  v: 1;
  t: 'ok';
  id: string;
}

export interface ErrorMessage {
  v: 1;
  t: 'error';
  id?: string;
  code: ErrorCode;
  /** Dutch, for the user. */
  message: string;
}

export type ServerMessage = StateMessage | OkMessage | ErrorMessage;

/** What a client sends: a command, optionally with an `id` the answer carries back. */
export type ClientMessage = Command & { v: 1; id?: string };
