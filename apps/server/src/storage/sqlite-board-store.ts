import type { DatabaseSync } from 'node:sqlite';
import { applyMigrations, transaction, type SchemaMigration } from '../db/sqlite';
import type {
  AppendResult,
  BoardListFilter,
  BoardRecord,
  BoardStore,
  NewBoardRecord,
  StoredBoardState,
} from './board-store';

const MIGRATIONS: readonly SchemaMigration[] = [
  {
    name: 'boards-001-create',
    sql: `
      CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        school_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX boards_school_created ON boards (school_id, created_at);
      CREATE TABLE board_snapshots (
        board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
        data BLOB NOT NULL,
        up_to_seq INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE board_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        data BLOB NOT NULL
      );
      CREATE INDEX board_updates_board_seq ON board_updates (board_id, seq);
    `,
  },
];

interface BoardRow {
  id: string;
  title: string;
  school_id: string | null;
  created_at: string;
  updated_at: string;
}

function toRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    title: row.title,
    schoolId: row.school_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The embedded board store on node:sqlite. node:sqlite is synchronous, so each append returns only after
 * COMMIT (WAL with synchronous=FULL: fsynced); the promise just adapts it to the async interface.
 */
export class SqliteBoardStore implements BoardStore {
  readonly #db: DatabaseSync;
  readonly #statements;

  constructor(db: DatabaseSync) {
    this.#db = db;
    applyMigrations(db, MIGRATIONS);
    this.#statements = {
      insertBoard: db.prepare(
        'INSERT INTO boards (id, title, school_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      ),
      listAll: db.prepare('SELECT * FROM boards ORDER BY created_at DESC, rowid DESC'),
      listSchool: db.prepare(
        'SELECT * FROM boards WHERE school_id IS ? ORDER BY created_at DESC, rowid DESC',
      ),
      get: db.prepare('SELECT * FROM boards WHERE id = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM boards'),
      snapshot: db.prepare('SELECT data, up_to_seq FROM board_snapshots WHERE board_id = ?'),
      updates: db.prepare('SELECT seq, data FROM board_updates WHERE board_id = ? ORDER BY seq'),
      append: db.prepare('INSERT INTO board_updates (board_id, data) VALUES (?, ?)'),
      touch: db.prepare('UPDATE boards SET updated_at = ? WHERE id = ?'),
      deleteUpTo: db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'),
      upsertSnapshot: db.prepare(`
        INSERT INTO board_snapshots (board_id, data, up_to_seq, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq,
          created_at = excluded.created_at`),
      setTitle: db.prepare('UPDATE boards SET title = ? WHERE id = ?'),
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
      assignUnscoped: db.prepare('UPDATE boards SET school_id = ? WHERE school_id IS NULL'),
      ping: db.prepare('SELECT 1 AS ok'),
    };
  }

  async createBoard(board: NewBoardRecord): Promise<BoardRecord> {
    const at = board.createdAt.toISOString();
    transaction(this.#db, () => {
      this.#statements.insertBoard.run(board.id, board.title, board.schoolId ?? null, at, at);
      this.#statements.append.run(board.id, board.initialUpdate);
    });
    return {
      id: board.id,
      title: board.title,
      schoolId: board.schoolId ?? null,
      createdAt: at,
      updatedAt: at,
    };
  }

  async listBoards(filter: BoardListFilter = {}): Promise<BoardRecord[]> {
    const rows =
      filter.schoolId === undefined
        ? this.#statements.listAll.all()
        : this.#statements.listSchool.all(filter.schoolId);
    return (rows as unknown as BoardRow[]).map(toRecord);
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const row = this.#statements.get.get(id) as BoardRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  async countBoards(): Promise<number> {
    return Number((this.#statements.count.get() as { n: number }).n);
  }

  async loadBoardState(id: string): Promise<StoredBoardState> {
    // One read transaction, so a compaction cannot slip in between reading the snapshot and the log.
    this.#db.exec('BEGIN');
    try {
      const snap = this.#statements.snapshot.get(id) as { data: Uint8Array; up_to_seq: number } | undefined;
      const rows = this.#statements.updates.all(id) as unknown as { seq: number; data: Uint8Array }[];
      const updates = rows.map((row) => row.data);
      return {
        snapshot: snap?.data,
        updates,
        seqs: rows.map((row) => Number(row.seq)),
        lastSeq: rows.length > 0 ? Number(rows[rows.length - 1]?.seq) : Number(snap?.up_to_seq ?? 0),
        logBytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
      };
    } finally {
      this.#db.exec('COMMIT');
    }
  }

  async appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<AppendResult> {
    return transaction(this.#db, () => {
      let lastSeq = 0;
      for (const update of updates) {
        lastSeq = Number(this.#statements.append.run(id, update).lastInsertRowid);
      }
      this.#statements.touch.run(new Date().toISOString(), id);
      return { lastSeq };
    });
  }

  async compact(id: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    transaction(this.#db, () => {
      this.#statements.upsertSnapshot.run(id, snapshot, upToSeq, new Date().toISOString());
      this.#statements.deleteUpTo.run(id, upToSeq);
    });
  }

  async deleteBoard(id: string): Promise<boolean> {
    // board_updates and board_snapshots go with it (ON DELETE CASCADE), in the same statement's transaction.
    return Number(this.#statements.deleteBoard.run(id).changes) > 0;
  }

  async assignUnscopedBoards(schoolId: string): Promise<number> {
    return Number(this.#statements.assignUnscoped.run(schoolId).changes);
  }

  async setTitle(id: string, title: string): Promise<void> {
    this.#statements.setTitle.run(title, id);
  }

  async ping(): Promise<void> {
    this.#statements.ping.get();
  }
}
