import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * A secret token as Lucia's session guide makes it: 20 random bytes (160 bits of entropy) in lowercase
 * base32 without padding, safe in URLs and cookies. Used for sessions, invites and projector links.
 */
export function generateSecretToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * The only form in which a token is stored: hex(sha256(token)). A leaked database (or backup) then holds
 * no usable session, invite or projector token. No salt is needed: the tokens are random, not chosen.
 */
export function hashSecretToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Tokens we hand out are 32 base32 characters; anything else is refused before touching the database. */
export function looksLikeToken(value: string | undefined | null): value is string {
  return typeof value === 'string' && /^[a-z2-7]{32}$/.test(value);
}
