import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, cookieFrom, login, ORIGIN, tempDatabase, testApp, testClock } from '../auth/testing';

const DAY = 24 * 60 * 60 * 1000;
const post = (body: unknown, cookie?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: ORIGIN, ...(cookie ? { cookie } : {}) },
  body: JSON.stringify(body),
});

describe('invite routes', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let clock: ReturnType<typeof testClock>;
  let ctx: ReturnType<typeof testApp>;
  let schoolId: string;
  let leider: string;

  beforeEach(async () => {
    temp = tempDatabase();
    clock = testClock(Date.now());
    ctx = testApp(temp.db, clock.now);
    schoolId = ctx.auth.schools.createSchool('De Regenboog').id;
    const { password } = await addMember(ctx.auth, schoolId, 'leider@regenboog.nl', 'leider');
    leider = await login(ctx.app, 'leider@regenboog.nl', password);
  });
  afterEach(() => temp.cleanup());

  async function invite(body: unknown) {
    const response = await ctx.app.request('/api/school/invites', post(body, leider));
    expect(response.status).toBe(201);
    return (await response.json()) as { token: string; url: string; invite: { id: string } };
  }

  it('a personal invite: shows school and role, makes the account, logs in, and cannot be reused', async () => {
    const { token, url } = await invite({ kind: 'person', email: 'anja@regenboog.nl', role: 'leerkracht' });
    expect(url).toBe(`${ORIGIN}/uitnodiging/${token}`);
    const info = await ctx.app.request(`/api/invites/${token}`);
    expect(await info.json()).toEqual({
      school: { name: 'De Regenboog' },
      role: 'leerkracht',
      kind: 'person',
      expiresAt: expect.any(String),
    });

    const accepted = await ctx.app.request(
      `/api/invites/${token}/accept`,
      post({ name: 'Juf Anja', password: 'zonnige-dinsdag-42' }),
    );
    expect(accepted.status).toBe(201);
    const cookie = cookieFrom(accepted);
    const me = await ctx.app.request('/api/auth/me', { headers: { cookie } });
    expect(await me.json()).toMatchObject({
      user: { email: 'anja@regenboog.nl', name: 'Juf Anja' },
      school: { id: schoolId },
      role: 'leerkracht',
    });

    const again = await ctx.app.request(
      `/api/invites/${token}/accept`,
      post({ name: 'Iemand', password: 'zonnige-dinsdag-43' }),
    );
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({ error: expect.stringMatching(/al gebruikt/) });
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 2 });
  });

  it('refuses an expired invite and a weak password (without using the invite up)', async () => {
    const { token } = await invite({ kind: 'person', email: 'anja@regenboog.nl', role: 'leerkracht' });
    const weak = await ctx.app.request(
      `/api/invites/${token}/accept`,
      post({ name: 'Anja', password: 'welkom1234' }),
    );
    expect(weak.status).toBe(400);
    expect(ctx.auth.services.invites.listForSchool(schoolId)[0]?.uses).toBe(0);
    clock.advance(8 * DAY);
    const late = await ctx.app.request(
      `/api/invites/${token}/accept`,
      post({ name: 'Anja', password: 'zonnige-dinsdag-42' }),
    );
    expect(late.status).toBe(410);
    expect(await late.json()).toEqual({ error: expect.stringMatching(/verlopen/) });
  });

  it('a team link takes an e-mail per person, up to its use limit, as leerkracht', async () => {
    const { token } = await invite({ kind: 'team', days: 1, maxUses: 2 });
    for (const name of ['bram', 'carla']) {
      const response = await ctx.app.request(
        `/api/invites/${token}/accept`,
        post({ name, email: `${name}@regenboog.nl`, password: 'studiedag-in-maart' }),
      );
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ role: 'leerkracht' });
    }
    const third = await ctx.app.request(
      `/api/invites/${token}/accept`,
      post({ name: 'dirk', email: 'dirk@regenboog.nl', password: 'studiedag-in-maart' }),
    );
    expect(third.status).toBe(410);
    const list = await ctx.app.request('/api/school/invites', { headers: { cookie: leider } });
    expect(await list.json()).toMatchObject({
      invites: [{ kind: 'team', uses: 2, maxUses: 2, status: 'used' }],
    });
  });

  it('a logged-in member of another school joins with her own account', async () => {
    const other = ctx.auth.schools.createSchool('De Vlinder');
    const { password } = await addMember(ctx.auth, other.id, 'ib@vlinder.nl', 'leider');
    const ib = await login(ctx.app, 'ib@vlinder.nl', password);
    const { token } = await invite({ kind: 'person', email: 'ib@vlinder.nl', role: 'leerkracht' });
    const joined = await ctx.app.request(`/api/invites/${token}/accept`, post({}, ib));
    expect(joined.status).toBe(201);
    const me = await ctx.app.request('/api/auth/me', { headers: { cookie: cookieFrom(joined) } });
    expect(await me.json()).toMatchObject({
      school: { id: schoolId },
      role: 'leerkracht',
      schools: [{ id: other.id }, { id: schoolId }],
    });
  });

  it('a revoked invite is refused, and the leider sees it as revoked', async () => {
    const { token, invite: created } = await invite({ kind: 'team' });
    expect(
      (
        await ctx.app.request(`/api/school/invites/${created.id}`, {
          method: 'DELETE',
          headers: { cookie: leider, origin: ORIGIN },
        })
      ).status,
    ).toBe(200);
    expect((await ctx.app.request(`/api/invites/${token}`)).status).toBe(410);
    const actions = ctx.auth.audit.list(schoolId).map((e) => e.action);
    expect(actions).toContain('member.invite');
    expect(actions).toContain('invite.revoke');
  });

  it('two people racing for the last use of a link: exactly one gets in', async () => {
    const { token } = await invite({ kind: 'team', maxUses: 1 });
    const [first, second] = await Promise.all(
      ['eva', 'fien'].map((name) =>
        ctx.app.request(
          `/api/invites/${token}/accept`,
          post({ name, email: `${name}@regenboog.nl`, password: 'gelijktijdig-binnen' }),
        ),
      ),
    );
    expect([first!.status, second!.status].sort()).toEqual([201, 410]);
    expect(
      temp.db.prepare("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%@regenboog.nl'").get(),
    ).toEqual({ n: 2 });
  });
});
