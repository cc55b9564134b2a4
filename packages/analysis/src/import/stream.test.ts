import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resultsToCanonicalCsv } from './canonical-csv';
import { generateDemoSchool } from '../demo/demo-school';
import { formatImportError } from './import-error';
import { importResults, type ImportOutcome } from './import-results';
import { importStream } from './stream';

async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

/** The streamed outcome must equal the whole-file outcome, for every chunk size. */
async function same(bytes: Uint8Array, sizes = [1, 3, 7, 64, 1 << 20]): Promise<ImportOutcome> {
  const whole = await importResults(bytes);
  for (const size of sizes)
    expect(await importStream(chunks(bytes, size)), `chunks of ${size}`).toEqual(whole);
  return whole;
}

const HEAD = 'leerling_id;naam;schooljaar;groep;vak;moment;vaardigheidsscore;labels';

describe('importStream', () => {
  it('gives the same results as the whole-file import, whatever the chunk size', async () => {
    const text = [
      HEAD,
      'L1;Zoë;2025-2026;5A;Spelling;M;45,5;"dyslexie;zij-instromer"',
      '',
      'L2;"Daan ""de"" Vries";2025-2026;5A;Spelling;M;40;',
      'L3;"Lévi',
      'Jansen";2025-2026;5A;Spelling;M;41;',
    ].join('\r\n');
    const out = await same(enc(`\uFEFF${text}\r\n`));
    expect(out.ok && out.results.map((r) => [r.row, r.pupilName, r.score, r.tags])).toEqual([
      [2, 'Zoë', 45.5, ['dyslexie', 'zij-instromer']],
      [4, 'Daan "de" Vries', 40, []],
      [5, 'Lévi\r\nJansen', 41, []],
    ]);
  });

  it('reads Windows-1252 and reports errors with the same rows', async () => {
    await same(latin1(`${HEAD}\nL1;Zoë;2025-2026;5A;Spelling;M;45;\n`));
    const bad = await same(
      enc(`${HEAD}\nL1;A;2025-2026;5A;Spelling;M;ab;\nL2;B;2025-2026;5A;Spelling;X;40;\n`),
    );
    expect(bad.ok ? [] : bad.errors.map(formatImportError)).toEqual([
      "rij 2, kolom 'vaardigheidsscore': 'ab' is geen getal",
      "rij 3, kolom 'moment': 'X' is geen geldig toetsmoment (B, M of E)",
    ]);
  });

  it('matches on a whole demo school and reports progress up to 1', async () => {
    const csv = enc(resultsToCanonicalCsv(generateDemoSchool({ seed: 5, schoolYears: 2 }).results));
    const fractions: number[] = [];
    const streamed = await importStream(chunks(csv, 4096), {
      totalBytes: csv.length,
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(streamed).toEqual(await importResults(csv));
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('refuses a file that switches from UTF-8 to other bytes, and foreign bytes with their row', async () => {
    const mixed = new Uint8Array([
      ...enc(`${HEAD}\nL1;Zoë;2025-2026;5A;Spelling;M;45;\n`),
      ...latin1('L2;Zoë;2025-2026;5A;Spelling;M;45;\n'),
    ]);
    const out = await importStream(chunks(mixed, 40));
    expect(out.ok ? [] : out.errors.map(formatImportError)).toEqual([
      'rij 3: gemengde tekenset: het bestand is UTF-8, maar deze rij bevat byte 0xeb die geen UTF-8 is; sla het bestand opnieuw op als UTF-8',
    ]);
    const nul = await importStream(chunks(new Uint8Array([...enc(`${HEAD}\nL1;`), 0, 0x41]), 5));
    expect(nul.ok ? [] : nul.errors.map(formatImportError)).toEqual([
      'rij 2: onbekende tekenset: byte 0x00 is geen tekst in UTF-8 of Windows-1252 (is dit wel een CSV-bestand?)',
    ]);
  });

  it('hands XLSX and empty input to the whole-file import', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['leerling_id', 'schooljaar', 'groep', 'vak', 'moment', 'vaardigheidsscore']);
    ws.addRow(['L1', '2025-2026', '5A', 'Spelling', 'M', 45]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const out = await importStream(chunks(xlsx, 100));
    expect(out.ok && [out.format, out.results[0]?.score]).toEqual(['xlsx', 45]);
    expect(await importStream(chunks(new Uint8Array(), 10))).toEqual(await importResults(new Uint8Array()));
  });
});
