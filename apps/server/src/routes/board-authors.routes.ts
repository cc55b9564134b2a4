import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { httpError, requireMember, type RequireBoardAccess } from '../auth';
import type { ClientLedgerStore } from '../storage/client-ledger-store';

export interface BoardAuthorsRoutesDeps {
  requireBoardAccess: RequireBoardAccess;
  ledger: Pick<ClientLedgerStore, 'authors'>;
}

/** A board id as the routes and the sync path accept it. */
export const boardIdParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/**
 * Bad params are a 404 (an id that cannot exist names no board), after the 401 for a logged-out caller, as
 * `requireBoardAccess` orders them.
 */
export const notFoundOnBadParams = (result: { success: boolean }, c: Context): void => {
  if (result.success) return;
  const actor = (c.var as Partial<AppEnv['Variables']>).actor;
  if (!actor || actor.kind === 'anonymous') throw httpError(401, 'Log in om verder te gaan.');
  throw httpError(404, 'Niet gevonden.');
};

/**
 * `GET /api/boards/:id/authors` → `{ authors: { [clientId]: { name } } }`: who wrote with each Yjs client id
 * on the board, from the client-id ledger (sync/client-ledger.ts), so the canvas can show a card's author
 * (`recordClientId`) by name. Members of the board's school only: a projector never shows names (403), another
 * school's board is 404. Accounts that no longer exist are left out; so is content the server wrote (the
 * demo seed, a next-cycle copy, a restored version), whose client ids no account owns: the web shows such
 * cards with their time only.
 */
export function boardAuthorsRoutes(deps: BoardAuthorsRoutesDeps) {
  return new Hono<AppEnv>().get(
    '/api/boards/:id/authors',
    zValidator('param', boardIdParam, notFoundOnBadParams),
    async (c) => {
      const resource = await deps.requireBoardAccess(c.var.actor, c.req.valid('param').id, 'board:read');
      requireMember(c.var.actor, 'board:read', resource);
      const authors: Record<string, { name: string }> = {};
      for (const author of deps.ledger.authors(resource.boardId)) {
        if (author.name !== null) authors[String(author.clientId)] = { name: author.name };
      }
      return c.json({ authors });
    },
  );
}
