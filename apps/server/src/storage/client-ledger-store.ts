import type { DatabaseSync } from 'node:sqlite';
import { applyMigrations, transaction, type SchemaMigration } from '../db/sqlite';

const MIGRATIONS: readonly SchemaMigration[] = [
  {
    name: 'ledger-001-board-client-ids',
    sql: `
      CREATE TABLE board_client_ids (
        board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        client_id INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        PRIMARY KEY (board_id, client_id)
      ) WITHOUT ROWID;
    `,
  },
];

/** One Yjs client id on a board and the account that introduced it, with the account's current name. */
export interface ClientAuthor {
  clientId: number;
  userId: string;
  /** Null when the account no longer exists. */
  name: string | null;
}

/**
 * The client-id ledger on SQLite (table `board_client_ids`): per board, which account wrote first with each
 * Yjs client id. First writer wins (INSERT OR IGNORE); rows go with their board. Synchronous, like all of
 * node:sqlite: a claim returned means it is committed.
 */
export class ClientLedgerStore {
  readonly #db: DatabaseSync;
  readonly #statements;

  constructor(db: DatabaseSync) {
    this.#db = db;
    applyMigrations(db, MIGRATIONS);
    this.#statements = {
      owners: db.prepare('SELECT client_id, user_id FROM board_client_ids WHERE board_id = ?'),
      claim: db.prepare(
        'INSERT OR IGNORE INTO board_client_ids (board_id, client_id, user_id, first_seen_at) VALUES (?, ?, ?, ?)',
      ),
      authors: db.prepare(
        `SELECT l.client_id, l.user_id, u.name FROM board_client_ids l LEFT JOIN users u ON u.id = l.user_id
         WHERE l.board_id = ? ORDER BY l.first_seen_at, l.client_id`,
      ),
    };
  }

  /** Every client id of the board with its account id. */
  owners(boardId: string): Map<number, string> {
    const rows = this.#statements.owners.all(boardId) as { client_id: number; user_id: string }[];
    return new Map(rows.map((row) => [row.client_id, row.user_id]));
  }

  /**
   * Records `userId` as the author of each client id that has none yet on the board, in one transaction.
   * Returns the owners after the claim (a concurrent claim by another process keeps its row).
   */
  claim(boardId: string, clientIds: readonly number[], userId: string): Map<number, string> {
    const now = new Date().toISOString();
    transaction(this.#db, () => {
      for (const clientId of clientIds) this.#statements.claim.run(boardId, clientId, userId, now);
    });
    return this.owners(boardId);
  }

  authors(boardId: string): ClientAuthor[] {
    const rows = this.#statements.authors.all(boardId) as {
      client_id: number;
      user_id: string;
      name: string | null;
    }[];
    return rows.map((row) => ({ clientId: row.client_id, userId: row.user_id, name: row.name }));
  }
}
