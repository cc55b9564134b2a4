import type { StepId } from '@koers/board';
import type { DraftKind, SilentRoundView, VoteView } from '@koers/server/facilitation';
import type { Facilitation, FacilitationCommand } from './facilitation.svelte';

/** Dots per person the server accepts (apps/server protocol.ts, MAX_DOTS_PER_PERSON). */
export const MIN_DOTS = 1;
export const MAX_DOTS = 20;
export const DEFAULT_DOTS = 3;
/** The server's limit on a vote's question. */
export const MAX_QUESTION_LENGTH = 200;

/**
 * The leider's controls for the two activities of a live session: a silent-writing round ("Stil schrijven")
 * and a blind dot vote. The server decides (only the leading leider may), this class keeps her choices for
 * the next round or vote, checks them before sending, and says what is under way. Without a running
 * session, starting an activity starts the session first (on the step she is on), so she can use them
 * before the session bar is there.
 */
export class ActivityControlsState {
  /** Which kinds of card the next round collects. */
  silentFacts = $state(true);
  silentCauses = $state(false);
  /** Reveal the next round without author names. */
  silentAnonymous = $state(false);
  /** Her choice at reveal; null until she changes it (then the round's own choice holds). */
  revealAnonymous = $state<boolean | null>(null);
  voteDots = $state(DEFAULT_DOTS);
  voteQuestion = $state('');
  busy = $state(false);
  error = $state<string | null>(null);

  constructor(
    private readonly facilitation: Facilitation,
    readonly defaultQuestion: string,
  ) {
    this.voteQuestion = defaultQuestion;
  }

  /** She may use the controls: a leider, and either no session runs or she leads it. */
  get available(): boolean {
    const f = this.facilitation;
    return f.canFacilitate && (!f.active || f.isLeader);
  }

  get round(): SilentRoundView | null {
    return this.facilitation.active ? (this.facilitation.session?.silent ?? null) : null;
  }

  /** The vote under way (closed votes are results on the board, not controls). */
  get vote(): VoteView | null {
    const vote = this.facilitation.active ? this.facilitation.session?.vote : null;
    return vote?.status === 'open' ? vote : null;
  }

  get silentKinds(): DraftKind[] {
    return [...(this.silentFacts ? ['fact' as const] : []), ...(this.silentCauses ? ['cause' as const] : [])];
  }

  /** Written drafts in the round, and by how many people (counts only: she never sees the text). */
  get draftTotals(): { cards: number; writers: number } {
    const counts = this.round?.draftCounts ?? [];
    return {
      cards: counts.reduce((sum, c) => sum + c.count, 0),
      writers: counts.filter((c) => c.count > 0).length,
    };
  }

  /** Reveal without names: her choice at reveal, else the round's. */
  get anonymousAtReveal(): boolean {
    return this.revealAnonymous ?? this.round?.anonymous ?? false;
  }

  get kindsMissing(): boolean {
    return this.silentKinds.length === 0;
  }

  get dotsInvalid(): boolean {
    const dots = this.voteDots;
    return !Number.isInteger(dots) || dots < MIN_DOTS || dots > MAX_DOTS;
  }

  get questionTooLong(): boolean {
    return this.voteQuestion.trim().length > MAX_QUESTION_LENGTH;
  }

  startSilent(stepId: StepId): Promise<boolean> {
    if (this.kindsMissing) return Promise.resolve(false);
    return this.#run(
      { t: 'silent.start', stepId, kinds: this.silentKinds, anonymous: this.silentAnonymous },
      stepId,
      () => (this.revealAnonymous = null),
    );
  }

  reveal(): Promise<boolean> {
    return this.#run({ t: 'silent.reveal', anonymous: this.anonymousAtReveal });
  }

  cancelSilent(): Promise<boolean> {
    return this.#run({ t: 'silent.cancel' });
  }

  startVote(stepId: StepId): Promise<boolean> {
    if (this.dotsInvalid || this.questionTooLong) return Promise.resolve(false);
    const question = this.voteQuestion.trim() || this.defaultQuestion;
    return this.#run({ t: 'vote.start', stepId, dotsPerPerson: this.voteDots, question }, stepId);
  }

  closeVote(): Promise<boolean> {
    return this.#run({ t: 'vote.close' });
  }

  cancelVote(): Promise<boolean> {
    return this.#run({ t: 'vote.cancel' });
  }

  /** Send one command (starting the session first when `startOn` is given and none runs). */
  async #run(command: FacilitationCommand, startOn?: StepId, done?: () => void): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      if (startOn && !this.facilitation.active) {
        await this.facilitation.send({ t: 'session.start', stepId: startOn });
      }
      await this.facilitation.send(command);
      done?.();
      this.error = null;
      return true;
    } catch (error) {
      this.error = (error as Error).message;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
