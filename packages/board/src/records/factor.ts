import type * as Y from 'yjs';
import { z } from 'zod';
import { VERKLARINGEN } from '../kwaliteitskaart';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A row of the step-8 factor grid. The Kwaliteitskaart's 20 explanations (stone 4) are implicit rows with
 * fixed ids `kk:1` … `kk:20`: they are never stored, so nobody seeds them and two clients can never add them
 * twice. Rows the team adds are `factor` records, listed after them.
 */

export const factorFields = z.object({
  label: textField(200),
});

export type FactorFields = z.output<typeof factorFields>;
export type Factor = BoardRecord<'factor', FactorFields>;

export const FACTOR: RecordDefinition<'factor', typeof factorFields> = {
  type: 'factor',
  label: 'Factor',
  version: 1,
  fields: factorFields,
  migrations: [],
};

const KK_PREFIX = 'kk:';

/** One row of the grid, implicit or added by the team. */
export interface FactorRow {
  id: string;
  label: string;
  /** `kwaliteitskaart` for the 20 implicit rows, `team` for added ones. */
  origin: 'kwaliteitskaart' | 'team';
  /** Author of a team row; undefined for the implicit ones. */
  clientId: number | undefined;
}

/** The implicit rows, in the Kwaliteitskaart's order. */
export const KWALITEITSKAART_FACTORS: readonly FactorRow[] = VERKLARINGEN.map((label, index) => ({
  id: `${KK_PREFIX}${index + 1}`,
  label,
  origin: 'kwaliteitskaart',
  clientId: undefined,
}));

/** True for `kk:1` … `kk:20`. */
export function isKwaliteitskaartFactorId(id: string): boolean {
  return KWALITEITSKAART_FACTORS.some((row) => row.id === id);
}

export interface NewFactor extends Partial<NewRecordPlace> {
  label: string;
}

/** Adds a team row to the grid (step 8 unless `stepId` says otherwise); returns its id. */
export function createFactor(doc: Y.Doc, { label, stepId = 's8', ...place }: NewFactor): string {
  return createRecord(doc, FACTOR, { stepId, ...place }, { label });
}

export function readFactor(doc: Y.Doc, id: string): Factor | undefined {
  return readRecord(doc, FACTOR, id);
}

export function updateFactor(doc: Y.Doc, id: string, patch: Partial<FactorFields>): boolean {
  return updateRecord(doc, FACTOR, id, patch);
}

/** The team's own rows, in order. */
export function listFactors(doc: Y.Doc): Factor[] {
  return listRecords(doc, FACTOR);
}

/** Every row of the grid: the 20 explanations, then the team's rows. */
export function listFactorRows(doc: Y.Doc): FactorRow[] {
  return [
    ...KWALITEITSKAART_FACTORS,
    ...listFactors(doc).map((f): FactorRow => ({
      id: f.id,
      label: f.label,
      origin: 'team',
      clientId: f.clientId,
    })),
  ];
}

/** True when `id` names a row of the grid (implicit or a valid team row). */
export function isFactorRow(doc: Y.Doc, id: string): boolean {
  return isKwaliteitskaartFactorId(id) || readFactor(doc, id) !== undefined;
}
