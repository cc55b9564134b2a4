import { Hono } from 'hono';
import { z } from 'zod';
import { httpError, requireMember, type AuthEnv } from '../auth/access';
import type { AuthServices } from '../auth/services';
import { ROLES } from '../contract/limits';
import { guard, jsonBody } from '../http/validate';
import { LastLeiderError, type Member } from '../schools/school-store';
import { JSON_OBJECT_EXPECTED } from './auth.helpers';

const CHOOSE_ROLE = 'Kies de rol leider of leerkracht.';

/** `PATCH /api/school/members/:userId`: the member's new role. */
export const memberRoleBody = z.object(
  { role: z.enum(ROLES, { error: CHOOSE_ROLE }) },
  { error: JSON_OBJECT_EXPECTED },
);

function memberView(member: Member) {
  return {
    userId: member.user.id,
    name: member.user.name,
    email: member.user.email,
    role: member.role,
    joinedAt: member.joinedAt,
  };
}

/**
 * `/api/school/members`: the leider sees who joined, changes roles and removes someone who left (their
 * sessions end at once). A school always keeps one leider. Mount with `app.route('/', routes.members)`.
 */
export function createMembersRoutes(services: AuthServices) {
  const { schools, sessions, audit, access, events } = services;

  return new Hono<AuthEnv>()
    .use('/api/school/members', access.withActor)
    .use('/api/school/members/*', access.withActor)
    .get('/api/school/members', (c) => {
      const actor = requireMember(c.var.actor, 'members:manage');
      return c.json({ members: schools.listMembers(actor.school.id).map(memberView) });
    })
    .patch(
      '/api/school/members/:userId',
      guard((c) => requireMember(c.var.actor, 'members:manage')),
      jsonBody(memberRoleBody),
      async (c) => {
        const actor = requireMember(c.var.actor, 'members:manage');
        const userId = c.req.param('userId');
        const body = c.req.valid('json');
        const before = schools.getMembership(userId, actor.school.id);
        if (!before) throw httpError(404, 'Dit teamlid bestaat niet (meer).');
        try {
          schools.setRole(userId, actor.school.id, body.role);
        } catch (error) {
          if (error instanceof LastLeiderError) throw httpError(409, error.message);
          throw error;
        }
        if (before.role !== body.role) {
          audit.record({
            actorUserId: actor.user.id,
            schoolId: actor.school.id,
            action: 'member.role',
            subjectId: userId,
            details: { from: before.role, to: body.role },
          });
          events.emit({ kind: 'role', userId, schoolId: actor.school.id, role: body.role });
        }
        const member = schools.listMembers(actor.school.id).find((m) => m.user.id === userId);
        return c.json({ member: member ? memberView(member) : null });
      },
    )
    .delete('/api/school/members/:userId', (c) => {
      const actor = requireMember(c.var.actor, 'members:manage');
      const userId = c.req.param('userId');
      let result: { userDeleted: boolean } | null;
      try {
        result = schools.removeMember(userId, actor.school.id);
      } catch (error) {
        if (error instanceof LastLeiderError) throw httpError(409, error.message);
        throw error;
      }
      if (!result) throw httpError(404, 'Dit teamlid bestaat niet (meer).');
      // Sessions for this school end now (a deleted user's sessions went with the user row).
      sessions.invalidateUserSchoolSessions(userId, actor.school.id);
      events.emit({ kind: 'member', userId, schoolId: actor.school.id });
      audit.record({
        actorUserId: actor.user.id,
        schoolId: actor.school.id,
        action: 'member.remove',
        subjectId: userId,
        details: { accountDeleted: result.userDeleted },
      });
      return c.json({ ok: true });
    });
}
