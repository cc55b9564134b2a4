import { describe, expect, it } from 'vitest';
import { defaultRelation, linkCandidates, type LinkableRecords } from './link-candidates';

const board: LinkableRecords = {
  facts: [
    { id: 'f1', text: 'Groep 6: 58% op I–III' },
    { id: 'f2', text: 'Groep 7 stabiel' },
  ],
  sources: [{ id: 's1', shows: '', sourceKind: 'observaties' }],
  causes: [{ id: 'c1', text: 'Weinig instructietijd' }],
  conclusions: [{ id: 'k1', text: 'Zorgsignaal' }],
  chartViews: [{ id: 'v1', title: '', analysisKind: 'overzicht' }],
  links: [{ from: 'f1', to: 's1' }],
};

describe('link candidates', () => {
  it('offers the cards of the asked kinds except the card itself and what it already links to', () => {
    expect(linkCandidates(board, 'f1', ['fact', 'source', 'cause']).map((c) => c.id)).toEqual(['f2', 'c1']);
    expect(linkCandidates(board, 'f2', ['source'])).toEqual([
      { id: 's1', kind: 'source', text: 'observaties' },
    ]);
  });

  it('suggests the relation from the kinds at both ends', () => {
    expect(defaultRelation(board, 'f1', 'cause')).toBe('ondersteunt');
    expect(defaultRelation(board, 'c1', 'cause')).toBe('alternatief');
    expect(defaultRelation(board, 'k1', 'cause')).toBe('rustOp');
    expect(defaultRelation(board, 'f1', 'source')).toBe('bron');
  });
});
