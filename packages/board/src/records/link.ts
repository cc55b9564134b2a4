import type * as Y from 'yjs';
import { z } from 'zod';
import { RECORD_ID_PATTERN } from './record-id';
import { createRecord, listRecords, recordExists, recordMap, type NewRecordPlace } from './record-store';
import { RecordValidationError, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A directed link between two records: the chain chart point → fact → cause → conclusion → action. Links are
 * records themselves (a fresh key each), so two people linking at once both keep theirs. A link whose
 * endpoint is gone (deleted concurrently) is skipped by every reader. A link is never edited: delete it
 * (`deleteRecord`) and add another.
 *
 * | relation      | from → to                 | meaning                                         |
 * | ------------- | ------------------------- | ----------------------------------------------- |
 * | `ondersteunt` | fact / source → cause     | evidence for the cause ("Wat ondersteunt …?")    |
 * | `ontkracht`   | fact / source → cause     | evidence against ("Wat ontkracht deze …?")       |
 * | `alternatief` | cause → cause             | an alternative explanation                      |
 * | `rustOp`      | conclusion → cause / fact | what a conclusion rests on (action → conclusion) |
 * | `bron`        | fact → chartView / source | where a fact was read                           |
 * | `beantwoordt` | action / teamLearning → conclusion / cause | what an action answers             |
 */

export const LINK_RELATIONS = [
  'ondersteunt',
  'ontkracht',
  'alternatief',
  'rustOp',
  'bron',
  'beantwoordt',
] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export const LINK_RELATION_LABEL: Readonly<Record<LinkRelation, string>> = {
  ondersteunt: 'Ondersteunt',
  ontkracht: 'Ontkracht',
  alternatief: 'Alternatieve verklaring',
  rustOp: 'Rust op',
  bron: 'Bron',
  beantwoordt: 'Beantwoordt',
};

const endpoint = z
  .string({ error: 'Onbekende kaart.' })
  .regex(RECORD_ID_PATTERN, { error: 'Onbekende kaart.' });

export const linkFields = z.object({
  from: endpoint,
  to: endpoint,
  relation: z.enum(LINK_RELATIONS, { error: 'Onbekende relatie.' }),
});

export type LinkFields = z.output<typeof linkFields>;
export type Link = BoardRecord<'link', LinkFields>;

export const LINK: RecordDefinition<'link', typeof linkFields> = {
  type: 'link',
  label: 'Koppeling',
  version: 1,
  fields: linkFields,
  check: (f) => (f.from === f.to ? 'een kaart kan niet naar zichzelf verwijzen.' : undefined),
  migrations: [],
};

export interface NewLink extends Partial<NewRecordPlace> {
  from: string;
  to: string;
  relation: LinkRelation;
}

/**
 * Links two existing records; the link lives on the step of `from` unless `stepId` says otherwise. An
 * identical link that already exists is returned instead of a second one.
 *
 * @throws RecordValidationError when an endpoint does not exist (deleted meanwhile) or the relation is unknown.
 */
export function createLink(doc: Y.Doc, input: NewLink): string {
  const { from, to, relation, ...place } = input;
  if (!recordExists(doc, from) || !recordExists(doc, to)) {
    throw new RecordValidationError(
      'Koppeling: de kaart bestaat niet (meer).',
      recordExists(doc, from) ? 'to' : 'from',
    );
  }
  const existing = listLinks(doc).find((l) => l.from === from && l.to === to && l.relation === relation);
  if (existing) return existing.id;
  const stepId = place.stepId ?? (recordMap(doc, from)?.get('stepId') as NewRecordPlace['stepId']);
  return createRecord(doc, LINK, { ...place, stepId }, { from, to, relation });
}

/** Every link whose two endpoints exist, in creation order of their step lists. */
export function listLinks(doc: Y.Doc): Link[] {
  return listRecords(doc, LINK).filter((l) => recordExists(doc, l.from) && recordExists(doc, l.to));
}

/** Links touching a record, either direction. */
export function linksOf(doc: Y.Doc, id: string): Link[] {
  return listLinks(doc).filter((l) => l.from === id || l.to === id);
}

/** Links pointing at a record: what would lose its target if the record were deleted ("asks first"). */
export function incomingLinks(doc: Y.Doc, id: string): Link[] {
  return listLinks(doc).filter((l) => l.to === id);
}

export function outgoingLinks(doc: Y.Doc, id: string): Link[] {
  return listLinks(doc).filter((l) => l.from === id);
}
