import type { DatabaseSync } from 'node:sqlite';
import { applyMigrations, transaction } from '../db/sqlite';

import { ROLES, type Role } from '../contract/limits';

/** The two roles of a school member; what each may do is the policy table in `auth/policy.ts`. */
export { ROLES, type Role };

export function isRole(value: unknown): value is Role {
  return value === 'leider' || value === 'leerkracht';
}

export interface School {
  id: string;
  name: string;
  createdAt: string;
}

/** A person with a login. Never carries the password hash: see {@link SchoolStore.getPasswordHash}. */
export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface Member {
  user: User;
  role: Role;
  joinedAt: string;
}

export interface Membership {
  schoolId: string;
  role: Role;
  joinedAt: string;
}

export class DuplicateError extends Error {
  override name = 'DuplicateError';
}

const MIGRATIONS = [
  {
    name: 'schools-001-schools-users-memberships',
    sql: `
      CREATE TABLE schools (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE memberships (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        school_id TEXT NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('leider', 'leerkracht')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, school_id)
      );
      CREATE INDEX memberships_school ON memberships(school_id);
    `,
  },
];

/** E-mail addresses are compared case-insensitively: stored trimmed and lowercased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A deliberately loose check: one @, something on both sides, a dot in the domain, no spaces. */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

type Row = Record<string, unknown>;

function toSchool(row: Row): School {
  return { id: String(row.id), name: String(row.name), createdAt: String(row.created_at) };
}

function toUser(row: Row): User {
  return {
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    createdAt: String(row.created_at),
  };
}

/**
 * Schools, users and memberships (user × school × role) on SQLite. A user normally belongs to one school;
 * the model is many-to-many so an IB-er working for two schools needs no second account.
 */
export class SchoolStore {
  constructor(readonly db: DatabaseSync) {
    applyMigrations(db, MIGRATIONS);
  }

  createSchool(name: string): School {
    const trimmed = name.trim();
    if (!trimmed) throw new Error('Geef de school een naam.');
    if (this.findSchoolByName(trimmed))
      throw new DuplicateError(`Er bestaat al een school met de naam "${trimmed}".`);
    const school: School = { id: crypto.randomUUID(), name: trimmed, createdAt: new Date().toISOString() };
    this.db
      .prepare('INSERT INTO schools (id, name, created_at) VALUES (?, ?, ?)')
      .run(school.id, school.name, school.createdAt);
    return school;
  }

  getSchool(id: string): School | null {
    const row = this.db.prepare('SELECT * FROM schools WHERE id = ?').get(id) as Row | undefined;
    return row ? toSchool(row) : null;
  }

  findSchoolByName(name: string): School | null {
    const row = this.db.prepare('SELECT * FROM schools WHERE name = ? COLLATE NOCASE').get(name.trim()) as
      Row | undefined;
    return row ? toSchool(row) : null;
  }

  /** By id, else by (case-insensitive) name: what the admin CLI's `--school` accepts. */
  findSchool(idOrName: string): School | null {
    return this.getSchool(idOrName) ?? this.findSchoolByName(idOrName);
  }

  listSchools(): School[] {
    return (this.db.prepare('SELECT * FROM schools ORDER BY created_at, name').all() as Row[]).map(toSchool);
  }

  createUser(input: { email: string; name: string; passwordHash: string }): User {
    const email = normalizeEmail(input.email);
    if (this.findUserByEmail(email))
      throw new DuplicateError('Er bestaat al een account met dit e-mailadres.');
    const user: User = {
      id: crypto.randomUUID(),
      email,
      name: input.name.trim() || email,
      createdAt: new Date().toISOString(),
    };
    this.db
      .prepare('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(user.id, user.email, user.name, input.passwordHash, user.createdAt);
    return user;
  }

  getUser(id: string): User | null {
    const row = this.db.prepare('SELECT id, email, name, created_at FROM users WHERE id = ?').get(id) as
      Row | undefined;
    return row ? toUser(row) : null;
  }

  findUserByEmail(email: string): User | null {
    const row = this.db
      .prepare('SELECT id, email, name, created_at FROM users WHERE email = ?')
      .get(normalizeEmail(email)) as Row | undefined;
    return row ? toUser(row) : null;
  }

  getPasswordHash(userId: string): string | null {
    const row = this.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as
      Row | undefined;
    return row ? String(row.password_hash) : null;
  }

  setPasswordHash(userId: string, passwordHash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  }

  /** Deletes the user and (by cascade) their memberships; sessions are the caller's to invalidate first. */
  deleteUser(userId: string): void {
    this.db.prepare('DELETE FROM users WHERE id = ?').run(userId);
  }

  addMembership(userId: string, schoolId: string, role: Role): void {
    if (this.getMembership(userId, schoolId))
      throw new DuplicateError('Deze persoon is al lid van de school.');
    this.db
      .prepare('INSERT INTO memberships (user_id, school_id, role, created_at) VALUES (?, ?, ?, ?)')
      .run(userId, schoolId, role, new Date().toISOString());
  }

  getMembership(userId: string, schoolId: string): Membership | null {
    const row = this.db
      .prepare('SELECT school_id, role, created_at FROM memberships WHERE user_id = ? AND school_id = ?')
      .get(userId, schoolId) as Row | undefined;
    return row
      ? { schoolId: String(row.school_id), role: row.role as Role, joinedAt: String(row.created_at) }
      : null;
  }

  /** The user's memberships, oldest first: the first is the school a login lands in. */
  membershipsOf(userId: string): Membership[] {
    return (
      this.db
        .prepare(
          'SELECT school_id, role, created_at FROM memberships WHERE user_id = ? ORDER BY created_at, rowid',
        )
        .all(userId) as Row[]
    ).map((row) => ({
      schoolId: String(row.school_id),
      role: row.role as Role,
      joinedAt: String(row.created_at),
    }));
  }

  listMembers(schoolId: string): Member[] {
    return (
      this.db
        .prepare(
          `SELECT u.id, u.email, u.name, u.created_at, m.role, m.created_at AS joined_at
           FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.school_id = ? ORDER BY u.name COLLATE NOCASE, u.email`,
        )
        .all(schoolId) as Row[]
    ).map((row) => ({ user: toUser(row), role: row.role as Role, joinedAt: String(row.joined_at) }));
  }

  countLeiders(schoolId: string): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM memberships WHERE school_id = ? AND role = 'leider'")
      .get(schoolId) as Row;
    return Number(row.n);
  }

  /**
   * Change a member's role. Refuses to demote the last leider: a school without one cannot manage its
   * members any more. Returns false when the user is not a member.
   */
  setRole(userId: string, schoolId: string, role: Role): boolean {
    return transaction(this.db, () => {
      const current = this.getMembership(userId, schoolId);
      if (!current) return false;
      if (current.role === 'leider' && role !== 'leider' && this.countLeiders(schoolId) <= 1) {
        throw new LastLeiderError();
      }
      this.db
        .prepare('UPDATE memberships SET role = ? WHERE user_id = ? AND school_id = ?')
        .run(role, userId, schoolId);
      return true;
    });
  }

  /**
   * Remove a membership (refusing the last leider); deletes the user as well when no membership remains,
   * so someone who left keeps no account. Returns whether the user was deleted, or null when not a member.
   */
  removeMember(userId: string, schoolId: string): { userDeleted: boolean } | null {
    return transaction(this.db, () => {
      const current = this.getMembership(userId, schoolId);
      if (!current) return null;
      if (current.role === 'leider' && this.countLeiders(schoolId) <= 1) throw new LastLeiderError();
      this.db.prepare('DELETE FROM memberships WHERE user_id = ? AND school_id = ?').run(userId, schoolId);
      const rest = this.db
        .prepare('SELECT COUNT(*) AS n FROM memberships WHERE user_id = ?')
        .get(userId) as Row;
      if (Number(rest.n) === 0) {
        this.db.prepare('DELETE FROM users WHERE id = ?').run(userId);
        return { userDeleted: true };
      }
      return { userDeleted: false };
    });
  }
}

export class LastLeiderError extends Error {
  override name = 'LastLeiderError';
  constructor() {
    super('Een school houdt minstens één leider: maak eerst iemand anders leider.');
  }
}
