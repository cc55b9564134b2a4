/**
 * Parsers for single cell values as Dutch exports write them. Each returns the value or an error message
 * (Dutch, without location); the validator adds row and column.
 */
import { SUBJECT_ALIASES, type Level, type Moment, type RefLevel } from '../model';
import { normaliseHeader } from './columns';

/** A parsed value or the reason it is invalid. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/** "45", "45,5" (Dutch decimal comma) and "45.5". Thousands separators are not accepted. */
export function parseNumber(raw: string): Parsed<number> {
  const s = raw.trim();
  if (!NUMBER.test(s)) return fail(`'${raw}' is geen getal`);
  return ok(Number(s.replace(',', '.')));
}

const LEVELS: Record<string, Level> = {
  'i+': 'I',
  i: 'I',
  ii: 'II',
  iii: 'III',
  iv: 'IV',
  v: 'V',
  a: 'A',
  b: 'B',
  c: 'C',
  d: 'D',
  e: 'E',
};

/** Levels I–V ("I+" counts as I) and A–E, case-insensitive. */
export function parseLevel(raw: string): Parsed<Level> {
  const level = LEVELS[raw.trim().toLowerCase()];
  return level ? ok(level) : fail(`'${raw}' is geen geldig niveau (I–V of A–E)`);
}

/** "B", "M", "E", "begin", "midden", "eind", or a test label such as "M5" (moment + jaargroep). */
export function parseMoment(raw: string): Parsed<{ moment: Moment; grade: number | null }> {
  const s = raw.trim().toLowerCase();
  const word: Record<string, Moment> = {
    b: 'B',
    begin: 'B',
    m: 'M',
    midden: 'M',
    medio: 'M',
    e: 'E',
    eind: 'E',
  };
  const direct = word[s];
  if (direct) return ok({ moment: direct, grade: null });
  const m = /^([bme])\s*-?\s*([1-8])$/.exec(s);
  if (m?.[1] && m[2]) return ok({ moment: m[1].toUpperCase() as Moment, grade: Number(m[2]) });
  return fail(`'${raw}' is geen geldig toetsmoment (B, M of E)`);
}

/** Jaargroep 1–8. */
export function parseGrade(raw: string): Parsed<number> {
  const s = raw.trim().replace(/^groep\s*/i, '');
  if (!/^[1-8]$/.test(s)) return fail(`'${raw}' is geen jaargroep (1 tot en met 8)`);
  return ok(Number(s));
}

/** The jaargroep implied by a class name: "5A" → 5, "groep 7" → 7; null for "5/6" or unknown. */
export function gradeFromClass(className: string): number | null {
  const m = /^(?:groep\s*)?([1-8])(?![0-9/])/i.exec(className.trim());
  return m?.[1] ? Number(m[1]) : null;
}

/** "<1F", "1F", "2F", "1S" (also "lager dan 1F", "onder 1F", "1F-"). */
export function parseRefLevel(raw: string): Parsed<RefLevel> {
  const s = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  if (s === '1F' || s === '2F' || s === '1S') return ok(s);
  if (
    s === '<1F' ||
    s === '< 1F' ||
    s === 'ONDER 1F' ||
    s === 'LAGER DAN 1F' ||
    s === '1F-' ||
    s === 'NIET 1F'
  )
    return ok('<1F');
  return fail(`'${raw}' is geen referentieniveau (<1F, 1F, 2F of 1S)`);
}

/** "2025-2026", "2025/2026", "2025-26", "25-26". */
export function parseSchoolYear(raw: string): Parsed<string> {
  const s = raw.trim();
  const m = /^(\d{2}|\d{4})\s*[-/]\s*(\d{2}|\d{4})$/.exec(s);
  if (m?.[1] && m[2]) {
    const a = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
    const b = m[2].length === 2 ? Math.floor(a / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (b === a + 1) return ok(`${a}-${b}`);
  }
  return fail(`'${raw}' is geen schooljaar (zoals 2025-2026)`);
}

function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "2026-01-27", "27-01-2026", "27/1/2026", "27-1-26" (a time after it is ignored), or an Excel serial number. */
export function parseDate(raw: string): Parsed<string> {
  const s = raw.trim();
  let r: string | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) r = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s))) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    r = isoDate(y, Number(m[2]), Number(m[1]));
  } else if (/^\d{5}(?:\.\d+)?$/.test(s)) {
    // Excel serial day number: day 25569 is 1970-01-01.
    const dt = new Date(Math.round((Number(s) - 25569) * 86400000));
    r = dt.toISOString().slice(0, 10);
  }
  return r ? ok(r) : fail(`'${raw}' is geen geldige datum (dd-mm-jjjj)`);
}

/** Yes/no cells: "ja", "j", "x", "1", "true", "waar" / "", "nee", "n", "0", "false", "onwaar". */
export function parseBool(raw: string): Parsed<boolean> {
  const s = raw.trim().toLowerCase();
  if (['ja', 'j', 'x', '1', 'true', 'waar', 'yes', 'y', 'v'].includes(s)) return ok(true);
  if (['', 'nee', 'n', '0', 'false', 'onwaar', 'no', '-'].includes(s)) return ok(false);
  return fail(`'${raw}' is geen ja/nee`);
}

const SUBJECT_BY_ALIAS = new Map<string, string>();
for (const [name, aliases] of Object.entries(SUBJECT_ALIASES)) {
  SUBJECT_BY_ALIAS.set(normaliseHeader(name), name);
  for (const a of aliases) SUBJECT_BY_ALIAS.set(normaliseHeader(a), name);
}

/**
 * Canonical subject from a subject or test name. A trailing test label is split off:
 * "Rekenen-Wiskunde M5" → subject Rekenen-Wiskunde, moment M, jaargroep 5. Unknown subjects keep their name.
 */
export function parseSubject(
  raw: string,
): Parsed<{ subject: string; moment: Moment | null; grade: number | null }> {
  let s = raw.trim();
  if (s === '') return fail('vak ontbreekt');
  let moment: Moment | null = null;
  let grade: number | null = null;
  const m = /^(.*?)[\s_-]*\(?\b([BME])\s?([1-8])\)?$/i.exec(s);
  if (m?.[1] && m[2] && m[3] && m[1].trim() !== '') {
    s = m[1].trim();
    moment = m[2].toUpperCase() as Moment;
    grade = Number(m[3]);
  }
  // Vendors add a test version ("Rekenen-Wiskunde (2.0)", "Spelling 3.0"): try the name without it too.
  const canonical =
    SUBJECT_BY_ALIAS.get(normaliseHeader(s)) ??
    SUBJECT_BY_ALIAS.get(normaliseHeader(s.replace(/\s*\(?\b\d+(?:\.\d+)+\)?\s*$/, ''))) ??
    s;
  return ok({ subject: canonical, moment, grade });
}

/** Free tags: separated by ";", "," or "|". */
export function parseTags(raw: string): string[] {
  return raw
    .split(/[;,|]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}
