import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { tempDatabase } from '../auth/testing';
import { DuplicateError, LastLeiderError, SchoolStore } from './school-store';
import { DEMO_PASSWORD, DEMO_SCHOOL_NAME, DEMO_USERS, ensureDemoSchool } from './seed-demo-school';

describe('SchoolStore', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let schools: SchoolStore;
  beforeEach(() => {
    temp = tempDatabase();
    schools = new SchoolStore(temp.db);
  });
  afterEach(() => temp.cleanup());

  it('keeps e-mail addresses unique and lowercased, school names unique', () => {
    const user = schools.createUser({ email: '  Anja@School.NL ', name: 'Anja', passwordHash: 'h' });
    expect(user.email).toBe('anja@school.nl');
    expect(schools.findUserByEmail('ANJA@school.nl')?.id).toBe(user.id);
    expect(() => schools.createUser({ email: 'anja@school.nl', name: 'X', passwordHash: 'h' })).toThrow(
      DuplicateError,
    );
    schools.createSchool('De Regenboog');
    expect(() => schools.createSchool('de regenboog')).toThrow(DuplicateError);
  });

  it('lets one user belong to two schools with different roles', () => {
    const a = schools.createSchool('A');
    const b = schools.createSchool('B');
    const user = schools.createUser({ email: 'ib@x.nl', name: 'IB', passwordHash: 'h' });
    schools.addMembership(user.id, a.id, 'leider');
    schools.addMembership(user.id, b.id, 'leerkracht');
    expect(schools.membershipsOf(user.id).map((m) => [m.schoolId, m.role])).toEqual([
      [a.id, 'leider'],
      [b.id, 'leerkracht'],
    ]);
    expect(schools.removeMember(user.id, b.id)).toEqual({ userDeleted: false });
    expect(() => schools.removeMember(user.id, a.id)).toThrow(LastLeiderError);
  });

  it('creates the demo school with its documented logins, once', async () => {
    const id = await ensureDemoSchool(temp.db);
    expect(await ensureDemoSchool(temp.db)).toBe(id);
    expect(schools.getSchool(id)?.name).toBe(DEMO_SCHOOL_NAME);
    const members = schools.listMembers(id);
    expect(members.map((m) => [m.user.email, m.role]).sort()).toEqual(
      DEMO_USERS.map((u) => [u.email, u.role]).sort(),
    );
    for (const member of members) {
      expect(await verifyPassword(schools.getPasswordHash(member.user.id)!, DEMO_PASSWORD)).toBe(true);
    }
  });
});
