import type { DatabaseSync } from 'node:sqlite';
import { applyMigrations } from '../db/sqlite';
import { generateSecretToken, hashSecretToken, looksLikeToken } from './tokens';

const HOUR_MS = 60 * 60 * 1000;
import { PROJECTOR_LINK_DEFAULT_HOURS, PROJECTOR_LINK_MAX_HOURS } from '../contract/limits';

export { PROJECTOR_LINK_DEFAULT_HOURS, PROJECTOR_LINK_MAX_HOURS };

const MIGRATIONS = [
  {
    name: 'auth-003-projector-links',
    sql: `
      CREATE TABLE projector_links (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        board_id TEXT NOT NULL,
        school_id TEXT NOT NULL,
        created_by TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER,
        last_used_at INTEGER
      );
      CREATE INDEX projector_links_board ON projector_links(board_id);
    `,
  },
];

/** A projector link as listed to a leider; the token itself is shown only once, at creation. */
export interface ProjectorLink {
  id: string;
  boardId: string;
  schoolId: string;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

type Row = Record<string, unknown>;

function toLink(row: Row): ProjectorLink {
  const optional = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    id: String(row.id),
    boardId: String(row.board_id),
    schoolId: String(row.school_id),
    createdBy: row.created_by === null ? null : String(row.created_by),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: optional(row.revoked_at),
    lastUsedAt: optional(row.last_used_at),
  };
}

/**
 * Projector links: a capability token per board that opens that one board read-only, without a login
 * (the projector PC in the staff room is nobody's laptop). Stored hashed, expiring (12 h by default: one
 * study day), revocable at once. Rate limiting of their use is in `access.ts` (per link and per address).
 */
export class ProjectorLinkStore {
  readonly #now: () => number;

  constructor(
    readonly db: DatabaseSync,
    options: { now?: () => number } = {},
  ) {
    applyMigrations(db, MIGRATIONS);
    this.#now = options.now ?? Date.now;
  }

  create(input: { boardId: string; schoolId: string; createdBy: string | null; hours?: number }): {
    link: ProjectorLink;
    token: string;
  } {
    const hours = Math.min(
      Math.max(input.hours ?? PROJECTOR_LINK_DEFAULT_HOURS, 1 / 60),
      PROJECTOR_LINK_MAX_HOURS,
    );
    const token = generateSecretToken();
    const now = this.#now();
    const link: ProjectorLink = {
      id: crypto.randomUUID(),
      boardId: input.boardId,
      schoolId: input.schoolId,
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt: now + Math.round(hours * HOUR_MS),
      revokedAt: null,
      lastUsedAt: null,
    };
    this.db
      .prepare(
        `INSERT INTO projector_links (id, token_hash, board_id, school_id, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        link.id,
        hashSecretToken(token),
        link.boardId,
        link.schoolId,
        link.createdBy,
        link.createdAt,
        link.expiresAt,
      );
    return { link, token };
  }

  /** The live link for a token: null when unknown, revoked or expired. Records the time of use. */
  validate(token: string): ProjectorLink | null {
    if (!looksLikeToken(token)) return null;
    const row = this.db
      .prepare('SELECT * FROM projector_links WHERE token_hash = ?')
      .get(hashSecretToken(token)) as Row | undefined;
    if (!row) return null;
    const link = toLink(row);
    const now = this.#now();
    if (link.revokedAt !== null || now >= link.expiresAt) return null;
    // Only record use once a minute: a projector polls, and a write per request is wasted I/O.
    if (link.lastUsedAt === null || now - link.lastUsedAt > 60_000) {
      this.db.prepare('UPDATE projector_links SET last_used_at = ? WHERE id = ?').run(now, link.id);
      link.lastUsedAt = now;
    }
    return link;
  }

  get(id: string): ProjectorLink | null {
    const row = this.db.prepare('SELECT * FROM projector_links WHERE id = ?').get(id) as Row | undefined;
    return row ? toLink(row) : null;
  }

  /** Links of one board, newest first, including revoked and expired ones (so the leider sees history). */
  listForBoard(boardId: string): ProjectorLink[] {
    return (
      this.db
        .prepare('SELECT * FROM projector_links WHERE board_id = ? ORDER BY created_at DESC, rowid DESC')
        .all(boardId) as Row[]
    ).map(toLink);
  }

  /** Revoke one link; false when it does not exist or was revoked already. */
  revoke(id: string): boolean {
    const result = this.db
      .prepare('UPDATE projector_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.#now(), id);
    return Number(result.changes) === 1;
  }

  /** Revoke every link of a board (for when the board is deleted). */
  revokeAllForBoard(boardId: string): number {
    return Number(
      this.db
        .prepare('UPDATE projector_links SET revoked_at = ? WHERE board_id = ? AND revoked_at IS NULL')
        .run(this.#now(), boardId).changes,
    );
  }
}
