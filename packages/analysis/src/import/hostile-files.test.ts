/**
 * Files that are large, broken or made to hurt: limits named in Dutch, capped error lists, per-file
 * encoding detection, XLSX cells without a value, zip bombs, and export cells that would run as formulas.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resultsToCanonicalCsv } from './canonical-csv';
import { decodeText } from './decode';
import { formatImportError } from './import-error';
import { importResults, type ImportOutcome } from './import-results';
import { previewImport } from './preview';
import { spreadsheetSafe } from './spreadsheet-safe';
import { importStream } from './stream';

const HEAD = 'leerling_id;naam;schooljaar;groep;vak;moment;vaardigheidsscore';
const row = (id: string, name: string, score = '45'): string =>
  `${id};${name};2025-2026;5A;Spelling;M;${score}`;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const cat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

function errorsOf(out: ImportOutcome): string[] {
  if (out.ok) throw new Error('expected errors');
  return out.errors.map(formatImportError);
}

async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Whole-file and streamed imports must agree for every chunk size (a split UTF-8 character included). */
async function agree(bytes: Uint8Array): Promise<ImportOutcome> {
  const whole = await importResults(bytes);
  for (const size of [1, 2, 3, 5, 17, 64, 1 << 20])
    expect(await importStream(chunks(bytes, size)), `chunks of ${size}`).toEqual(whole);
  return whole;
}

async function xlsx(
  rows: ExcelJS.CellValue[][],
  edit?: (ws: ExcelJS.Worksheet) => void,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Uitslagen');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const XHEAD = ['leerling_id', 'naam', 'schooljaar', 'groep', 'vak', 'moment', 'vaardigheidsscore'];

describe('limits', () => {
  it('refuses a file over the size limit before reading it, in both paths', async () => {
    const file = enc(`${HEAD}\n${row('L1', 'Anna')}\n`);
    const limits = { maxBytes: 20 };
    const whole = await importResults(file, { limits });
    expect(errorsOf(whole)).toEqual(['het bestand is te groot: maximaal 0 MB']);
    const big = { maxBytes: 1024 * 1024 };
    const over = new Uint8Array(1024 * 1024 + 1).fill(0x41);
    expect(errorsOf(await importResults(over, { limits: big }))).toEqual([
      'het bestand is te groot: maximaal 1 MB',
    ]);
    expect(errorsOf(await importStream(chunks(over, 4096), { limits: big }))).toEqual([
      'het bestand is te groot: maximaal 1 MB',
    ]);
    const preview = await previewImport(over, { limits: big });
    expect(preview.ok ? null : preview.error.message).toBe('het bestand is te groot: maximaal 1 MB');
  });

  it('refuses a pupil name over 200 characters with its row and column, quoting only its start', async () => {
    const name = 'x'.repeat(10 * 1024 * 1024);
    const out = await importResults(enc(`${HEAD}\n${row('L1', 'Anna')}\n${row('L2', name)}\n`));
    expect(errorsOf(out)).toEqual([
      "rij 3, kolom 'naam': de waarde is te lang (10.485.760 tekens; maximaal 200)",
    ]);
    expect(out.ok ? null : out.errors[0]!.value).toBe(`${'x'.repeat(60)}…`);
    expect(JSON.stringify(out).length).toBeLessThan(10_000);
  });

  it('lets a long note in a column Koers ignores pass, up to Excel’s own cell limit', async () => {
    const file = `${HEAD};opmerking\n${row('L1', 'Anna')};${'n'.repeat(5000)}\n${row('L2', 'Bo')};${'n'.repeat(40_000)}\n`;
    expect(errorsOf(await importResults(enc(file)))).toEqual([
      "rij 3, kolom 'opmerking': de waarde is te lang (40.000 tekens; maximaal 32767)",
    ]);
  });

  it('stops at the row limit and at the column limit', async () => {
    const rows = [HEAD, row('L1', 'A'), row('L2', 'B'), row('L3', 'C')].join('\n');
    expect(errorsOf(await importResults(enc(rows), { limits: { maxRows: 2 } }))).toEqual([
      'rij 4: het bestand heeft meer dan 2 rijen met uitslagen; splits het, bijvoorbeeld per schooljaar',
    ]);
    const wide = `${HEAD};${Array.from({ length: 300 }, (_, i) => `x${i}`).join(';')}\n${row('L1', 'A')}\n`;
    expect(errorsOf(await importResults(enc(wide)))).toEqual([
      'rij 1: de kopregel heeft 307 kolommen; een import mag hoogstens 250 kolommen hebben',
    ]);
  });

  it('keeps the first 100 errors in file order and counts them all', async () => {
    const lines = [HEAD];
    for (let i = 0; i < 5000; i++) lines.push(row(`L${i}`, 'A', 'ab'));
    const out = await importResults(enc(lines.join('\n')));
    if (out.ok) throw new Error('expected errors');
    expect(out.errorCount).toBe(5000);
    expect(out.errors).toHaveLength(100);
    expect(out.errors.map((e) => e.row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(formatImportError(out.errors[0]!)).toBe("rij 2, kolom 'vaardigheidsscore': 'ab' is geen getal");
  });
});

describe('encodings', () => {
  it('reads clean UTF-8 and clean Windows-1252 alike, in both paths', async () => {
    for (const bytes of [enc(`${HEAD}\n${row('L1', 'Zoë')}\n`), latin1(`${HEAD}\n${row('L1', 'Zoë')}\n`)]) {
      const out = await agree(bytes);
      expect(out.ok && out.results[0]!.pupilName).toBe('Zoë');
    }
  });

  it('refuses UTF-8 with one Windows-1252 byte instead of storing mojibake, naming the first bad row', async () => {
    // Rows 2 and 4 are UTF-8 ("Zoë" = 5a 6f c3 ab), row 3 holds one Windows-1252 "ë" (0xeb).
    const file = cat(
      enc(`${HEAD}\n${row('L1', 'Zoë')}\n`),
      latin1(`${row('L2', 'Noë')}\n`),
      enc(`${row('L3', 'Loïs')}\n`),
    );
    const out = await agree(file);
    expect(errorsOf(out)).toEqual([
      'rij 3: gemengde tekenset: het bestand is UTF-8, maar deze rij bevat byte 0xeb die geen UTF-8 is; sla het bestand opnieuw op als UTF-8',
    ]);
    // Also when the foreign byte comes first and the UTF-8 text only later.
    const late = cat(enc(`${HEAD}\n`), latin1(`${row('L1', 'Noë')}\n`), enc(`${row('L2', 'Zoë')}\n`));
    expect(errorsOf(await agree(late))).toEqual([
      'rij 2: gemengde tekenset: het bestand is UTF-8, maar deze rij bevat byte 0xeb die geen UTF-8 is; sla het bestand opnieuw op als UTF-8',
    ]);
    const decoded = decodeText(file);
    expect(decoded.ok).toBe(false);
  });

  it('agrees on a UTF-8 character cut off at the end, NUL bytes and undefined Windows-1252 bytes', async () => {
    const cut = cat(enc(`${HEAD}\n${row('L1', 'Zoë')}\n${row('L2', 'B')}`), new Uint8Array([0xc3]));
    expect(errorsOf(await agree(cut))[0]).toMatch(/^rij 3: gemengde tekenset/);
    const nul = cat(latin1(`${HEAD}\n${row('L1', 'Noë')}\n`), new Uint8Array([0x00]), enc('\n'));
    expect(errorsOf(await agree(nul))[0]).toMatch(/^rij 3: onbekende tekenset: byte 0x00/);
    const undef = cat(latin1(`${HEAD}\n${row('L1', 'Noë')}\n`), new Uint8Array([0x81]), enc('\n'));
    expect(errorsOf(await agree(undef))[0]).toMatch(/^rij 3: onbekende tekenset: byte 0x81/);
  });
});

describe('XLSX', () => {
  it('names formula cells without a saved result and Excel error values by row and column', async () => {
    const file = await xlsx(
      [
        XHEAD,
        ['L1', 'Anna', '2025-2026', '5A', 'Spelling', 'M', 45],
        ['L2', 'Bo', '2025-2026', '5A', 'Spelling', 'M', 40],
      ],
      (ws) => {
        ws.getCell('B2').value = { formula: 'CONCAT("A","nna")' } as ExcelJS.CellFormulaValue;
        ws.getCell('G3').value = { error: '#VALUE!' } as ExcelJS.CellErrorValue;
      },
    );
    const out = await importResults(file);
    expect(errorsOf(out)).toEqual([
      "rij 2, kolom 'naam': de cel bevat een formule zonder opgeslagen uitkomst; open het bestand in Excel en sla het opnieuw op, of plak de waarden",
      "rij 3, kolom 'vaardigheidsscore': de cel bevat de Excel-fout #VALUE!; verbeter de cel of haal de formule weg",
    ]);
    expect(JSON.stringify(out)).not.toContain('[object Object]');
  });

  it('reads a formula’s saved result and rich text as plain text', async () => {
    const file = await xlsx([XHEAD, ['L1', 'x', '2025-2026', '5A', 'Spelling', 'M', 0]], (ws) => {
      ws.getCell('B2').value = { richText: [{ text: 'Zo' }, { font: { bold: true }, text: 'ë' }] };
      ws.getCell('G2').value = { formula: '40+5', result: 45 } as ExcelJS.CellFormulaValue;
    });
    const out = await importResults(file);
    expect(out.ok && [out.results[0]!.pupilName, out.results[0]!.score]).toEqual(['Zoë', 45]);
  });

  it('refuses a tiny sheet with a cell at XFD1048576 before exceljs expands it', async () => {
    const file = await xlsx([XHEAD, ['L1', 'Anna', '2025-2026', '5A', 'Spelling', 'M', 45]], (ws) => {
      ws.getCell('XFD1048576').value = 'x';
    });
    expect(file.length).toBeLessThan(10_000);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const out = await importResults(file);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(errorsOf(out)).toEqual([
      'het werkblad (sheet1.xml) loopt tot rij 1.048.576; een import mag hoogstens 1.000.000 rijen hebben (staat er iets ver onder de tabel?)',
    ]);
    const narrow = await xlsx([XHEAD], (ws) => {
      ws.getCell('ZZ2').value = 'x';
    });
    expect(errorsOf(await importResults(narrow))[0]).toMatch(/loopt tot kolom 702;/);
  });

  it('refuses a zip bomb by counting what it inflates to, and a damaged zip in Dutch', async () => {
    // 120 MB of one repeated cell compresses to well under a megabyte.
    const cell = '<c t="inlineStr"><is><t>x</t></is></c>';
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(XHEAD);
    const base = new Uint8Array(await wb.xlsx.writeBuffer());
    const { zipWithEntry } = await import('./zip-bomb');
    const tooBig = [
      'het Excel-bestand is uitgepakt groter dan 50 MB; bewaar alleen het werkblad met de uitslagen, of exporteer als CSV',
    ];
    const limits = { maxXlsxUncompressedBytes: 50 * 1024 * 1024 };
    // A zip that says how large it unpacks is refused without inflating; one that lies (declares 0 bytes)
    // is refused while inflating, once the bytes counted pass the limit.
    for (const declare of [undefined, 0]) {
      const bomb = await zipWithEntry(base, 'xl/worksheets/sheet2.xml', cell, 120 * 1024 * 1024, declare);
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      expect(errorsOf(await importResults(bomb, { limits })), `declared ${declare}`).toEqual(tooBig);
    }
    const broken = base.slice(0, base.length - 200);
    expect(errorsOf(await importResults(broken))).toEqual([
      'het bestand is geen geldig Excel-bestand (.xlsx)',
    ]);
  });
});

describe('export neutralises formulas', () => {
  it('puts an apostrophe before = + - @ TAB and CR in text, leaves numbers alone', () => {
    expect(
      ['=1+1', '+31 6', '-x', '@SUM(A1)', '\tx', '\rx', 'Anna', "'t Hart", '-3', '+4,5', '-0.25', ''].map(
        spreadsheetSafe,
      ),
    ).toEqual([
      "'=1+1",
      "'+31 6",
      "'-x",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'Anna',
      "'t Hart",
      '-3',
      '+4,5',
      '-0.25',
      '',
    ]);
  });

  it('writes hostile names inert in the canonical CSV and reads them back as they were', async () => {
    const names = ['=HYPERLINK("http://x.nl","klik")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(1)'];
    const file = [
      'leerling_id;naam;schooljaar;groep;vak;moment;vaardigheidsscore;domein:getallen',
      ...names.map((n, i) => `L${i};"${n.replace(/"/g, '""')}";2025-2026;5A;=Spelling;M;-3;-1,5`),
    ].join('\n');
    const first = await importResults(enc(file));
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const csv = resultsToCanonicalCsv(first.results);
    const cells = csv
      .split('\n')
      .slice(1, -1)
      .map((l) => l.split(','));
    for (const line of csv.split('\n').slice(1, -1))
      for (const cell of line.match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g) ?? []) {
        const text = cell.replace(/,$/, '').replace(/^"|"$/g, '');
        expect(/^[=+@\t\r]/.test(text) || /^-(?![\d.]+$)/.test(text), text).toBe(false);
      }
    expect(cells[0]).toContain('-3');
    expect(cells[0]).toContain('-1.5');
    const again = await importResults(enc(csv));
    expect(again.ok && again.results.map((r) => [r.pupilName, r.subject, r.score])).toEqual(
      first.results.map((r) => [r.pupilName, r.subject, r.score]),
    );
  });
});
