import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  MOMENTS,
  analyseSchool,
  emptyNormSet,
  formatImportError,
  importResults,
  parseNormSet,
  resultsToCanonicalCsv,
  type ColumnMapping,
  type ImportError,
  type ImportOutcome,
  type Moment,
  type Result,
} from '@koers/analysis';
import { httpError, requireAccess, requireMember, type Actor, type AuthEnv } from '../auth/access';
import type { Action } from '../auth/policy';
import type { AuditLog } from '../audit/audit-log';
import { ANALYSIS_KINDS, isAnalysisKind, type AggregateReport } from '../datasets/aggregate-view';
import type { DatasetStore } from '../datasets/dataset-store';
import { ReportCache } from '../datasets/report-cache';
import { cachedAggregateReport } from '../datasets/cached-aggregate';
import { MAX_UPLOAD_BYTES, readUpload, uploadTooLargeMessage, type Upload } from '../datasets/upload';
import { readJsonObject } from './auth.helpers';

/** What the dataset routes need; `auth` parts come from `createAuthModule`. */
export interface DatasetRoutesDeps {
  store: DatasetStore;
  /** `auth.audit`: import, view-pupils, export and delete are recorded. */
  audit: AuditLog;
  /** `auth.withActor`: sets `c.var.actor` (idempotent, so mounting it globally as well is fine). */
  withActor: MiddlewareHandler<AuthEnv>;
  /** The aggregate reports' cache, shared with the board export (default: one of its own). */
  reports?: ReportCache;
  /** Upload limit in bytes (default {@link MAX_UPLOAD_BYTES}, 50 MB). */
  maxUploadBytes?: number;
}

/** How many canonical rows the preview shows. */
export const PREVIEW_ROWS = 10;

const NOT_FOUND = 'Niet gevonden.';

function errorView(e: ImportError) {
  return { row: e.row, column: e.column, value: e.value, message: e.message, text: formatImportError(e) };
}

function columnsView(columns: ColumnMapping | null) {
  if (!columns) return null;
  return {
    headers: columns.headers,
    mapping: Object.entries(columns.fields).map(([field, index]) => ({
      field,
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

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function counts(results: readonly Result[]) {
  return {
    results: results.length,
    pupils: distinct(results.map((r) => r.pupilId)).length,
    schoolYears: distinct(results.map((r) => r.schoolYear)).sort(),
    moments: MOMENTS.filter((m) => results.some((r) => r.moment === m)),
    subjects: distinct(results.map((r) => r.subject)).sort((a, b) => a.localeCompare(b, 'nl')),
  };
}

/** A file of several schools is a board's export: the server stores one school's rows per dataset. */
function schoolsError(results: readonly Result[]): ImportError | null {
  const schools = distinct(results.map((r) => r.school).filter((s): s is string => s !== null));
  if (schools.length <= 1) return null;
  return {
    row: null,
    column: 'school',
    value: null,
    message: `het bestand bevat uitslagen van ${schools.length} scholen (${schools.join(', ')}); importeer per school één bestand`,
  };
}

async function runImport(upload: Upload): Promise<ImportOutcome> {
  const outcome = await importResults(upload.bytes, {
    ...(upload.mapping ? { mapping: upload.mapping } : {}),
    ...(upload.skipRows ? { skipRows: upload.skipRows } : {}),
    ...(upload.defaults ? { defaults: upload.defaults } : {}),
  });
  if (!outcome.ok) return outcome;
  const multi = schoolsError(outcome.results);
  if (!multi) return outcome;
  return {
    ok: false,
    errors: [multi],
    warnings: outcome.warnings,
    columns: outcome.columns,
    format: outcome.format,
  };
}

function datasetName(upload: Upload, now: Date): string {
  const name = upload.name ?? upload.fileName?.replace(/\.(csv|txt|xlsx)$/i, '') ?? null;
  const chosen = name && name.trim() !== '' ? name.trim() : `Import ${now.toISOString().slice(0, 10)}`;
  return chosen.slice(0, 200);
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

  /**
   * The access check for a route about one dataset: 401 logged out (before the lookup), 404 unknown or
   * another school's dataset (or another school's board for a projector link), then the policy (403).
   */
  function datasetAccess(actor: Actor, id: string, action: Action) {
    if (actor.kind === 'anonymous') requireAccess(actor, action);
    const dataset = store.get(id);
    if (!dataset) throw httpError(404, NOT_FOUND);
    if (actor.kind === 'projector') {
      // A projector link is scoped to its board; the board's school must own the dataset.
      const allowed = requireAccess(actor, action, { schoolId: dataset.schoolId, boardId: actor.boardId });
      return { actor: allowed, dataset };
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
      const outcome = await runImport(upload);
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
          counts: { errors: outcome.errors.length, warnings: outcome.warnings.length },
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
          warnings: outcome.warnings.length,
          ...counts(outcome.results),
        },
        skipped: outcome.skipped,
        firstRows: outcome.results.slice(0, PREVIEW_ROWS),
      });
    })
    .post('/api/datasets', importAccess, limit, async (c) => {
      const actor = requireMember(c.var.actor, 'dataset:import');
      const upload = await readUpload(c);
      const outcome = await runImport(upload);
      if (!outcome.ok) {
        const n = outcome.errors.length;
        return c.json(
          {
            error: `Het bestand bevat ${n === 1 ? 'een fout' : `${n} fouten`}; er is niets opgeslagen. Verbeter het bestand of kies de rijen die je wilt overslaan.`,
            errors: outcome.errors.map(errorView),
            warnings: outcome.warnings.map(errorView),
            columns: columnsView(outcome.columns),
          },
          422,
        );
      }
      const dataset = store.create({
        schoolId: actor.school.id,
        name: datasetName(upload, new Date()),
        sourceFileName: upload.fileName,
        importedBy: actor.user.id,
        results: outcome.results,
      });
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
    .get('/api/datasets/:id/pupils', (c) => {
      const { actor, dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'dataset:read-pupils');
      const member = actor as Extract<Actor, { kind: 'member' }>;
      const filter = filterFrom(c.req.query('year'), c.req.query('moment'));
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
    })
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
    .get('/api/datasets/:id/analysis', (c) => {
      const { dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'aggregates:read');
      const filter = filterFrom(c.req.query('year'), c.req.query('moment'));
      const kind = c.req.query('kind');
      if (kind !== undefined && kind !== '' && !isAnalysisKind(kind))
        throw httpError(400, `Onbekende analyse '${kind}'. Kies uit: ${ANALYSIS_KINDS.join(', ')}.`);
      // The dataset was just found, so there is a report (the cache is shared with the board export).
      const report = cachedAggregateReport(store, reports, dataset.id, filter) as AggregateReport;
      const head = {
        datasetId: dataset.id,
        version: report.version,
        schoolYear: report.schoolYear,
        moment: report.moment,
      };
      if (kind !== undefined && kind !== '') return c.json({ ...head, kind, analysis: report[kind] });
      return c.json({ ...head, report });
    })
    .get('/api/datasets/:id/pupil-detail', (c) => {
      const { actor, dataset } = datasetAccess(c.var.actor, c.req.param('id'), 'dataset:read-pupils');
      const member = actor as Extract<Actor, { kind: 'member' }>;
      const filter = filterFrom(c.req.query('year'), c.req.query('moment'));
      const kind = c.req.query('kind');
      if (kind !== 'dataQuality' && kind !== 'zorg')
        throw httpError(400, 'Kies welke details: kind=dataQuality of kind=zorg.');
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
        details: { kind, pupils: Object.keys(names).length, year: report.schoolYear, moment: report.moment },
      });
      return c.json({
        datasetId: dataset.id,
        schoolYear: report.schoolYear,
        moment: report.moment,
        kind,
        analysis,
        names,
      });
    })
    .get('/api/school/norms', (c) => {
      const actor = requireMember(c.var.actor, 'norms:read');
      const stored = store.getNorms(actor.school.id);
      return c.json({
        norms: stored?.normSet ?? null,
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
      });
    })
    .put('/api/school/norms', async (c) => {
      const actor = requireMember(c.var.actor, 'norms:write');
      const body = await readJsonObject(c);
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
    });
}

function filterFrom(
  year: string | undefined,
  moment: string | undefined,
): { schoolYear?: string; moment?: Moment } {
  const filter: { schoolYear?: string; moment?: Moment } = {};
  if (year !== undefined && year !== '') {
    if (!/^\d{4}-\d{4}$/.test(year)) throw httpError(400, "Schooljaar: schrijf het als '2025-2026'.");
    filter.schoolYear = year;
  }
  if (moment !== undefined && moment !== '') {
    const m = moment.toUpperCase();
    if (!(MOMENTS as readonly string[]).includes(m)) throw httpError(400, 'Toetsmoment: kies B, M of E.');
    filter.moment = m as Moment;
  }
  return filter;
}
