import path from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLog } from '../audit/audit-log';
import { generatePassword, hashPassword, passwordProblem } from '../auth/password';
import { SessionStore } from '../auth/session';
import { loadConfig } from '../config';
import { openDatabase, transaction } from '../db/sqlite';
import { DuplicateError, isRole, isValidEmail, normalizeEmail, SchoolStore } from '../schools/school-store';
import { SqliteBoardStore } from '../storage/sqlite-board-store';

/** Where the command reads a piped password and writes its output; replaceable for tests. */
export interface AdminIO {
  /** The piped standard input, or null when stdin is a terminal (then a password is generated). */
  readStdin(): Promise<string | null>;
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

/** The database file inside DATA_DIR: the same file the server opens (server.ts). */
export const DATABASE_FILE = 'koers.db';

const USAGE = `Gebruik:
  pnpm koers school add <naam>
  pnpm koers school list
  pnpm koers user add --school <id|naam> --email <e-mail> --role leider|leerkracht [--name "<naam>"]
  pnpm koers user reset-password --email <e-mail>
  pnpm koers user remove --email <e-mail>
  pnpm koers board adopt --school <id|naam>   (borden zonder school, van vóór de accounts, naar deze school)
  pnpm koers board repair <bord-id> [--write]  (een bord dat niet laadt herstellen; zonder --write een proefrun)

Een wachtwoord wordt van standaardinvoer gelezen als je het doorgeeft
(echo 'geheim wachtwoord' | pnpm koers user add …); anders wordt er een gemaakt en één keer getoond.
De database staat in DATA_DIR (standaard ./data).
`;

const processIO: AdminIO = {
  async readStdin() {
    if (process.stdin.isTTY) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

class UsageError extends Error {}

/**
 * `pnpm koers school …` and `pnpm koers user …`: create the first school and its leider, reset a
 * password, remove someone. Returns the exit code: 0 done, 1 refused (e.g. unknown user), 2 wrong usage.
 */
export async function adminCommand(argv: string[], io: AdminIO = processIO): Promise<number> {
  const [group, verb, ...rest] = argv;
  try {
    const config = loadConfig(io.env);
    const db = openDatabase(path.join(config.dataDir, DATABASE_FILE));
    try {
      const schools = new SchoolStore(db);
      const sessions = new SessionStore(db, { lifetimeDays: config.sessionDays });
      const audit = new AuditLog(db);
      const key = `${group ?? ''} ${verb ?? ''}`;
      switch (key) {
        case 'school add': {
          const name = rest.join(' ').trim();
          if (!name)
            throw new UsageError(
              'Geef de naam van de school: pnpm koers school add "Basisschool De Regenboog"',
            );
          const school = schools.createSchool(name);
          io.out(`School aangemaakt: ${school.name}\nid: ${school.id}\n`);
          return 0;
        }
        case 'school list': {
          for (const school of schools.listSchools()) io.out(`${school.id}  ${school.name}\n`);
          return 0;
        }
        case 'user add': {
          const { values } = parseArgs({
            args: rest,
            options: {
              school: { type: 'string' },
              email: { type: 'string' },
              role: { type: 'string' },
              name: { type: 'string' },
            },
            strict: true,
          });
          if (!values.school || !values.email || !values.role) {
            throw new UsageError('Geef --school, --email en --role (leider of leerkracht).');
          }
          if (!isRole(values.role)) throw new UsageError('De rol is leider of leerkracht.');
          const email = normalizeEmail(values.email);
          if (!isValidEmail(email)) throw new UsageError(`Geen geldig e-mailadres: ${values.email}`);
          const school = schools.findSchool(values.school);
          if (!school) {
            io.err(`School niet gevonden: ${values.school} (zie pnpm koers school list)\n`);
            return 1;
          }
          if (schools.findUserByEmail(email)) {
            io.err(`Er bestaat al een account voor ${email}.\n`);
            return 1;
          }
          const { password, generated } = await choosePassword(io, email);
          const passwordHash = await hashPassword(password);
          const role = values.role;
          const user = transaction(db, () => {
            const created = schools.createUser({ email, name: values.name ?? email, passwordHash });
            schools.addMembership(created.id, school.id, role);
            return created;
          });
          audit.record({
            actorUserId: null,
            schoolId: school.id,
            action: 'member.join',
            subjectId: user.id,
            details: { role, via: 'cli' },
          });
          io.out(`Account aangemaakt: ${user.email} (${role}) bij ${school.name}\n`);
          if (generated) io.out(`Wachtwoord (wordt maar één keer getoond): ${password}\n`);
          return 0;
        }
        case 'user reset-password': {
          const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } }, strict: true });
          if (!values.email) throw new UsageError('Geef --email.');
          const user = schools.findUserByEmail(values.email);
          if (!user) {
            io.err(`Geen account gevonden voor ${normalizeEmail(values.email)}.\n`);
            return 1;
          }
          const { password, generated } = await choosePassword(io, user.email);
          schools.setPasswordHash(user.id, await hashPassword(password));
          const ended = sessions.invalidateUserSessions(user.id);
          for (const membership of schools.membershipsOf(user.id)) {
            audit.record({
              actorUserId: null,
              schoolId: membership.schoolId,
              action: 'user.password-reset',
              subjectId: user.id,
              details: { via: 'cli' },
            });
          }
          io.out(`Wachtwoord vernieuwd voor ${user.email}; ${ended} sessie(s) beëindigd.\n`);
          if (generated) io.out(`Nieuw wachtwoord (wordt maar één keer getoond): ${password}\n`);
          return 0;
        }
        case 'user remove': {
          const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } }, strict: true });
          if (!values.email) throw new UsageError('Geef --email.');
          const user = schools.findUserByEmail(values.email);
          if (!user) {
            io.err(`Geen account gevonden voor ${normalizeEmail(values.email)}.\n`);
            return 1;
          }
          const memberships = schools.membershipsOf(user.id);
          // The CLI is the installer's escape hatch, so it may remove a last leider (the web app may not).
          sessions.invalidateUserSessions(user.id);
          schools.deleteUser(user.id);
          for (const membership of memberships) {
            audit.record({
              actorUserId: null,
              schoolId: membership.schoolId,
              action: 'member.remove',
              subjectId: user.id,
              details: { via: 'cli' },
            });
          }
          io.out(`Account verwijderd: ${user.email}; alle sessies zijn beëindigd.\n`);
          return 0;
        }
        case 'board adopt': {
          // Boards made before boards belonged to a school are unreachable until a school adopts them.
          const { values } = parseArgs({ args: rest, options: { school: { type: 'string' } }, strict: true });
          if (!values.school) throw new UsageError('Geef --school (id of naam).');
          const school = schools.findSchool(values.school);
          if (!school) {
            io.err(`School niet gevonden: ${values.school} (zie pnpm koers school list)\n`);
            return 1;
          }
          const adopted = await new SqliteBoardStore(db).assignUnscopedBoards(school.id);
          io.out(
            `${adopted} ${adopted === 1 ? 'bord' : 'borden'} zonder school toegewezen aan ${school.name}.\n`,
          );
          return 0;
        }
        default:
          throw new UsageError(`Onbekende opdracht: ${[group, verb].filter(Boolean).join(' ')}`);
      }
    } finally {
      db.close();
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof DuplicateError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** A piped password (first line, checked against the rules) or a generated one. */
async function choosePassword(io: AdminIO, email: string): Promise<{ password: string; generated: boolean }> {
  const piped = await io.readStdin();
  const line = piped?.split(/\r?\n/)[0] ?? '';
  if (line) {
    const problem = passwordProblem(line, email);
    if (problem) throw new UsageError(problem);
    return { password: line, generated: false };
  }
  return { password: generatePassword(), generated: true };
}
