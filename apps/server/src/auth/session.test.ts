import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchoolStore } from '../schools/school-store';
import { generateSessionToken, SessionStore } from './session';
import { hashSecretToken } from './tokens';
import { tempDatabase, testClock } from './testing';

const DAY = 24 * 60 * 60 * 1000;

describe('SessionStore (Lucia-style sessions)', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let clock: ReturnType<typeof testClock>;
  let sessions: SessionStore;
  let schools: SchoolStore;
  let userId: string;
  let schoolId: string;

  beforeEach(() => {
    temp = tempDatabase();
    clock = testClock();
    schools = new SchoolStore(temp.db);
    sessions = new SessionStore(temp.db, { lifetimeDays: 30, now: clock.now });
    schoolId = schools.createSchool('Basisschool Test').id;
    userId = schools.createUser({ email: 'juf@test.nl', name: 'Juf', passwordHash: 'x' }).id;
    schools.addMembership(userId, schoolId, 'leerkracht');
  });
  afterEach(() => temp.cleanup());

  it('makes 32-character base32 tokens and stores only their SHA-256', () => {
    const token = generateSessionToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(generateSessionToken()).not.toBe(token);
    const session = sessions.createSession(token, userId, schoolId);
    expect(session.id).toBe(hashSecretToken(token));
    const stored = temp.db.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[];
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('validates a fresh session without extending it', () => {
    const token = generateSessionToken();
    const created = sessions.createSession(token, userId, schoolId);
    const validated = sessions.validateSessionToken(token);
    expect(validated).toEqual({ session: created, fresh: false });
    expect(sessions.validateSessionToken(generateSessionToken())).toBeNull();
    expect(sessions.validateSessionToken('not a token')).toBeNull();
  });

  it('slides the expiry once less than half the lifetime remains, and says so', () => {
    const token = generateSessionToken();
    const created = sessions.createSession(token, userId, schoolId);
    clock.advance(14 * DAY);
    expect(sessions.validateSessionToken(token)?.fresh).toBe(false);
    clock.advance(2 * DAY); // 16 days in: 14 left < 15
    const slid = sessions.validateSessionToken(token);
    expect(slid?.fresh).toBe(true);
    expect(slid?.session.expiresAt).toBe(clock.now() + 30 * DAY);
    expect(slid!.session.expiresAt).toBeGreaterThan(created.expiresAt);
    const row = temp.db.prepare('SELECT expires_at FROM sessions WHERE id = ?').get(created.id) as {
      expires_at: number;
    };
    expect(row.expires_at).toBe(slid!.session.expiresAt);
  });

  it('refuses and deletes an expired session', () => {
    const token = generateSessionToken();
    sessions.createSession(token, userId, schoolId);
    clock.advance(30 * DAY);
    expect(sessions.validateSessionToken(token)).toBeNull();
    expect(sessions.countUserSessions(userId)).toBe(0);
  });

  it('invalidates one session on logout and all (or all but one) on password change', () => {
    const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
    const sa = sessions.createSession(a, userId, schoolId);
    sessions.createSession(b, userId, schoolId);
    sessions.createSession(c, userId, schoolId);
    sessions.invalidateSession(sa.id);
    expect(sessions.validateSessionToken(a)).toBeNull();
    expect(sessions.validateSessionToken(b)).not.toBeNull();
    const keep = sessions.validateSessionToken(b)!.session.id;
    expect(sessions.invalidateUserSessions(userId, keep)).toBe(1);
    expect(sessions.validateSessionToken(c)).toBeNull();
    expect(sessions.validateSessionToken(b)).not.toBeNull();
    sessions.invalidateUserSessions(userId);
    expect(sessions.validateSessionToken(b)).toBeNull();
  });

  it('loses every session when the user is removed', () => {
    const token = generateSessionToken();
    sessions.createSession(token, userId, schoolId);
    const leider = schools.createUser({ email: 'leider@test.nl', name: 'L', passwordHash: 'x' });
    schools.addMembership(leider.id, schoolId, 'leider');
    expect(schools.removeMember(userId, schoolId)).toEqual({ userDeleted: true });
    expect(sessions.validateSessionToken(token)).toBeNull();
  });
});
