import type { DatabaseSync } from 'node:sqlite';
import { applyMigrations } from '../db/sqlite';
import { generateSecretToken, hashSecretToken, looksLikeToken } from './tokens';

const DAY_MS = 24 * 60 * 60 * 1000;

const MIGRATIONS = [
  {
    name: 'auth-001-sessions',
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        school_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
    `,
  },
];

/** A stored session. `id` is hex(sha256(token)): the token itself exists only in the user's cookie. */
export interface Session {
  id: string;
  userId: string;
  /** The school this session acts for (a user with several schools picks one per session). */
  schoolId: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface ValidatedSession {
  session: Session;
  /** True when the expiry was just extended: the caller re-sets the cookie with the new Max-Age. */
  fresh: boolean;
}

/** Generate a session token: 20 random bytes, base32 lowercase without padding (Lucia's guide). */
export const generateSessionToken = generateSecretToken;

/**
 * Sessions the Lucia way (lucia-auth.com "Sessions"): random tokens, only their SHA-256 stored, a sliding
 * expiry (extended when less than half the lifetime remains), deleted on expiry, logout, password change
 * and removal from the school.
 */
export class SessionStore {
  readonly lifetimeMs: number;
  readonly #now: () => number;

  constructor(
    readonly db: DatabaseSync,
    options: { lifetimeDays?: number; now?: () => number } = {},
  ) {
    applyMigrations(db, MIGRATIONS);
    this.lifetimeMs = (options.lifetimeDays ?? 30) * DAY_MS;
    this.#now = options.now ?? Date.now;
  }

  /** Store a new session for `token` (from {@link generateSessionToken}). */
  createSession(token: string, userId: string, schoolId: string): Session {
    const session: Session = {
      id: hashSecretToken(token),
      userId,
      schoolId,
      expiresAt: this.#now() + this.lifetimeMs,
    };
    this.db
      .prepare('INSERT INTO sessions (id, user_id, school_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(session.id, session.userId, session.schoolId, session.expiresAt, this.#now());
    return session;
  }

  /**
   * The session for a token, or null when unknown or expired (an expired one is deleted). Sliding expiry:
   * when less than half the lifetime remains the expiry moves to now + lifetime and `fresh` is true.
   */
  validateSessionToken(token: string): ValidatedSession | null {
    if (!looksLikeToken(token)) return null;
    const id = hashSecretToken(token);
    const row = this.db
      .prepare('SELECT user_id, school_id, expires_at FROM sessions WHERE id = ?')
      .get(id) as { user_id: string; school_id: string; expires_at: number } | undefined;
    if (!row) return null;
    const now = this.#now();
    const session: Session = {
      id,
      userId: row.user_id,
      schoolId: row.school_id,
      expiresAt: Number(row.expires_at),
    };
    if (now >= session.expiresAt) {
      this.invalidateSession(id);
      return null;
    }
    if (session.expiresAt - now < this.lifetimeMs / 2) {
      session.expiresAt = now + this.lifetimeMs;
      this.db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(session.expiresAt, id);
      return { session, fresh: true };
    }
    return { session, fresh: false };
  }

  /** Logout: delete one session by id. */
  invalidateSession(sessionId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
  }

  /** Delete every session of a user (password reset, removal), optionally keeping one (password change). */
  invalidateUserSessions(userId: string, exceptSessionId?: string): number {
    const result = exceptSessionId
      ? this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND id != ?').run(userId, exceptSessionId)
      : this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    return Number(result.changes);
  }

  /** Delete the user's sessions that act for one school (removed from that school only). */
  invalidateUserSchoolSessions(userId: string, schoolId: string): number {
    return Number(
      this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND school_id = ?').run(userId, schoolId)
        .changes,
    );
  }

  /** Housekeeping: drop expired sessions (validation deletes them lazily as well). */
  deleteExpiredSessions(): number {
    return Number(this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.#now()).changes);
  }

  countUserSessions(userId: string): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(userId) as {
      n: number;
    };
    return Number(row.n);
  }
}
