import { Socket } from 'node:net';
import { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchoolStore } from '../schools/school-store';
import { AccessControl, PROJECTOR_LINK_PER_MINUTE } from './access';
import { sessionCookieSettings } from './cookies';
import { ProjectorLinkStore } from './projector-links';
import { SessionStore } from './session';
import { tempDatabase, testClock } from './testing';

const HOUR = 60 * 60 * 1000;

function upgradeRequest(url: string, headers: Record<string, string> = {}): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: '10.1.1.1' });
  const request = new IncomingMessage(socket);
  request.url = url;
  request.headers = headers;
  return request;
}

describe('projector links', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let clock: ReturnType<typeof testClock>;
  let links: ProjectorLinkStore;
  let access: AccessControl;
  let schoolId: string;
  const boardSchool = new Map<string, string>();

  beforeEach(() => {
    temp = tempDatabase();
    clock = testClock();
    const schools = new SchoolStore(temp.db);
    schoolId = schools.createSchool('De Regenboog').id;
    boardSchool.set('board-1', schoolId).set('board-2', schoolId);
    links = new ProjectorLinkStore(temp.db, { now: clock.now });
    access = new AccessControl({
      schools,
      sessions: new SessionStore(temp.db, { now: clock.now }),
      projectorLinks: links,
      cookie: sessionCookieSettings(undefined),
      trustProxy: false,
      now: clock.now,
    });
  });
  afterEach(() => temp.cleanup());

  const lookup = (id: string) => boardSchool.get(id) ?? null;

  it('opens its own board read-only over the WebSocket upgrade, and nothing else', async () => {
    const { token } = links.create({ boardId: 'board-1', schoolId, createdBy: null });
    const ok = await access.authorizeUpgrade(
      upgradeRequest(`/sync/board-1?projector=${token}`),
      'board-1',
      lookup,
    );
    expect(ok).toMatchObject({
      ok: true,
      readOnly: true,
      actor: { kind: 'projector', boardId: 'board-1' },
      user: { id: `projector:${links.listForBoard('board-1')[0]!.id}`, name: 'Projector' },
    });
    expect(
      await access.authorizeUpgrade(upgradeRequest(`/sync/board-2?projector=${token}`), 'board-2', lookup),
    ).toEqual({
      ok: false,
      status: 404,
    });
    expect(await access.authorizeUpgrade(upgradeRequest('/sync/board-1'), 'board-1', lookup)).toEqual({
      ok: false,
      status: 401,
    });
  });

  it('refuses a page of another origin (cross-site WebSocket hijacking), accepts the own host', async () => {
    const { token } = links.create({ boardId: 'board-1', schoolId, createdBy: null });
    const url = `/sync/board-1?projector=${token}`;
    expect(
      await access.authorizeUpgrade(
        upgradeRequest(url, { origin: 'https://evil.example', host: 'koers.school.nl' }),
        'board-1',
        lookup,
      ),
    ).toEqual({ ok: false, status: 403 });
    expect(
      await access.authorizeUpgrade(
        upgradeRequest(url, { origin: 'https://koers.school.nl', host: 'koers.school.nl' }),
        'board-1',
        lookup,
      ),
    ).toMatchObject({ ok: true, readOnly: true });
  });

  it('stops working when revoked', async () => {
    const { token, link } = links.create({ boardId: 'board-1', schoolId, createdBy: null });
    expect(links.validate(token)?.id).toBe(link.id);
    expect(links.revoke(link.id)).toBe(true);
    expect(links.validate(token)).toBeNull();
    expect(
      await access.authorizeUpgrade(upgradeRequest(`/sync/board-1?projector=${token}`), 'board-1', lookup),
    ).toEqual({
      ok: false,
      status: 401,
    });
  });

  it('expires after 12 hours by default', () => {
    const { token } = links.create({ boardId: 'board-1', schoolId, createdBy: null });
    clock.advance(12 * HOUR - 1);
    expect(links.validate(token)).not.toBeNull();
    clock.advance(1);
    expect(links.validate(token)).toBeNull();
  });

  it('is rate limited per link', () => {
    const { token } = links.create({ boardId: 'board-1', schoolId, createdBy: null });
    for (let i = 0; i < PROJECTOR_LINK_PER_MINUTE; i++) {
      expect(access.resolveActor({ projectorToken: token, ip: `10.0.0.${i % 200}` }).actor.kind).toBe(
        'projector',
      );
    }
    expect(access.resolveActor({ projectorToken: token, ip: '10.9.9.9' }).rateLimited).toBe(true);
    clock.advance(60_000);
    expect(access.resolveActor({ projectorToken: token, ip: '10.9.9.9' }).actor.kind).toBe('projector');
  });
});
