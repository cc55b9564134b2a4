import { zValidator } from '@hono/zod-validator';
import { RECORD_ID_PATTERN, readAnalysisContext, readChartView } from '@koers/board';
import { Hono } from 'hono';
import type * as Y from 'yjs';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { httpError, type RequireBoardAccess } from '../auth';
import { SUBGROUP_REANALYSED_KINDS, labelSubgroup, type SubgroupId } from '@koers/analysis';
import { cachedAggregateReport, datasetSubgroups } from '../datasets/aggregate-reports';
import { chartOfView } from '../datasets/board-chart';
import type { DatasetStore } from '../datasets/dataset-store';
import type { ReportCache } from '../datasets/report-cache';
import { boardIdParam, notFoundOnBadParams } from './board-authors.routes';

export interface BoardViewsRoutesDeps {
  requireBoardAccess: RequireBoardAccess;
  datasets: DatasetStore;
  /** Shared with the dataset routes: one analysis per dataset, year, moment and norm set. */
  reports: ReportCache;
  /** Reads the board's doc: the loaded room's, else from storage (`boards/read-board-doc.ts`). */
  readBoard: <T>(boardId: string, read: (doc: Y.Doc) => T) => Promise<T>;
}

const viewParams = boardIdParam.extend({ viewId: z.string().regex(RECORD_ID_PATTERN) });

/**
 * `GET /api/boards/:id/views/:viewId/chart`: what a chart view on the board shows. The view (a `chartView`
 * record: dataset, analysis kind, filters) is read from the board's document; its dataset must belong to the
 * board's school; the school's rows are analysed (the cached aggregate report per dataset, year, moment and
 * norm set) and only aggregates leave: `chart` is packages/analysis's `AnalysisView` built from the
 * `AggregateReport` (no pupil ids or names). A missing year or moment falls back to step 1's analysis
 * context, then to the dataset's latest. Members of the board's school (`aggregates:read`) and the board's
 * own projector link may read it; a projector of another board, another school: 404.
 */
export function boardViewsRoutes(deps: BoardViewsRoutesDeps) {
  return new Hono<AppEnv>().get(
    '/api/boards/:id/views/:viewId/chart',
    zValidator('param', viewParams, notFoundOnBadParams),
    async (c) => {
      const { id, viewId } = c.req.valid('param');
      const board = await deps.requireBoardAccess(c.var.actor, id, 'aggregates:read');
      const { view, context } = await deps.readBoard(board.boardId, (doc) => ({
        view: readChartView(doc, viewId),
        context: readAnalysisContext(doc),
      }));
      if (!view) throw httpError(404, 'Deze grafiek staat niet (meer) op het bord.');
      const dataset = deps.datasets.get(view.datasetId);
      if (!dataset || dataset.schoolId !== board.schoolId) {
        throw httpError(404, 'De gegevens van deze grafiek zijn niet (meer) beschikbaar.');
      }
      const schoolYear = view.filters.schoolYear ?? context.schoolYear ?? undefined;
      const moment = view.filters.moment ?? context.moment ?? undefined;
      const whole = { ...(schoolYear ? { schoolYear } : {}), ...(moment ? { moment } : {}) };
      // A subgroup narrows the overview, norms, trends, domains and parallel groups by analysing only its
      // results; "subgroepen" by picking its gap charts from the whole school's report; nothing else
      // (packages/analysis subgroup-filter.ts).
      const subgroup = view.filters.subgroup as SubgroupId | undefined;
      const reanalysed = subgroup !== undefined && SUBGROUP_REANALYSED_KINDS.includes(view.analysisKind);
      const report = cachedAggregateReport(deps.datasets, deps.reports, dataset, {
        ...whole,
        ...(reanalysed ? { subgroup } : {}),
      });
      const { subgroup: _narrowed, ...otherFilters } = view.filters;
      const chart = reanalysed
        ? labelSubgroup(chartOfView(report, view.analysisKind, otherFilters), subgroup)
        : chartOfView(
            report,
            view.analysisKind,
            view.analysisKind === 'subgroepen' ? view.filters : otherFilters,
          );
      return c.json({
        boardId: board.boardId,
        viewId,
        view: {
          datasetId: view.datasetId,
          analysisKind: view.analysisKind,
          filters: view.filters,
          title: view.title || chart.title,
        },
        dataset: { id: dataset.id, name: dataset.name },
        version: report.version,
        /** The subgroups the whole school's data holds, for the chart's filter control. */
        subgroups: datasetSubgroups(deps.datasets, deps.reports, dataset, whole),
        chart,
      });
    },
  );
}
