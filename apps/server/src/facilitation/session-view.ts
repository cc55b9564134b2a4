import { PROTOCOL_VERSION } from './protocol';
import { draftCounts } from './silent-writing';
import type { Draft } from './session-store';
import type { SessionState } from './session-state';
import { dotsUsed, voterCount, type Ballots } from './voting';
import type { DraftView, MineView, SessionView, VoteView } from './wire';

/**
 * What each socket is sent: the session as everyone may see it, the facilitator's extras (draft counts per
 * person, how many voted), and the viewer's own drafts and dots. The secret parts are added per viewer
 * here and nowhere else, so a client that logs every message learns only what its user may know.
 */

/** Who is looking, as far as the view is concerned. */
export interface Viewer {
  userId: string | null;
  canFacilitate: boolean;
  canWrite: boolean;
}

export interface LiveSecrets {
  drafts: Map<string, Draft>;
  ballots: Ballots;
  /** Whether the leader has a socket on the board now. */
  leaderOnline: boolean;
}

/** The session for everyone (projector included), or with the facilitator's counts. */
export function sessionView(state: SessionState, secrets: LiveSecrets, facilitator: boolean): SessionView {
  const silent = state.silent
    ? {
        ...state.silent,
        ...(facilitator ? { draftCounts: draftCounts(secrets.drafts) } : {}),
      }
    : null;
  let vote: VoteView | null = null;
  if (state.vote) {
    const { result, ...open } = state.vote;
    vote =
      state.vote.status === 'closed'
        ? { ...open, result }
        : { ...open, ...(facilitator ? { voterCount: voterCount(secrets.ballots) } : {}) };
  }
  return {
    active: state.active,
    leader: state.leader,
    leaderOnline: secrets.leaderOnline,
    currentStep: state.currentStep,
    follow: state.follow,
    timer: state.timer,
    closedSteps: state.closedSteps,
    spotlight: state.spotlight,
    summon: state.summon,
    silent,
    lastReveal: state.lastReveal,
    vote,
    ready: Object.entries(state.ready).map(([userId, mark]) => ({ userId, name: mark.name, at: mark.at })),
  };
}

/** The viewer's own part: her drafts of the open round, her dots in the open vote. */
export function mineView(state: SessionState, secrets: LiveSecrets, viewer: Viewer): MineView {
  const drafts: DraftView[] = [];
  const dots: { recordId: string; dots: number }[] = [];
  if (viewer.userId !== null) {
    for (const draft of secrets.drafts.values()) {
      if (draft.userId !== viewer.userId) continue;
      drafts.push({
        id: draft.id,
        kind: draft.kind,
        text: draft.text,
        polarity: draft.polarity,
        updatedAt: draft.updatedAt,
      });
    }
    for (const [recordId, count] of secrets.ballots.get(viewer.userId) ?? [])
      dots.push({ recordId, dots: count });
  }
  const vote = state.vote?.status === 'open' ? state.vote : null;
  return {
    userId: viewer.userId,
    canFacilitate: viewer.canFacilitate,
    canWrite: viewer.canWrite,
    isLeader: viewer.userId !== null && state.leader?.userId === viewer.userId,
    ready: viewer.userId !== null && Object.hasOwn(state.ready, viewer.userId),
    drafts,
    dots,
    dotsLeft:
      vote && viewer.userId !== null ? vote.dotsPerPerson - dotsUsed(secrets.ballots, viewer.userId) : 0,
  };
}

/**
 * The `state` message as a string. `session` is pre-serialised once per audience (everyone / facilitators)
 * and shared by all sockets of that audience; only `mine` is built per socket.
 */
export function stateMessage(rev: number, serverNow: number, sessionJson: string, mine: MineView): string {
  return `{"v":${PROTOCOL_VERSION},"t":"state","rev":${rev},"serverNow":${serverNow},"session":${sessionJson},"mine":${JSON.stringify(mine)}}`;
}
