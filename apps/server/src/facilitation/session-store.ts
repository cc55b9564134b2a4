import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { applyMigrations, transaction, type SchemaMigration } from '../db/sqlite';
import type { DraftKind } from './protocol';
import { initialSessionState, type SessionState } from './session-state';

/**
 * Where facilitation survives a restart: the session state per board (JSON), the drafts of open silent
 * rounds, the dots of open votes, and who wrote which revealed card (when not anonymous). Drafts and dots
 * are deleted once revealed or counted: the secret parts never outlive their round. Rows go with their
 * board (ON DELETE CASCADE).
 */
const MIGRATIONS: readonly SchemaMigration[] = [
  {
    name: 'facilitation-001-create',
    sql: `
      CREATE TABLE facilitation_sessions (
        board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE facilitation_drafts (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        round_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        polarity TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX facilitation_drafts_round ON facilitation_drafts (round_id);
      CREATE TABLE facilitation_dots (
        vote_id TEXT NOT NULL,
        board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        record_id TEXT NOT NULL,
        dots INTEGER NOT NULL,
        PRIMARY KEY (vote_id, user_id, record_id)
      );
      CREATE TABLE facilitation_authors (
        record_id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        round_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        revealed_at INTEGER NOT NULL
      );
    `,
  },
];

export interface Draft {
  id: string;
  roundId: string;
  userId: string;
  userName: string;
  kind: DraftKind;
  text: string;
  polarity: 'positief' | 'negatief' | null;
  createdAt: number;
  updatedAt: number;
}

/** One placed dot count: `userId` put `dots` dots on `recordId`. */
export interface DotRow {
  userId: string;
  recordId: string;
  dots: number;
}

export interface StoredSession {
  state: SessionState;
  drafts: Draft[];
  dots: DotRow[];
}

interface DraftRow {
  id: string;
  round_id: string;
  user_id: string;
  user_name: string;
  kind: string;
  text: string;
  polarity: string | null;
  created_at: number;
  updated_at: number;
}

export class SessionStore {
  readonly #db: DatabaseSync;
  readonly #statements: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    applyMigrations(db, MIGRATIONS);
    this.#statements = {
      getState: db.prepare('SELECT state FROM facilitation_sessions WHERE board_id = ?'),
      putState: db.prepare(
        `INSERT INTO facilitation_sessions (board_id, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ),
      draftsOfRound: db.prepare(
        'SELECT * FROM facilitation_drafts WHERE board_id = ? AND round_id = ? ORDER BY created_at, id',
      ),
      putDraft: db.prepare(
        `INSERT INTO facilitation_drafts
           (id, board_id, round_id, user_id, user_name, kind, text, polarity, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, text = excluded.text,
           polarity = excluded.polarity, updated_at = excluded.updated_at`,
      ),
      deleteDraft: db.prepare('DELETE FROM facilitation_drafts WHERE id = ?'),
      deleteRound: db.prepare('DELETE FROM facilitation_drafts WHERE board_id = ? AND round_id = ?'),
      putAuthor: db.prepare(
        `INSERT INTO facilitation_authors (record_id, board_id, round_id, user_id, user_name, revealed_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      authorOf: db.prepare('SELECT user_id, user_name FROM facilitation_authors WHERE record_id = ?'),
      dotsOfVote: db.prepare(
        'SELECT user_id, record_id, dots FROM facilitation_dots WHERE board_id = ? AND vote_id = ?',
      ),
      putDots: db.prepare(
        `INSERT INTO facilitation_dots (vote_id, board_id, user_id, record_id, dots) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (vote_id, user_id, record_id) DO UPDATE SET dots = excluded.dots`,
      ),
      deleteDots: db.prepare(
        'DELETE FROM facilitation_dots WHERE vote_id = ? AND user_id = ? AND record_id = ?',
      ),
      deleteVote: db.prepare('DELETE FROM facilitation_dots WHERE board_id = ? AND vote_id = ?'),
    };
  }

  /** The board's session with the drafts of its open round and the dots of its open vote. */
  load(boardId: string): StoredSession {
    const row = this.#statements.getState!.get(boardId) as { state: string } | undefined;
    const state = row
      ? { ...initialSessionState(), ...(JSON.parse(row.state) as SessionState) }
      : initialSessionState();
    const drafts = state.silent
      ? (this.#statements.draftsOfRound!.all(boardId, state.silent.id) as unknown as DraftRow[]).map(toDraft)
      : [];
    const dots =
      state.vote?.status === 'open'
        ? (
            this.#statements.dotsOfVote!.all(boardId, state.vote.id) as unknown as {
              user_id: string;
              record_id: string;
              dots: number;
            }[]
          ).map((r) => ({ userId: r.user_id, recordId: r.record_id, dots: r.dots }))
        : [];
    return { state, drafts, dots };
  }

  saveState(boardId: string, state: SessionState): void {
    this.#statements.putState!.run(boardId, JSON.stringify(state), Date.now());
  }

  saveDraft(boardId: string, draft: Draft): void {
    this.#statements.putDraft!.run(
      draft.id,
      boardId,
      draft.roundId,
      draft.userId,
      draft.userName,
      draft.kind,
      draft.text,
      draft.polarity,
      draft.createdAt,
      draft.updatedAt,
    );
  }

  deleteDraft(draftId: string): void {
    this.#statements.deleteDraft!.run(draftId);
  }

  /**
   * After a reveal or a cancel, in one transaction: the round's drafts go, the authors of a named reveal are
   * kept (record id → account), and the new state is stored.
   */
  endRound(
    boardId: string,
    roundId: string,
    state: SessionState,
    authors: { recordId: string; userId: string; userName: string }[],
  ): void {
    const now = Date.now();
    transaction(this.#db, () => {
      this.#statements.deleteRound!.run(boardId, roundId);
      for (const a of authors)
        this.#statements.putAuthor!.run(a.recordId, boardId, roundId, a.userId, a.userName, now);
      this.saveState(boardId, state);
    });
  }

  /** Who wrote a revealed card (undefined for anonymous reveals and cards not revealed by a round). */
  authorOf(recordId: string): { userId: string; userName: string } | undefined {
    const row = this.#statements.authorOf!.get(recordId) as
      { user_id: string; user_name: string } | undefined;
    return row ? { userId: row.user_id, userName: row.user_name } : undefined;
  }

  setDots(boardId: string, voteId: string, userId: string, recordId: string, dots: number): void {
    if (dots > 0) this.#statements.putDots!.run(voteId, boardId, userId, recordId, dots);
    else this.#statements.deleteDots!.run(voteId, userId, recordId);
  }

  /** After a close or a cancel, in one transaction: the individual dots go, the new state is stored. */
  endVote(boardId: string, voteId: string, state: SessionState): void {
    transaction(this.#db, () => {
      this.#statements.deleteVote!.run(boardId, voteId);
      this.saveState(boardId, state);
    });
  }
}

function toDraft(row: DraftRow): Draft {
  return {
    id: row.id,
    roundId: row.round_id,
    userId: row.user_id,
    userName: row.user_name,
    kind: row.kind as DraftKind,
    text: row.text,
    polarity: row.polarity === 'positief' || row.polarity === 'negatief' ? row.polarity : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
