/**
 * Writes results in the canonical CSV format (README "Canonical CSV"): a file Koers reads without mapping.
 */
import type { Result } from '../model';
import { CANONICAL_HEADER, type Field } from './columns';
import { spreadsheetSafe } from './spreadsheet-safe';

const FIELDS: Field[] = [
  'school',
  'pupilId',
  'pupilName',
  'schoolYear',
  'className',
  'grade',
  'subject',
  'moment',
  'testDate',
  'score',
  'level',
  'functioneringsniveau',
  'refLevel',
  'dl',
  'dle',
  'nt2',
  'support',
  'plus',
  'tags',
];

/** A text cell: neutralised against formula injection, then quoted when needed. */
function esc(v: string, delimiter: string): string {
  v = spreadsheetSafe(v);
  return v.includes(delimiter) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v;
}

function cell(r: Result, f: Field): string {
  switch (f) {
    case 'nt2':
      return r.nt2 ? 'ja' : 'nee';
    case 'support':
      return r.support ? 'ja' : 'nee';
    case 'plus':
      return r.plus ? 'ja' : 'nee';
    case 'tags':
      return r.tags.join(';');
    default: {
      const v = r[f];
      return v === null || v === undefined ? '' : String(v);
    }
  }
}

/**
 * Canonical CSV text (UTF-8, comma-separated, "." decimals). Domain columns ("domein:<naam>") are added
 * for every domain present. Text cells that would start a formula in a spreadsheet get a leading
 * apostrophe (`spreadsheetSafe`); numbers stay numbers.
 *
 * @example resultsToCanonicalCsv(results).split('\n')[0] // 'school,leerling_id,naam,schooljaar,…'
 */
export function resultsToCanonicalCsv(results: readonly Result[], delimiter = ','): string {
  const domains = new Set<string>();
  for (const r of results) if (r.domainScores) for (const d of Object.keys(r.domainScores)) domains.add(d);
  const dom = [...domains].sort();
  const lines: string[] = [
    [...FIELDS.map((f) => CANONICAL_HEADER[f]), ...dom.map((d) => `domein:${d}`)]
      .map((h) => esc(h, delimiter))
      .join(delimiter),
  ];
  for (const r of results) {
    const cells = FIELDS.map((f) => esc(cell(r, f), delimiter));
    for (const d of dom) {
      const v = r.domainScores?.[d];
      cells.push(v === undefined ? '' : String(v));
    }
    lines.push(cells.join(delimiter));
  }
  return `${lines.join('\n')}\n`;
}
