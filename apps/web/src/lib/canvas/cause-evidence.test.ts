import {
  createCause,
  createConclusion,
  createFact,
  createLink,
  createSource,
  initBoard,
  listConclusions,
  listFacts,
  listLinks,
  listSources,
  listCauses,
  updateConclusion,
} from '@koers/board';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { causeEvidence } from './cause-evidence';
import { conclusionGroups } from './conclusion-groups';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Studiedag', createdAt: new Date('2026-03-02T08:00:00Z') });
  return doc;
}

const lists = (doc: Y.Doc) => ({
  facts: listFacts(doc),
  sources: listSources(doc),
  causes: listCauses(doc),
  links: listLinks(doc),
});

describe('causeEvidence', () => {
  it('groups a cause’s facts and sources into what supports and what contradicts it, and counts the support', () => {
    const doc = board();
    const cause = createCause(doc, { text: 'Te weinig instructietijd', polarity: 'negatief' });
    const f1 = createFact(doc, { stepId: 's4', text: 'Groep 6: 58% op I–III' });
    const f2 = createFact(doc, { stepId: 's5', text: 'Daling sinds 2023' });
    const f3 = createFact(doc, { stepId: 's6', text: 'Parallelgroep 6B scoort hoger' });
    const s1 = createSource(doc, { sourceKind: 'observaties', shows: 'Korte instructie' });
    createLink(doc, { from: f1, to: cause, relation: 'ondersteunt' });
    createLink(doc, { from: f2, to: cause, relation: 'ondersteunt' });
    createLink(doc, { from: s1, to: cause, relation: 'ondersteunt' });
    createLink(doc, { from: f3, to: cause, relation: 'ontkracht' });
    const evidence = causeEvidence(lists(doc), cause);
    // (Links list in their steps' order; the grouping keeps that order.)
    expect(evidence.supports.map((e) => `${e.kind}:${e.id}`).sort()).toEqual(
      [`fact:${f1}`, `fact:${f2}`, `source:${s1}`].sort(),
    );
    expect(evidence.contradicts.map((e) => e.id)).toEqual([f3]);
    expect(evidence.supportCount).toBe(3);
    expect(evidence.alternatives).toEqual([]);
  });

  it('counts an evidence link drawn from the cause the same, and alternatives in either direction', () => {
    const doc = board();
    const cause = createCause(doc, { text: 'A', polarity: 'negatief' });
    const other = createCause(doc, { text: 'B', polarity: 'negatief' });
    const third = createCause(doc, { text: 'C', polarity: 'negatief' });
    const fact = createFact(doc, { stepId: 's4', text: 'feit' });
    createLink(doc, { from: cause, to: fact, relation: 'ondersteunt' });
    createLink(doc, { from: cause, to: other, relation: 'alternatief' });
    createLink(doc, { from: third, to: cause, relation: 'alternatief' });
    const evidence = causeEvidence(lists(doc), cause);
    expect(evidence.supports.map((e) => e.id)).toEqual([fact]);
    expect(evidence.alternatives.map((e) => e.id).sort()).toEqual([other, third].sort());
    // The other cause sees the alternative too.
    expect(causeEvidence(lists(doc), other).alternatives.map((e) => e.id)).toEqual([cause]);
  });

  it('a fact linked twice with the same relation counts once', () => {
    const doc = board();
    const cause = createCause(doc, { text: 'A', polarity: 'positief' });
    const fact = createFact(doc, { stepId: 's4', text: 'feit' });
    createLink(doc, { from: fact, to: cause, relation: 'ondersteunt' });
    createLink(doc, { from: cause, to: fact, relation: 'ondersteunt' });
    expect(causeEvidence(lists(doc), cause).supportCount).toBe(1);
  });
});

describe('conclusionGroups', () => {
  it('groups a kind’s conclusions by category in the seed’s order, the uncategorised last', () => {
    const doc = board();
    const a = createConclusion(doc, { kind: '10a', text: 'Rekenen op niveau', category: 'opNiveau' });
    const b = createConclusion(doc, { kind: '10a', text: 'Zorgen in groep 6', category: 'zorgsignaal' });
    const c = createConclusion(doc, { kind: '10a', text: 'Nog te bespreken' });
    createConclusion(doc, { kind: '10b', text: 'Andere stap', category: 'borgen' });
    const groups = conclusionGroups(listConclusions(doc), '10a');
    expect(groups.map((g) => [g.category, g.items.map((i) => i.id)])).toEqual([
      ['opNiveau', [a]],
      ['gaatGoed', []],
      ['gaatNietGoed', []],
      ['zorgsignaal', [b]],
      [null, [c]],
    ]);
    updateConclusion(doc, c, { category: 'gaatGoed' });
    expect(conclusionGroups(listConclusions(doc), '10a').map((g) => g.category)).toEqual([
      'opNiveau',
      'gaatGoed',
      'gaatNietGoed',
      'zorgsignaal',
    ]);
    expect(conclusionGroups(listConclusions(doc), '10c').map((g) => g.category)).toEqual([
      'korteTermijn',
      'kanWachten',
    ]);
  });
});
