import type { StepId } from '@koers/board';
import type { VoteView } from '@koers/server/facilitation';
import type { Facilitation } from './facilitation.svelte';

/**
 * One person's dots in an open blind vote. The server holds every dot and sends each person only her own
 * (`mine.dots`, `mine.dotsLeft`): this class reads those and places or removes one dot at a time. While a
 * command for a card is under way its buttons wait, so a double click never spends two dots by accident.
 */
export class DotVote {
  /** Cards with a dot command under way. */
  pending = $state<Record<string, true>>({});
  error = $state<string | null>(null);

  constructor(private readonly facilitation: Facilitation) {}

  /** The open vote, if any. */
  get vote(): VoteView | null {
    const vote = this.facilitation.active ? this.facilitation.session?.vote : null;
    return vote?.status === 'open' ? vote : null;
  }

  /** She votes on this step's cards now (never on the projector, which cannot write). */
  votesOn(stepId: StepId | undefined): boolean {
    return stepId !== undefined && this.vote?.stepId === stepId && this.facilitation.mine?.canWrite === true;
  }

  get dotsLeft(): number {
    return this.facilitation.mine?.dotsLeft ?? 0;
  }

  get dotsPerPerson(): number {
    return this.vote?.dotsPerPerson ?? 0;
  }

  /** Her own dots on a card. */
  dotsOn(recordId: string): number {
    return this.facilitation.mine?.dots.find((d) => d.recordId === recordId)?.dots ?? 0;
  }

  canPlace(recordId: string): boolean {
    return this.vote !== null && this.dotsLeft > 0 && !this.pending[recordId];
  }

  canRemove(recordId: string): boolean {
    return this.vote !== null && this.dotsOn(recordId) > 0 && !this.pending[recordId];
  }

  place(recordId: string): Promise<void> {
    return this.#run(recordId, 'dot.place', this.canPlace(recordId));
  }

  remove(recordId: string): Promise<void> {
    return this.#run(recordId, 'dot.remove', this.canRemove(recordId));
  }

  async #run(recordId: string, t: 'dot.place' | 'dot.remove', allowed: boolean): Promise<void> {
    if (!allowed) return;
    this.pending = { ...this.pending, [recordId]: true };
    try {
      await this.facilitation.send({ t, recordId });
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      const next = { ...this.pending };
      delete next[recordId];
      this.pending = next;
    }
  }
}
