import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, login, ORIGIN, tempDatabase, testApp } from '../auth/testing';

describe('member routes', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let ctx: ReturnType<typeof testApp>;
  let schoolId: string;

  beforeEach(() => {
    temp = tempDatabase();
    ctx = testApp(temp.db);
    schoolId = ctx.auth.schools.createSchool('De Regenboog').id;
  });
  afterEach(() => temp.cleanup());

  const send = (method: string, path: string, cookie: string, body?: unknown) =>
    ctx.app.request(path, {
      method,
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('lists members, changes a role, and removes someone whose sessions end at once', async () => {
    const leider = await addMember(ctx.auth, schoolId, 'leider@regenboog.nl', 'leider');
    const anja = await addMember(ctx.auth, schoolId, 'anja@regenboog.nl', 'leerkracht');
    const cookie = await login(ctx.app, leider.user.email, leider.password);
    const anjaCookie = await login(ctx.app, anja.user.email, anja.password);

    const list = await send('GET', '/api/school/members', cookie);
    expect(await list.json()).toMatchObject({
      members: [
        { email: 'anja@regenboog.nl', role: 'leerkracht' },
        { email: 'leider@regenboog.nl', role: 'leider' },
      ],
    });

    const promoted = await send('PATCH', `/api/school/members/${anja.user.id}`, cookie, { role: 'leider' });
    expect(await promoted.json()).toMatchObject({ member: { userId: anja.user.id, role: 'leider' } });
    expect(
      (await send('PATCH', `/api/school/members/${anja.user.id}`, cookie, { role: 'baas' })).status,
    ).toBe(400);

    const events: unknown[] = [];
    ctx.auth.onAccessRevoked((event) => events.push(event));
    expect((await send('DELETE', `/api/school/members/${anja.user.id}`, cookie)).status).toBe(200);
    expect(events).toEqual([{ kind: 'member', userId: anja.user.id, schoolId }]);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: anjaCookie } })).status).toBe(401);
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM users WHERE id = ?').get(anja.user.id)).toEqual({
      n: 0,
    });
    expect(ctx.auth.audit.list(schoolId).map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.role', 'member.remove']),
    );
  });

  it('never leaves a school without a leider', async () => {
    const leider = await addMember(ctx.auth, schoolId, 'leider@regenboog.nl', 'leider');
    const cookie = await login(ctx.app, leider.user.email, leider.password);
    const demote = await send('PATCH', `/api/school/members/${leider.user.id}`, cookie, {
      role: 'leerkracht',
    });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toEqual({ error: expect.stringMatching(/minstens één leider/) });
    expect((await send('DELETE', `/api/school/members/${leider.user.id}`, cookie)).status).toBe(409);
    expect(ctx.auth.schools.countLeiders(schoolId)).toBe(1);
  });
});
