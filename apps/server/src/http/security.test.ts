import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes, originCheck, securityHeaders } from './security';

const dir = mkdtempSync(path.join(tmpdir(), 'koers-web-'));
const SCRIPT = '\n  { __sveltekit_x = { base: "" }; import("/_app/start.js"); }\n';
writeFileSync(
  path.join(dir, 'index.html'),
  `<!doctype html><html><head><script type="module" src="/_app/x.js"></script></head><body><div><script>${SCRIPT}</script></div></body></html>`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function app(publicUrl: string | undefined) {
  const hono = new Hono();
  hono.use('*', securityHeaders({ publicUrl, webBuildDir: dir }));
  hono.use('/api/*', originCheck({ publicUrl }));
  hono.get('/', (c) => c.html('<p>hoi</p>'));
  hono.get('/api/thing', (c) => c.json({ ok: true }));
  hono.post('/api/thing', (c) => c.json({ ok: true }));
  hono.delete('/api/thing', (c) => c.json({ ok: true }));
  return hono;
}

describe('originCheck (CSRF)', () => {
  const hono = app('https://koers.school.nl');

  it('refuses a cross-origin POST and DELETE', async () => {
    for (const method of ['POST', 'DELETE']) {
      const response = await hono.request('http://localhost/api/thing', {
        method,
        headers: { origin: 'https://evil.example' },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/geweigerd/) });
    }
  });

  it('allows a same-origin POST (own host, or PUBLIC_URL behind a proxy)', async () => {
    expect(
      (
        await hono.request('http://localhost/api/thing', {
          method: 'POST',
          headers: { origin: 'http://localhost' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await hono.request('http://localhost/api/thing', {
          method: 'POST',
          headers: { origin: 'https://koers.school.nl' },
        })
      ).status,
    ).toBe(200);
  });

  it('refuses cross-site fetch metadata and cookie-bearing requests without Origin; lets plain API clients through', async () => {
    expect(
      (
        await hono.request('http://localhost/api/thing', {
          method: 'POST',
          headers: { 'sec-fetch-site': 'cross-site' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await hono.request('http://localhost/api/thing', {
          method: 'POST',
          headers: { cookie: 'koers_session=x' },
        })
      ).status,
    ).toBe(403);
    expect((await hono.request('http://localhost/api/thing', { method: 'POST' })).status).toBe(200);
  });

  it('never blocks GET', async () => {
    expect(
      (await hono.request('http://localhost/api/thing', { headers: { origin: 'https://evil.example' } }))
        .status,
    ).toBe(200);
  });
});

describe('securityHeaders', () => {
  it('follows a rebuild of the web app without a server restart', async () => {
    const build = mkdtempSync(path.join(tmpdir(), 'koers-web-'));
    const page = (script: string): string =>
      `<!doctype html><html><body><script>${script}</script></body></html>`;
    writeFileSync(path.join(build, 'index.html'), page('first()'));
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const hono = new Hono();
      hono.use('*', securityHeaders({ publicUrl: undefined, webBuildDir: build }));
      hono.get('/', (c) => c.html('x'));
      const cspNow = async (): Promise<string> =>
        (await hono.request('http://localhost/')).headers.get('content-security-policy') ?? '';
      const hashOf = (script: string): string => createHash('sha256').update(script).digest('base64');
      expect(await cspNow()).toContain(hashOf('first()'));
      // A rebuild writes a new index.html (a later mtime) with a different bootstrap script.
      writeFileSync(path.join(build, 'index.html'), page('second()'));
      const later = new Date(Date.now() + 5_000);
      utimesSync(path.join(build, 'index.html'), later, later);
      vi.setSystemTime(later);
      const after = await cspNow();
      expect(after).toContain(hashOf('second()'));
      expect(after).not.toContain(hashOf('first()'));
    } finally {
      vi.useRealTimers();
      rmSync(build, { recursive: true, force: true });
    }
  });

  it('computes the sha256 of inline scripts only', () => {
    const expected = `'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`;
    expect(inlineScriptHashes(dir)).toEqual([expected]);
    expect(inlineScriptHashes('/does/not/exist')).toEqual([]);
  });

  it('sets CSP with the script hash, and the other headers; HSTS only on https', async () => {
    const response = await app('https://koers.school.nl').request('http://localhost/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(contentSecurityPolicy(inlineScriptHashes(dir)));
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    const plain = await app(undefined).request('http://localhost/api/thing');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('cache-control')).toBe('no-store');
  });
});
