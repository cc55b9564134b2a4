import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, login, ORIGIN, tempDatabase, testApp } from '../auth/testing';

// The zod validators answer like every Koers error: 400 with `{ error }` in Dutch, the message of the
// first problem; and the access check comes before them (a caller without the right learns nothing).
describe('request validation', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let ctx: ReturnType<typeof testApp>;
  let cookie: string;

  beforeEach(async () => {
    temp = tempDatabase();
    ctx = testApp(temp.db);
    const schoolId = ctx.auth.schools.createSchool('De Regenboog').id;
    const leider = await addMember(ctx.auth, schoolId, 'leider@regenboog.nl', 'leider');
    cookie = await login(ctx.app, leider.user.email, leider.password);
  });
  afterEach(() => temp.cleanup());

  const send = async (method: string, path: string, body: unknown, withCookie = true) => {
    const response = await ctx.app.request(path, {
      method,
      headers: {
        origin: ORIGIN,
        'content-type': 'application/json',
        ...(withCookie ? { cookie } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('names the first problem of an invite in Dutch, field by field', async () => {
    expect(await send('POST', '/api/school/invites', { kind: 'klas' })).toEqual({
      status: 400,
      body: { error: 'Kies een persoonlijke uitnodiging of een teamlink.' },
    });
    expect(await send('POST', '/api/school/invites', { kind: 'person', email: 'geen-adres' })).toEqual({
      status: 400,
      body: { error: 'Vul een geldig e-mailadres in.' },
    });
    expect(
      await send('POST', '/api/school/invites', { kind: 'person', email: 'a@b.nl', role: 'directeur' }),
    ).toEqual({ status: 400, body: { error: 'Kies de rol leider of leerkracht.' } });
    expect(await send('POST', '/api/school/invites', { kind: 'team', days: 0 })).toEqual({
      status: 400,
      body: { error: 'Geef een geldige geldigheidsduur en een maximum aantal aanmeldingen.' },
    });
  });

  it('trims and lower-cases a valid address and gives a personal invite the default role', async () => {
    const made = await send('POST', '/api/school/invites', { kind: 'person', email: '  Anja@Regenboog.NL ' });
    expect(made).toMatchObject({
      status: 201,
      body: { invite: { email: 'anja@regenboog.nl', role: 'leerkracht', kind: 'person' } },
    });
    // A team link's numbers may come as text (a form field): "3" days is 3.
    const team = await send('POST', '/api/school/invites', { kind: 'team', days: '3', maxUses: 5 });
    expect(team).toMatchObject({ status: 201, body: { invite: { kind: 'team', maxUses: 5 } } });
  });

  it('refuses a body that is not a JSON object, and malformed JSON', async () => {
    expect(await send('PATCH', '/api/school/members/x', [1, 2])).toEqual({
      status: 400,
      body: { error: 'Het verzoek is ongeldig: verwacht een JSON-object.' },
    });
    // Hono's own message; app.ts translates it (its test checks the Dutch text).
    expect((await send('POST', '/api/auth/login', '{"email":')).status).toBe(400);
    expect(await send('POST', '/api/auth/login', { email: 'a@b.nl' }, false)).toEqual({
      status: 400,
      body: { error: 'Vul je e-mailadres en wachtwoord in.' },
    });
  });

  it('checks access before the body: logged out is 401 whatever the body holds', async () => {
    expect(await send('POST', '/api/school/invites', { kind: 'klas' }, false)).toEqual({
      status: 401,
      body: { error: 'Log in om verder te gaan.' },
    });
    expect((await send('PATCH', '/api/school/members/x', [1], false)).status).toBe(401);
    expect((await send('POST', '/api/auth/password', 'null', false)).status).toBe(401);
  });

  it('ignores a page cursor of the audit log that is not a positive whole number', async () => {
    const response = await ctx.app.request('/api/school/audit-log?before=abc', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
  });
});
