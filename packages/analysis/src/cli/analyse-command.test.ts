import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../run-analysis';
import { analyseCommand } from './analyse-command';

/** Runs the command capturing stdout and stderr. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string | Uint8Array) => (
    (out += String(c)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => (
    (err += String(c)),
    true
  )) as typeof process.stderr.write;
  try {
    const code = await analyseCommand(args);
    return { code, out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

describe('koers analyse', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'koers-analyse-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('analyses the generated demo school written as canonical CSV, with its norms', async () => {
    const w = await run(['--write-demo', dir, '--seed', '42']);
    expect(w.code).toBe(0);
    const csv = join(dir, 'demo-school.csv');
    const norms = join(dir, 'demo-normen.json');
    const json = await run([
      csv,
      '--norms',
      norms,
      '--year',
      '2025-2026',
      '--moment',
      'E',
      '--format',
      'json',
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as AnalysisReport;
    expect(report.version).toBe(1);
    expect(report).toMatchObject({ schoolYear: '2025-2026', moment: 'E', school: 'De Koerswijzer' });
    expect(report.data.subjects).toHaveLength(4);
    expect(report.overview.rows.length).toBeGreaterThanOrEqual(6);
    expect(report.signals.some((s) => s.text.startsWith('Spelling E6: structurele daling'))).toBe(true);
    const md = await run([csv, '--norms', norms, '--moment', 'M']);
    expect(md.code).toBe(0);
    expect(md.out).toContain('# Opbrengst- en trendanalyse De Koerswijzer — M-toetsen 2025-2026');
    expect(md.out).toContain('## Kwaliteitskaart stap 2 — Overzicht alle groepen × alle toetsen');
    expect(md.out).toContain('## Inspectie-indicatoren (groep 8)');
  });

  it('analyses the hand-made example in the canonical format (examples/) with hand-computed statuses', async () => {
    const here = fileURLToPath(new URL('../../examples/', import.meta.url));
    const r = await run([
      join(here, 'canonical-example.csv'),
      '--norms',
      join(here, 'normen-example.json'),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as AnalysisReport;
    expect(report).toMatchObject({ schoolYear: '2025-2026', moment: 'M', data: { results: 20, pupils: 10 } });
    const rows = report.overview.rows.map((row) => [row.label, ...row.cells.map((c) => c?.status)]);
    // Spelling groep 5: I–III 6/10 = 60% (≥ 60) and V 1/10 = 10% (≤ 15) → streef; 60 < 70 → not ambitie.
    //   5A: 3/5 = 60% but V 1/5 = 20% > 15 → minimum. 5B: 3/5 = 60%, V 0% → streef.
    // Rekenen groep 5: I–III 4/10 = 40% < 50 → onder-minimum. 5A: 3/5 = 60%, V 2/5 = 40% → minimum;
    //   5B: 1/5 = 20% → onder-minimum.
    expect(report.overview.subjects).toEqual(['Rekenen-Wiskunde', 'Spelling']);
    expect(rows).toEqual([
      ['groep 5', 'onder-minimum', 'streef'],
      ['5A', 'minimum', 'minimum'],
      ['5B', 'onder-minimum', 'streef'],
    ]);
    // Spelling mean (140+135+130+125+120+134+130+129+124+123)/10 = 1290/10 = 129
    expect(report.overview.rows[0]?.cells[1]?.stats.mean).toBe(129);
    // Rekenen is the only test below minimum in groep 5 → limited to one test.
    expect(report.signals.map((s) => [s.kind, s.subject, s.scope])).toEqual([
      ['onder-minimum', 'Rekenen-Wiskunde', 'één toets'],
    ]);
    // NT2: a1 and b1 → n = 2, flagged as small.
    const nt2 = report.resultsVsNorms.groups.find((g) => g.subgroup === 'nt2' && g.subject === 'Spelling');
    expect(nt2?.stats).toMatchObject({ n: 2, small: true, mean: 137 }); // (140 + 134) / 2
  });

  it('exits non-zero on an invalid file and lists every error with row and column', async () => {
    const bad = join(dir, 'fout.csv');
    await writeFile(
      bad,
      'Leerlingnummer;Groep;Vak;Moment;Schooljaar;Vaardigheidsscore;Niveau\nL1;5A;Spelling;M;2025-2026;ab;II\nL2;5A;Spelling;Q;2025-2026;40;VI\n',
    );
    const r = await run([bad]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('3 fouten; er is niets opgeslagen.');
    expect(r.err).toContain("rij 2, kolom 'Vaardigheidsscore': 'ab' is geen getal");
    expect(r.err).toContain("rij 3, kolom 'Moment': 'Q' is geen geldig toetsmoment (B, M of E)");
    expect(r.err).toContain("rij 3, kolom 'Niveau': 'VI' is geen geldig niveau (I–V of A–E)");
    // Skipping only row 2 leaves the errors of row 3: still nothing is stored.
    expect((await run([bad, '--skip-rows', '2'])).code).toBe(1);
  });

  it('rejects wrong usage and a broken norms file', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['x.csv', '--format', 'pdf'])).code).toBe(2);
    const norms = join(dir, 'normen.json');
    await writeFile(
      norms,
      JSON.stringify({ version: 1, norms: [{ subject: 'Spelling', minimum: [{ kind: 'x' }] }] }),
    );
    const r = await run(['--demo', '--norms', norms]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("norms[0].minimum[0].kind: onbekend soort norm 'x'");
    expect((await readFile(join(dir, 'demo-school.csv'), 'utf8')).split('\n')[0]).toBe(
      'school,leerling_id,naam,schooljaar,groep,jaargroep,vak,moment,afnamedatum,vaardigheidsscore,niveau,functioneringsniveau,referentieniveau,dl,dle,nt2,ondersteuning,plus,labels,domein:Samenvatten,domein:Verbanden leggen,domein:Woordenschat',
    );
  });
});
