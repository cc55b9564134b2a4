import * as Y from 'yjs';
import { FACTOR } from './factor';
import { deleteGridCellsOf } from './grid-cell';
import { GRID_COLUMN } from './grid-column';
import { LINK } from './link';
import { recordType, recordsMap } from './record-store';

/**
 * Deletes a record and, in the same transaction, every link touching it (and a grid row's or column's
 * cells), so no other client ever sees the half. A link added concurrently to the deleted record can still
 * arrive afterwards; readers skip it (`listLinks`) and `validateBoard` reports it. Ask first when
 * `incomingLinks` is not empty. Returns false when the record was already gone.
 */
export function deleteRecord(doc: Y.Doc, id: string): boolean {
  const records = recordsMap(doc);
  const type = recordType(doc, id);
  if (!records.has(id)) return false;
  doc.transact(() => {
    for (const [linkId, map] of records.entries()) {
      if (!(map instanceof Y.Map) || map.get('type') !== LINK.type) continue;
      if (map.get('from') === id || map.get('to') === id) records.delete(linkId);
    }
    if (type === FACTOR.type || type === GRID_COLUMN.type) deleteGridCellsOf(doc, id);
    records.delete(id);
  });
  return true;
}
