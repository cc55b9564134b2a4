import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { openDatabase } from '../db/sqlite';
import { createBoard } from '../boards/create-board';
import { SchoolStore } from '../schools/school-store';
import { SqliteBoardStore } from '../storage/sqlite-board-store';
import { adminCommand, DATABASE_FILE, type AdminIO } from './admin';

const run = promisify(execFile);
const serverDir = path.resolve(import.meta.dirname, '../..');

describe('admin CLI', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'koers-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  function io(stdin: string | null = null) {
    const out: string[] = [];
    const err: string[] = [];
    const value: AdminIO = {
      readStdin: async () => stdin,
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      env: { DATA_DIR: dataDir },
    };
    return { value, out, err };
  }

  const database = () => openDatabase(path.join(dataDir, DATABASE_FILE));

  it('creates a school and its first leider with a generated password printed once', async () => {
    const school = io();
    expect(await adminCommand(['school', 'add', 'Basisschool', 'De', 'Regenboog'], school.value)).toBe(0);
    const schoolId = /id: (\S+)/.exec(school.out.join(''))?.[1];
    expect(schoolId).toBeDefined();

    const user = io();
    const code = await adminCommand(
      [
        'user',
        'add',
        '--school',
        'basisschool de regenboog',
        '--email',
        'Marieke@Regenboog.nl',
        '--role',
        'leider',
        '--name',
        'Marieke',
      ],
      user.value,
    );
    expect(code).toBe(0);
    const password = /Wachtwoord \(wordt maar één keer getoond\): (\S+)/.exec(user.out.join(''))?.[1];
    expect(password).toBeDefined();

    const db = database();
    const row = db
      .prepare(
        'SELECT u.email, u.name, u.password_hash, m.role, m.school_id FROM users u JOIN memberships m ON m.user_id = u.id',
      )
      .get() as Record<string, string>;
    db.close();
    expect(row).toMatchObject({
      email: 'marieke@regenboog.nl',
      name: 'Marieke',
      role: 'leider',
      school_id: schoolId,
    });
    expect(row.password_hash).not.toContain(password!);
    expect(await verifyPassword(row.password_hash!, password!)).toBe(true);
  });

  it('takes a piped password, checks it, and refuses bad input with exit codes', async () => {
    await adminCommand(['school', 'add', 'De Vlinder'], io().value);
    const weak = io('wachtwoord\n');
    expect(
      await adminCommand(
        ['user', 'add', '--school', 'De Vlinder', '--email', 'a@v.nl', '--role', 'leider'],
        weak.value,
      ),
    ).toBe(2);
    expect(weak.err.join('')).toMatch(/veel gebruikt/);
    const good = io('vlinders-in-de-tuin\n');
    expect(
      await adminCommand(
        ['user', 'add', '--school', 'De Vlinder', '--email', 'a@v.nl', '--role', 'leider'],
        good.value,
      ),
    ).toBe(0);
    expect(good.out.join('')).not.toMatch(/Wachtwoord/);
    expect(
      await adminCommand(
        ['user', 'add', '--school', 'Bestaat Niet', '--email', 'b@v.nl', '--role', 'leider'],
        io().value,
      ),
    ).toBe(1);
    expect(
      await adminCommand(
        ['user', 'add', '--school', 'De Vlinder', '--email', 'b@v.nl', '--role', 'baas'],
        io().value,
      ),
    ).toBe(2);
    expect(
      await adminCommand(
        ['user', 'add', '--school', 'De Vlinder', '--email', 'a@v.nl', '--role', 'leider'],
        io().value,
      ),
    ).toBe(1);
    expect(await adminCommand(['user', 'fly'], io().value)).toBe(2);
  });

  it('resets a password and removes a user, ending their sessions', async () => {
    await adminCommand(['school', 'add', 'De Vlinder'], io().value);
    await adminCommand(
      ['user', 'add', '--school', 'De Vlinder', '--email', 'a@v.nl', '--role', 'leider'],
      io('vlinders-in-de-tuin').value,
    );
    let db = database();
    const { id } = db.prepare('SELECT id FROM users').get() as { id: string };
    db.prepare(
      "INSERT INTO sessions (id, user_id, school_id, expires_at, created_at) VALUES ('s1', ?, 'x', ?, 0)",
    ).run(id, Date.now() + 1e9);
    db.close();

    const reset = io('rupsen-worden-vlinders');
    expect(await adminCommand(['user', 'reset-password', '--email', 'A@v.nl'], reset.value)).toBe(0);
    expect(reset.out.join('')).toMatch(/1 sessie\(s\) beëindigd/);
    db = database();
    const { password_hash } = db.prepare('SELECT password_hash FROM users').get() as {
      password_hash: string;
    };
    expect(await verifyPassword(password_hash, 'rupsen-worden-vlinders')).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    db.close();

    expect(await adminCommand(['user', 'remove', '--email', 'a@v.nl'], io().value)).toBe(0);
    db = database();
    expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM memberships').get()).toEqual({ n: 0 });
    expect(
      (db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map(
        (r) => r.action,
      ),
    ).toEqual(['member.join', 'user.password-reset', 'member.remove']);
    db.close();
    expect(await adminCommand(['user', 'remove', '--email', 'a@v.nl'], io().value)).toBe(1);
  });

  it('gives boards without a school (from before accounts) to a school', async () => {
    const db = database();
    const store = new SqliteBoardStore(db);
    const legacy = await createBoard(store, { title: 'Oud bord' });
    const owned = await createBoard(store, { title: 'Al van een school', schoolId: 'andere-school' });
    db.close();
    expect(await adminCommand(['school', 'add', 'De Regenboog'], io().value)).toBe(0);
    const adopt = io();
    expect(await adminCommand(['board', 'adopt', '--school', 'De Regenboog'], adopt.value)).toBe(0);
    expect(adopt.out.join('')).toBe('1 bord zonder school toegewezen aan De Regenboog.\n');
    const check = database();
    const after = new SqliteBoardStore(check);
    const schoolId = new SchoolStore(check).findSchoolByName('De Regenboog')?.id;
    expect((await after.getBoard(legacy.id))?.schoolId).toBe(schoolId);
    expect((await after.getBoard(owned.id))?.schoolId).toBe('andere-school');
    check.close();
    const unknown = io();
    expect(await adminCommand(['board', 'adopt', '--school', 'Bestaat Niet'], unknown.value)).toBe(1);
    expect(await adminCommand(['board', 'adopt'], io().value)).toBe(2);
  });

  it('runs as `pnpm koers` with a password on stdin', async () => {
    const env = { ...process.env, DATA_DIR: dataDir };
    const school = await run('pnpm', ['--silent', 'koers', 'school', 'add', 'De Regenboog'], {
      cwd: serverDir,
      env,
    });
    expect(school.stdout).toMatch(/School aangemaakt: De Regenboog/);
    const child = execFile(
      'pnpm',
      [
        '--silent',
        'koers',
        'user',
        'add',
        '--school',
        'De Regenboog',
        '--email',
        'l@r.nl',
        '--role',
        'leider',
      ],
      {
        cwd: serverDir,
        env,
      },
    );
    child.stdin?.end('regenboog-boven-de-zee\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const db = database();
    const { password_hash } = db.prepare('SELECT password_hash FROM users').get() as {
      password_hash: string;
    };
    db.close();
    expect(await verifyPassword(password_hash, 'regenboog-boven-de-zee')).toBe(true);
  });
});
