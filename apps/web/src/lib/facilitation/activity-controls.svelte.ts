import type { StepId } from '@koers/board';
import type { DraftKind, SilentRoundView, VoteView } from '@koers/server/facilitation';
import type { Facilitation, FacilitationCommand } from './facilitation.svelte';

/** Dots per person the server accepts (apps/server protocol.ts, MAX_DOTS_PER_PERSON). */
export const MIN_DOTS = 1;
export const MAX_DOTS = 20;
export const DEFAULT_DOTS = 3;
/** The server's limit on a vote's question. */
export const MAX_QUESTION_LENGTH = 200;

const FACT_STEPS: readonly StepId[] = ['s3', 's4', 's5', 's6', 's7'];
const CONCLUSION_STEPS: readonly StepId[] = ['s10a', 's10b', 's10c'];

/**
 * The kind of card a silent round on a step collects: what the step shows as cards (facts on steps 3–7,
 * causes on step 9). No step shows both, and a revealed card of a kind the step does not show would land
 * out of sight, so a round collects exactly this; elsewhere there is no round.
 */
export function silentKindsOn(stepId: StepId): DraftKind[] {
  if (stepId === 's9') return ['cause'];
  return FACT_STEPS.includes(stepId) ? ['fact'] : [];
}

/** A vote needs cards with a dot control: facts (3–7), causes (9), conclusions (10a–c). */
export function votableOn(stepId: StepId): boolean {
  return stepId === 's9' || FACT_STEPS.includes(stepId) || CONCLUSION_STEPS.includes(stepId);
}

/**
 * The leider's controls for the two activities of a live session: a silent-writing round ("Stil schrijven")
 * and a blind dot vote. The server decides (only the leading leider may), this class keeps her choices for
 * the next round or vote, checks them before sending, and says what is under way. Without a running
 * session, starting an activity starts the session first (on the step she is on), so she can use them
 * before the session bar is there.
 */
export class ActivityControlsState {
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

  get dotsInvalid(): boolean {
    const dots = this.voteDots;
    return !Number.isInteger(dots) || dots < MIN_DOTS || dots > MAX_DOTS;
  }

  get questionTooLong(): boolean {
    return this.voteQuestion.trim().length > MAX_QUESTION_LENGTH;
  }

  startSilent(stepId: StepId): Promise<boolean> {
    const kinds = silentKindsOn(stepId);
    if (kinds.length === 0) return Promise.resolve(false);
    return this.#run(
      { t: 'silent.start', stepId, kinds, anonymous: this.silentAnonymous },
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
    if (this.dotsInvalid || this.questionTooLong || !votableOn(stepId)) return Promise.resolve(false);
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
