import type * as Y from 'yjs';
import { z } from 'zod';
import type { StepId } from '../stappenplan';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A conclusion of step 10a (resultaten), 10b (waarderend: what worked) or 10c (ontwikkelend: what did not).
 * The category depends on the kind; the causes it rests on are `rustOp` links.
 */

export const CONCLUSION_KINDS = ['10a', '10b', '10c'] as const;
export type ConclusionKind = (typeof CONCLUSION_KINDS)[number];

/** The categories of each kind, with the seed's wording as labels. */
export const CONCLUSION_CATEGORIES = {
  '10a': {
    opNiveau: 'Op het verwachte niveau',
    gaatGoed: 'Gaat goed',
    gaatNietGoed: 'Gaat niet goed',
    zorgsignaal: 'Zorgsignaal',
  },
  '10b': { continueren: 'Continueren', versterken: 'Versterken / uitbreiden', borgen: 'Borgen' },
  '10c': { korteTermijn: 'Inzetten op de korte termijn', kanWachten: 'Kan wachten' },
} as const satisfies Record<ConclusionKind, Record<string, string>>;

export type ConclusionCategory = {
  [K in ConclusionKind]: keyof (typeof CONCLUSION_CATEGORIES)[K];
}[ConclusionKind];

const ALL_CATEGORIES = CONCLUSION_KINDS.flatMap((kind) => Object.keys(CONCLUSION_CATEGORIES[kind])) as [
  ConclusionCategory,
  ...ConclusionCategory[],
];

/** The step a conclusion of this kind lives on. */
export const CONCLUSION_STEP: Readonly<Record<ConclusionKind, StepId>> = {
  '10a': 's10a',
  '10b': 's10b',
  '10c': 's10c',
};

export const conclusionFields = z.object({
  text: textField(2000),
  kind: z.enum(CONCLUSION_KINDS, { error: 'Kies 10a, 10b of 10c.' }),
  /** null: not categorised yet. */
  category: z.enum(ALL_CATEGORIES, { error: 'Onbekende categorie.' }).nullable(),
});

export type ConclusionFields = z.output<typeof conclusionFields>;
export type Conclusion = BoardRecord<'conclusion', ConclusionFields>;

export function isCategoryOf(kind: ConclusionKind, category: string): boolean {
  return Object.hasOwn(CONCLUSION_CATEGORIES[kind], category);
}

export const CONCLUSION: RecordDefinition<'conclusion', typeof conclusionFields> = {
  type: 'conclusion',
  label: 'Conclusie',
  version: 1,
  fields: conclusionFields,
  check: (f) =>
    f.category === null || isCategoryOf(f.kind, f.category)
      ? undefined
      : `de categorie past niet bij conclusie ${f.kind}.`,
  migrations: [],
};

export interface NewConclusion extends Partial<NewRecordPlace> {
  kind: ConclusionKind;
  text: string;
  category?: ConclusionCategory | null;
}

/** Adds a conclusion on its kind's step (10a → s10a …); returns its id. */
export function createConclusion(doc: Y.Doc, input: NewConclusion): string {
  const { kind, text, category = null, stepId = CONCLUSION_STEP[kind], ...place } = input;
  return createRecord(doc, CONCLUSION, { stepId, ...place }, { kind, text, category });
}

export function readConclusion(doc: Y.Doc, id: string): Conclusion | undefined {
  return readRecord(doc, CONCLUSION, id);
}

export function updateConclusion(doc: Y.Doc, id: string, patch: Partial<ConclusionFields>): boolean {
  return updateRecord(doc, CONCLUSION, id, patch);
}

/** Conclusions of one kind, or all. */
export function listConclusions(doc: Y.Doc, kind?: ConclusionKind): Conclusion[] {
  const all = listRecords(doc, CONCLUSION);
  return kind === undefined ? all : all.filter((c) => c.kind === kind);
}
