import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { applyMigrations, type SchemaMigration } from '../db/sqlite';

const MIGRATIONS: readonly SchemaMigration[] = [
  {
    name: 'versions-001-board-versions',
    sql: `
      CREATE TABLE board_versions (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('named', 'auto')),
        state BLOB NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT
      );
      CREATE INDEX board_versions_by_board ON board_versions (board_id, created_at);
    `,
  },
];

/** `named`: made by a leider ("na de studiedag"); `auto`: saved by the server before a restore. */
export type VersionKind = 'named' | 'auto';

export interface BoardVersionSummary {
  id: string;
  boardId: string;
  name: string;
  kind: VersionKind;
  createdAt: string;
  /** The account that made it (for a restore's automatic version: who restored). */
  createdBy: string | null;
  bytes: number;
}

interface Row {
  id: string;
  board_id: string;
  name: string;
  kind: VersionKind;
  created_at: string;
  created_by: string | null;
  bytes: number;
}

const toSummary = (row: Row): BoardVersionSummary => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  kind: row.kind,
  createdAt: row.created_at,
  createdBy: row.created_by,
  bytes: Number(row.bytes),
});

/**
 * Named versions of boards on SQLite (table `board_versions`): the whole document encoded as one Yjs update
 * (`Y.encodeStateAsUpdate`), so a version reads back on its own, whatever the board's log did afterwards
 * (compaction, garbage collection). Rows go with their board.
 */
export class BoardVersionStore {
  readonly #statements;

  constructor(db: DatabaseSync) {
    applyMigrations(db, MIGRATIONS);
    this.#statements = {
      insert: db.prepare(
        'INSERT INTO board_versions (id, board_id, name, kind, state, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      list: db.prepare(
        `SELECT id, board_id, name, kind, created_at, created_by, length(state) AS bytes FROM board_versions
         WHERE board_id = ? ORDER BY created_at DESC, rowid DESC`,
      ),
      get: db.prepare(
        'SELECT id, board_id, name, kind, created_at, created_by, length(state) AS bytes FROM board_versions WHERE id = ? AND board_id = ?',
      ),
      state: db.prepare('SELECT state FROM board_versions WHERE id = ? AND board_id = ?'),
    };
  }

  create(input: {
    boardId: string;
    name: string;
    kind: VersionKind;
    state: Uint8Array;
    createdBy: string | null;
    now?: Date;
  }): BoardVersionSummary {
    const id = encodeBase32LowerCaseNoPadding(randomBytes(10));
    const createdAt = (input.now ?? new Date()).toISOString();
    this.#statements.insert.run(
      id,
      input.boardId,
      input.name,
      input.kind,
      input.state,
      createdAt,
      input.createdBy,
    );
    return {
      id,
      boardId: input.boardId,
      name: input.name,
      kind: input.kind,
      createdAt,
      createdBy: input.createdBy,
      bytes: input.state.byteLength,
    };
  }

  /** The board's versions, newest first. */
  list(boardId: string): BoardVersionSummary[] {
    return (this.#statements.list.all(boardId) as unknown as Row[]).map(toSummary);
  }

  get(boardId: string, versionId: string): BoardVersionSummary | undefined {
    const row = this.#statements.get.get(versionId, boardId) as unknown as Row | undefined;
    return row ? toSummary(row) : undefined;
  }

  /** The stored document of a version of this board (undefined for another board's version id). */
  state(boardId: string, versionId: string): Uint8Array | undefined {
    const row = this.#statements.state.get(versionId, boardId) as { state: Uint8Array } | undefined;
    return row ? new Uint8Array(row.state) : undefined;
  }
}
