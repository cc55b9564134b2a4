import * as Y from 'yjs';
import { migrateFields, recordsMap } from './record-store';
import type { RecordDefinition } from './record-type';
import { RECORD_DEFINITIONS } from './registry';

/**
 * Writes the per-type migrations back: every record whose `v` is below its type's version gets the migrated
 * fields (only changed keys are written). Deterministic, so the server and an offline client lifting the
 * same record write the same values. Records of unknown types or newer versions are left alone.
 * Returns how many records were lifted.
 */
export function liftRecords(
  doc: Y.Doc,
  definitions: Readonly<Record<string, RecordDefinition>> = RECORD_DEFINITIONS as unknown as Record<
    string,
    RecordDefinition
  >,
): number {
  let lifted = 0;
  doc.transact(() => {
    for (const map of recordsMap(doc).values()) {
      if (!(map instanceof Y.Map)) continue;
      const type = map.get('type');
      const def =
        typeof type === 'string' && Object.hasOwn(definitions, type) ? definitions[type] : undefined;
      if (!def) continue;
      const raw = map.toJSON() as Record<string, unknown>;
      const v = typeof raw.v === 'number' ? raw.v : 1;
      if (v >= def.version) continue;
      const next = migrateFields(def, raw);
      for (const key of [...map.keys()]) if (!(key in next)) map.delete(key);
      for (const [key, value] of Object.entries(next)) {
        if (JSON.stringify(map.get(key)) === JSON.stringify(value)) continue;
        if (value === undefined) map.delete(key);
        else map.set(key, value);
      }
      lifted += 1;
    }
  });
  return lifted;
}
