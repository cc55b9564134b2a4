import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  MOMENTS,
  analyseSchool,
  emptyNormSet,
  formatImportError,
  parseNormSet,
  resultsToCanonicalCsv,
  type ColumnMapping,
  type Field,
  type ImportError,
  type Moment,
  type SubgroupId,
} from '@koers/analysis';
import { httpError, requireAccess, requireMember, type Actor, type AuthEnv } from '../auth/access';
import type { Action } from '../auth/policy';
import type { AuditLog } from '../audit/audit-log';
import { DATASET_NAME_MAX_LENGTH } from '../contract/limits';
import { chartFiltersSchema } from '@koers/board';
import { cachedAggregateReport, datasetSubgroups } from '../datasets/aggregate-reports';
import { ANALYSIS_KINDS, isAnalysisKind } from '../datasets/aggregate-view';
import type { DatasetStore } from '../datasets/dataset-store';
import { importIntoStore } from '../datasets/import-into-store';
import { importJob, type ImportRunner } from '../datasets/import-runner';
import { ReportCache } from '../datasets/report-cache';
import { MAX_UPLOAD_BYTES, readUpload, uploadTooLargeMessage, type Upload } from '../datasets/upload';
import { guard, jsonBody, queryOf } from '../http/validate';
import { JSON_OBJECT_EXPECTED } from './auth.helpers';

/** What the dataset routes need; `auth` parts come from `createAuthModule`. */
export interface DatasetRoutesDeps {
  store: DatasetStore;
  /** `auth.audit`: import, view-pupils, export and delete are recorded. */
  audit: AuditLog;
  /** `auth.withActor`: sets `c.var.actor` (idempotent, so mounting it globally as well is fine). */
  withActor: MiddlewareHandler<AuthEnv>;
  /** The aggregate reports, shared with the board chart route (default: a cache of its own). */
  reports?: ReportCache;
  /** Upload limit in bytes (default {@link MAX_UPLOAD_BYTES}, 50 MB). */
  maxUploadBytes?: number;
  /** Runs imports in worker threads (default: `createImportRunner()`, one at a time). */
  importer?: ImportRunner;
}

export { PREVIEW_ROWS } from '../datasets/import-job';

const NOT_FOUND = 'Niet gevonden.';

const YEAR_MESSAGE = "Schooljaar: schrijf het als '2025-2026'.";
const MOMENT_MESSAGE = 'Toetsmoment: kies B, M of E.';

/** `?year=2025-2026&moment=M` (both optional, empty = the latest): which school year and moment. */
export const datasetFilterQuery = z.object({
  year: z
    .string({ error: YEAR_MESSAGE })
    .optional()
    .transform((year, ctx) => {
      if (year === undefined || year === '') return undefined;
      if (/^\d{4}-\d{4}$/.test(year)) return year;
      ctx.addIssue({ code: 'custom', message: YEAR_MESSAGE });
      return z.NEVER;
    }),
  moment: z
    .string({ error: MOMENT_MESSAGE })
    .optional()
    .transform((moment, ctx) => {
      if (moment === undefined || moment === '') return undefined;
      const m = moment.toUpperCase();
      if ((MOMENTS as readonly string[]).includes(m)) return m as Moment;
      ctx.addIssue({ code: 'custom', message: MOMENT_MESSAGE });
      return z.NEVER;
    }),
});

/**
 * The analysis: the filter, `subgroup` to analyse only that subgroup's results (a board chart narrowed to
 * NT2, say; packages/analysis subgroup-filter.ts), and `kind` for one section of the report instead of all of it.
 */
export const analysisQuery = datasetFilterQuery.extend({
  subgroup: chartFiltersSchema.shape.subgroup,
  kind: z
    .string()
    .optional()
    .transform((kind, ctx) => {
      if (kind === undefined || kind === '') return undefined;
      if (isAnalysisKind(kind)) return kind;
      ctx.addIssue({
        code: 'custom',
        message: `Onbekende analyse '${kind}'. Kies uit: ${ANALYSIS_KINDS.join(', ')}.`,
      });
      return z.NEVER;
    }),
});

/** The pupil detail of data quality or zorg (members only, audited). */
export const pupilDetailQuery = datasetFilterQuery.extend({
  kind: z.enum(['dataQuality', 'zorg'], { error: 'Kies welke details: kind=dataQuality of kind=zorg.' }),
});

/** `PUT /api/school/norms`: a norm set (version 1); `parseNormSet` judges it (422 with every problem). */
export const normSetBody = z.record(z.string(), z.unknown(), { error: JSON_OBJECT_EXPECTED });

function filterOf(query: z.output<typeof datasetFilterQuery>): { schoolYear?: string; moment?: Moment } {
  return {
    ...(query.year ? { schoolYear: query.year } : {}),
    ...(query.moment ? { moment: query.moment } : {}),
  };
}

function errorView(e: ImportError) {
  return { row: e.row, column: e.column, value: e.value, message: e.message, text: formatImportError(e) };
}

function columnsView(columns: ColumnMapping | null) {
  if (!columns) return null;
  return {
    headers: columns.headers,
    mapping: Object.entries(columns.fields).map(([field, index]) => ({
      field: field as Field,
      header: columns.headers[index] ?? null,
      confidence: columns.confidence[field as keyof ColumnMapping['confidence']] ?? 1,
    })),
    domains: Object.entries(columns.domains).map(([domain, index]) => ({
      domain,
      header: columns.headers[index] ?? null,
    })),
    unsure: columns.unsure,
    ambiguous: columns.ambiguous,
    unknown: columns.unknown,
    missingExplicit: columns.missingExplicit,
  };
}

function datasetName(upload: Upload, now: Date): string {
  const name = upload.name ?? upload.fileName?.replace(/\.(csv|txt|xlsx)$/i, '') ?? null;
  const chosen = name && name.trim() !== '' ? name.trim() : `Import ${now.toISOString().slice(0, 10)}`;
  return chosen.slice(0, DATASET_NAME_MAX_LENGTH);
}

function csvFileName(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${ascii || 'dataset'}.csv`;
}

/**
 * The school's LVS datasets and norms. Pupil-level rows stay on the server: lists carry summaries, the
 * analysis endpoint returns aggregates without pupil ids or names (also for projector links of a board of
 * the same school), and only members see `/pupils` (audited). See `datasets/README.md`.
 *
 * @example app.route('/', createDatasetRoutes({ store: createDatasetStore(db), audit: auth.audit, withActor: auth.withActor }));
 */
export function createDatasetRoutes(deps: DatasetRoutesDeps) {
  const { store, audit, withActor } = deps;
  const maxBytes = deps.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const reports = deps.reports ?? new ReportCache();
  const runImport = importJob(deps.importer, maxBytes);

  /**
   * The access check for a route about one dataset: 401 logged out (before the lookup), 404 unknown or
   * another school's dataset (or another school's board for a projector link), then the policy (403).
   */
  function datasetAccess(actor: Actor, id: string, action: Action) {
    if (actor.kind === 'anonymous') requireAccess(actor, action);
    const dataset = store.get(id);
    if (!dataset) throw httpError(404, NOT_FOUND);
    if (actor.kind === 'projector') {
      // A projector link reaches charts only as the views on its own board
      // (`/api/boards/:id/views/:viewId/chart`), never a dataset by id: another school's is 404 as for anyone.
      if (dataset.schoolId !== actor.schoolId) throw httpError(404, NOT_FOUND);
      throw httpError(403, 'Een projectorlink toont alleen de grafieken op zijn eigen bord.');
    }
    return { actor: requireMember(actor, action, { schoolId: dataset.schoolId }), dataset };
  }

  // Access is checked before the body is read, so nobody without `dataset:import` can make us buffer a file.
  const importAccess: MiddlewareHandler<AuthEnv> = async (c, next) => {
    requireMember(c.var.actor, 'dataset:import');
    await next();
  };
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json({ error: uploadTooLargeMessage(maxBytes) }, 413),
  });

  return new Hono<AuthEnv>()
    .use('/api/datasets', withActor)
    .use('/api/datasets/*', withActor)
    .use('/api/school/norms', withActor)
    .post('/api/datasets/preview', importAccess, limit, async (c) => {
      requireMember(c.var.actor, 'dataset:import');
      const upload = await readUpload(c);
      const { outcome, counts, firstRows } = await runImport(upload, 'preview');
      const base = {
        format: outcome.format,
        fileName: upload.fileName,
        columns: columnsView(outcome.columns),
        warnings: outcome.warnings.map(errorView),
      };
      if (!outcome.ok) {
        return c.json({
          ok: false,
          ...base,
          errors: outcome.errors.map(errorView),
          counts: { errors: outcome.errorCount, warnings: outcome.warningCount },
          firstRows: [],
        });
      }
      return c.json({
        ok: true,
        ...base,
        errors: [],
        counts: {
          rows: outcome.rows,
          skipped: outcome.skipped.length,
          errors: 0,
          warnings: outcome.warningCount,
          ...counts,
        },
        skipped: outcome.skipped,
        firstRows,
      });
    })
    .post('/api/datasets', importAccess, limit, async (c) => {
      const actor = requireMember(c.var.actor, 'dataset:import');
      const upload = await readUpload(c);
      const imported = await importIntoStore(runImport, store, upload, {
        schoolId: actor.school.id,
        name: datasetName(upload, new Date()),
        sourceFileName: upload.fileName,
        importedBy: actor.user.id,
      });
      if (imported.dataset === null) {
        const { outcome } = imported;
        const n = outcome.errorCount;
        return c.json(
          {
            error: `Het bestand bevat ${n === 1 ? 'een fout' : `${n} fouten`}; er is niets opgeslagen. Verbeter het bestand of kies de rijen die je wilt overslaan.`,
            errors: outcome.errors.map(errorView),
            errorCount: n,
            warnings: outcome.warnings.map(errorView),
            columns: columnsView(outcome.columns),
          },
          422,
        );
      }
      const { outcome, dataset } = imported;
      audit.record({
        actorUserId: actor.user.id,
        schoolId: actor.school.id,
        action: 'dataset.import',
        subjectId: dataset.id,
        details: {
          format: outcome.format,
          rows: dataset.rowCount,
          pupils: dataset.pupilCount,
          skippedRows: outcome.skipped.length,
        },
      });
      return c.json({ dataset, skipped: outcome.skipped, warnings: outcome.warnings.map(errorView) }, 201);
    })
    .get('/api/datasets', (c) => {
      const actor = requireMember(c.var.actor, 'dataset:list');
      return c.json({ datasets: store.list(actor.school.id) });
    })
    .get('/api/datasets/:id', (c) => {
      const { dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'dataset:list');
      return c.json({ dataset });
    })
    .delete('/api/datasets/:id', (c) => {
      const { actor, dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'dataset:delete');
      const member = actor as Extract<Actor, { kind: 'member' }>;
      const removed = store.delete(dataset.id);
      if (removed === null) throw httpError(404, NOT_FOUND);
      reports.evictDataset(dataset.id);
      audit.record({
        actorUserId: member.user.id,
        schoolId: dataset.schoolId,
        action: 'dataset.delete',
        subjectId: dataset.id,
        details: { name: dataset.name, rows: removed },
      });
      return c.json({ ok: true, removedRows: removed });
    })
    .get(
      '/api/datasets/:id/pupils',
      guard((c) => datasetAccess(c.var.actor, c.req.param('id') ?? '', 'dataset:read-pupils')),
      queryOf(datasetFilterQuery),
      (c) => {
        const { actor, dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'dataset:read-pupils');
        const member = actor as Extract<Actor, { kind: 'member' }>;
        const filter = filterOf(c.req.valid('query'));
        const results = store.results(dataset.id, filter);
        audit.record({
          actorUserId: member.user.id,
          schoolId: dataset.schoolId,
          action: 'dataset.view-pupils',
          subjectId: dataset.id,
          details: {
            rows: results.length,
            year: filter.schoolYear ?? null,
            moment: filter.moment ?? null,
          },
        });
        return c.json({ dataset, results });
      },
    )
    .get('/api/datasets/:id/export.csv', (c) => {
      const { actor, dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'dataset:export');
      const member = actor as Extract<Actor, { kind: 'member' }>;
      const results = store.results(dataset.id);
      audit.record({
        actorUserId: member.user.id,
        schoolId: dataset.schoolId,
        action: 'dataset.export',
        subjectId: dataset.id,
        details: { rows: results.length },
      });
      // The BOM makes Excel read UTF-8; Koers's own import skips it.
      return c.body(`\uFEFF${resultsToCanonicalCsv(results)}`, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csvFileName(dataset.name)}"`,
      });
    })
    .get(
      '/api/datasets/:id/analysis',
      guard((c) => datasetAccess(c.var.actor, c.req.param('id') ?? '', 'aggregates:read')),
      queryOf(analysisQuery),
      (c) => {
        const { dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'aggregates:read');
        const query = c.req.valid('query');
        const filter = filterOf(query);
        const kind = query.kind;
        const report = cachedAggregateReport(store, reports, dataset, {
          ...filter,
          ...(query.subgroup ? { subgroup: query.subgroup as SubgroupId } : {}),
        });
        const head = {
          datasetId: dataset.id,
          version: report.version,
          schoolYear: report.schoolYear,
          moment: report.moment,
          /** The subgroup this report is narrowed to (null: the whole school). */
          subgroup: query.subgroup ?? null,
          /** The subgroups the whole school's data holds, for a filter control. */
          subgroups: datasetSubgroups(store, reports, dataset, filter),
        };
        if (kind !== undefined) return c.json({ ...head, kind, analysis: report[kind] });
        return c.json({ ...head, report });
      },
    )
    .get(
      '/api/datasets/:id/pupil-detail',
      guard((c) => datasetAccess(c.var.actor, c.req.param('id') ?? '', 'dataset:read-pupils')),
      queryOf(pupilDetailQuery),
      (c) => {
        const { actor, dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'dataset:read-pupils');
        const member = actor as Extract<Actor, { kind: 'member' }>;
        const query = c.req.valid('query');
        const filter = filterOf(query);
        const kind = query.kind;
        const results = store.results(dataset.id);
        const report = analyseSchool(results, store.getNorms(dataset.schoolId)?.normSet ?? emptyNormSet(), {
          ...(filter.schoolYear ? { year: filter.schoolYear } : {}),
          ...(filter.moment ? { moment: filter.moment } : {}),
        });
        const analysis = report[kind];
        // Names for the pupils this section mentions, so the IB-er knows whom to look up.
        const text = JSON.stringify(analysis);
        const names: Record<string, string | null> = {};
        const checked = new Set<string>();
        for (const r of results) {
          if (checked.has(r.pupilId)) continue;
          checked.add(r.pupilId);
          if (text.includes(JSON.stringify(r.pupilId))) names[r.pupilId] = r.pupilName;
        }
        audit.record({
          actorUserId: member.user.id,
          schoolId: dataset.schoolId,
          action: 'dataset.view-pupils',
          subjectId: dataset.id,
          details: {
            kind,
            pupils: Object.keys(names).length,
            year: report.schoolYear,
            moment: report.moment,
          },
        });
        return c.json({
          datasetId: dataset.id,
          schoolYear: report.schoolYear,
          moment: report.moment,
          kind,
          analysis,
          names,
        });
      },
    )
    .get('/api/school/norms', (c) => {
      const actor = requireMember(c.var.actor, 'norms:read');
      const stored = store.getNorms(actor.school.id);
      return c.json({
        norms: stored?.normSet ?? null,
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
      });
    })
    .put(
      '/api/school/norms',
      guard((c) => requireMember(c.var.actor, 'norms:write')),
      jsonBody(normSetBody),
      async (c) => {
        const actor = requireMember(c.var.actor, 'norms:write');
        const body = c.req.valid('json');
        const parsed = parseNormSet(body);
        if (!parsed.ok)
          return c.json(
            { error: 'De normen zijn ongeldig; er is niets opgeslagen.', errors: parsed.errors },
            422,
          );
        const stored = store.putNorms(actor.school.id, parsed.normSet, actor.user.id);
        audit.record({
          actorUserId: actor.user.id,
          schoolId: actor.school.id,
          action: 'norms.update',
          subjectId: actor.school.id,
          details: { updatedAt: stored.updatedAt },
        });
        return c.json({ norms: stored.normSet, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy });
      },
    );
}
