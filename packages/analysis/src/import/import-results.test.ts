import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatImportError } from './import-error';
import { importCsvText, importResults, type ImportOutcome } from './import-results';
import { previewImport } from './preview';

const HEAD =
  'leerling_id,schooljaar,groep,jaargroep,vak,moment,afnamedatum,vaardigheidsscore,niveau,referentieniveau';
const ROW_A = 'L1,2025-2026,5A,5,Spelling,M,2026-01-27,45,II,';
const ROW_B = 'L2,2025-2026,5A,5,Spelling,M,2026-01-27,38,IV,';

function errorsOf(out: ImportOutcome): string[] {
  if (out.ok) throw new Error('expected errors');
  return out.errors.map(formatImportError);
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('importCsvText', () => {
  it('reads the canonical format without mapping', () => {
    const out = importCsvText([HEAD, ROW_A, ROW_B].join('\n'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.results).toHaveLength(2);
    expect(out.results[0]).toMatchObject({
      pupilId: 'L1',
      schoolYear: '2025-2026',
      className: '5A',
      grade: 5,
      subject: 'Spelling',
      moment: 'M',
      testDate: '2026-01-27',
      score: 45,
      level: 'II',
      row: 2,
    });
    expect(out.columns.unsure).toEqual([]);
  });

  it('names a bad number by row and column as in Excel (header = row 1)', () => {
    const rows = [HEAD, ROW_A, 'L2,2025-2026,5A,5,Spelling,M,2026-01-27,ab,IV,'];
    expect(errorsOf(importCsvText(rows.join('\n')))).toEqual([
      "rij 3, kolom 'vaardigheidsscore': 'ab' is geen getal",
    ]);
  });

  it('rejects a bad level, a bad moment, a bad referentieniveau and a bad date, each on its own', () => {
    const rows = [
      HEAD,
      'L1,2025-2026,5A,5,Spelling,M,2026-01-27,45,F,',
      'L2,2025-2026,5A,5,Spelling,X,2026-01-27,45,II,',
      'L3,2025-2026,5A,5,Spelling,M,2026-01-27,45,II,3F',
      'L4,2025-2026,5A,5,Spelling,M,31-02-2026,45,II,',
    ];
    expect(errorsOf(importCsvText(rows.join('\n')))).toEqual([
      "rij 2, kolom 'niveau': 'F' is geen geldig niveau (I–V of A–E)",
      "rij 3, kolom 'moment': 'X' is geen geldig toetsmoment (B, M of E)",
      "rij 4, kolom 'referentieniveau': '3F' is geen referentieniveau (<1F, 1F, 2F of 1S)",
      "rij 5, kolom 'afnamedatum': '31-02-2026' is geen geldige datum (dd-mm-jjjj)",
    ]);
  });

  it('reports a missing required column on the header row and stores nothing', () => {
    const out = importCsvText('schooljaar,groep,vak,moment,vaardigheidsscore\n2025-2026,5A,Spelling,M,45');
    expect(errorsOf(out)).toEqual([
      "rij 1: kolom ontbreekt: 'leerling (id)' (kies de kolom bij het koppelen of gebruik de standaardkop)",
    ]);
  });

  it('reports an empty required value', () => {
    expect(errorsOf(importCsvText(`${HEAD}\n,2025-2026,5A,5,Spelling,M,2026-01-27,45,II,`))).toEqual([
      "rij 2, kolom 'leerling_id': waarde ontbreekt",
    ]);
  });

  it('refuses an empty file and a file with only a header', () => {
    expect(errorsOf(importCsvText(''))).toEqual(['het bestand is leeg']);
    expect(errorsOf(importCsvText(`${HEAD}\n\n`))).toEqual([
      'rij 2: het bestand bevat alleen een kopregel, geen uitslagen',
    ]);
  });

  it('keeps one of two identical rows with a warning, and refuses conflicting rows naming both', () => {
    const dup = importCsvText([HEAD, ROW_A, ROW_A].join('\n'));
    expect(dup.ok).toBe(true);
    if (dup.ok) {
      expect(dup.results).toHaveLength(1);
      expect(formatImportError(dup.warnings[0]!)).toContain('rij 3: dubbele rij: gelijk aan rij 2');
    }
    const conflict = importCsvText(
      [HEAD, ROW_A, 'L1,2025-2026,5A,5,Spelling,M,2026-01-27,48,II,'].join('\n'),
    );
    expect(errorsOf(conflict)[0]).toBe(
      "rij 3: tegenstrijdige uitslagen: rij 2 en rij 3 gaan over leerling 'L1', Spelling M5 2025-2026 maar verschillen (vaardigheidsscore 45 / 48); sla een van beide rijen over of verbeter het bestand",
    );
  });

  it('treats the same pupil id in two schools of a board file as two pupils', () => {
    const text = `school,${HEAD}\nA,${ROW_A}\nB,${ROW_A}`;
    const out = importCsvText(text);
    expect(out.ok && out.results.map((r) => r.school)).toEqual(['A', 'B']);
  });

  it('imports once the user explicitly skips the named rows', () => {
    const rows = [
      HEAD,
      ROW_A,
      'L1,2025-2026,5A,5,Spelling,M,2026-01-27,48,II,',
      'L9,2025-2026,5A,5,Spelling,M,2026-01-27,ab,II,',
    ];
    expect(importCsvText(rows.join('\n')).ok).toBe(false);
    const out = importCsvText(rows.join('\n'), { skipRows: [3, 4] });
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.results.map((r) => r.score)).toEqual([45]);
      expect(out.skipped).toEqual([3, 4]);
    }
  });

  it('reads a semicolon-separated export with decimal commas and Dutch headers', () => {
    const text = [
      'Leerlingnummer;Leerling;Groep;Toets;Afnamedatum;Vaardigheidsscore;Niveau;Functioneringsniveau;DLE;NT2',
      'L1;Anna;5A;Rekenen-Wiskunde M5;27-01-2026;231,5;II;E5;27;ja',
    ].join('\r\n');
    const out = importCsvText(text);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    // Subject and moment come from the test name "Rekenen-Wiskunde M5"; the school year from the date.
    expect(out.results[0]).toMatchObject({
      pupilId: 'L1',
      pupilName: 'Anna',
      subject: 'Rekenen-Wiskunde',
      moment: 'M',
      grade: 5,
      schoolYear: '2025-2026',
      score: 231.5,
      functioneringsniveau: 'E5',
      dle: 27,
      nt2: true,
    });
  });

  it('names a row with more values than the header (a decimal comma in a comma-separated file)', () => {
    const text =
      'leerling_id,schooljaar,groep,vak,moment,vaardigheidsscore,niveau\nL1,2025-2026,5A,Spelling,M,45,5,II';
    expect(errorsOf(importCsvText(text))).toEqual([
      'rij 2: de rij heeft 8 waarden maar de kopregel 7 kolommen (staat er een komma in een getal zonder aanhalingstekens?)',
    ]);
  });

  it('recognises subject names with a vendor version and a test label', () => {
    const text =
      'leerling_id,schooljaar,groep,toets,vaardigheidsscore\nL1,2025-2026,5A,Rekenen-Wiskunde (2.0) M5,45\nL2,2025-2026,5A,rekenen 3.0 E5,50\nL3,2025-2026,5A,Kijkwijzer M5,3';
    const out = importCsvText(text);
    expect(out.ok && out.results.map((r) => [r.subject, r.moment, r.grade])).toEqual([
      ['Rekenen-Wiskunde', 'M', 5],
      ['Rekenen-Wiskunde', 'E', 5],
      ['Kijkwijzer', 'M', 5],
    ]);
  });

  it('asks about an ambiguous column and accepts an explicit mapping', () => {
    const text = 'Leerlingnummer,Groep,Klas,Vak,Moment,Schooljaar,VS\nL1,5A,5A,Spelling,M,2025-2026,45';
    const out = importCsvText(text);
    expect(errorsOf(out)).toContain(
      "rij 1: meerdere kolommen passen bij 'groep/klas': 'Groep', 'Klas'; kies er één bij het koppelen",
    );
    const mapped = importCsvText(text, { mapping: { className: 'Klas' } });
    expect(mapped.ok).toBe(true);
    // "VS" is a known abbreviation of vaardigheidsscore.
    if (mapped.ok) expect(mapped.results[0]?.score).toBe(45);
  });

  it('maps an unknown header only when the user says so', () => {
    const text = 'Leerlingnummer,Groep,Vak,Moment,Schooljaar,Resultaat\nL1,5A,Spelling,M,2025-2026,45';
    expect(importCsvText(text).ok).toBe(false);
    const out = importCsvText(text, { mapping: { score: 'Resultaat' } });
    expect(out.ok && out.results[0]?.score).toBe(45);
  });

  it('rejects a bad jaargroep, school year, yes/no value and domain score', () => {
    const head = 'leerling_id,schooljaar,groep,jaargroep,vak,moment,vaardigheidsscore,nt2,domein:getallen';
    const rows = [
      head,
      'L1,2025-2026,9A,9,Spelling,M,45,nee,',
      'L2,2025,5A,5,Spelling,M,45,nee,',
      'L3,2025-2026,5A,5,Spelling,M,45,misschien,',
      'L4,2025-2026,5A,5,Spelling,M,45,ja,12a',
    ];
    expect(errorsOf(importCsvText(rows.join('\n')))).toEqual([
      "rij 2, kolom 'jaargroep': '9' is geen jaargroep (1 tot en met 8)",
      "rij 3, kolom 'schooljaar': '2025' is geen schooljaar (zoals 2025-2026)",
      "rij 4, kolom 'nt2': 'misschien' is geen ja/nee",
      "rij 5, kolom 'domein:getallen': '12a' is geen getal",
    ]);
  });

  it('needs a jaargroep column for a combinatiegroep, and a moment when the test name has none', () => {
    const text =
      'leerling_id,schooljaar,groep,vak,vaardigheidsscore\nL1,2025-2026,5/6,Spelling M5,45\nL2,2025-2026,5/6,Spelling,45';
    expect(errorsOf(importCsvText(text))).toEqual([
      "rij 3, kolom 'groep': jaargroep niet af te leiden uit '5/6' (voeg een kolom jaargroep toe)",
      "rij 3, kolom 'vak': toetsmoment ontbreekt (geen kolom moment en geen toetsnaam zoals M5)",
    ]);
  });

  it('reports an unclosed quote with its row', () => {
    const text = [HEAD, ROW_A, 'L2,2025-2026,5A,5,"Spelling,M,2026-01-27,38,IV,'].join('\n');
    expect(errorsOf(importCsvText(text))).toContain('rij 3: aanhalingsteken niet afgesloten');
  });

  it('names an explicitly chosen column that the file does not have', () => {
    expect(errorsOf(importCsvText([HEAD, ROW_A].join('\n'), { mapping: { score: 'VS rekenen' } }))).toEqual([
      "rij 1, kolom 'VS rekenen': deze kolom bestaat niet in het bestand (gekozen voor 'vaardigheidsscore')",
    ]);
  });

  it('keeps a row without any outcome as a missing result, with a warning', () => {
    const out = importCsvText([HEAD, ROW_A, 'L2,2025-2026,5A,5,Spelling,M,2026-01-27,,,'].join('\n'));
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.results[1]).toMatchObject({ pupilId: 'L2', score: null, level: null });
      expect(formatImportError(out.warnings[0]!)).toBe(
        'rij 3: geen uitslag (geen vaardigheidsscore, niveau of referentieniveau): telt als ontbrekend resultaat',
      );
    }
  });

  it('reports progress up to 1', () => {
    const rows = [HEAD];
    for (let i = 0; i < 3000; i++)
      rows.push(`L${i},2025-2026,5A,5,Spelling,M,2026-01-27,${40 + (i % 10)},II,`);
    const seen: number[] = [];
    const out = importCsvText(rows.join('\n'), { onProgress: (p) => seen.push(p.fraction) });
    expect(out.ok && out.results.length).toBe(3000);
    expect(seen[seen.length - 1]).toBe(1);
  });
});

describe('importResults (bytes)', () => {
  it('decodes Windows-1252 (ë in a name) when the bytes are not UTF-8', async () => {
    const text = `leerling_id,naam,schooljaar,groep,vak,moment,vaardigheidsscore\nL1,Zoë,2025-2026,5A,Spelling,M,45\n`;
    const b = Uint8Array.from([...text].map((c) => (c === 'ë' ? 0xeb : c.charCodeAt(0))));
    const out = await importResults(b);
    expect(out.ok && out.results[0]?.pupilName).toBe('Zoë');
  });

  it('reads UTF-8 with a BOM', async () => {
    const out = await importResults(
      bytes(
        `\uFEFFleerling_id,naam,schooljaar,groep,vak,moment,vaardigheidsscore\nL1,Zoë,2025-2026,5A,Spelling,M,45\n`,
      ),
    );
    expect(out.ok && out.results[0]?.pupilName).toBe('Zoë');
  });

  it('refuses bytes that are text in no supported encoding, naming the row', async () => {
    const b = new Uint8Array([...bytes('leerling_id,vak\nL1,Spe'), 0x81, ...bytes('lling\n')]);
    const out = await importResults(b);
    expect(errorsOf(out)).toEqual([
      'rij 2: onbekende tekenset: byte 0x81 is geen tekst in UTF-8 of Windows-1252 (is dit wel een CSV-bestand?)',
    ]);
    expect(errorsOf(await importResults(new Uint8Array([0x00, 0x01, 0x02])))[0]).toContain(
      'onbekende tekenset',
    );
  });

  it('parses in chunks, yielding between them, with progress per chunk', async () => {
    const rows = [HEAD];
    for (let i = 0; i < 2000; i++)
      rows.push(`L${i},2025-2026,5A,5,Spelling,M,2026-01-27,${40 + (i % 10)},II,`);
    const seen: number[] = [];
    const out = await importResults(bytes(rows.join('\n')), {
      chunkSize: 10_000,
      onProgress: (p) => seen.push(p.fraction),
    });
    expect(out.ok && out.results.length).toBe(2000);
    // ~120 kB in chunks of 10 kB: more than ten progress reports, increasing up to 1.
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('refuses an empty file', async () => {
    expect(errorsOf(await importResults(new Uint8Array()))).toEqual(['het bestand is leeg']);
  });

  it('reads XLSX, with dates and numbers as Excel cells and Excel row numbers in errors', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Uitslagen');
    ws.addRow(['Leerlingnummer', 'Groep', 'Vak', 'Moment', 'Afnamedatum', 'Vaardigheidsscore', 'Niveau']);
    ws.addRow(['L1', '5A', 'Spelling', 'M', new Date(Date.UTC(2026, 0, 27)), 45.5, 'II']);
    ws.addRow(['L2', '5A', 'Spelling', 'M', new Date(Date.UTC(2026, 0, 27)), 'ab', 'III']);
    const buf = new Uint8Array(await wb.xlsx.writeBuffer());
    const out = await importResults(buf);
    expect(errorsOf(out)).toEqual(["rij 3, kolom 'Vaardigheidsscore': 'ab' is geen getal"]);
    const ok = await importResults(buf, { skipRows: [3] });
    expect(ok.ok && ok.format).toBe('xlsx');
    if (ok.ok)
      expect(ok.results[0]).toMatchObject({
        testDate: '2026-01-27',
        schoolYear: '2025-2026',
        score: 45.5,
        level: 'II',
      });
  });

  it('refuses a damaged XLSX file', async () => {
    const out = await importResults(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(errorsOf(out)).toEqual(['het bestand is geen geldig Excel-bestand (.xlsx)']);
  });
});

describe('previewImport', () => {
  it('shows encoding, delimiter, the understood columns with their doubts, and sample rows', async () => {
    const text = 'Leerling;Groep;Toets;Score\r\nL1;5A;Spelling M5;45,5\r\nL2;5A;Spelling M5;40\r\n';
    const p = await previewImport(new TextEncoder().encode(text), { sampleRows: 1 });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      sample: [['L1', '5A', 'Spelling M5', '45,5']],
    });
    expect(p.columns.fields).toEqual({ pupilId: 0, className: 1, subject: 2, score: 3 });
    // "Leerling" and "Score" are guesses the user should confirm.
    expect(p.columns.unsure.map((u) => [u.field, u.header])).toEqual([
      ['pupilId', 'Leerling'],
      ['score', 'Score'],
    ]);
  });

  it('refuses an empty file', async () => {
    expect((await previewImport(new Uint8Array())).ok).toBe(false);
  });
});
