import { Hono } from 'hono';
import { z } from 'zod';
import { requireMember, type AuthEnv } from '../auth/access';
import type { AuthServices } from '../auth/services';
import { guard, queryOf } from '../http/validate';

/** `?before=<id>`: entries older than that id (a page further); anything else is ignored. */
export const auditLogQuery = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

/** `GET /api/school/audit-log[?before=<id>]`: the leider reads her school's audit log, newest first. */
export function createAuditRoutes(services: AuthServices) {
  return new Hono<AuthEnv>().use('/api/school/audit-log', services.access.withActor).get(
    '/api/school/audit-log',
    guard((c) => requireMember(c.var.actor, 'audit:read')),
    queryOf(auditLogQuery),
    (c) => {
      const actor = requireMember(c.var.actor, 'audit:read');
      const { before } = c.req.valid('query');
      const entries = services.audit.list(actor.school.id, before === undefined ? {} : { before });
      return c.json({ entries });
    },
  );
}
