import { DatabaseSync } from 'node:sqlite';
import { analyseSchool, resultsToCanonicalCsv } from '@koers/analysis';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMember, login, ORIGIN, tempDatabase, testApp } from '../auth/testing';
import { createDatasetStore, type DatasetStore } from '../datasets/dataset-store';
import { BROKEN_CSV, BROKEN_CSV_IDS, BROKEN_CSV_NAMES, namedDemoSchool, xlsxFile } from '../datasets/testing';
import { createDatasetRoutes } from './datasets.routes';

const demo = namedDemoSchool({ seed: 7, schoolYears: 2, pupilsPerGroup: 8 });
const DEMO_CSV = resultsToCanonicalCsv(demo.results);
const UPLOAD_LIMIT = 1024 * 1024;

/** The parts of a preview answer the tests read. */
interface PreviewBody {
  ok: boolean;
  errors: unknown[];
  columns: { mapping: unknown[]; ambiguous: unknown[]; unknown: string[] };
  counts: Record<string, unknown>;
  firstRows: { className: string }[];
}

/** The parts of an aggregate report the tests read. */
interface ReportBody {
  report: {
    data: unknown;
    signals: unknown[];
    zorg: { goals: { total: number } };
    dataQuality: { totals: { missing: number }; missing: unknown[] };
  };
}

/** Every occurrence of a fixture pupil id or name in a text, as found (empty = none). */
function leaks(text: string, ids: readonly string[], names: readonly string[]): string[] {
  return [...ids.filter((id) => text.includes(`"${id}"`)), ...names.filter((n) => text.includes(n))];
}

describe('dataset routes', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let ctx: ReturnType<typeof testApp>;
  let store: DatasetStore;
  let schoolId: string;
  let otherSchoolId: string;
  let leider: string;
  let leerkracht: string;
  let otherLeider: string;
  let leiderId: string;

  // Three real argon2 logins per test are the slow part; the accounts are made once per test database.
  beforeEach(async () => {
    temp = tempDatabase();
    ctx = testApp(temp.db);
    store = createDatasetStore(temp.db);
    ctx.app.route(
      '/',
      createDatasetRoutes({
        store,
        audit: ctx.auth.audit,
        withActor: ctx.auth.withActor,
        maxUploadBytes: UPLOAD_LIMIT,
      }),
    );
    schoolId = ctx.auth.schools.createSchool('De Regenboog').id;
    otherSchoolId = ctx.auth.schools.createSchool('De Zonnebloem').id;
    const l = await addMember(ctx.auth, schoolId, 'ib@regenboog.nl', 'leider');
    leiderId = l.user.id;
    const k = await addMember(ctx.auth, schoolId, 'anja@regenboog.nl', 'leerkracht');
    const o = await addMember(ctx.auth, otherSchoolId, 'ib@zonnebloem.nl', 'leider');
    leider = await login(ctx.app, l.user.email, l.password);
    leerkracht = await login(ctx.app, k.user.email, k.password);
    otherLeider = await login(ctx.app, o.user.email, o.password);
  });
  afterEach(() => temp.cleanup());

  function upload(
    path: string,
    cookie: string,
    file: string | Uint8Array,
    fields: Record<string, string> = {},
    fileName = 'resultaten.csv',
  ) {
    const form = new FormData();
    form.set('file', new File([file], fileName));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return ctx.app.request(path, { method: 'POST', headers: { cookie, origin: ORIGIN }, body: form });
  }

  const get = (path: string, headers: Record<string, string>) => ctx.app.request(path, { headers });
  const del = (path: string, cookie: string) =>
    ctx.app.request(path, { method: 'DELETE', headers: { cookie, origin: ORIGIN } });

  /** Row counts read through a separate connection on the file, as another process would see them. */
  function countOnDisk(datasetId?: string): { datasets: number; rows: number } {
    const db = new DatabaseSync(temp.file, { readOnly: true });
    try {
      const rows =
        datasetId === undefined
          ? (db.prepare('SELECT COUNT(*) AS n FROM pupil_results').get() as { n: number })
          : (db.prepare('SELECT COUNT(*) AS n FROM pupil_results WHERE dataset_id = ?').get(datasetId) as {
              n: number;
            });
      const datasets = db.prepare('SELECT COUNT(*) AS n FROM datasets').get() as { n: number };
      return { datasets: Number(datasets.n), rows: Number(rows.n) };
    } finally {
      db.close();
    }
  }

  async function importDemo(): Promise<string> {
    const res = await upload('/api/datasets', leider, DEMO_CSV, { name: 'Cito 2024–2026' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { dataset: { id: string } };
    return body.dataset.id;
  }

  it('imports a clean canonical CSV: every row in the database, a summary without pupil data', async () => {
    const res = await upload('/api/datasets', leider, DEMO_CSV, { name: 'Cito 2024–2026' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { dataset: Record<string, unknown> };
    expect(body.dataset).toMatchObject({
      schoolId,
      name: 'Cito 2024–2026',
      sourceFileName: 'resultaten.csv',
      importedBy: leiderId,
      rowCount: demo.results.length,
      pupilCount: demo.pupilIds.length,
      schoolYears: ['2024-2025', '2025-2026'],
      moments: ['M', 'E'],
    });
    const id = String(body.dataset.id);
    expect(countOnDisk(id).rows).toBe(demo.results.length);

    // The stored rows are the canonical results, names included (they live only in this table).
    const stored = store.results(id);
    expect(stored.map((r) => [r.pupilId, r.pupilName, r.subject, r.score])).toEqual(
      demo.results.map((r) => [r.pupilId, r.pupilName, r.subject, r.score]),
    );

    const list = await get('/api/datasets', { cookie: leerkracht });
    expect(list.status).toBe(200);
    const listText = await list.text();
    expect(JSON.parse(listText)).toMatchObject({ datasets: [{ id, rowCount: demo.results.length }] });
    expect(leaks(listText, demo.pupilIds, demo.names)).toEqual([]);
    // Another school sees none of it.
    expect(await (await get('/api/datasets', { cookie: otherLeider })).json()).toEqual({ datasets: [] });
  });

  it('refuses a file with a broken row (422, row and column named, nothing stored); skipping that row imports the rest', async () => {
    const res = await upload('/api/datasets', leider, BROKEN_CSV);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; errors: Record<string, unknown>[] };
    expect(body.error).toMatch(/niets opgeslagen/);
    expect(body.errors).toEqual([
      {
        row: 3,
        column: 'Vaardigheidsscore',
        value: 'ab',
        message: "'ab' is geen getal",
        text: "rij 3, kolom 'Vaardigheidsscore': 'ab' is geen getal",
      },
    ]);
    expect(countOnDisk()).toEqual({ datasets: 0, rows: 0 });

    const skipped = await upload('/api/datasets', leider, BROKEN_CSV, { skipRows: '3' });
    expect(skipped.status).toBe(201);
    const ok = (await skipped.json()) as { dataset: { id: string; rowCount: number }; skipped: number[] };
    expect(ok.skipped).toEqual([3]);
    expect(ok.dataset.rowCount).toBe(3);
    expect(store.results(ok.dataset.id).map((r) => r.pupilId)).toEqual(['K01', 'K03', 'K04']);
    expect(countOnDisk(ok.dataset.id).rows).toBe(3);
  });

  it('accepts the raw file as the body, named by the X-Koers-Filename header, options as query parameters', async () => {
    const res = await ctx.app.request('/api/datasets?skipRows=3&name=Spelling%20M5', {
      method: 'POST',
      headers: {
        cookie: leider,
        origin: ORIGIN,
        'content-type': 'text/csv',
        'x-koers-filename': encodeURIComponent('spelling é.csv'),
      },
      body: BROKEN_CSV,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      dataset: { name: 'Spelling M5', sourceFileName: 'spelling é.csv', rowCount: 3 },
    });
  });

  it('previews an import without storing anything: mapping with confidence, errors, first rows, counts', async () => {
    const broken = await upload('/api/datasets/preview', leider, BROKEN_CSV);
    expect(broken.status).toBe(200);
    const b = (await broken.json()) as PreviewBody;
    expect(b.ok).toBe(false);
    expect(b.errors).toEqual([expect.objectContaining({ row: 3, column: 'Vaardigheidsscore', value: 'ab' })]);
    expect(b.columns.mapping).toEqual(
      expect.arrayContaining([
        { field: 'pupilId', header: 'Leerlingnummer', confidence: 1 },
        { field: 'score', header: 'Vaardigheidsscore', confidence: 1 },
      ]),
    );

    // Two headers fit the class equally well: the preview asks, an explicit mapping answers.
    const ambiguousCsv = [
      'leerling_id;groep;klas;jaargroep;schooljaar;vak;moment;vaardigheidsscore;opmerking',
      'A1;5A;5a;5;2025-2026;Spelling;M;120;x',
      'A2;5A;5a;5;2025-2026;Spelling;M;121;y',
    ].join('\n');
    const preview = (await (
      await upload('/api/datasets/preview', leider, ambiguousCsv)
    ).json()) as PreviewBody;
    expect(preview.ok).toBe(false);
    expect(preview.columns.ambiguous).toEqual([{ field: 'className', headers: ['groep', 'klas'] }]);
    expect(preview.columns.unknown).toContain('opmerking');
    const mapped = (await (
      await upload('/api/datasets/preview', leider, ambiguousCsv, {
        mapping: JSON.stringify({ className: 'klas' }),
      })
    ).json()) as PreviewBody;
    expect(mapped.ok).toBe(true);
    expect(mapped.counts).toMatchObject({
      rows: 2,
      results: 2,
      pupils: 2,
      errors: 0,
      subjects: ['Spelling'],
    });
    expect(mapped.firstRows.map((r: { className: string }) => r.className)).toEqual(['5a', '5a']);

    const clean = (await (await upload('/api/datasets/preview', leider, DEMO_CSV)).json()) as PreviewBody;
    expect(clean.ok).toBe(true);
    expect(clean.firstRows).toHaveLength(10);
    expect(clean.counts.results).toBe(demo.results.length);
    expect(countOnDisk()).toEqual({ datasets: 0, rows: 0 });
    expect(ctx.auth.audit.list(schoolId).filter((e) => e.action.startsWith('dataset.'))).toEqual([]);
  });

  it('imports an XLSX file', async () => {
    const rows: unknown[][] = [
      [
        'Leerlingnummer',
        'Naam',
        'Schooljaar',
        'Groep',
        'Vak',
        'Toetsmoment',
        'Afnamedatum',
        'Vaardigheidsscore',
        'Niveau',
      ],
      [
        'X1',
        'Anna Xlsx',
        '2025-2026',
        '6B',
        'Rekenen-Wiskunde',
        'M',
        new Date(Date.UTC(2026, 0, 20)),
        81.5,
        'II',
      ],
      [
        'X2',
        'Bram Xlsx',
        '2025-2026',
        '6B',
        'Rekenen-Wiskunde',
        'M',
        new Date(Date.UTC(2026, 0, 21)),
        64,
        'IV',
      ],
    ];
    const res = await upload('/api/datasets', leider, await xlsxFile(rows), {}, 'export.xlsx');
    expect(res.status).toBe(201);
    const { dataset } = (await res.json()) as { dataset: { id: string; name: string } };
    expect(dataset.name).toBe('export');
    expect(
      store.results(dataset.id).map((r) => [r.pupilId, r.pupilName, r.grade, r.testDate, r.score, r.level]),
    ).toEqual([
      ['X1', 'Anna Xlsx', 6, '2026-01-20', 81.5, 'II'],
      ['X2', 'Bram Xlsx', 6, '2026-01-21', 64, 'IV'],
    ]);
  });

  it('refuses a file over the size limit with a Dutch message, and a file of several schools', async () => {
    const big = new Uint8Array(UPLOAD_LIMIT + 10).fill(65);
    const res = await ctx.app.request('/api/datasets', {
      method: 'POST',
      headers: {
        cookie: leider,
        origin: ORIGIN,
        'content-type': 'text/csv',
        'content-length': String(big.length),
      },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'Het bestand is te groot: maximaal 1 MB.' });

    const twoSchools = resultsToCanonicalCsv([
      { ...demo.results[0]!, school: 'De Regenboog' },
      { ...demo.results[1]!, school: 'De Zonnebloem' },
    ]);
    const multi = await upload('/api/datasets', leider, twoSchools);
    expect(multi.status).toBe(422);
    expect(((await multi.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /2 scholen/,
    );
    expect(countOnDisk()).toEqual({ datasets: 0, rows: 0 });
  });

  it('authorizes every route: 401 logged out, leerkracht lists and reads aggregates only, other school 404, projector nothing (its board’s chart views only)', async () => {
    const id = await importDemo();
    const board = ctx.auth.services.projectorLinks.create({
      boardId: 'board-1',
      schoolId,
      createdBy: leiderId,
    });
    const otherBoard = ctx.auth.services.projectorLinks.create({
      boardId: 'board-2',
      schoolId: otherSchoolId,
      createdBy: null,
    });
    const projector = { 'x-koers-projector': board.token };
    const otherProjector = { 'x-koers-projector': otherBoard.token };
    const none = {};

    const routes: [string, string][] = [
      ['GET', '/api/datasets'],
      ['GET', `/api/datasets/${id}`],
      ['GET', `/api/datasets/${id}/pupils`],
      ['GET', `/api/datasets/${id}/export.csv`],
      ['GET', `/api/datasets/${id}/analysis?kind=signals`],
      ['GET', '/api/school/norms'],
      ['DELETE', `/api/datasets/${id}`],
    ];
    const callers: Record<string, Record<string, string>> = {
      anonymous: none,
      leerkracht: { cookie: leerkracht },
      otherLeider: { cookie: otherLeider },
      projector,
      otherProjector,
    };
    const expected: Record<string, number[]> = {
      //            list  get  pupils export analysis norms delete
      anonymous: [401, 401, 401, 401, 401, 401, 401],
      leerkracht: [200, 200, 200, 403, 200, 200, 403],
      otherLeider: [200, 404, 404, 404, 404, 200, 404],
      // A projector link reads aggregates only as chart views on its own board (board-views.routes.ts).
      projector: [403, 403, 403, 403, 403, 403, 403],
      // Another school's dataset is 404 before the role is looked at (as decideAccess orders it).
      otherProjector: [403, 404, 404, 404, 404, 403, 404],
    };
    const actual: Record<string, number[]> = {};
    for (const [name, headers] of Object.entries(callers)) {
      actual[name] = [];
      for (const [method, path] of routes) {
        const res = await ctx.app.request(path, { method, headers: { ...headers, origin: ORIGIN } });
        actual[name].push(res.status);
      }
    }
    expect(actual).toEqual(expected);

    // Writes: a leerkracht cannot import, preview or change norms; logged out is 401.
    expect((await upload('/api/datasets', leerkracht, BROKEN_CSV)).status).toBe(403);
    expect((await upload('/api/datasets/preview', leerkracht, BROKEN_CSV)).status).toBe(403);
    expect((await upload('/api/datasets', '', BROKEN_CSV)).status).toBe(401);
    const putNorms = (cookie: string) =>
      ctx.app.request('/api/school/norms', {
        method: 'PUT',
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify(demo.normSet),
      });
    expect((await putNorms(leerkracht)).status).toBe(403);
    expect((await putNorms('')).status).toBe(401);
    // An unknown dataset answers exactly as another school's does.
    expect(await (await get('/api/datasets/nope/analysis', { cookie: leider })).json()).toEqual(
      await (await get(`/api/datasets/${id}/analysis`, { cookie: otherLeider })).json(),
    );
    // Nothing was deleted by the refused calls.
    expect(countOnDisk(id).rows).toBe(demo.results.length);
  });

  it('deleting a dataset removes every pupil row from the database file', async () => {
    const id = await importDemo();
    const keep = await upload('/api/datasets', leider, BROKEN_CSV, { skipRows: '3' });
    const keptId = ((await keep.json()) as { dataset: { id: string } }).dataset.id;
    expect(countOnDisk(id).rows).toBe(demo.results.length);

    const res = await del(`/api/datasets/${id}`, leider);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, removedRows: demo.results.length });

    expect(countOnDisk(id)).toEqual({ datasets: 1, rows: 0 });
    const db = new DatabaseSync(temp.file, { readOnly: true });
    try {
      const rows = db.prepare('SELECT * FROM pupil_results').all();
      const dump = JSON.stringify(rows);
      expect(rows).toHaveLength(3); // the other dataset's rows, untouched
      expect(leaks(dump, demo.pupilIds, demo.names)).toEqual([]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM datasets WHERE id = ?').get(id)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    expect(store.results(keptId)).toHaveLength(3);
    expect((await del(`/api/datasets/${id}`, leider)).status).toBe(404);
    expect((await get(`/api/datasets/${id}/analysis`, { cookie: leider })).status).toBe(404);
  });

  it('records import, view-pupils, export and delete in the audit log, with the actor and without pupil data', async () => {
    const id = await importDemo();
    const pupils = await get(`/api/datasets/${id}/pupils`, { cookie: leerkracht });
    expect(pupils.status).toBe(200);
    const detail = (await pupils.json()) as { results: { pupilName: string }[] };
    expect(detail.results).toHaveLength(demo.results.length);
    expect(detail.results[0]?.pupilName).toBe(demo.results[0]?.pupilName);

    const exported = await get(`/api/datasets/${id}/export.csv`, { cookie: leider });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="Cito-2024-2026.csv"');
    const bytes = new Uint8Array(await exported.arrayBuffer());
    // The export is the canonical CSV of what was imported, with a BOM so Excel reads it as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(DEMO_CSV);

    expect((await del(`/api/datasets/${id}`, leider)).status).toBe(200);

    const entries = ctx.auth.audit.list(schoolId).filter((e) => e.action.startsWith('dataset.'));
    const leerkrachtId = ctx.auth.schools.listMembers(schoolId).find((m) => m.role === 'leerkracht')?.user.id;
    expect(entries.map((e) => [e.action, e.actorUserId, e.subjectId])).toEqual([
      ['dataset.delete', leiderId, id],
      ['dataset.export', leiderId, id],
      ['dataset.view-pupils', leerkrachtId, id],
      ['dataset.import', leiderId, id],
    ]);
    expect(entries.find((e) => e.action === 'dataset.import')?.details).toMatchObject({
      rows: demo.results.length,
      pupils: demo.pupilIds.length,
    });
    const raw = JSON.stringify(temp.db.prepare('SELECT * FROM audit_log').all());
    expect(leaks(raw, demo.pupilIds, demo.names)).toEqual([]);
  });

  describe('aggregates', () => {
    let fullDemo: ReturnType<typeof namedDemoSchool>;
    beforeAll(() => {
      // Six years: cohorts, goals and interventions (with pupil ids in the norms) all appear.
      fullDemo = namedDemoSchool({ seed: 3 });
    });

    it('carry no pupil id or name, and keep the n and small flags', async () => {
      const res = await upload('/api/datasets', leider, resultsToCanonicalCsv(fullDemo.results));
      expect(res.status).toBe(201);
      const { dataset } = (await res.json()) as { dataset: { id: string } };
      const norms = await ctx.app.request('/api/school/norms', {
        method: 'PUT',
        headers: { cookie: leider, origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify(fullDemo.normSet),
      });
      expect(norms.status).toBe(200);

      for (const headers of [{ cookie: leerkracht }] as Record<string, string>[]) {
        const analysis = await get(`/api/datasets/${dataset.id}/analysis`, headers);
        expect(analysis.status).toBe(200);
        const text = await analysis.text();
        const body = JSON.parse(text) as ReportBody;
        expect(leaks(text, fullDemo.pupilIds, fullDemo.names)).toEqual([]);
        expect(text).not.toMatch(/"pupilIds?"|"pupilName"/);
        // The analysis really ran on this school's rows with its norms…
        expect(body.report.data).toMatchObject({
          results: fullDemo.results.length,
          pupils: fullDemo.pupilIds.length,
        });
        expect(body.report.signals.length).toBeGreaterThan(0);
        expect(body.report.zorg.goals.total).toBe(fullDemo.normSet.goals?.length ?? 0);
        expect(body.report.dataQuality.totals.missing).toBeGreaterThan(0);
        expect(body.report.dataQuality.missing[0]).toMatchObject({ missing: expect.any(Number) });
        // …and the subgroups under 5 pupils are flagged (the demo's plus groups are small).
        expect(text).toMatch(/"small":true/);
      }
      // The package's own report does hold pupil ids (data quality, goals): the stripping is what removes them.
      const raw = JSON.stringify(analyseSchool(fullDemo.results, fullDemo.normSet));
      expect(leaks(raw, fullDemo.pupilIds, []).length).toBeGreaterThan(0);
      const kind = await get(
        `/api/datasets/${dataset.id}/analysis?kind=dataQuality&year=2025-2026&moment=M`,
        {
          cookie: leider,
        },
      );
      expect(await kind.json()).toMatchObject({
        kind: 'dataQuality',
        schoolYear: '2025-2026',
        moment: 'M',
        analysis: { totals: expect.any(Object) },
      });
      expect((await get(`/api/datasets/${dataset.id}/analysis?kind=namen`, { cookie: leider })).status).toBe(
        400,
      );
      expect((await get(`/api/datasets/${dataset.id}/analysis?moment=X`, { cookie: leider })).status).toBe(
        400,
      );
    });

    it('flag a group of fewer than 5 pupils and name no pupil (hand-written file)', async () => {
      const res = await upload('/api/datasets', leider, BROKEN_CSV, { skipRows: '3' });
      const { dataset } = (await res.json()) as { dataset: { id: string } };
      const analysis = await get(`/api/datasets/${dataset.id}/analysis?kind=overview`, { cookie: leider });
      const text = await analysis.text();
      const body = JSON.parse(text) as {
        analysis: { rows: { cells: ({ stats: { n: number; small: boolean } } | null)[] }[] };
      };
      const cell = body.analysis.rows[0]?.cells.find((c) => c !== null);
      // 3 pupils (K01, K03, K04) in 5A Spelling M: n = 3 < 5.
      expect(cell?.stats).toMatchObject({ n: 3, small: true });
      expect(leaks(text, BROKEN_CSV_IDS, BROKEN_CSV_NAMES)).toEqual([]);
    });
  });

  it('shows the IB-er the pupils behind data quality and goals (members only, audited)', async () => {
    const id = await importDemo();
    const res = await get(`/api/datasets/${id}/pupil-detail?kind=dataQuality`, { cookie: leerkracht });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      kind: string;
      analysis: { missing: { pupilIds: string[] }[] };
      names: Record<string, string>;
    };
    const missingIds = body.analysis.missing.flatMap((m) => m.pupilIds);
    expect(missingIds.length).toBeGreaterThan(0);
    for (const pupilId of missingIds)
      expect(body.names[pupilId]).toBe(demo.results.find((r) => r.pupilId === pupilId)?.pupilName);
    const board = ctx.auth.services.projectorLinks.create({ boardId: 'b', schoolId, createdBy: leiderId });
    expect(
      (await get(`/api/datasets/${id}/pupil-detail?kind=zorg`, { 'x-koers-projector': board.token })).status,
    ).toBe(403);
    expect((await get(`/api/datasets/${id}/pupil-detail?kind=zorg`, { cookie: otherLeider })).status).toBe(
      404,
    );
    expect((await get(`/api/datasets/${id}/pupil-detail?kind=overview`, { cookie: leider })).status).toBe(
      400,
    );
    const entry = ctx.auth.audit.list(schoolId).find((e) => e.action === 'dataset.view-pupils');
    expect(entry).toMatchObject({ subjectId: id, details: { kind: 'dataQuality' } });
    expect(leaks(JSON.stringify(entry), demo.pupilIds, demo.names)).toEqual([]);
  });

  it('analyses with the school norms as they are now (a saved norm set changes the next analysis)', async () => {
    const id = await importDemo();
    const statusCounts = async () =>
      (
        (await (await get(`/api/datasets/${id}/analysis?kind=overview`, { cookie: leerkracht })).json()) as {
          analysis: { statusCounts: Record<string, number> };
        }
      ).analysis.statusCounts;
    const before = await statusCounts();
    // No norms yet: nothing can be judged.
    expect(Object.keys(before).filter((k) => (before[k] ?? 0) > 0)).toEqual(['geen-norm']);
    expect(await statusCounts()).toEqual(before);
    const put = await ctx.app.request('/api/school/norms', {
      method: 'PUT',
      headers: { cookie: leider, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(demo.normSet),
    });
    expect(put.status).toBe(200);
    const after = await statusCounts();
    expect(after['geen-norm'] ?? 0).toBeLessThan(before['geen-norm'] ?? 0);
  });

  it('stores the school norms (validated with the analysis package) for the leider; members read them', async () => {
    expect(await (await get('/api/school/norms', { cookie: leerkracht })).json()).toEqual({
      norms: null,
      updatedAt: null,
      updatedBy: null,
    });
    const bad = await ctx.app.request('/api/school/norms', {
      method: 'PUT',
      headers: { cookie: leider, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, norms: [{ subject: 'Spelling', minimum: [{ kind: 'raden' }] }] }),
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      error: 'De normen zijn ongeldig; er is niets opgeslagen.',
      errors: [expect.stringContaining("onbekend soort norm 'raden'")],
    });
    const put = await ctx.app.request('/api/school/norms', {
      method: 'PUT',
      headers: { cookie: leider, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(demo.normSet),
    });
    expect(put.status).toBe(200);
    const read = (await (await get('/api/school/norms', { cookie: leerkracht })).json()) as Record<
      string,
      unknown
    >;
    expect(read).toMatchObject({ norms: { version: 1 }, updatedBy: leiderId });
    expect(read.norms).toEqual(((await put.json()) as { norms: unknown }).norms);
    // Setting the norms is audited (the failed attempt stored nothing, so it is not).
    expect(ctx.auth.audit.list(schoolId).filter((e) => e.action === 'norms.update')).toEqual([
      expect.objectContaining({ actorUserId: leiderId, subjectId: schoolId }),
    ]);
    // Another school has its own (none).
    expect(await (await get('/api/school/norms', { cookie: otherLeider })).json()).toMatchObject({
      norms: null,
    });
  });
});
