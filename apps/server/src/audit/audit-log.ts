import type { DatabaseSync } from 'node:sqlite';
import { applyMigrations } from '../db/sqlite';

const MIGRATIONS = [
  {
    name: 'audit-001-audit-log',
    sql: `
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_user_id TEXT,
        school_id TEXT,
        action TEXT NOT NULL,
        subject_id TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_school ON audit_log(school_id, id);
      -- Append-only: the database itself refuses to change or remove an entry.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
];

/** What is logged: who touched pupil data, and who changed who may touch it. */
export type AuditAction =
  | 'dataset.import'
  | 'dataset.view-pupils'
  | 'dataset.export'
  | 'dataset.delete'
  | 'norms.update'
  | 'board.delete'
  | 'board.export'
  | 'board.next-cycle'
  | 'board.version-create'
  | 'board.version-restore'
  | 'member.invite'
  | 'member.join'
  | 'member.remove'
  | 'member.role'
  | 'invite.revoke'
  | 'projector.create'
  | 'projector.revoke'
  | 'user.password-change'
  | 'user.password-reset'
  | 'login.success';

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  schoolId: string | null;
  action: AuditAction;
  subjectId: string | null;
  details: Record<string, string | number | boolean | null>;
}

/** Details carry ids, counts and labels only: never pupil names or results (the log outlives datasets). */
export type AuditDetails = Record<string, string | number | boolean | null>;

/**
 * The audit log: an append-only table (UPDATE and DELETE are refused by triggers) of who imported, viewed
 * pupil-level detail, exported or deleted a dataset, and who changed the team. A leider reads her school's.
 */
export class AuditLog {
  constructor(readonly db: DatabaseSync) {
    applyMigrations(db, MIGRATIONS);
  }

  record(entry: {
    actorUserId: string | null;
    schoolId: string | null;
    action: AuditAction;
    subjectId?: string | null;
    details?: AuditDetails;
  }): void {
    this.db
      .prepare(
        'INSERT INTO audit_log (at, actor_user_id, school_id, action, subject_id, details) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        new Date().toISOString(),
        entry.actorUserId,
        entry.schoolId,
        entry.action,
        entry.subjectId ?? null,
        JSON.stringify(entry.details ?? {}),
      );
  }

  /** A school's entries, newest first; `before` (an id) pages back. */
  list(schoolId: string, options: { limit?: number; before?: number } = {}): AuditEntry[] {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
    const rows = this.db
      .prepare(`SELECT * FROM audit_log WHERE school_id = ? AND id < ? ORDER BY id DESC LIMIT ?`)
      .all(schoolId, options.before ?? Number.MAX_SAFE_INTEGER, limit) as Record<string, unknown>[];
    return rows.map((row) => ({
      id: Number(row.id),
      at: String(row.at),
      actorUserId: row.actor_user_id === null ? null : String(row.actor_user_id),
      schoolId: row.school_id === null ? null : String(row.school_id),
      action: row.action as AuditAction,
      subjectId: row.subject_id === null ? null : String(row.subject_id),
      details: JSON.parse(String(row.details)) as AuditEntry['details'],
    }));
  }
}
