import type { Link } from '@koers/board';

/** What the grouping needs of a board's records (a `BoardRecords`, or plain lists in a test). */
export interface EvidenceRecords {
  facts: readonly { id: string }[];
  sources: readonly { id: string }[];
  causes: readonly { id: string }[];
  links: readonly Link[];
}

/** One linked card of a cause: the other end and the link (to remove it). */
export interface EvidenceItem {
  id: string;
  kind: 'fact' | 'source' | 'cause';
  linkId: string;
}

/** A cause's links, grouped as step 9 asks about them. */
export interface CauseEvidence {
  /** "Wat ondersteunt deze verklaring?" — facts and sources. */
  supports: EvidenceItem[];
  /** "Wat ontkracht deze verklaring?" — facts and sources. */
  contradicts: EvidenceItem[];
  /** "Welke alternatieve verklaringen bestaan er?" — other causes. */
  alternatives: EvidenceItem[];
  /** "Is er bewijs uit meerdere bronnen?": how many distinct facts and sources support it. */
  supportCount: number;
}

/**
 * Groups the links touching a cause. Evidence links run fact / source → cause (packages/board's link
 * table); one drawn the other way round (cause → fact) counts the same, so no link is ever hidden. An
 * alternative is an `alternatief` link to or from another cause. A card linked twice appears once per group.
 */
export function causeEvidence(records: EvidenceRecords, causeId: string): CauseEvidence {
  const kindOf = (id: string): EvidenceItem['kind'] | undefined => {
    if (records.facts.some((f) => f.id === id)) return 'fact';
    if (records.sources.some((s) => s.id === id)) return 'source';
    if (records.causes.some((c) => c.id === id)) return 'cause';
    return undefined;
  };
  const supports: EvidenceItem[] = [];
  const contradicts: EvidenceItem[] = [];
  const alternatives: EvidenceItem[] = [];
  const add = (list: EvidenceItem[], item: EvidenceItem) => {
    if (!list.some((i) => i.id === item.id)) list.push(item);
  };
  for (const link of records.links) {
    if (link.from !== causeId && link.to !== causeId) continue;
    const other = link.from === causeId ? link.to : link.from;
    const kind = kindOf(other);
    if (!kind) continue;
    const item = { id: other, kind, linkId: link.id };
    if (link.relation === 'alternatief' && kind === 'cause') add(alternatives, item);
    else if (kind === 'cause') continue;
    else if (link.relation === 'ondersteunt') add(supports, item);
    else if (link.relation === 'ontkracht') add(contradicts, item);
  }
  return { supports, contradicts, alternatives, supportCount: supports.length };
}
