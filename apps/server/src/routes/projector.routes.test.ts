import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, login, ORIGIN, tempDatabase, testApp } from '../auth/testing';

describe('projector routes', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let ctx: ReturnType<typeof testApp>;
  let cookie: string;

  beforeEach(async () => {
    temp = tempDatabase();
    ctx = testApp(temp.db);
    const school = ctx.auth.schools.createSchool('De Regenboog');
    ctx.boards.set('board-1', { schoolId: school.id, title: 'Studiedag maart' });
    const leider = await addMember(ctx.auth, school.id, 'leider@regenboog.nl', 'leider');
    cookie = await login(ctx.app, leider.user.email, leider.password);
  });
  afterEach(() => temp.cleanup());

  it('a leider makes a link; it opens the board read-only without login until she revokes it', async () => {
    const created = await ctx.app.request('/api/boards/board-1/projector-links', {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ hours: 3 }),
    });
    expect(created.status).toBe(201);
    const { token, url, link } = (await created.json()) as {
      token: string;
      url: string;
      link: { id: string; expiresAt: string };
    };
    expect(url).toBe(`${ORIGIN}/borden/board-1/projector?projector=${token}`);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(2.9 * 3600_000);

    const opened = await ctx.app.request(`/api/projector/${token}`);
    expect(await opened.json()).toEqual({ boardId: 'board-1', title: 'Studiedag maart', readOnly: true });
    expect(
      (await ctx.app.request('/api/test-boards/board-1', { headers: { 'x-koers-projector': token } })).status,
    ).toBe(200);
    expect(
      (
        await ctx.app.request(`/api/test-boards/board-1?projector=${token}`, {
          method: 'PUT',
          headers: { origin: ORIGIN },
        })
      ).status,
    ).toBe(403);

    const list = await ctx.app.request('/api/boards/board-1/projector-links', { headers: { cookie } });
    expect(await list.json()).toMatchObject({ links: [{ id: link.id, status: 'active' }] });
    expect(
      JSON.stringify(
        await (await ctx.app.request('/api/boards/board-1/projector-links', { headers: { cookie } })).json(),
      ),
    ).not.toContain(token);

    const events: unknown[] = [];
    ctx.auth.onAccessRevoked((event) => events.push(event));
    const revoked = await ctx.app.request(`/api/boards/board-1/projector-links/${link.id}`, {
      method: 'DELETE',
      headers: { cookie, origin: ORIGIN },
    });
    expect(revoked.status).toBe(200);
    // The sync server listens to this to close the projector's open socket at once.
    expect(events).toEqual([
      {
        kind: 'projector-link',
        linkId: link.id,
        boardId: 'board-1',
        connectionUserId: `projector:${link.id}`,
      },
    ]);
    expect((await ctx.app.request(`/api/projector/${token}`)).status).toBe(404);
    expect(
      (await ctx.app.request('/api/test-boards/board-1', { headers: { 'x-koers-projector': token } })).status,
    ).toBe(401);
  });
});
