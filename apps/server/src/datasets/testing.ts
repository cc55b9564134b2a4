import { createRequire } from 'node:module';
import { generateDemoSchool, type DemoSchool, type Result } from '@koers/analysis';

/** Test support only (imported by *.test.ts): fixture files and an XLSX writer. */

const FIRST = [
  'Anna',
  'Daan',
  'Fenna',
  'Sem',
  'Mila',
  'Noah',
  'Saar',
  'Levi',
  'Yara',
  'Finn',
  'Lotte',
  'Bram',
];
const LAST = [
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
  'van der Meer',
  'Kok',
  'Jacobs',
  'de Haan',
  'Vermeulen',
  'van den Heuvel',
  'van der Veen',
  'van den Broek',
  'de Bruijn',
  'de Bruin',
  'van der Heijden',
  'Schouten',
];

/**
 * The analysis package's demo school with a unique, realistic full name per pupil (the demo itself has
 * none), so tests can look for every name in responses, the audit log and the database.
 */
export function namedDemoSchool(options: {
  seed: number;
  schoolYears?: number;
  pupilsPerGroup?: number;
}): DemoSchool & {
  names: string[];
  pupilIds: string[];
} {
  const demo = generateDemoSchool(options);
  const byPupil = new Map<string, string>();
  const results: Result[] = demo.results.map((r) => {
    let name = byPupil.get(r.pupilId);
    if (name === undefined) {
      const i = byPupil.size;
      const first = FIRST[i % FIRST.length] ?? 'Kim';
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Jansen';
      // Past 360 pupils the combinations repeat: add a second initial to keep every name unique.
      name =
        i < FIRST.length * LAST.length
          ? `${first} ${last}`
          : `${first} ${String.fromCharCode(65 + (i % 26))}. ${last}`;
      byPupil.set(r.pupilId, name);
    }
    return { ...r, pupilName: name };
  });
  return { ...demo, results, names: [...byPupil.values()], pupilIds: [...byPupil.keys()] };
}

/** A small hand-written export (Dutch headers, `;`), row 3 has a score that is not a number. */
export const BROKEN_CSV = [
  'Leerlingnummer;Naam;Schooljaar;Groep;Vak;Toetsmoment;Vaardigheidsscore;Niveau',
  'K01;Fenna Oosterhout;2025-2026;5A;Spelling;M;130;II',
  'K02;Daan Wilderink;2025-2026;5A;Spelling;M;ab;III',
  'K03;Mila Verschuren;2025-2026;5A;Spelling;M;125;III',
  'K04;Sem Hogenbirk;2025-2026;5A;Spelling;M;119;IV',
  '',
].join('\n');

export const BROKEN_CSV_NAMES = ['Fenna Oosterhout', 'Daan Wilderink', 'Mila Verschuren', 'Sem Hogenbirk'];
export const BROKEN_CSV_IDS = ['K01', 'K02', 'K03', 'K04'];

/** The part of an exceljs worksheet the fixtures use. */
export interface ExcelSheet {
  addRow(values: unknown[]): unknown;
  getCell(ref: string): { value: unknown };
}

interface ExcelWorkbook {
  addWorksheet(name: string): ExcelSheet;
  xlsx: { writeBuffer(): Promise<ArrayBuffer> };
}

/**
 * An XLSX file written with exceljs (`edit` may set single cells, e.g. a formula or an error value). exceljs is a dependency of @koers/analysis, not of the server, so it
 * is loaded from there (the server itself never writes Excel files).
 */
export async function xlsxFile(rows: unknown[][], edit?: (sheet: ExcelSheet) => void): Promise<Uint8Array> {
  const require = createRequire(new URL('../../../../packages/analysis/package.json', import.meta.url));
  const ExcelJS = require('exceljs') as { Workbook: new () => ExcelWorkbook };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Resultaten');
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
