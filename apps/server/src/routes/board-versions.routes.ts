import { boardToJSON, migrateBoard, replaceBoardContent } from '@koers/board';
import { Hono } from 'hono';
import * as Y from 'yjs';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { requireMember } from '../auth/access';
import type { AuthModule } from '../auth';
import type { BoardVersionStore, BoardVersionSummary } from '../boards/board-versions';
import { guard, jsonBody } from '../http/validate';
import type { BoardStore } from '../storage/board-store';

export interface BoardVersionsRoutesDeps {
  store: BoardStore;
  auth: Pick<AuthModule, 'requireBoardAccess' | 'audit'>;
  versions: BoardVersionStore;
  readBoard: <T>(boardId: string, read: (doc: Y.Doc) => T) => Promise<T>;
  /** A server edit through the board's room: every connected client receives it (`boards/edit-board.ts`). */
  editBoard: (boardId: string, edit: (doc: Y.Doc) => void) => Promise<void>;
}

export const VERSION_NAME_MAX_LENGTH = 80;
const NAME_MESSAGE = `Geef de versie een naam van 1 tot ${VERSION_NAME_MAX_LENGTH} tekens.`;

/** `POST /api/boards/:id/versions`: `{ name }`, trimmed, 1–80 characters ("na de studiedag"). */
export const newVersionBody = z.object(
  {
    name: z
      .string({ error: NAME_MESSAGE })
      .trim()
      .min(1, { error: NAME_MESSAGE })
      .max(VERSION_NAME_MAX_LENGTH, { error: NAME_MESSAGE }),
  },
  { error: NAME_MESSAGE },
);

/** The automatic version saved before a restore, so the restore itself can be undone. */
export function beforeRestoreName(name: string): string {
  return `Voor herstel van ${name}`.slice(0, VERSION_NAME_MAX_LENGTH + 20);
}

const view = (v: BoardVersionSummary) => ({
  id: v.id,
  name: v.name,
  kind: v.kind,
  createdAt: v.createdAt,
  bytes: v.bytes,
});

const NOT_FOUND = 'Deze versie bestaat niet (meer).';

/**
 * Named versions of a board: the whole document stored in SQLite. Members of the board's school list and
 * look at them (`board:versions-read`); the leider makes and restores them (`board:versions-write`, audited
 * as `board.version-create` / `board.version-restore`). A restore is a NEW edit through the live room (every
 * connected client receives it); the board as it was just before is first saved as "Voor herstel van …".
 */
export function boardVersionsRoutes(deps: BoardVersionsRoutesDeps) {
  const snapshot = (boardId: string) => deps.readBoard(boardId, (doc) => Y.encodeStateAsUpdate(doc));
  return new Hono<AppEnv>()
    .get('/:id/versions', async (c) => {
      const { boardId } = await deps.auth.requireBoardAccess(
        c.var.actor,
        c.req.param('id'),
        'board:versions-read',
      );
      return c.json({ versions: deps.versions.list(boardId).map(view) });
    })
    .post(
      '/:id/versions',
      guard((c) =>
        deps.auth.requireBoardAccess(c.var.actor, c.req.param('id') ?? '', 'board:versions-write'),
      ),
      jsonBody(newVersionBody),
      async (c) => {
        const { boardId, schoolId } = await deps.auth.requireBoardAccess(
          c.var.actor,
          c.req.param('id'),
          'board:versions-write',
        );
        const actor = requireMember(c.var.actor, 'board:versions-write', { schoolId, boardId });
        const { name } = c.req.valid('json');
        const state = await snapshot(boardId);
        const version = deps.versions.create({
          boardId,
          name,
          kind: 'named',
          state,
          createdBy: actor.user.id,
        });
        deps.auth.audit.record({
          actorUserId: actor.user.id,
          schoolId,
          action: 'board.version-create',
          subjectId: boardId,
          details: { versionId: version.id, bytes: version.bytes },
        });
        return c.json({ version: view(version) }, 201);
      },
    )
    .get('/:id/versions/:versionId', async (c) => {
      const { boardId } = await deps.auth.requireBoardAccess(
        c.var.actor,
        c.req.param('id'),
        'board:versions-read',
      );
      const version = deps.versions.get(boardId, c.req.param('versionId'));
      const state = version && deps.versions.state(boardId, version.id);
      if (!version || !state) return c.json({ error: NOT_FOUND }, 404);
      // Read-only: a throwaway doc lifted to the current layout in memory, as the app reads a board.
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, state);
        migrateBoard(doc);
        return c.json({ version: view(version), board: boardToJSON(doc) });
      } finally {
        doc.destroy();
      }
    })
    .post('/:id/versions/:versionId/restore', async (c) => {
      const { boardId, schoolId } = await deps.auth.requireBoardAccess(
        c.var.actor,
        c.req.param('id'),
        'board:versions-write',
      );
      const actor = requireMember(c.var.actor, 'board:versions-write', { schoolId, boardId });
      const version = deps.versions.get(boardId, c.req.param('versionId'));
      const state = version && deps.versions.state(boardId, version.id);
      if (!version || !state) return c.json({ error: NOT_FOUND }, 404);
      const before = deps.versions.create({
        boardId,
        name: beforeRestoreName(version.name),
        kind: 'auto',
        state: await snapshot(boardId),
        createdBy: actor.user.id,
      });
      const stored = new Y.Doc();
      try {
        Y.applyUpdate(stored, state);
        migrateBoard(stored);
        await deps.editBoard(boardId, (doc) => replaceBoardContent(doc, stored));
      } finally {
        stored.destroy();
      }
      deps.auth.audit.record({
        actorUserId: actor.user.id,
        schoolId,
        action: 'board.version-restore',
        subjectId: boardId,
        details: { versionId: version.id, undoVersionId: before.id },
      });
      c.get('log').info('board version restored', {
        boardId,
        versionId: version.id,
        undoVersionId: before.id,
      });
      return c.json({ restored: view(version), undo: view(before) });
    });
}
