import type * as Y from 'yjs';
import { z } from 'zod';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A column of the step-8 factor grid: one group ("Groep 6", "6A"), whose teacher fills it in. `groupKey`
 * ties it to a class of the dataset when there is one (a class name, never a pupil).
 */

export const gridColumnFields = z.object({
  label: textField(100),
  groupKey: textField(50).optional(),
});

export type GridColumnFields = z.output<typeof gridColumnFields>;
export type GridColumn = BoardRecord<'gridColumn', GridColumnFields>;

export const GRID_COLUMN: RecordDefinition<'gridColumn', typeof gridColumnFields> = {
  type: 'gridColumn',
  label: 'Kolom',
  version: 1,
  fields: gridColumnFields,
  migrations: [],
};

export interface NewGridColumn extends Partial<NewRecordPlace> {
  label: string;
  groupKey?: string;
}

/** Adds a group column (step 8 unless `stepId` says otherwise); returns its id. */
export function createGridColumn(
  doc: Y.Doc,
  { label, groupKey, stepId = 's8', ...place }: NewGridColumn,
): string {
  return createRecord(doc, GRID_COLUMN, { stepId, ...place }, { label, ...(groupKey ? { groupKey } : {}) });
}

export function readGridColumn(doc: Y.Doc, id: string): GridColumn | undefined {
  return readRecord(doc, GRID_COLUMN, id);
}

export function updateGridColumn(doc: Y.Doc, id: string, patch: Partial<GridColumnFields>): boolean {
  return updateRecord(doc, GRID_COLUMN, id, patch);
}

export function listGridColumns(doc: Y.Doc): GridColumn[] {
  return listRecords(doc, GRID_COLUMN);
}
