import { Hono } from 'hono';
import { z } from 'zod';
import { httpError, requireAccess, requireMember, type AuthEnv } from '../auth/access';
import { createRequireBoardAccess } from '../auth/board-access';
import { projectorConnectionUserId } from '../auth/access-events';
import { clientIpFromContext } from '../auth/client-ip';
import type { ProjectorLink } from '../auth/projector-links';
import type { AuthServices } from '../auth/services';
import { guard, jsonBody } from '../http/validate';
import { JSON_OBJECT_EXPECTED, linkOrigin } from './auth.helpers';

/**
 * The web app's projector page for a board, opened with the link's token: the page passes `?projector=`
 * on to the sync URL and the API calls it makes.
 */
export function projectorPageUrl(origin: string, boardId: string, token: string): string {
  return `${origin}/borden/${encodeURIComponent(boardId)}/projector?projector=${token}`;
}

const VALID_HOURS = 'Geef een geldige geldigheidsduur in uren.';

/** `POST /api/boards/:id/projector-links`: how many hours the link works (default 12, at most a week); a body is optional. */
export const newProjectorLinkBody = z.object(
  { hours: z.coerce.number({ error: VALID_HOURS }).gt(0, { error: VALID_HOURS }).optional() },
  { error: JSON_OBJECT_EXPECTED },
);

function linkStatus(link: ProjectorLink, now: number): 'active' | 'revoked' | 'expired' {
  if (link.revokedAt !== null) return 'revoked';
  return now >= link.expiresAt ? 'expired' : 'active';
}

function linkView(link: ProjectorLink, now: number) {
  return {
    id: link.id,
    boardId: link.boardId,
    createdAt: new Date(link.createdAt).toISOString(),
    expiresAt: new Date(link.expiresAt).toISOString(),
    lastUsedAt: link.lastUsedAt === null ? null : new Date(link.lastUsedAt).toISOString(),
    status: linkStatus(link, now),
  };
}

/**
 * Projector links. For the leider (`projector:manage`): `POST/GET /api/boards/:id/projector-links` and
 * `DELETE /api/boards/:id/projector-links/:linkId`. Public, rate limited: `GET /api/projector/:token` →
 * `{ boardId, title }` for the projector page, which then opens `/sync/<boardId>?projector=<token>`.
 * Mount with `app.route('/', routes.projector)`.
 */
export function createProjectorRoutes(services: AuthServices) {
  const { projectorLinks, audit, access, boards, events } = services;

  const boardAccess = createRequireBoardAccess(boards);

  return new Hono<AuthEnv>()
    .use('/api/boards/:id/projector-links', access.withActor)
    .use('/api/boards/:id/projector-links/*', access.withActor)
    .post(
      '/api/boards/:id/projector-links',
      guard(async (c) => {
        const resource = await boardAccess(c.var.actor, c.req.param('id') ?? '', 'projector:manage');
        requireMember(c.var.actor, 'projector:manage', resource);
      }),
      jsonBody(newProjectorLinkBody),
      async (c) => {
        const resource = await boardAccess(c.var.actor, c.req.param('id'), 'projector:manage');
        const actor = requireMember(c.var.actor, 'projector:manage', resource);
        const { hours } = c.req.valid('json');
        const { link, token } = projectorLinks.create({
          boardId: resource.boardId,
          schoolId: resource.schoolId,
          createdBy: actor.user.id,
          hours,
        });
        audit.record({
          actorUserId: actor.user.id,
          schoolId: actor.school.id,
          action: 'projector.create',
          subjectId: link.id,
          details: { boardId: link.boardId },
        });
        return c.json(
          {
            link: linkView(link, services.now()),
            token,
            url: projectorPageUrl(linkOrigin(c, services.publicUrl), link.boardId, token),
          },
          201,
        );
      },
    )
    .get('/api/boards/:id/projector-links', async (c) => {
      const resource = await boardAccess(c.var.actor, c.req.param('id'), 'projector:manage');
      const now = services.now();
      return c.json({
        links: projectorLinks.listForBoard(resource.boardId).map((link) => linkView(link, now)),
      });
    })
    .delete('/api/boards/:id/projector-links/:linkId', async (c) => {
      const resource = await boardAccess(c.var.actor, c.req.param('id'), 'projector:manage');
      const actor = requireMember(c.var.actor, 'projector:manage', resource);
      const link = projectorLinks.get(c.req.param('linkId'));
      if (!link || link.boardId !== resource.boardId)
        throw httpError(404, 'Deze projectorlink bestaat niet.');
      projectorLinks.revoke(link.id);
      events.emit({
        kind: 'projector-link',
        linkId: link.id,
        boardId: link.boardId,
        connectionUserId: projectorConnectionUserId(link.id),
      });
      audit.record({
        actorUserId: actor.user.id,
        schoolId: actor.school.id,
        action: 'projector.revoke',
        subjectId: link.id,
        details: { boardId: link.boardId },
      });
      return c.json({ ok: true });
    })
    .get('/api/projector/:token', async (c) => {
      // Access check: resolve the token as a projector actor (rate limited per link and per address).
      const resolved = access.resolveActor({
        projectorToken: c.req.param('token'),
        ip: clientIpFromContext(c, services.trustProxy),
      });
      if (resolved.rateLimited) throw httpError(429, 'Te veel verzoeken. Wacht even en probeer het opnieuw.');
      const actor = resolved.actor;
      if (actor.kind !== 'projector') {
        throw httpError(404, 'Deze projectorlink werkt niet (meer). Vraag de leider om een nieuwe link.');
      }
      requireAccess(actor, 'board:read', { schoolId: actor.schoolId, boardId: actor.boardId });
      const title = (await boards.titleOf(actor.boardId)) ?? '';
      return c.json({ boardId: actor.boardId, title, readOnly: true });
    });
}
