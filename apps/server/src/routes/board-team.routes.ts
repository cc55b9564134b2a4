import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { requireMember, type RequireBoardAccess } from '../auth';
import type { SchoolStore } from '../schools/school-store';
import { boardIdParam, notFoundOnBadParams } from './board-authors.routes';

export interface BoardTeamRoutesDeps {
  requireBoardAccess: RequireBoardAccess;
  schools: Pick<SchoolStore, 'listMembers'>;
}

/**
 * `GET /api/boards/:id/team` → `{ team: [{ id, name }] }`: the members of the board's school, so anyone who
 * writes on the board can choose an action's owner (Handelen 1). The board stores the account id only; this
 * is where the canvas turns it into a name. Members who may write (`board:write`); a projector link gets a
 * 403 (no names on the projector), another school's board a 404. No roles or e-mail addresses: the team
 * page (`/api/school/members`, leider only) is the place for those.
 */
export function boardTeamRoutes(deps: BoardTeamRoutesDeps) {
  return new Hono<AppEnv>().get(
    '/api/boards/:id/team',
    zValidator('param', boardIdParam, notFoundOnBadParams),
    async (c) => {
      const resource = await deps.requireBoardAccess(c.var.actor, c.req.valid('param').id, 'board:write');
      requireMember(c.var.actor, 'board:write', resource);
      const team = deps.schools
        .listMembers(resource.schoolId)
        .map((m) => ({ id: m.user.id, name: m.user.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      return c.json({ team });
    },
  );
}
