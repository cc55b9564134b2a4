import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashPassword,
  passwordProblem,
  verifyAgainstDummy,
  verifyPassword,
} from './password';

describe('passwords', () => {
  it('hashes with argon2id and the OWASP parameters, and verifies', async () => {
    const hash = await hashPassword('paarse-olifant-fietst');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'paarse-olifant-fietst')).toBe(true);
    expect(await verifyPassword(hash, 'paarse-olifant-fietsT')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await hashPassword('paarse-olifant-fietst')).not.toBe(hash); // salted
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });

  it('requires 10 to 128 characters', () => {
    expect(passwordProblem('kort-ww9')).toMatch(/minstens 10 tekens/);
    expect(passwordProblem('x'.repeat(9) + 'y')).toBeNull();
    expect(passwordProblem('ab'.repeat(64))).toBeNull();
    expect(passwordProblem('ab'.repeat(64) + 'c')).toMatch(/hoogstens 128/);
  });

  it('refuses common passwords, Dutch ones included, whatever the case', () => {
    for (const common of [
      'wachtwoord',
      'Wachtwoord123',
      'welkom1234',
      'password123',
      'qwertyuiop',
      '1234567890',
    ]) {
      expect(passwordProblem(common), common).toMatch(/veel gebruikt/);
    }
    expect(passwordProblem('koers-demo-2026')).toBeNull();
  });

  it('refuses the e-mail address and one repeated character', () => {
    expect(passwordProblem('anja@school.nl', 'Anja@School.nl')).toMatch(/e-mailadres/);
    expect(passwordProblem('anja.devries', 'anja.devries@school.nl')).toMatch(/e-mailadres/);
    expect(passwordProblem('zzzzzzzzzzzz')).toMatch(/herhaald/);
  });

  it('generates passwords that pass the rules', () => {
    const generated = generatePassword();
    expect(generated).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(passwordProblem(generated)).toBeNull();
    expect(generatePassword()).not.toBe(generated);
  });
});
