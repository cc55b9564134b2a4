import { TITLE_MAX_LENGTH } from '@koers/board';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type { AppEnv } from '../app-env';
import { requireMember } from '../auth/access';
import type { AuthModule } from '../auth';
import { createBoard } from '../boards/create-board';
import type { BoardRecord, BoardStore } from '../storage/board-store';

/** The limit lives with the board layout: the sync server enforces the same one on `meta.title`. */
export { TITLE_MAX_LENGTH };

/** The board as the REST API shows it. */
export interface BoardSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

function summary(board: BoardRecord): BoardSummary {
  return { id: board.id, title: board.title, createdAt: board.createdAt, updatedAt: board.updatedAt };
}

const titleValidator = validator('json', (value: unknown) => {
  const raw = typeof value === 'object' && value !== null ? (value as { title?: unknown }).title : undefined;
  const title = typeof raw === 'string' ? raw.trim() : '';
  if (title.length < 1 || title.length > TITLE_MAX_LENGTH) {
    throw new HTTPException(400, {
      message: `Geef het bord een titel van 1 tot ${TITLE_MAX_LENGTH} tekens.`,
    });
  }
  return { title };
});

export interface BoardsRoutesDeps {
  store: BoardStore;
  auth: Pick<AuthModule, 'requireBoardAccess' | 'services' | 'audit'>;
  /** Close the board's sockets and wait until its room unloaded (the sync server's `evictBoard`). */
  evictBoard: (boardId: string) => Promise<unknown>;
}

/**
 * `/api/boards`: list, create, read and delete the boards of the caller's school. `c.var.actor` is set by
 * the app's `withActor`. Members list their school's boards; creating and deleting one is the leider's
 * (`board:create`, `board:delete`); a projector link may read its own board only (the projector page
 * shows its title).
 */
export function boardsRoutes(deps: BoardsRoutesDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const actor = requireMember(c.var.actor, 'board:read');
      const boards = await deps.store.listBoards({ schoolId: actor.school.id });
      return c.json({ boards: boards.map(summary) });
    })
    .post(
      '/',
      // The access check runs before the body is validated: a caller without the right learns nothing.
      async (c, next) => {
        requireMember(c.var.actor, 'board:create');
        await next();
      },
      titleValidator,
      async (c) => {
        const actor = requireMember(c.var.actor, 'board:create');
        const { title } = c.req.valid('json');
        const board = await createBoard(deps.store, { title, schoolId: actor.school.id });
        c.get('log').info('board created', { boardId: board.id, schoolId: actor.school.id });
        return c.json({ board: summary(board) }, 201);
      },
    )
    .get('/:id', async (c) => {
      const { boardId } = await deps.auth.requireBoardAccess(c.var.actor, c.req.param('id'), 'board:read');
      const board = await deps.store.getBoard(boardId);
      if (!board) return c.json({ error: 'Bord niet gevonden' }, 404);
      return c.json({ board: summary(board) });
    })
    .delete('/:id', async (c) => {
      const { boardId, schoolId } = await deps.auth.requireBoardAccess(
        c.var.actor,
        c.req.param('id'),
        'board:delete',
      );
      const actor = requireMember(c.var.actor, 'board:delete', { schoolId, boardId });
      const board = await deps.store.getBoard(boardId);
      if (!board) return c.json({ error: 'Niet gevonden.' }, 404);
      // Its projector links die with it, its open sockets close (4404) and its room is written first,
      // so nothing writes to the board's rows once they are gone.
      const { projectorLinks } = deps.auth.services;
      for (const link of projectorLinks.listForBoard(boardId)) projectorLinks.revoke(link.id);
      await deps.evictBoard(boardId);
      await deps.store.deleteBoard(boardId);
      deps.auth.audit.record({
        actorUserId: actor.user.id,
        schoolId,
        action: 'board.delete',
        subjectId: boardId,
        details: { title: board.title },
      });
      c.get('log').info('board deleted', { boardId, schoolId });
      return c.json({ ok: true });
    });
}
