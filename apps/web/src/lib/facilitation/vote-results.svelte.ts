import { listVoteResults, recordsMap, type StepId, type VoteResult, type VoteTally } from '@koers/board';
import type * as Y from 'yjs';

/** One card in a vote's ranking. */
export interface RankedCard {
  recordId: string;
  dots: number;
  /** 1 for the most dots; cards with equal dots share a rank. */
  rank: number;
  /** Dots as a share of the most any card got (0–1), for the bar. */
  share: number;
}

/** A vote's tallies ranked, most dots first (ties keep the server's order and share their rank). */
export function rankTallies(tallies: readonly VoteTally[]): RankedCard[] {
  const sorted = tallies.filter((t) => t.dots > 0).toSorted((a, b) => b.dots - a.dots);
  const most = sorted[0]?.dots ?? 0;
  let rank = 0;
  return sorted.map((tally, index) => {
    if (index === 0 || tally.dots !== sorted[index - 1]!.dots) rank = index + 1;
    return { recordId: tally.recordId, dots: tally.dots, rank, share: most > 0 ? tally.dots / most : 0 };
  });
}

/**
 * The vote results a board keeps (`voteResult` records, written by the server when the leider closes a
 * vote), read live from the document: a result appears on every screen the moment the server writes it.
 */
export class BoardVoteResults {
  results = $state<VoteResult[]>([]);
  #cleanup: () => void;

  constructor(private readonly doc: Y.Doc) {
    const records = recordsMap(doc);
    const read = () => (this.results = listVoteResults(doc));
    read();
    records.observeDeep(read);
    this.#cleanup = () => records.unobserveDeep(read);
  }

  /** A step's results, the newest first. */
  of(stepId: StepId): VoteResult[] {
    return this.results
      .filter((r) => r.stepId === stepId)
      .toSorted((a, b) => b.closedAt.localeCompare(a.closedAt));
  }

  destroy(): void {
    this.#cleanup();
  }
}
