import type { VoteTally } from '@koers/board';

/** One line of a vote's result on the projector: its place (shared on a tie), the card's text, the bar. */
export interface TallyRow {
  recordId: string;
  rank: number;
  text: string;
  dots: number;
  /** The bar's length against the most dots (0–1). */
  share: number;
}

/**
 * A closed vote's tallies as a ranked list: most dots first, equal counts share a place ("1, 2, 2, 4"),
 * cards without a text (deleted since) named by `gone`. At most `limit` rows: the room reads the top.
 */
export function rankTallies(
  tallies: readonly VoteTally[],
  textOf: (recordId: string) => string,
  gone: string,
  limit = 8,
): TallyRow[] {
  const sorted = [...tallies].filter((t) => t.dots > 0).sort((a, b) => b.dots - a.dots);
  const most = sorted[0]?.dots ?? 0;
  const rows: TallyRow[] = [];
  for (const [index, tally] of sorted.entries()) {
    const previous = rows[index - 1];
    const rank = previous && previous.dots === tally.dots ? previous.rank : index + 1;
    rows.push({
      recordId: tally.recordId,
      rank,
      text: textOf(tally.recordId) || gone,
      dots: tally.dots,
      share: most > 0 ? tally.dots / most : 0,
    });
  }
  return rows.slice(0, limit);
}
