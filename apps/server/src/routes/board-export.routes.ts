import { zValidator } from '@hono/zod-validator';
import { MOMENTS, type Moment } from '@koers/analysis';
import { boardToJSON, buildReport, formatDate } from '@koers/board';
import { Hono } from 'hono';
import type * as Y from 'yjs';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { requireMember } from '../auth/access';
import type { AuthModule } from '../auth';
import { cachedAggregateReport } from '../datasets/aggregate-reports';
import type { DatasetStore } from '../datasets/dataset-store';
import type { ReportCache } from '../datasets/report-cache';
import { contentDisposition } from '../report/export-filename';
import { EXPORT_CONTENT_TYPE, EXPORT_FORMATS, renderReport } from '../report/render-report';
import { reportCharts } from '../report/report-charts';
import type { BoardStore } from '../storage/board-store';

export interface BoardExportRoutesDeps {
  store: BoardStore;
  auth: Pick<AuthModule, 'requireBoardAccess' | 'services'>;
  datasets: DatasetStore;
  /** The dataset routes' cache: an export of a board whose charts were just shown analyses nothing anew. */
  reports: ReportCache;
  /** Reads the board's doc: the loaded room's, else from storage (`boards/read-board-doc.ts`). */
  readBoard: <T>(boardId: string, read: (doc: Y.Doc) => T) => Promise<T>;
  now?: () => Date;
}

const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: 'Kies een formaat: md, html, pdf of docx.' }),
});

/**
 * The school's own datasets the board's charts read, one line each for "Welke data en bronnen hebben we
 * gebruikt?": name, pupils, school years, subjects and the import date (totals only).
 */
function usedDatasets(
  views: readonly { datasetId: string }[],
  schoolId: string,
  datasets: DatasetStore,
): string[] {
  return [...new Set(views.map((v) => v.datasetId))].flatMap((id) => {
    const d = datasets.get(id);
    if (!d || d.schoolId !== schoolId) return [];
    const years =
      d.schoolYears.length > 1 ? `${d.schoolYears[0]} t/m ${d.schoolYears.at(-1)}` : (d.schoolYears[0] ?? '');
    return [
      `${d.name}: ${d.pupilCount} leerlingen, schooljaren ${years}, ${d.subjects.join(', ')} (ingelezen op ${formatDate(d.importedAt)})`,
    ];
  });
}

const isMoment = (v: string | undefined): v is Moment =>
  v !== undefined && (MOMENTS as readonly string[]).includes(v);

/**
 * `GET /api/boards/:id/export?format=md|html|pdf|docx`: step 11's report of the board as a download, for
 * the members of the board's school (`board:export`; a projector link may not). Built from the open room's
 * doc or from storage, charts from the school's own datasets only (aggregates), audited as `board.export`.
 */
export function boardExportRoutes(deps: BoardExportRoutesDeps) {
  const now = deps.now ?? (() => new Date());
  return new Hono<AppEnv>().get(
    '/:id/export',
    // The access check runs before the query is validated: a caller without the right learns nothing.
    async (c, next) => {
      await deps.auth.requireBoardAccess(c.var.actor, c.req.param('id'), 'board:export');
      await next();
    },
    zValidator('query', exportQuery, (result, c) => {
      if (!result.success) {
        return c.json({ error: result.error.issues[0]?.message ?? 'Ongeldig formaat.' }, 400);
      }
      return undefined;
    }),
    async (c) => {
      const { boardId, schoolId } = await deps.auth.requireBoardAccess(
        c.var.actor,
        c.req.param('id'),
        'board:export',
      );
      const actor = requireMember(c.var.actor, 'board:export', { schoolId, boardId });
      const { format } = c.req.valid('query');
      const board = await deps.store.getBoard(boardId);
      if (!board) return c.json({ error: 'Niet gevonden.' }, 404);
      const json = await deps.readBoard(boardId, boardToJSON);
      const charts = reportCharts(json.canvas.chartViews, (datasetId, schoolYear, moment) => {
        // Only the school's own datasets: a view naming another school's dataset draws nothing.
        const dataset = deps.datasets.get(datasetId);
        if (dataset?.schoolId !== schoolId) return null;
        return cachedAggregateReport(deps.datasets, deps.reports, dataset, {
          ...(schoolYear ? { schoolYear } : {}),
          ...(isMoment(moment) ? { moment } : {}),
        });
      });
      const ownerNames = Object.fromEntries(
        deps.auth.services.schools.listMembers(schoolId).map((m) => [m.user.id, m.user.name]),
      );
      const date = now();
      const school = deps.auth.services.schools.getSchool(schoolId)?.name ?? '';
      const report = buildReport(json, charts, {
        ownerNames,
        date,
        school,
        datasets: usedDatasets(json.canvas.chartViews, schoolId, deps.datasets),
      });
      const title = json.title || board.title;
      const body = await renderReport(format, { ...report, title });
      deps.auth.services.audit.record({
        actorUserId: actor.user.id,
        schoolId,
        action: 'board.export',
        subjectId: boardId,
        details: { format, bytes: body.length },
      });
      c.get('log').info('board exported', { boardId, schoolId, format, bytes: body.length });
      return c.body(new Uint8Array(body), 200, {
        'content-type': EXPORT_CONTENT_TYPE[format],
        'content-disposition': contentDisposition(title, report.date, format),
        'cache-control': 'no-store',
      });
    },
  );
}
