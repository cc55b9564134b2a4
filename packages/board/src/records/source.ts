import type * as Y from 'yjs';
import { z } from 'zod';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A source of step 7 (Trianguleren): what else the team knows besides the LVS tests, and whether it tells
 * the same story. The kinds follow the seed's step-7 questions, in their order.
 */

export const SOURCE_KINDS = [
  'toetsen',
  'observaties',
  'leerlingwerk',
  'welbevinden',
  'aanbod',
  'leerkrachten',
  'leerlingen',
  'anders',
] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Dutch labels, from the seed's step 7. */
export const SOURCE_KIND_LABEL: Readonly<Record<SourceKind, string>> = {
  toetsen: 'Andere (bijv. methodegebonden) toetsen',
  observaties: 'Observaties (instructiebehoefte, taakaanpak, betrokkenheid, strategieën, zelfsturing)',
  leerlingwerk: 'Leerlingwerk (denksporen, foutenpatronen)',
  welbevinden: 'Welbevinden, gedrag, aanwezigheid',
  aanbod: 'Aanbod en instructie (BOP, LEF, uitvoering)',
  leerkrachten: 'Wat zeggen leerkrachten?',
  leerlingen: 'Wat zeggen leerlingen?',
  anders: 'Andere relevante data of bronnen',
};

/** The kernvraag "Vertellen al deze bronnen hetzelfde verhaal?", per source. */
export const SAME_STORY = ['ja', 'deels', 'nee'] as const;
export type SameStory = (typeof SAME_STORY)[number];

export const sourceFields = z.object({
  sourceKind: z.enum(SOURCE_KINDS, { error: 'Kies een soort bron.' }),
  /** What the source shows. */
  shows: textField(2000),
  /** null: not answered yet. */
  sameStory: z.enum(SAME_STORY, { error: 'Kies ja, deels of nee.' }).nullable(),
  /** "Zien we hierin verschillen tussen subgroepen?" */
  subgroupDifferences: textField(1000),
});

export type SourceFields = z.output<typeof sourceFields>;
export type Source = BoardRecord<'source', SourceFields>;

export const SOURCE: RecordDefinition<'source', typeof sourceFields> = {
  type: 'source',
  label: 'Bron',
  version: 1,
  fields: sourceFields,
  migrations: [],
};

export interface NewSource extends Partial<NewRecordPlace> {
  sourceKind: SourceKind;
  shows?: string;
  sameStory?: SameStory | null;
  subgroupDifferences?: string;
}

/** Adds a row to the triangulation table (step 7 unless `stepId` says otherwise); returns its id. */
export function createSource(doc: Y.Doc, input: NewSource): string {
  const {
    sourceKind,
    shows = '',
    sameStory = null,
    subgroupDifferences = '',
    stepId = 's7',
    ...place
  } = input;
  return createRecord(
    doc,
    SOURCE,
    { stepId, ...place },
    { sourceKind, shows, sameStory, subgroupDifferences },
  );
}

export function readSource(doc: Y.Doc, id: string): Source | undefined {
  return readRecord(doc, SOURCE, id);
}

export function updateSource(doc: Y.Doc, id: string, patch: Partial<SourceFields>): boolean {
  return updateRecord(doc, SOURCE, id, patch);
}

export function listSources(doc: Y.Doc): Source[] {
  return listRecords(doc, SOURCE);
}
