import type { DatabaseSync } from 'node:sqlite';
import { hashPassword } from '../auth/password';
import { SchoolStore, type Role } from './school-store';

/** The demo school's name and its documented logins (fictitious people; shown in the README). */
export const DEMO_SCHOOL_NAME = 'Basisschool De Vlinder (demo)';
export const DEMO_PASSWORD = 'koers-demo-2026';
export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: 'demo@koers.local', name: 'Marieke de Vries', role: 'leider' },
  { email: 'juf.anja@koers.local', name: 'Juf Anja', role: 'leerkracht' },
];

/**
 * Create the demo school with its demo logins if they are missing (idempotent) and return its id; the
 * demo seed assigns the demo board to it. The demo password is public by design, so the demo is for
 * trying Koers out: turn it off (DEMO=false) on a server with real pupil data.
 */
export async function ensureDemoSchool(db: DatabaseSync): Promise<string> {
  const schools = new SchoolStore(db);
  const school = schools.findSchoolByName(DEMO_SCHOOL_NAME) ?? schools.createSchool(DEMO_SCHOOL_NAME);
  let passwordHash: string | undefined;
  for (const demo of DEMO_USERS) {
    let user = schools.findUserByEmail(demo.email);
    if (!user) {
      passwordHash ??= await hashPassword(DEMO_PASSWORD);
      user = schools.createUser({ email: demo.email, name: demo.name, passwordHash });
    }
    if (!schools.getMembership(user.id, school.id)) schools.addMembership(user.id, school.id, demo.role);
  }
  return school.id;
}
