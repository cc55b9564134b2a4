import { Hono } from 'hono';
import { requireMember, type AuthEnv } from '../auth/access';
import type { AuthServices } from '../auth/services';

/** `GET /api/school/audit-log[?before=<id>]`: the leider reads her school's audit log, newest first. */
export function createAuditRoutes(services: AuthServices) {
  return new Hono<AuthEnv>()
    .use('/api/school/audit-log', services.access.withActor)
    .get('/api/school/audit-log', (c) => {
      const actor = requireMember(c.var.actor, 'audit:read');
      const before = Number(c.req.query('before'));
      const entries = services.audit.list(
        actor.school.id,
        Number.isInteger(before) && before > 0 ? { before } : {},
      );
      return c.json({ entries });
    });
}
