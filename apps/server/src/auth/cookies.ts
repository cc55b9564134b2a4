import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The session cookie (lucia-auth.com "Session cookies"): HttpOnly so scripts cannot read it, SameSite=Lax
 * so other sites' forms and fetches do not carry it, Path=/. Behind TLS (PUBLIC_URL https://…) it is Secure
 * and takes the `__Host-` prefix, which browsers only accept from a secure origin without a Domain: a
 * sibling subdomain cannot plant or overwrite it.
 */
export interface SessionCookieSettings {
  name: string;
  secure: boolean;
}

export function sessionCookieSettings(publicUrl: string | undefined): SessionCookieSettings {
  const secure = publicUrl?.startsWith('https://') ?? false;
  return { name: secure ? '__Host-koers_session' : 'koers_session', secure };
}

export function setSessionCookie(
  c: Context,
  settings: SessionCookieSettings,
  token: string,
  expiresAt: number,
  now: number = Date.now(),
): void {
  setCookie(c, settings.name, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: settings.secure,
    maxAge: Math.max(0, Math.floor((expiresAt - now) / 1000)),
  });
}

export function deleteSessionCookie(c: Context, settings: SessionCookieSettings): void {
  deleteCookie(c, settings.name, { path: '/', secure: settings.secure, httpOnly: true, sameSite: 'Lax' });
}

export function readSessionCookie(c: Context, settings: SessionCookieSettings): string | undefined {
  return getCookie(c, settings.name);
}

/** Read the session cookie from a raw Cookie header (the WebSocket upgrade has no Hono context). */
export function sessionTokenFromCookieHeader(
  header: string | undefined,
  settings: SessionCookieSettings,
): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === settings.name)
      return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}
