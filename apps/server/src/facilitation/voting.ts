import { createVoteResult, newRecordId, recordMap, type VoteTally } from '@koers/board';
import type * as Y from 'yjs';
import { SERVER_ORIGIN } from '../sync/origins';
import { CommandError, type CommandOf } from './protocol';
import type { SessionState } from './session-state';

/**
 * The blind dot vote ("Welke oorzaken nemen we mee?"): each person places up to N dots on the cards of one
 * step. Who put which dot lives on the server alone and goes to nobody but the voter herself; while the vote
 * is open even the leider sees only how many people voted. Closing it counts the dots, puts the result in
 * the session state and writes it into the document as a `voteResult` record; the individual dots are
 * then deleted.
 */

/** Per voter: record id → dots. */
export type Ballots = Map<string, Map<string, number>>;

/** Cards one can vote on: every record of the step except links and earlier results. */
const NOT_VOTABLE = new Set(['link', 'voteResult']);

export function startVote(state: SessionState, command: CommandOf<'vote.start'>, now: number): void {
  if (state.vote?.status === 'open') throw new CommandError('invalid', 'Er loopt al een stemming.');
  state.vote = {
    id: newRecordId(),
    stepId: command.stepId,
    question: command.question?.trim() || 'Welke oorzaken nemen we mee?',
    dotsPerPerson: command.dotsPerPerson,
    status: 'open',
    startedAt: now,
  };
  state.ready = {};
}

export function dotsUsed(ballots: Ballots, userId: string): number {
  let used = 0;
  for (const dots of ballots.get(userId)?.values() ?? []) used += dots;
  return used;
}

/** Place one of one's own dots on a card of the vote's step; returns the new count on that card. */
export function placeDot(
  doc: Y.Doc,
  state: SessionState,
  ballots: Ballots,
  userId: string,
  recordId: string,
): number {
  const vote = openVote(state);
  const map = recordMap(doc, recordId);
  const type = map?.get('type');
  if (!map || typeof type !== 'string' || NOT_VOTABLE.has(type) || map.get('stepId') !== vote.stepId) {
    throw new CommandError('invalid', 'Op deze kaart kun je in deze stemming niet stemmen.');
  }
  if (dotsUsed(ballots, userId) >= vote.dotsPerPerson) {
    throw new CommandError('invalid', `Je hebt al je ${vote.dotsPerPerson} stippen geplaatst.`);
  }
  const ballot = ballots.get(userId) ?? new Map<string, number>();
  const dots = (ballot.get(recordId) ?? 0) + 1;
  ballot.set(recordId, dots);
  ballots.set(userId, ballot);
  return dots;
}

/** Take one of one's own dots off a card; returns the new count on that card. */
export function removeDot(state: SessionState, ballots: Ballots, userId: string, recordId: string): number {
  openVote(state);
  const ballot = ballots.get(userId);
  const dots = ballot?.get(recordId) ?? 0;
  if (!ballot || dots === 0) throw new CommandError('invalid', 'Op deze kaart staat geen stip van jou.');
  if (dots === 1) ballot.delete(recordId);
  else ballot.set(recordId, dots - 1);
  if (ballot.size === 0) ballots.delete(userId);
  return dots - 1;
}

/** How many people placed at least one dot: all the leider sees while the vote is open. */
export function voterCount(ballots: Ballots): number {
  let count = 0;
  for (const ballot of ballots.values()) if (ballot.size > 0) count++;
  return count;
}

/**
 * Count, put the result in the state and write it into the document (one transaction, server origin).
 * Cards deleted meanwhile are left out of the tally. Returns the vote id (its dots can now be deleted).
 */
export function closeVote(doc: Y.Doc, state: SessionState, ballots: Ballots, now: number): string {
  const vote = openVote(state);
  const totals = new Map<string, number>();
  for (const ballot of ballots.values()) {
    for (const [recordId, dots] of ballot) totals.set(recordId, (totals.get(recordId) ?? 0) + dots);
  }
  const tallies: VoteTally[] = [...totals]
    .filter(([recordId]) => recordMap(doc, recordId) !== undefined)
    .map(([recordId, dots]) => ({ recordId, dots }))
    .sort((a, b) => b.dots - a.dots || a.recordId.localeCompare(b.recordId));
  const voters = voterCount(ballots);
  let resultId = '';
  doc.transact(() => {
    resultId = createVoteResult(doc, {
      stepId: vote.stepId,
      voteId: vote.id,
      question: vote.question,
      dotsPerPerson: vote.dotsPerPerson,
      voters,
      tallies,
      closedAt: new Date(now),
    });
  }, SERVER_ORIGIN);
  state.vote = { ...vote, status: 'closed', result: { tallies, voters, closedAt: now, recordId: resultId } };
  ballots.clear();
  state.ready = {};
  return vote.id;
}

export function cancelVote(state: SessionState, ballots: Ballots): string {
  const vote = openVote(state);
  state.vote = null;
  ballots.clear();
  return vote.id;
}

function openVote(state: SessionState): NonNullable<SessionState['vote']> {
  if (state.vote?.status !== 'open') throw new CommandError('invalid', 'Er loopt geen stemming.');
  return state.vote;
}
