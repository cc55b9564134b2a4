import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify, type Options } from '@node-rs/argon2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * argon2id with OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane). Measured on the 2-core dev
 * machine: a verification takes about 7 ms (median), so 40 teachers logging in within a minute cost
 * about 0.3 s of CPU, while each guess against a stolen hash costs 19 MiB of memory.
 */
const ARGON2_OPTIONS: Options = {
  // Algorithm.Argon2id; the enum is a `const enum`, which isolatedModules cannot read from a .d.ts.
  algorithm: 2 as Options['algorithm'],
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../contract/limits';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

let commonPasswords: Set<string> | undefined;

/** The shipped list of common passwords (lowercase), loaded once on first use. */
function common(): Set<string> {
  if (!commonPasswords) {
    const text = readFileSync(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8');
    commonPasswords = new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#')),
    );
  }
  return commonPasswords;
}

/**
 * Check a new password against the rules; returns a Dutch message for the user, or null when it is fine.
 * Rules (NIST SP 800-63B style): 10–128 characters, not a known common password, not the e-mail address
 * (or its part before the @). No composition rules: length beats forced symbols.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`;
  if (length > PASSWORD_MAX_LENGTH) return `Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`;
  const lower = password.toLowerCase();
  if (common().has(lower))
    return 'Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander.';
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split('@')[0] ?? '';
    if (lower === address || (local.length >= 3 && lower === local)) {
      return 'Je wachtwoord mag niet je e-mailadres zijn.';
    }
  }
  if (new Set(lower).size === 1) return 'Kies een wachtwoord dat niet uit één herhaald teken bestaat.';
  return null;
}

/** Hash a password with argon2id; the PHC string carries salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Constant-time verification (inside argon2); false for a malformed hash instead of throwing. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the same time as a real verification when the account does not exist, so response times do not
 * tell which e-mail addresses have an account.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('koers-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * A random password for the admin CLI: 80 random bits as four groups of four base32 characters
 * ("k3x9-…"), easy to read aloud or type from a note. Shown once, never stored in plain text.
 */
export function generatePassword(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes).match(/.{4}/g)!.join('-');
}
