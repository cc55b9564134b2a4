import type { StepId } from '@koers/board';
import type { DraftKind, DraftView, SilentRoundView } from '@koers/server/facilitation';
import type { Facilitation } from './facilitation.svelte';

export type Polarity = 'positief' | 'negatief';

/** How long typing may pause before an edit of a draft is saved (blur saves at once). */
export const DRAFT_SAVE_DELAY_MS = 800;

/**
 * One person's private draft cards during a silent-writing round ("Stil schrijven"): what only she sees.
 * The server holds the drafts (`mine.drafts`) and is the truth: this class only keeps what she is typing
 * until it is saved (after a pause, on blur, or with the add button), so a reload shows her drafts again.
 */
export class SilentDrafts {
  /** Text typed into an existing draft that the server does not have yet, by draft id. */
  local = $state<Record<string, string>>({});
  /** The new card being written. */
  newText = $state('');
  newKind = $state<DraftKind>('fact');
  newPolarity = $state<Polarity>('negatief');
  busy = $state(false);
  /** The server's (Dutch) refusal of the last save or delete, until the next one succeeds. */
  error = $state<string | null>(null);

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timers, not state the UI reads
  #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly facilitation: Facilitation,
    private readonly delayMs = DRAFT_SAVE_DELAY_MS,
  ) {}

  /** The open round, if any (wherever it is). */
  get round(): SilentRoundView | null {
    return this.facilitation.active ? (this.facilitation.session?.silent ?? null) : null;
  }

  /** She writes in the round on this step: it is open here and she may write on the board. */
  writesOn(stepId: StepId): boolean {
    return this.round?.stepId === stepId && this.facilitation.mine?.canWrite === true;
  }

  /** The kinds of card this round collects; the new card's kind is always one of them. */
  get kinds(): DraftKind[] {
    return this.round?.kinds ?? [];
  }

  get drafts(): DraftView[] {
    return this.facilitation.mine?.drafts ?? [];
  }

  /** The kind the new card will get: her choice if the round collects it, else the round's first. */
  get kindForNew(): DraftKind {
    return this.kinds.includes(this.newKind) ? this.newKind : (this.kinds[0] ?? 'fact');
  }

  textOf(draft: DraftView): string {
    return this.local[draft.id] ?? draft.text;
  }

  /** She typed in a draft: keep it, save after a pause. */
  input(draftId: string, text: string): void {
    this.local = { ...this.local, [draftId]: text };
    this.#schedule(draftId);
  }

  /** Save a draft's typed text now (on blur). Empty text is not saved: the card keeps its last text. */
  async flush(draftId: string): Promise<void> {
    this.#cancel(draftId);
    const text = this.local[draftId];
    const draft = this.drafts.find((d) => d.id === draftId);
    if (text === undefined || !draft) return;
    if (!text.trim() || text === draft.text) {
      this.#forget(draftId, text);
      return;
    }
    await this.#save(draft, { text });
  }

  /** A cause's polarity is saved at once. */
  async setPolarity(draftId: string, polarity: Polarity): Promise<void> {
    const draft = this.drafts.find((d) => d.id === draftId);
    if (!draft || draft.kind !== 'cause') return;
    this.#cancel(draftId);
    const typed = this.local[draftId];
    await this.#save(draft, { polarity, text: typed?.trim() ? typed : draft.text });
  }

  /** Add the new card as a draft; true when the server took it (the field is then emptied). */
  async add(): Promise<boolean> {
    const text = this.newText.trim();
    if (!text || this.busy) return false;
    const kind = this.kindForNew;
    this.busy = true;
    try {
      await this.facilitation.send({
        t: 'draft.save',
        kind,
        text,
        ...(kind === 'cause' ? { polarity: this.newPolarity } : {}),
      });
      this.newText = '';
      this.error = null;
      return true;
    } catch (error) {
      this.error = (error as Error).message;
      return false;
    } finally {
      this.busy = false;
    }
  }

  async remove(draftId: string): Promise<void> {
    this.#cancel(draftId);
    try {
      await this.facilitation.send({ t: 'draft.delete', draftId });
      this.#forget(draftId);
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  destroy(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  async #save(draft: DraftView, change: { text: string; polarity?: Polarity }): Promise<void> {
    const polarity = change.polarity ?? draft.polarity ?? 'negatief';
    try {
      await this.facilitation.send({
        t: 'draft.save',
        draftId: draft.id,
        kind: draft.kind,
        text: change.text.trim(),
        ...(draft.kind === 'cause' ? { polarity } : {}),
      });
      // The state with the saved text came before the answer; drop ours unless she typed on meanwhile.
      this.#forget(draft.id, change.text);
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Drop the typed text of a draft (only if it is still `text`, when given). */
  #forget(draftId: string, text?: string): void {
    if (!(draftId in this.local)) return;
    if (text !== undefined && this.local[draftId] !== text) return;
    const next = { ...this.local };
    delete next[draftId];
    this.local = next;
  }

  #schedule(draftId: string): void {
    this.#cancel(draftId);
    this.#timers.set(
      draftId,
      setTimeout(() => {
        this.#timers.delete(draftId);
        void this.flush(draftId);
      }, this.delayMs),
    );
  }

  #cancel(draftId: string): void {
    const timer = this.#timers.get(draftId);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(draftId);
  }
}
