import type * as Y from 'yjs';
import { z } from 'zod';
import type { StepId } from '../stappenplan';
import { choiceSetNestedMap, choiceSetSchema, choicesOf, initChoiceSets, setChoice } from './choice-set';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { RecordValidationError, textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * Anchoring an insight (Handelen 4 "Het borgen van opgedane inzichten"): "Hoe verwerken we deze inzichten in
 * beleid, leerlijnen, methodiek, afspraken en cultuur? … Wie doet wat? Hoe maken we dit structureel?"
 */

export const ANCHORS = ['beleid', 'leerlijnen', 'methodiek', 'afspraken', 'cultuur'] as const;
export type Anchor = (typeof ANCHORS)[number];

export const ANCHOR_LABEL: Readonly<Record<Anchor, string>> = {
  beleid: 'Beleid',
  leerlijnen: 'Leerlijnen',
  methodiek: 'Methodiek',
  afspraken: 'Afspraken',
  cultuur: 'Cultuur',
};

export const borgingFields = z.object({
  /** The insight or strong point to keep. */
  insight: textField(2000),
  /** Where it is anchored: a choice set, so ticks by different people merge. */
  anchoredIn: choiceSetSchema(ANCHORS, 'Kies beleid, leerlijnen, methodiek, afspraken of cultuur.'),
  /** "Wie doet wat?" */
  who: textField(500),
  /** "Hoe maken we dit structureel?" */
  how: textField(2000),
});

export type BorgingFields = z.output<typeof borgingFields>;
export type Borging = Omit<BoardRecord<'borging', BorgingFields>, 'anchoredIn'> & { anchoredIn: Anchor[] };
export type BorgingEdit = Partial<Omit<BorgingFields, 'anchoredIn'>>;

export const BORGING: RecordDefinition<'borging', typeof borgingFields> = {
  type: 'borging',
  label: 'Borging',
  version: 1,
  fields: borgingFields,
  migrations: [],
  // `anchoredIn` is a nested Y.Map: the server's update guard must know it.
  nestedMaps: { anchoredIn: choiceSetNestedMap(ANCHORS) },
};

export interface NewBorging extends Partial<NewRecordPlace>, BorgingEdit {
  insight: string;
}

/** Adds a borging card (step H4 unless `stepId` says otherwise) with its empty `anchoredIn` set. */
export function createBorging(doc: Y.Doc, input: NewBorging): string {
  const { stepId = 'h4', order, createdAt, ...given } = input;
  return createRecord(doc, BORGING, { stepId, order, createdAt }, { who: '', how: '', ...given }, (map) =>
    initChoiceSets(map, ['anchoredIn']),
  );
}

function toBorging(record: BoardRecord<'borging', BorgingFields> | undefined): Borging | undefined {
  return record && { ...record, anchoredIn: choicesOf(ANCHORS, record.anchoredIn) };
}

export function readBorging(doc: Y.Doc, id: string): Borging | undefined {
  return toBorging(readRecord(doc, BORGING, id));
}

export function updateBorging(doc: Y.Doc, id: string, patch: BorgingEdit): boolean {
  if ('anchoredIn' in patch)
    throw new RecordValidationError('Borging: verankering gaat via setBorgingAnchor.');
  return updateRecord(doc, BORGING, id, patch);
}

export function listBorging(doc: Y.Doc, stepId?: StepId): Borging[] {
  return listRecords(doc, BORGING, stepId).map((r) => toBorging(r) as Borging);
}

/** Ticks or unticks where the insight is anchored; ticks by different people all count. */
export function setBorgingAnchor(doc: Y.Doc, id: string, anchor: Anchor, on: boolean): boolean {
  return setChoice(doc, BORGING as never, id, 'anchoredIn', ANCHORS, anchor, on);
}
