import { createFact, createVoteResult } from '@koers/board';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardVoteResults, rankTallies } from './vote-results.svelte';

describe('a vote’s result', () => {
  it('ranks the cards by dots, ties sharing a rank, bars relative to the most', () => {
    expect(
      rankTallies([
        { recordId: 'a', dots: 2 },
        { recordId: 'b', dots: 5 },
        { recordId: 'c', dots: 2 },
        { recordId: 'd', dots: 0 },
        { recordId: 'e', dots: 1 },
      ]),
    ).toEqual([
      { recordId: 'b', dots: 5, rank: 1, share: 1 },
      { recordId: 'a', dots: 2, rank: 2, share: 0.4 },
      { recordId: 'c', dots: 2, rank: 2, share: 0.4 },
      { recordId: 'e', dots: 1, rank: 4, share: 0.2 },
    ]);
    expect(rankTallies([])).toEqual([]);
  });

  it('is read live from the board document, per step, newest first', () => {
    const doc = new Y.Doc();
    const results = new BoardVoteResults(doc);
    expect(results.of('s9')).toEqual([]);
    const card = createFact(doc, { stepId: 's9', text: 'Weinig leestijd' });
    const first = createVoteResult(doc, {
      stepId: 's9',
      voteId: 'v1',
      question: 'Welke oorzaken nemen we mee?',
      dotsPerPerson: 3,
      voters: 2,
      tallies: [{ recordId: card, dots: 4 }],
      closedAt: new Date('2026-12-02T09:00:00Z'),
    });
    const second = createVoteResult(doc, {
      stepId: 's9',
      voteId: 'v2',
      question: 'Tweede ronde',
      dotsPerPerson: 1,
      voters: 1,
      tallies: [],
      closedAt: new Date('2026-12-02T10:00:00Z'),
    });
    createVoteResult(doc, {
      stepId: 's4',
      voteId: 'v3',
      question: 'Elders',
      dotsPerPerson: 1,
      voters: 0,
      tallies: [],
    });
    expect(results.of('s9').map((r) => r.id)).toEqual([second, first]);
    expect(results.of('s9')[1]!.tallies).toEqual([{ recordId: card, dots: 4 }]);
    results.destroy();
    createVoteResult(doc, {
      stepId: 's9',
      voteId: 'v4',
      question: 'Na',
      dotsPerPerson: 1,
      voters: 0,
      tallies: [],
    });
    expect(results.of('s9')).toHaveLength(2);
  });
});
