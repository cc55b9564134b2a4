import { MOMENTS, type Moment } from '@koers/analysis';
import { boardToJSON } from '@koers/board';
import { Hono } from 'hono';
import type * as Y from 'yjs';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { requireMember } from '../auth/access';
import type { AuthModule } from '../auth';
import { carriedFigures, type CarriedFiguresAnswer } from '../boards/carried-figures';
import { createNextCycleBoard, nextCycleTitle } from '../boards/next-cycle';
import { BOARD_TITLE_MAX_LENGTH } from '../contract/limits';
import { cachedAggregateReport } from '../datasets/aggregate-reports';
import type { DatasetStore } from '../datasets/dataset-store';
import type { ReportCache } from '../datasets/report-cache';
import { guard, jsonBody } from '../http/validate';
import type { BoardStore } from '../storage/board-store';

export interface BoardCycleRoutesDeps {
  store: BoardStore;
  auth: Pick<AuthModule, 'requireBoardAccess' | 'audit'>;
  datasets: DatasetStore;
  reports: ReportCache;
  readBoard: <T>(boardId: string, read: (doc: Y.Doc) => T) => Promise<T>;
}

const TITLE_MESSAGE = `Geef het nieuwe bord een titel van 1 tot ${BOARD_TITLE_MAX_LENGTH} tekens.`;

/** `POST /api/boards/:id/next-cycle`: `{ title? }`; without a title "Vervolg op <titel>". */
export const nextCycleBody = z.object(
  {
    title: z
      .string({ error: TITLE_MESSAGE })
      .trim()
      .min(1, { error: TITLE_MESSAGE })
      .max(BOARD_TITLE_MAX_LENGTH, { error: TITLE_MESSAGE })
      .optional(),
  },
  { error: TITLE_MESSAGE },
);

const isMoment = (v: string | null): v is Moment => v !== null && (MOMENTS as readonly string[]).includes(v);

/**
 * The next cycle: "Nieuw bord vanuit dit bord" (leider, `board:next-cycle`, audited as `board.next-cycle`)
 * and the new results' figures of the actions carried onto a board (`aggregates:read`: members, and the
 * board's own projector link, which shows the board).
 */
export function boardCycleRoutes(deps: BoardCycleRoutesDeps) {
  return new Hono<AppEnv>()
    .post(
      '/:id/next-cycle',
      guard((c) => deps.auth.requireBoardAccess(c.var.actor, c.req.param('id') ?? '', 'board:next-cycle')),
      jsonBody(nextCycleBody),
      async (c) => {
        const { boardId, schoolId } = await deps.auth.requireBoardAccess(
          c.var.actor,
          c.req.param('id'),
          'board:next-cycle',
        );
        const actor = requireMember(c.var.actor, 'board:next-cycle', { schoolId, boardId });
        const source = await deps.store.getBoard(boardId);
        if (!source) return c.json({ error: 'Niet gevonden.' }, 404);
        const sourceTitle = await deps.readBoard(boardId, (doc) => boardToJSON(doc).title || source.title);
        const title = c.req.valid('json').title ?? nextCycleTitle(sourceTitle);
        const { board, carried } = await createNextCycleBoard(deps, {
          sourceBoardId: boardId,
          sourceTitle,
          title,
          schoolId,
        });
        const counts = {
          actions: Object.keys(carried.actions).length,
          researchCauses: carried.researchCauses,
          questions: carried.questions.length,
        };
        deps.auth.audit.record({
          actorUserId: actor.user.id,
          schoolId,
          action: 'board.next-cycle',
          subjectId: board.id,
          details: { sourceBoardId: boardId, ...counts },
        });
        c.get('log').info('next-cycle board created', {
          boardId: board.id,
          sourceBoardId: boardId,
          ...counts,
        });
        return c.json(
          {
            board: {
              id: board.id,
              title: board.title,
              createdAt: board.createdAt,
              updatedAt: board.updatedAt,
            },
            source: { id: boardId, title: sourceTitle },
            carried: counts,
          },
          201,
        );
      },
    )
    .get('/:id/carried-figures', async (c) => {
      const { boardId, schoolId } = await deps.auth.requireBoardAccess(
        c.var.actor,
        c.req.param('id'),
        'aggregates:read',
      );
      const board = await deps.readBoard(boardId, boardToJSON);
      // The board's own dataset when it is the school's, else the school's newest; newest year and moment
      // unless the board names them.
      const own = board.analysis.datasetId ? deps.datasets.get(board.analysis.datasetId) : undefined;
      const dataset = own?.schoolId === schoolId ? own : deps.datasets.list(schoolId)[0];
      const report = dataset
        ? cachedAggregateReport(deps.datasets, deps.reports, dataset, {
            ...(board.analysis.schoolYear ? { schoolYear: board.analysis.schoolYear } : {}),
            ...(isMoment(board.analysis.moment) ? { moment: board.analysis.moment } : {}),
          })
        : null;
      const answer: CarriedFiguresAnswer = {
        context:
          dataset && report
            ? {
                datasetId: dataset.id,
                datasetName: dataset.name,
                schoolYear: report.schoolYear,
                moment: report.moment,
                subjects: report.data.subjects,
                grades: report.data.grades,
              }
            : null,
        actions: carriedFigures(board, report),
      };
      return c.json(answer);
    });
}
