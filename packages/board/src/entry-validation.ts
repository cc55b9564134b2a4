import { analysisEntryProblem } from './analysis-context';
import { checkEntryProblem } from './checks';
import { ANALYSIS, CHECKS, GRID_CELLS, META, STEP_DONE, isValidMapEntry } from './layout';
import { isValidGridCellEntry } from './records/grid-cell';
import { isRecordId } from './records/record-id';
import { isRecordType, recordDefinition, validateRecordValue } from './records/registry';

/**
 * What one write into the document may be, asked one entry at a time: the questions the server's update
 * guard (apps/server/src/sync/update-guard.ts) asks of every item in a client's update, answered with the same
 * schemas the accessors validate with. One place, so the client's writes and the server's checks never drift.
 *
 * | where                              | what may be written                                           |
 * | ---------------------------------- | ------------------------------------------------------------- |
 * | `meta`, `stepDone`, `gridCells`, `checks`, `analysis` | a plain value valid for its key              |
 * | `records`                          | a Y.Map per record id ({@link isRecordKey}), never a value   |
 * | a record's map                     | a plain value valid for its field ({@link isValidRecordField}), or a Y.Map where the type declares one |
 * | a record's nested map              | a plain entry valid for it ({@link isValidNestedEntry})      |
 */

/** Whether `value` (a plain JSON value, never a Yjs type) may be stored under `key` of the map root `root`. */
export function isValidRootEntry(root: string, key: string, value: unknown): boolean {
  switch (root) {
    case META:
    case STEP_DONE:
      return isValidMapEntry(root, key, value);
    case GRID_CELLS:
      return isValidGridCellEntry(key, value);
    case CHECKS:
      return checkEntryProblem(key, value) === undefined;
    case ANALYSIS:
      return analysisEntryProblem(key, value) === undefined;
    default:
      // `records` holds one Y.Map per record, never a plain value; other names are not map roots.
      return false;
  }
}

/** Whether `key` may name a record in the `records` root (whose value is then the record's Y.Map). */
export function isRecordKey(key: string): boolean {
  return isRecordId(key);
}

/**
 * Whether `value` (plain JSON) may be stored under `field` of a record of type `recordType`: the field is one
 * of the type's (or the common ones) and its schema accepts the value. Cross-field rules need the whole record
 * and are left to the readers (they skip a record that breaks one).
 */
export function isValidRecordField(recordType: string, field: string, value: unknown): boolean {
  return validateRecordValue(recordType, field, value).ok;
}

/** Whether a record of type `recordType` stores `field` as a nested Y.Map (the cause's `recognisedBy`). */
export function isNestedMapField(recordType: string, field: string): boolean {
  if (!isRecordType(recordType)) return false;
  const nested = recordDefinition(recordType).nestedMaps;
  return nested !== undefined && Object.hasOwn(nested, field);
}

/** Whether `key` → `value` may be stored in the nested map `field` of a record of type `recordType`. */
export function isValidNestedEntry(recordType: string, field: string, key: string, value: unknown): boolean {
  if (!isRecordType(recordType) || !isNestedMapField(recordType, field)) return false;
  const schema = recordDefinition(recordType).nestedMaps?.[field];
  return schema !== undefined && schema.key.safeParse(key).success && schema.value.safeParse(value).success;
}
