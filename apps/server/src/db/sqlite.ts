import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * The embedded database: Node's built-in SQLite (no native build step), in WAL mode with full fsync on
 * commit, so a write that returned is on disk even if the process is killed the next instant.
 */
export function openDatabase(
  file: string,
  options: {
    /**
     * FULL (default): fsync on every COMMIT, so a commit survives a power cut. NORMAL (WAL): a commit
     * survives a crash or kill of the process but not a power cut, and a COMMIT does not wait for the disk.
     */
    synchronous?: 'FULL' | 'NORMAL';
  } = {},
): DatabaseSync {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = ${options.synchronous ?? 'FULL'};
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
  `);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  return db;
}

export interface SchemaMigration {
  /** Unique, never renamed: "boards-001-create". Prefix with the owning module. */
  name: string;
  sql: string;
}

/**
 * Apply the named migrations that have not run yet, each in its own transaction. Every store module
 * owns its tables and calls this with its own list at construction.
 */
export function applyMigrations(db: DatabaseSync, migrations: readonly SchemaMigration[]): void {
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?');
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const migration of migrations) {
    if (applied.get(migration.name)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      record.run(migration.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** Run `fn` in one IMMEDIATE transaction; rolls back and rethrows on error. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
