import type * as Y from 'yjs';
import { metaMap, readSchemaVersion } from './layout';
import { liftRecords } from './records/lift-records';

/**
 * Ordered, named migrations of the board document. Each lifts a document from `version - 1` to `version`.
 * Migrations must be deterministic and idempotent: the server and an offline client may run the same one
 * concurrently, and both writes then merge to the same result.
 */
export interface BoardMigration {
  version: number;
  name: string;
  up(doc: Y.Doc): void;
}

export const MIGRATIONS: readonly BoardMigration[] = [
  {
    version: 1,
    name: 'add-schema-version',
    // Version 0 boards had every field of version 1 but no version number.
    up(doc) {
      metaMap(doc).set('schemaVersion', 1);
    },
  },
  {
    version: 2,
    name: 'add-canvas',
    // The canvas roots (records, gridCells, checks, analysis) are root types: they exist as soon as they are
    // named, so there is nothing to create; the bump tells older clients the layout grew.
    up(doc) {
      metaMap(doc).set('schemaVersion', 2);
    },
  },
  {
    version: 3,
    name: 'add-next-cycle',
    // Actions gained their cycle fields (version 2 of the action record: done, focus, carriedFrom, effect;
    // lifted by `liftRecords` below) and meta may name a source board. An older client would skip the
    // lifted actions as "written by a newer version", so the bump makes it reload (4426) before it writes.
    up(doc) {
      metaMap(doc).set('schemaVersion', 3);
    },
  },
];

export const BOARD_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The transaction origin of migration writes, so undo managers and persistence can tell them apart. */
export const MIGRATION_ORIGIN = 'migration';

export type MigrationResult =
  | { kind: 'current'; version: number }
  | { kind: 'migrated'; from: number; to: number; applied: readonly string[] }
  | { kind: 'newer'; version: number };

/**
 * Bring a document up to {@link BOARD_SCHEMA_VERSION}, and lift records an older client wrote to their
 * type's current version (per-type migrations, see `RecordDefinition`). A document from a newer app version
 * is left untouched and reported as `newer`, so an old client never rewrites a layout it does not know.
 *
 * @example
 * const result = migrateBoard(doc);
 * if (result.kind === 'newer') showReloadNotice();
 */
export function migrateBoard(doc: Y.Doc): MigrationResult {
  const from = readSchemaVersion(doc);
  if (from > BOARD_SCHEMA_VERSION) return { kind: 'newer', version: from };
  const pending = MIGRATIONS.filter((m) => m.version > from);
  doc.transact(() => {
    for (const migration of pending) migration.up(doc);
    liftRecords(doc);
  }, MIGRATION_ORIGIN);
  if (pending.length === 0) return { kind: 'current', version: from };
  return { kind: 'migrated', from, to: BOARD_SCHEMA_VERSION, applied: pending.map((m) => m.name) };
}
