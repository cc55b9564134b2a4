import type { LinkRelation } from '@koers/board';

/** The kinds of card a link can point at. */
export type LinkKind = 'fact' | 'source' | 'cause' | 'conclusion' | 'chartView';

export interface LinkCandidate {
  id: string;
  kind: LinkKind;
  text: string;
}

/** The lists of a board's records this needs (a `BoardRecords`, or plain lists in a test). */
export interface LinkableRecords {
  facts: readonly { id: string; text: string }[];
  sources: readonly { id: string; shows: string; sourceKind: string }[];
  causes: readonly { id: string; text: string }[];
  conclusions: readonly { id: string; text: string }[];
  chartViews: readonly { id: string; title: string; analysisKind: string }[];
  links: readonly { from: string; to: string }[];
}

/** The cards `fromId` can be linked to: of the given kinds, not itself, not already linked from it. */
export function linkCandidates(
  records: LinkableRecords,
  fromId: string,
  kinds: readonly LinkKind[],
): LinkCandidate[] {
  const linked = new Set(records.links.filter((l) => l.from === fromId).map((l) => l.to));
  const all: LinkCandidate[] = [];
  if (kinds.includes('fact'))
    for (const r of records.facts) all.push({ id: r.id, kind: 'fact', text: r.text });
  if (kinds.includes('source'))
    for (const r of records.sources) all.push({ id: r.id, kind: 'source', text: r.shows || r.sourceKind });
  if (kinds.includes('cause'))
    for (const r of records.causes) all.push({ id: r.id, kind: 'cause', text: r.text });
  if (kinds.includes('conclusion'))
    for (const r of records.conclusions) all.push({ id: r.id, kind: 'conclusion', text: r.text });
  if (kinds.includes('chartView'))
    for (const r of records.chartViews)
      all.push({ id: r.id, kind: 'chartView', text: r.title || r.analysisKind });
  return all.filter((c) => c.id !== fromId && !linked.has(c.id));
}

/**
 * The relation a link most likely has, from the kinds at both ends (the table in packages/board's link.ts):
 * evidence → cause supports, cause → cause is an alternative, a conclusion rests on things, else a source.
 */
export function defaultRelation(records: LinkableRecords, fromId: string, toKind: LinkKind): LinkRelation {
  const fromCause = records.causes.some((c) => c.id === fromId);
  const fromConclusion = records.conclusions.some((c) => c.id === fromId);
  if (fromConclusion) return 'rustOp';
  if (toKind === 'cause') return fromCause ? 'alternatief' : 'ondersteunt';
  return 'bron';
}
