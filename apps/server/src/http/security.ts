import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF protection by Origin check on state-changing requests (POST, PUT, PATCH, DELETE).
 *
 * - With an Origin header: it must be PUBLIC_URL's origin or the request's own origin (scheme + Host),
 *   else 403. Browsers send Origin on every cross-origin request and on every same-origin non-GET fetch.
 * - Without Origin, `Sec-Fetch-Site: cross-site` (or `same-site`) is refused too.
 * - Without Origin and without Sec-Fetch-Site, the request is refused only if it carries a cookie:
 *   a browser that sends the session cookie would also have sent Origin, so this is a forged or very old
 *   client; a request without cookies (curl, the admin's scripts, a projector token in the URL) carries
 *   no ambient authority to abuse.
 *
 * SameSite=Lax on the session cookie is the second layer. GET/HEAD/OPTIONS never change state in Koers.
 */
export function originCheck(options: { publicUrl: string | undefined }): MiddlewareHandler {
  const allowed = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const own = new URL(c.req.url).origin;
    if (origin !== undefined) {
      if (origin === own || origin === allowed) return next();
      return c.json({ error: 'Verzoek geweigerd: het komt niet van Koers zelf.' }, 403);
    }
    const fetchSite = c.req.header('sec-fetch-site');
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
      return c.json({ error: 'Verzoek geweigerd: het komt niet van Koers zelf.' }, 403);
    }
    if (fetchSite === undefined && c.req.header('cookie')) {
      return c.json({ error: 'Verzoek geweigerd: het komt niet van Koers zelf.' }, 403);
    }
    return next();
  };
}

/**
 * The sha256 CSP sources of every inline <script> in the built app's HTML files (SvelteKit's SPA fallback
 * index.html boots with one inline script), read from the files actually served.
 */
export function inlineScriptHashes(webBuildDir: string): string[] {
  if (!existsSync(webBuildDir)) return [];
  const hashes = new Set<string>();
  for (const name of readdirSync(webBuildDir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.html')) continue;
    const html = readFileSync(path.join(webBuildDir, name), 'utf8');
    for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
      const body = match[1] ?? '';
      if (!body.trim()) continue;
      hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

/**
 * The Content-Security-Policy Koers passes:
 * - scripts only from our origin plus the hashes of the built inline bootstrap script(s): no 'unsafe-inline'
 *   for scripts, so an injected <script> does not run;
 * - `style-src 'self' 'unsafe-inline'`: Svelte transitions and TipTap/ProseMirror set inline styles, and
 *   style injection is far less dangerous than script injection;
 * - `connect-src 'self' ws: wss:` for the API and the Yjs WebSocket (CSP Level 3 browsers already allow
 *   same-origin ws via 'self'; the schemes cover older ones);
 * - `img-src 'self' data: blob:` for icons and exported charts; `frame-ancestors 'none'` against
 *   clickjacking; `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((hash) => ` ${hash}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** How often the served index.html is checked for a rebuild. */
const BUILD_CHECK_MS = 1000;

/**
 * The CSP for the web build as it is now: the inline-script hashes are recomputed when index.html changes,
 * so rebuilding the web app next to a running server never leaves a blank page (a stale hash would block
 * the new bootstrap script). A stat at most once a second; the hashing only after a rebuild.
 */
function liveContentSecurityPolicy(webBuildDir: string): () => string {
  const index = path.join(webBuildDir, 'index.html');
  const modifiedAt = (): number => (existsSync(index) ? statSync(index).mtimeMs : 0);
  let builtAt = modifiedAt();
  let csp = contentSecurityPolicy(inlineScriptHashes(webBuildDir));
  let checkedAt = Date.now();
  return () => {
    if (Date.now() - checkedAt < BUILD_CHECK_MS) return csp;
    checkedAt = Date.now();
    const now = modifiedAt();
    if (now !== builtAt) {
      builtAt = now;
      csp = contentSecurityPolicy(inlineScriptHashes(webBuildDir));
    }
    return csp;
  };
}

/**
 * Security headers on every response: the CSP above, no MIME sniffing, no Referer (invite and projector
 * tokens live in URLs), no framing, no powerful browser features, and HSTS when served over https.
 */
export function securityHeaders(options: {
  publicUrl: string | undefined;
  webBuildDir: string;
}): MiddlewareHandler {
  const csp = liveContentSecurityPolicy(options.webBuildDir);
  const https = options.publicUrl?.startsWith('https://') ?? false;
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp());
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (https) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control'))
      c.header('Cache-Control', 'no-store');
  };
}
