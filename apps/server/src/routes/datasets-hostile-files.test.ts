/**
 * The import routes against large and hostile files, on the real app: a large valid CSV is read in a
 * worker without holding up the event loop; a sheet that claims a million rows, a zip bomb and a 10 MB
 * "name" are refused quickly in Dutch; nothing is stored when anything is wrong; the export neutralises
 * cells that would run as formulas in Excel.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { zipWithEntry } from '@koers/analysis/testing/zip-bomb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, login, ORIGIN, tempDatabase, testApp } from '../auth/testing';
import { createDatasetStore } from '../datasets/dataset-store';
import { FILENAME_HEADER } from '../datasets/upload';
import { xlsxFile } from '../datasets/testing';
import { createDatasetRoutes } from './datasets.routes';

const HEAD = 'leerling_id;naam;schooljaar;groep;vak;moment;vaardigheidsscore';
const XHEAD = HEAD.split(';');
const SUBJECTS = ['Spelling', 'Rekenen-Wiskunde', 'Begrijpend lezen', 'Technisch lezen'];
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * A valid CSV of `rows` results, ≈ 60 bytes a row: 8 rows per pupil (4 subjects × M and E), one school
 * year per 8 pupils' block, so every pupil × subject × year × moment is distinct.
 */
function largeCsv(rows: number): Uint8Array {
  const lines = [HEAD];
  for (let i = 0; i < rows; i++) {
    const pupil = Math.floor(i / 8);
    const year = 2020 + (pupil % 5);
    lines.push(
      `P${pupil};Leerling ${pupil};${year}-${year + 1};${(pupil % 8) + 1}A;${SUBJECTS[(i >> 1) % 4]};${i % 2 ? 'M' : 'E'};${100 + (i % 50)}`,
    );
  }
  return enc(`${lines.join('\n')}\n`);
}

interface ImportAnswer {
  error?: string;
  errorCount?: number;
  errors?: { row: number | null; column: string | null; text: string }[];
  dataset?: { id: string; rowCount: number };
}

describe('dataset import against large and hostile files', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let ctx: ReturnType<typeof testApp>;
  let leider: string;

  beforeEach(async () => {
    temp = tempDatabase();
    ctx = testApp(temp.db);
    const store = createDatasetStore(temp.db);
    ctx.app.route('/', createDatasetRoutes({ store, audit: ctx.auth.audit, withActor: ctx.auth.withActor }));
    const schoolId = ctx.auth.schools.createSchool('De Regenboog').id;
    const l = await addMember(ctx.auth, schoolId, 'ib@regenboog.nl', 'leider');
    leider = await login(ctx.app, l.user.email, l.password);
  });
  afterEach(() => temp.cleanup());

  /**
   * The raw file as the body, with its length as a browser sends it (without it, the body-limit
   * middleware counts the in-memory body chunk by chunk, a cost of the test harness, not of an upload).
   */
  async function post(
    file: Uint8Array,
    fileName = 'resultaten.csv',
  ): Promise<{ status: number; body: ImportAnswer; size: number }> {
    const res = await ctx.app.request('/api/datasets', {
      method: 'POST',
      headers: {
        cookie: leider,
        origin: ORIGIN,
        [FILENAME_HEADER]: fileName,
        'content-length': String(file.length),
      },
      body: file,
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as ImportAnswer, size: text.length };
  }

  function stored(): { datasets: number; rows: number } {
    const db = new DatabaseSync(temp.file, { readOnly: true });
    try {
      const n = (sql: string): number => Number((db.prepare(sql).get() as { n: number }).n);
      return {
        datasets: n('SELECT COUNT(*) AS n FROM datasets'),
        rows: n('SELECT COUNT(*) AS n FROM pupil_results'),
      };
    } finally {
      db.close();
    }
  }

  it('imports a large valid CSV without holding up the event loop', async () => {
    const rows = 370_000;
    const csv = largeCsv(rows);
    expect(csv.length).toBeGreaterThan(20_000_000);
    // Two views of the same thing: the delay histogram, and the largest gap between 5 ms ticks.
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    let last = performance.now();
    let maxGap = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    histogram.enable();
    const started = performance.now();
    const { status, body } = await post(csv);
    const took = performance.now() - started;
    histogram.disable();
    clearInterval(tick);
    console.log(
      `large CSV ${(csv.length / 1e6).toFixed(1)} MB, ${rows} rows: ${took.toFixed(0)} ms; max event-loop delay ${(histogram.max / 1e6).toFixed(0)} ms, max gap between 5 ms ticks ${maxGap.toFixed(0)} ms`,
    );
    expect(status, body.error).toBe(201);
    expect(body.dataset?.rowCount).toBe(rows);
    expect(stored()).toEqual({ datasets: 1, rows });
    // Before the worker, the main thread was blocked for the whole import (3.6 s for 45 MB). On an idle
    // machine the largest gap is ≈ 100–300 ms (reading the 20 MB body, storing a slice); the bound leaves
    // room for the shared build machine, where load averages of 10–15 stretch every slice.
    expect(maxGap).toBeLessThan(750);
  }, 60_000);

  it('refuses a 1.7 kB sheet with a cell at XFD1048576 quickly, in Dutch, without expanding it', async () => {
    const file = await xlsxFile([XHEAD, ['L1', 'Anna', '2025-2026', '5A', 'Spelling', 'M', 45]], (sheet) => {
      sheet.getCell('XFD1048576').value = 'x';
    });
    expect(file.length).toBeLessThan(10_000);
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const { status, body } = await post(file, 'resultaten.xlsx');
    const took = performance.now() - started;
    const grew = (process.memoryUsage().rss - rss) / 1024 / 1024;
    console.log(`XFD1048576 sheet refused in ${took.toFixed(0)} ms, RSS +${grew.toFixed(0)} MB`);
    expect(status).toBe(422);
    expect(body.errors?.map((e) => e.text)).toEqual([
      'het werkblad (sheet1.xml) loopt tot rij 1.048.576; een import mag hoogstens 1.000.000 rijen hebben (staat er iets ver onder de tabel?)',
    ]);
    expect(took).toBeLessThan(5000);
    expect(grew).toBeLessThan(150); // exceljs expanding it took 249 MB
    expect(stored()).toEqual({ datasets: 0, rows: 0 });
  });

  it('refuses a zip bomb quickly, in Dutch, by counting what it inflates to', async () => {
    const base = await xlsxFile([XHEAD, ['L1', 'Anna', '2025-2026', '5A', 'Spelling', 'M', 45]]);
    // It declares 0 bytes unpacked, so only counting while inflating catches it.
    const bomb = await zipWithEntry(
      base,
      'xl/worksheets/sheet2.xml',
      '<c t="inlineStr"><is><t>x</t></is></c>',
      400 * 1024 * 1024,
      0,
    );
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const { status, body } = await post(bomb, 'resultaten.xlsx');
    const took = performance.now() - started;
    const grew = (process.memoryUsage().rss - rss) / 1024 / 1024;
    console.log(
      `zip bomb (${(bomb.length / 1e6).toFixed(2)} MB → 400 MB) refused in ${took.toFixed(0)} ms, RSS +${grew.toFixed(0)} MB`,
    );
    expect(status).toBe(422);
    expect(body.errors?.map((e) => e.text)).toEqual([
      'het Excel-bestand is uitgepakt groter dan 200 MB; bewaar alleen het werkblad met de uitslagen, of exporteer als CSV',
    ]);
    expect(took).toBeLessThan(10_000);
    expect(grew).toBeLessThan(200);
    expect(stored()).toEqual({ datasets: 0, rows: 0 });
  });

  it('refuses a 10 MB pupil name with its row and column, and answers small', async () => {
    const name = 'A'.repeat(10 * 1024 * 1024);
    const file = enc(`${HEAD}\nL1;Anna;2025-2026;5A;Spelling;M;45\nL2;${name};2025-2026;5A;Spelling;M;40\n`);
    const { status, body, size } = await post(file);
    expect(status).toBe(422);
    expect(body.errors?.map((e) => e.text)).toEqual([
      "rij 3, kolom 'naam': de waarde is te lang (10.485.760 tekens; maximaal 200)",
    ]);
    expect(size).toBeLessThan(10_000);
    expect(stored()).toEqual({ datasets: 0, rows: 0 });
  });

  it('names the first 100 of 5,000 errors, counts them all, and stores nothing', async () => {
    const lines = [HEAD];
    for (let i = 0; i < 5000; i++) lines.push(`L${i};Anna;2025-2026;5A;Spelling;M;ab`);
    const { status, body, size } = await post(enc(lines.join('\n')));
    expect(status).toBe(422);
    expect(body.errorCount).toBe(5000);
    expect(body.errors).toHaveLength(100);
    expect(body.error).toMatch(/^Het bestand bevat 5000 fouten; er is niets opgeslagen/);
    expect(body.errors?.[0]?.text).toBe("rij 2, kolom 'vaardigheidsscore': 'ab' is geen getal");
    expect(size).toBeLessThan(50_000);
    expect(stored()).toEqual({ datasets: 0, rows: 0 });
  });

  it('refuses mixed encodings, formula cells without a value and Excel errors; never a library text', async () => {
    const mixed = new Uint8Array([
      ...enc(`${HEAD}\nL1;Zoë;2025-2026;5A;Spelling;M;45\n`),
      ...[...'L2;Noë;2025-2026;5A;Spelling;M;40\n'].map((c) => c.charCodeAt(0)),
    ]);
    const m = await post(mixed);
    expect(m.status).toBe(422);
    expect(m.body.errors?.map((e) => e.text)).toEqual([
      'rij 3: gemengde tekenset: het bestand is UTF-8, maar deze rij bevat byte 0xeb die geen UTF-8 is; sla het bestand opnieuw op als UTF-8',
    ]);
    const formulas = await xlsxFile(
      [
        XHEAD,
        ['L1', 'Anna', '2025-2026', '5A', 'Spelling', 'M', 45],
        ['L2', 'Bo', '2025-2026', '5A', 'Spelling', 'M', 40],
      ],
      (sheet) => {
        sheet.getCell('B2').value = { formula: 'A1&"x"' };
        sheet.getCell('G3').value = { error: '#N/A' };
      },
    );
    const f = await post(formulas, 'resultaten.xlsx');
    expect(f.status).toBe(422);
    expect(f.body.errors?.map((e) => [e.row, e.column])).toEqual([
      [2, 'naam'],
      [3, 'vaardigheidsscore'],
    ]);
    expect(JSON.stringify(f.body)).not.toContain('[object Object]');
    const damaged = await post(formulas.slice(0, 400), 'resultaten.xlsx');
    expect(damaged.body.errors?.map((e) => e.text)).toEqual([
      'het bestand is geen geldig Excel-bestand (.xlsx)',
    ]);
    expect(stored()).toEqual({ datasets: 0, rows: 0 });
  });

  it('exports names that look like formulas with an apostrophe, numbers as numbers', async () => {
    const hostile = [
      '=HYPERLINK("http://x.nl","klik")',
      "=cmd|' /C calc'!A0",
      '+31 6 1234',
      '-Jan',
      '@SUM(A1)',
    ];
    const file = [
      `${HEAD};domein:getallen`,
      ...hostile.map((n, i) => `L${i};"${n.replace(/"/g, '""')}";2025-2026;5A;Spelling;M;45;-2,5`),
    ].join('\n');
    const { status, body } = await post(enc(file));
    expect(status, body.error).toBe(201);
    const res = await ctx.app.request(`/api/datasets/${body.dataset!.id}/export.csv`, {
      headers: { cookie: leider },
    });
    const csv = await res.text();
    const cells = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1)
      .flatMap((line) => line.match(/"(?:[^"]|"")*"|[^,]+|(?<=,)(?=,|$)/g) ?? [])
      .map((c) => c.replace(/^"|"$/g, '').replace(/""/g, '"'));
    for (const c of cells) expect(/^[=+@\t\r]/.test(c) || /^-(?!\d+(\.\d+)?$)/.test(c), c).toBe(false);
    for (const n of hostile) expect(cells).toContain(`'${n}`);
    expect(cells.filter((c) => c === '-2.5')).toHaveLength(hostile.length);
  });
});
