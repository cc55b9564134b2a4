import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, cookieFrom, login, ORIGIN, tempDatabase, testApp, testClock } from '../auth/testing';

const DAY = 24 * 60 * 60 * 1000;
const json = (body: unknown, cookie?: string) => ({
  headers: { 'content-type': 'application/json', origin: ORIGIN, ...(cookie ? { cookie } : {}) },
  body: JSON.stringify(body),
});

describe('auth routes', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let clock: ReturnType<typeof testClock>;
  let ctx: ReturnType<typeof testApp>;
  let schoolId: string;

  beforeEach(() => {
    temp = tempDatabase();
    clock = testClock(Date.now());
    ctx = testApp(temp.db, clock.now);
    schoolId = ctx.auth.schools.createSchool('De Regenboog').id;
  });
  afterEach(() => temp.cleanup());

  it('logs in with an HttpOnly SameSite cookie, answers me, and logs out', async () => {
    const { user, password } = await addMember(ctx.auth, schoolId, 'Anja@Regenboog.nl', 'leerkracht');
    const response = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: 'anja@regenboog.nl', password }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^koers_session=[a-z2-7]{32};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain(`Max-Age=${30 * 24 * 60 * 60}`);
    expect(setCookie).not.toContain('Secure');
    const cookie = setCookie.split(';')[0]!;

    const me = await ctx.app.request('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      user: { id: user.id, email: 'anja@regenboog.nl' },
      school: { id: schoolId },
      role: 'leerkracht',
    });

    const out = await ctx.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: ORIGIN },
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('answers the same generic error for a wrong password and an unknown address', async () => {
    await addMember(ctx.auth, schoolId, 'anja@regenboog.nl', 'leerkracht');
    const wrong = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: 'anja@regenboog.nl', password: 'verkeerd-wachtwoord' }),
    });
    const unknown = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: 'niemand@regenboog.nl', password: 'verkeerd-wachtwoord' }),
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'E-mailadres of wachtwoord onjuist.' });
    expect(await unknown.json()).toEqual({ error: 'E-mailadres of wachtwoord onjuist.' });
  });

  it('refuses an expired session, clears its cookie, and re-sets a cookie when the expiry slides', async () => {
    const { password } = await addMember(ctx.auth, schoolId, 'anja@regenboog.nl', 'leerkracht');
    const cookie = await login(ctx.app, 'anja@regenboog.nl', password);
    clock.advance(20 * DAY);
    const slid = await ctx.app.request('/api/auth/me', { headers: { cookie } });
    expect(slid.status).toBe(200);
    expect(slid.headers.get('set-cookie')).toContain(`Max-Age=${30 * 24 * 60 * 60}`);
    clock.advance(30 * DAY);
    const expired = await ctx.app.request('/api/auth/me', { headers: { cookie } });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('changes the password: rules checked, other sessions end, this one stays', async () => {
    const { password } = await addMember(ctx.auth, schoolId, 'anja@regenboog.nl', 'leerkracht');
    const laptop = await login(ctx.app, 'anja@regenboog.nl', password);
    const phone = await login(ctx.app, 'anja@regenboog.nl', password);
    const change = (body: unknown) =>
      ctx.app.request('/api/auth/password', { method: 'POST', ...json(body, laptop) });
    expect(
      (await change({ currentPassword: 'fout-fout-fout', newPassword: 'nieuw-en-lang-genoeg' })).status,
    ).toBe(400);
    const weak = await change({ currentPassword: password, newPassword: 'wachtwoord' });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toEqual({ error: expect.stringMatching(/veel gebruikt/) });
    expect((await change({ currentPassword: password, newPassword: 'nieuw-en-lang-genoeg' })).status).toBe(
      200,
    );
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: laptop } })).status).toBe(200);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: phone } })).status).toBe(401);
    await login(ctx.app, 'anja@regenboog.nl', 'nieuw-en-lang-genoeg');
  });

  it('writes login.success to the audit log, without the password', async () => {
    const { user, password } = await addMember(ctx.auth, schoolId, 'anja@regenboog.nl', 'leerkracht');
    await login(ctx.app, 'anja@regenboog.nl', password);
    const entries = ctx.auth.audit.list(schoolId);
    expect(entries.map((e) => [e.action, e.actorUserId])).toEqual([['login.success', user.id]]);
    expect(JSON.stringify(temp.db.prepare('SELECT * FROM audit_log').all())).not.toContain(password);
  });

  it('behind TLS uses a Secure __Host- cookie, and reads it back', async () => {
    const tls = testApp(temp.db, clock.now, 'https://koers.school.nl');
    const { password } = await addMember(tls.auth, schoolId, 'bram@regenboog.nl', 'leerkracht');
    const response = await tls.app.request('https://koers.school.nl/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://koers.school.nl' },
      body: JSON.stringify({ email: 'bram@regenboog.nl', password }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-koers_session=[a-z2-7]{32};/);
    expect(setCookie).toContain('Secure');
    expect(setCookie).not.toContain('Domain');
    const cookie = setCookie.split(';')[0]!;
    const me = await tls.app.request('https://koers.school.nl/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.headers.get('strict-transport-security')).toContain('max-age=');
    // The plain-http cookie name means nothing to a TLS deployment.
    const plain = await tls.app.request('https://koers.school.nl/api/auth/me', {
      headers: { cookie: cookie.replace('__Host-', '') },
    });
    expect(plain.status).toBe(401);
  });

  it('refuses a login posted from another site (CSRF)', async () => {
    const { password } = await addMember(ctx.auth, schoolId, 'anja@regenboog.nl', 'leerkracht');
    const response = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ email: 'anja@regenboog.nl', password }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('ends the old session on a new login, and switches school with a fresh session', async () => {
    const { user, password } = await addMember(ctx.auth, schoolId, 'ib@regenboog.nl', 'leider');
    const other = ctx.auth.schools.createSchool('De Vlinder');
    ctx.auth.schools.addMembership(user.id, other.id, 'leerkracht');
    const first = await login(ctx.app, user.email, password);
    const second = await ctx.app.request('/api/auth/login', {
      method: 'POST',
      ...json({ email: user.email, password }, first),
    });
    expect(second.status).toBe(200);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: first } })).status).toBe(401);
    const current = cookieFrom(second);

    const foreign = ctx.auth.schools.createSchool('Niet de mijne');
    expect(
      (
        await ctx.app.request('/api/auth/school', {
          method: 'POST',
          ...json({ schoolId: foreign.id }, current),
        })
      ).status,
    ).toBe(404);
    const switched = await ctx.app.request('/api/auth/school', {
      method: 'POST',
      ...json({ schoolId: other.id }, current),
    });
    expect(await switched.json()).toMatchObject({ school: { id: other.id }, role: 'leerkracht' });
    const me = await ctx.app.request('/api/auth/me', { headers: { cookie: cookieFrom(switched) } });
    expect(await me.json()).toMatchObject({ school: { id: other.id }, role: 'leerkracht' });
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: current } })).status).toBe(401);
  });
});
