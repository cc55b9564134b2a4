import { describe, expect, it } from 'vitest';
import { rankTallies } from './tally';

const texts: Record<string, string> = { a: 'Te weinig leestijd', b: 'Nieuwe methode', c: 'Veel invallers' };
const textOf = (id: string) => texts[id] ?? '';

describe("a closed vote's result as a ranked bar list", () => {
  it('ranks by dots with shared places on a tie and bars against the most dots', () => {
    const rows = rankTallies(
      [
        { recordId: 'b', dots: 3 },
        { recordId: 'a', dots: 6 },
        { recordId: 'c', dots: 3 },
      ],
      textOf,
      '(weg)',
    );
    expect(rows.map((r) => [r.rank, r.text, r.dots, r.share])).toEqual([
      [1, 'Te weinig leestijd', 6, 1],
      [2, 'Nieuwe methode', 3, 0.5],
      [2, 'Veel invallers', 3, 0.5],
    ]);
  });

  it('names a card deleted since, leaves out cards without dots and keeps the top rows', () => {
    const rows = rankTallies(
      [
        { recordId: 'x', dots: 2 },
        { recordId: 'a', dots: 0 },
        { recordId: 'b', dots: 1 },
      ],
      textOf,
      '(kaart verwijderd)',
      1,
    );
    expect(rows).toEqual([{ recordId: 'x', rank: 1, text: '(kaart verwijderd)', dots: 2, share: 1 }]);
  });

  it('an empty vote has no rows', () => {
    expect(rankTallies([], textOf, '')).toEqual([]);
  });
});
