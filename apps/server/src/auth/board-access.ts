import { httpError, requireAccess, type Actor, type Resource } from './access';
import type { Action } from './policy';
import type { BoardDirectory } from './services';

/**
 * The access check for a route about one board: logged out → 401 before the board is looked up (so a
 * logged-out caller learns nothing), an unknown board → 404, then {@link requireAccess} (another school's
 * board → 404, role → 403). Returns the board as a resource.
 *
 * @example
 * const board = await requireBoardAccess(c.var.actor, c.req.param('id'), 'board:write');
 */
export type RequireBoardAccess = (
  actor: Actor,
  boardId: string,
  action: Action,
) => Promise<Resource & { boardId: string }>;

export function createRequireBoardAccess(boards: BoardDirectory): RequireBoardAccess {
  return async (actor, boardId, action) => {
    if (actor.kind === 'anonymous') throw httpError(401, 'Log in om verder te gaan.');
    const schoolId = await boards.schoolOf(boardId);
    if (schoolId === null) throw httpError(404, 'Niet gevonden.');
    const resource = { schoolId, boardId };
    requireAccess(actor, action, resource);
    return resource;
  };
}
