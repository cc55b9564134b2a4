import type * as Y from 'yjs';
import { z } from 'zod';
import type { StepId } from '../stappenplan';
import { RECORD_ID_PATTERN } from './record-id';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A fact ("Feiten, geen interpretatie"), steps 3–7: a sentence, and optionally the chart point it was read
 * from. A data point carries aggregates only (a value and its n), never a pupil: the board document reaches
 * every client and keeps its history.
 */

export const dataPointSchema = z.object(
  {
    /** The chartView record the point was clicked in. */
    viewId: z
      .string({ error: 'Onbekende grafiek.' })
      .regex(RECORD_ID_PATTERN, { error: 'Onbekende grafiek.' }),
    /** The point's key within the view (series and x), as the chart names it. */
    key: textField(200),
    /** Human label of the point: "Groep 6 · Rekenen-Wiskunde · M". */
    label: textField(200),
    value: z.number({ error: 'De waarde moet een getal zijn.' }).finite(),
    /** How many pupils the value is about (n < 5 is shown as uncertain). */
    n: z
      .number({ error: 'n moet een getal zijn.' })
      .int({ error: 'n moet een geheel getal zijn.' })
      .min(0, { error: 'n kan niet negatief zijn.' }),
    /** "%", "vaardigheidsscore", "leerlingen". */
    unit: textField(40),
  },
  { error: 'Ongeldig datapunt.' },
);

export type DataPoint = z.output<typeof dataPointSchema>;

export const factFields = z.object({
  text: textField(2000),
  dataPoint: dataPointSchema.optional(),
});

export type FactFields = z.output<typeof factFields>;
export type Fact = BoardRecord<'fact', FactFields>;

export const FACT: RecordDefinition<'fact', typeof factFields> = {
  type: 'fact',
  label: 'Feit',
  version: 1,
  fields: factFields,
  migrations: [],
};

export interface NewFact extends NewRecordPlace {
  text: string;
  dataPoint?: DataPoint;
}

/** Adds a fact card at the end of its step's facts (or at `order`); returns its id. */
export function createFact(doc: Y.Doc, { text, dataPoint, ...place }: NewFact): string {
  return createRecord(doc, FACT, place, { text, ...(dataPoint ? { dataPoint } : {}) });
}

export function readFact(doc: Y.Doc, id: string): Fact | undefined {
  return readRecord(doc, FACT, id);
}

/** `dataPoint: undefined` detaches the card from its chart point. */
export function updateFact(doc: Y.Doc, id: string, patch: Partial<FactFields>): boolean {
  return updateRecord(doc, FACT, id, patch);
}

export function listFacts(doc: Y.Doc, stepId?: StepId): Fact[] {
  return listRecords(doc, FACT, stepId);
}
