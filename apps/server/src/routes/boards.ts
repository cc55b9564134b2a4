import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type { AppEnv } from '../app-env';
import { createBoard } from '../boards/create-board';
import type { BoardRecord, BoardStore } from '../storage/board-store';

export const TITLE_MAX_LENGTH = 120;

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

/** `/api/boards`: list, create and read boards. */
export function boardsRoutes(deps: { store: BoardStore }) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const boards = await deps.store.listBoards();
      return c.json({ boards: boards.map(summary) });
    })
    .post('/', titleValidator, async (c) => {
      const { title } = c.req.valid('json');
      const board = await createBoard(deps.store, { title });
      c.get('log').info('board created', { boardId: board.id });
      return c.json({ board: summary(board) }, 201);
    })
    .get('/:id', async (c) => {
      const board = await deps.store.getBoard(c.req.param('id'));
      if (!board) return c.json({ error: 'Bord niet gevonden' }, 404);
      return c.json({ board: summary(board) });
    });
}
