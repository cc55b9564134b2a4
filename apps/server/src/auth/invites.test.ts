import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchoolStore } from '../schools/school-store';
import { InviteStore } from './invites';
import { hashSecretToken } from './tokens';
import { tempDatabase, testClock } from './testing';

const DAY = 24 * 60 * 60 * 1000;

describe('InviteStore', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let clock: ReturnType<typeof testClock>;
  let invites: InviteStore;
  let schoolId: string;

  beforeEach(() => {
    temp = tempDatabase();
    clock = testClock();
    schoolId = new SchoolStore(temp.db).createSchool('De Regenboog').id;
    invites = new InviteStore(temp.db, { now: clock.now });
  });
  afterEach(() => temp.cleanup());

  it('stores only the hash of the token', () => {
    const { token } = invites.createPersonInvite({
      schoolId,
      email: 'Anja@School.nl',
      role: 'leerkracht',
      createdBy: null,
    });
    const rows = temp.db.prepare('SELECT * FROM invites').all() as Record<string, unknown>[];
    expect(rows[0]?.token_hash).toBe(hashSecretToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.email).toBe('anja@school.nl');
  });

  it('lets a personal invite be used once', () => {
    const { token, invite } = invites.createPersonInvite({
      schoolId,
      email: 'a@b.nl',
      role: 'leider',
      createdBy: null,
    });
    expect(invites.check(token)).toEqual({ ok: true, invite });
    expect(invites.claim(invite.id)).toBe(true);
    expect(invites.claim(invite.id)).toBe(false);
    expect(invites.check(token)).toEqual({ ok: false, reason: 'used' });
  });

  it('refuses an expired invite after 7 days', () => {
    const { token, invite } = invites.createPersonInvite({
      schoolId,
      email: 'a@b.nl',
      role: 'leerkracht',
      createdBy: null,
    });
    clock.advance(7 * DAY - 1);
    expect(invites.check(token).ok).toBe(true);
    clock.advance(1);
    expect(invites.check(token)).toEqual({ ok: false, reason: 'expired' });
    expect(invites.claim(invite.id)).toBe(false);
  });

  it('lets a team link be used up to its limit, as leerkracht only', () => {
    const { token, invite } = invites.createTeamLink({ schoolId, createdBy: null, days: 1, maxUses: 3 });
    expect(invite.role).toBe('leerkracht');
    for (let i = 0; i < 3; i++) expect(invites.claim(invite.id)).toBe(true);
    expect(invites.claim(invite.id)).toBe(false);
    expect(invites.check(token)).toEqual({ ok: false, reason: 'used' });
  });

  it('refuses revoked and unknown tokens', () => {
    const { token, invite } = invites.createTeamLink({ schoolId, createdBy: null });
    expect(invites.revoke(invite.id)).toBe(true);
    expect(invites.check(token)).toEqual({ ok: false, reason: 'revoked' });
    expect(invites.claim(invite.id)).toBe(false);
    expect(invites.check('a'.repeat(32))).toEqual({ ok: false, reason: 'unknown' });
    expect(invites.check('../etc')).toEqual({ ok: false, reason: 'unknown' });
  });
});
