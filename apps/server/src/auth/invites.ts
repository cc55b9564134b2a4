import type { DatabaseSync } from 'node:sqlite';
import { applyMigrations } from '../db/sqlite';
import type { Role } from '../schools/school-store';
import { normalizeEmail } from '../schools/school-store';
import { generateSecretToken, hashSecretToken, looksLikeToken } from './tokens';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A personal invite is valid for a week: long enough to get round to it, short enough to expire unused. */
import {
  PERSON_INVITE_DAYS,
  TEAM_LINK_DEFAULT_DAYS,
  TEAM_LINK_DEFAULT_USES,
  TEAM_LINK_MAX_DAYS,
  TEAM_LINK_MAX_USES,
} from '../contract/limits';

export {
  PERSON_INVITE_DAYS,
  TEAM_LINK_DEFAULT_DAYS,
  TEAM_LINK_DEFAULT_USES,
  TEAM_LINK_MAX_DAYS,
  TEAM_LINK_MAX_USES,
};

const MIGRATIONS = [
  {
    name: 'auth-002-invites',
    sql: `
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        school_id TEXT NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'team')),
        email TEXT,
        role TEXT NOT NULL CHECK (role IN ('leider', 'leerkracht')),
        max_uses INTEGER NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0,
        created_by TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX invites_school ON invites(school_id);
    `,
  },
];

export type InviteKind = 'person' | 'team';

export interface Invite {
  id: string;
  schoolId: string;
  kind: InviteKind;
  /** The invited address (person invites only). */
  email: string | null;
  role: Role;
  maxUses: number;
  uses: number;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** Why an invite token cannot be used; the routes turn these into one Dutch message each. */
export type InviteRefusal = 'unknown' | 'expired' | 'used' | 'revoked';

type Row = Record<string, unknown>;

function toInvite(row: Row): Invite {
  return {
    id: String(row.id),
    schoolId: String(row.school_id),
    kind: row.kind as InviteKind,
    email: row.email === null ? null : String(row.email),
    role: row.role as Role,
    maxUses: Number(row.max_uses),
    uses: Number(row.uses),
    createdBy: row.created_by === null ? null : String(row.created_by),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

/**
 * Invites: per person (one address, one use, a week) or a team link (role leerkracht, an expiry and a use
 * limit, for "everyone open this link now" at a team meeting). Tokens are stored hashed; a use is claimed
 * with one conditional UPDATE, so two people racing for the last use cannot both get in.
 */
export class InviteStore {
  readonly #now: () => number;

  constructor(
    readonly db: DatabaseSync,
    options: { now?: () => number } = {},
  ) {
    applyMigrations(db, MIGRATIONS);
    this.#now = options.now ?? Date.now;
  }

  createPersonInvite(input: { schoolId: string; email: string; role: Role; createdBy: string | null }): {
    invite: Invite;
    token: string;
  } {
    return this.#insert({
      schoolId: input.schoolId,
      kind: 'person',
      email: normalizeEmail(input.email),
      role: input.role,
      maxUses: 1,
      createdBy: input.createdBy,
      expiresAt: this.#now() + PERSON_INVITE_DAYS * DAY_MS,
    });
  }

  createTeamLink(input: { schoolId: string; createdBy: string | null; days?: number; maxUses?: number }): {
    invite: Invite;
    token: string;
  } {
    const days = Math.min(Math.max(input.days ?? TEAM_LINK_DEFAULT_DAYS, 1 / 24), TEAM_LINK_MAX_DAYS);
    const maxUses = Math.min(
      Math.max(Math.floor(input.maxUses ?? TEAM_LINK_DEFAULT_USES), 1),
      TEAM_LINK_MAX_USES,
    );
    // A team link never makes leiders: whoever forwards the link must not be able to hand out management.
    return this.#insert({
      schoolId: input.schoolId,
      kind: 'team',
      email: null,
      role: 'leerkracht',
      maxUses,
      createdBy: input.createdBy,
      expiresAt: this.#now() + Math.round(days * DAY_MS),
    });
  }

  #insert(invite: Omit<Invite, 'id' | 'uses' | 'createdAt' | 'revokedAt'>): {
    invite: Invite;
    token: string;
  } {
    const token = generateSecretToken();
    const full: Invite = {
      ...invite,
      id: crypto.randomUUID(),
      uses: 0,
      createdAt: this.#now(),
      revokedAt: null,
    };
    this.db
      .prepare(
        `INSERT INTO invites (id, token_hash, school_id, kind, email, role, max_uses, uses, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      )
      .run(
        full.id,
        hashSecretToken(token),
        full.schoolId,
        full.kind,
        full.email,
        full.role,
        full.maxUses,
        full.createdBy,
        full.createdAt,
        full.expiresAt,
      );
    return { invite: full, token };
  }

  /** Look a token up without using it: the invite, or why it cannot be used. */
  check(token: string): { ok: true; invite: Invite } | { ok: false; reason: InviteRefusal } {
    if (!looksLikeToken(token)) return { ok: false, reason: 'unknown' };
    const row = this.db.prepare('SELECT * FROM invites WHERE token_hash = ?').get(hashSecretToken(token)) as
      Row | undefined;
    if (!row) return { ok: false, reason: 'unknown' };
    const invite = toInvite(row);
    if (invite.revokedAt !== null) return { ok: false, reason: 'revoked' };
    if (this.#now() >= invite.expiresAt) return { ok: false, reason: 'expired' };
    if (invite.uses >= invite.maxUses) return { ok: false, reason: 'used' };
    return { ok: true, invite };
  }

  /**
   * Claim one use atomically. Call inside the same transaction that creates the user or membership, so a
   * failed accept does not burn a use. Returns false when the invite was used up, revoked or expired meanwhile.
   */
  claim(inviteId: string): boolean {
    const result = this.db
      .prepare(
        `UPDATE invites SET uses = uses + 1
         WHERE id = ? AND uses < max_uses AND revoked_at IS NULL AND expires_at > ?`,
      )
      .run(inviteId, this.#now());
    return Number(result.changes) === 1;
  }

  get(id: string): Invite | null {
    const row = this.db.prepare('SELECT * FROM invites WHERE id = ?').get(id) as Row | undefined;
    return row ? toInvite(row) : null;
  }

  /** A school's invites, newest first (used, expired and revoked ones too: the leider sees who joined). */
  listForSchool(schoolId: string): Invite[] {
    return (
      this.db
        .prepare('SELECT * FROM invites WHERE school_id = ? ORDER BY created_at DESC, rowid DESC')
        .all(schoolId) as Row[]
    ).map(toInvite);
  }

  revoke(id: string): boolean {
    const result = this.db
      .prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.#now(), id);
    return Number(result.changes) === 1;
  }
}
