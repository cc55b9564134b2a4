/**
 * The canonical data model of one LVS result. Every import (CSV, XLSX, any vendor) ends here, and every
 * analysis starts here. Plain data only: this module must stay free of Node, DOM and Yjs.
 */

/** Toetsmoment: begin (groep 8, October), midden (Jan–Feb), eind (May–June). */
export type Moment = 'B' | 'M' | 'E';

/** The order of moments within one school year. */
export const MOMENTS: readonly Moment[] = ['B', 'M', 'E'];

/** Cito levels I–V (I best; "I+" is read as I) and the older A–E (A best). */
export type Level = 'I' | 'II' | 'III' | 'IV' | 'V' | 'A' | 'B' | 'C' | 'D' | 'E';

export const LEVELS_I_V: readonly Level[] = ['I', 'II', 'III', 'IV', 'V'];
export const LEVELS_A_E: readonly Level[] = ['A', 'B', 'C', 'D', 'E'];

/**
 * Referentieniveau reached for the domain of the result's subject. 2F is the streefniveau for lezen and
 * taalverzorging, 1S for rekenen (the Inspectie's definition).
 */
export type RefLevel = '<1F' | '1F' | '2F' | '1S';

/** Pupil attributes that define the subgroups of step 6 (NT2, ondersteuning/zorg, plus). */
export type Subgroup = 'nt2' | 'ondersteuning' | 'plus';

export const SUBGROUPS: readonly Subgroup[] = ['nt2', 'ondersteuning', 'plus'];

/**
 * A subgroup in the pattern analysis: one of the fixed attributes, or a free label from the `labels`
 * column ("label:dyslexie") — the seeds' "specifieke profielen".
 */
export type SubgroupId = Subgroup | `label:${string}`;

/** Dutch labels for the subgroups. */
export const SUBGROUP_LABEL: Readonly<Record<Subgroup, string>> = {
  nt2: 'NT2',
  ondersteuning: 'Ondersteuningsgroep',
  plus: 'Plusgroep',
};

/**
 * One test result of one pupil: the canonical row.
 *
 * @example
 * const r: Result = { school: null, pupilId: 'L001', pupilName: null, schoolYear: '2025-2026',
 *   className: '5A', grade: 5, subject: 'Rekenen-Wiskunde', moment: 'M', testDate: '2026-01-27',
 *   score: 231, level: 'II', functioneringsniveau: 'E5', refLevel: null, dl: 24, dle: 27,
 *   domainScores: null, nt2: false, support: false, plus: false, tags: [], row: 2 };
 */
export interface Result {
  /** School name or BRIN; null when the file holds one school. */
  school: string | null;
  /** Stable pseudonymous pupil id. */
  pupilId: string;
  pupilName: string | null;
  /** "2025-2026" (1 August – 31 July). */
  schoolYear: string;
  /** Class as the school names it: "5A", "5/6". */
  className: string;
  /** Jaargroep 1–8 (a combinatiegroep holds several). */
  grade: number;
  /** Canonical subject name, e.g. "Rekenen-Wiskunde". */
  subject: string;
  moment: Moment;
  /** ISO date yyyy-mm-dd, or null when the export has none. */
  testDate: string | null;
  /** Vaardigheidsscore on the subject's own scale; null when the pupil has no score (absent). */
  score: number | null;
  level: Level | null;
  functioneringsniveau: string | null;
  refLevel: RefLevel | null;
  /** Didactische leeftijd (months of education since groep 3). */
  dl: number | null;
  /** Didactische leeftijdsequivalent. Shown when present, never built on. */
  dle: number | null;
  /** Scores per domain within the subject ("getallen" → 42), or null. */
  domainScores: Record<string, number> | null;
  nt2: boolean;
  /** Ondersteuning / zorgleerling. */
  support: boolean;
  plus: boolean;
  tags: readonly string[];
  /** Row in the source file as the user sees it in Excel (header = row 1); 0 when not imported. */
  row: number;
}

/** Display name of a subgroup. */
export function subgroupLabel(id: SubgroupId): string {
  return id.startsWith('label:') ? id.slice(6) : SUBGROUP_LABEL[id as Subgroup];
}

/** True when the result holds an outcome (score or level), i.e. the test was taken. */
export function hasOutcome(r: Result): boolean {
  return r.score !== null || r.level !== null || r.refLevel !== null;
}

/** Ranks 1 (best) … 5 of a level on its own scale. */
export function levelRank(level: Level): number {
  const i = LEVELS_I_V.indexOf(level);
  return i >= 0 ? i + 1 : LEVELS_A_E.indexOf(level) + 1;
}

/** True when the referentieniveau is at or above 1F. */
export function reached1F(ref: RefLevel): boolean {
  return ref !== '<1F';
}

/** True when the referentieniveau is the streefniveau (2F or 1S). */
export function reachedStreef(ref: RefLevel): boolean {
  return ref === '2F' || ref === '1S';
}

/**
 * The school year ("2025-2026") a date falls in: 1 August – 31 July.
 *
 * @example schoolYearOf('2026-01-27') // '2025-2026'
 */
export function schoolYearOf(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const start = m >= 8 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** First calendar year of a school year: "2025-2026" → 2025. */
export function schoolYearStart(year: string): number {
  return Number(year.slice(0, 4));
}

/** The school year `offset` years from `year`: ("2025-2026", -1) → "2024-2025". */
export function shiftSchoolYear(year: string, offset: number): string {
  const s = schoolYearStart(year) + offset;
  return `${s}-${s + 1}`;
}

/**
 * A measurement index that orders moments over the whole school career: groep 3 M = 3·3+1 …
 * Used to follow pupils and to look up expected growth. Never compares across subjects.
 */
export function measurementIndex(grade: number, moment: Moment): number {
  return grade * 3 + MOMENTS.indexOf(moment);
}

/** Test label as schools say it: "M5", "E3", "B8". */
export function testLabel(grade: number, moment: Moment): string {
  return `${moment}${grade}`;
}

/** The nominal date of a moment in a school year, used when a result has no test date. */
export function nominalDate(year: string, moment: Moment): string {
  const s = schoolYearStart(year);
  if (moment === 'B') return `${s}-10-15`;
  if (moment === 'M') return `${s + 1}-02-01`;
  return `${s + 1}-06-01`;
}

/** Canonical subject names and the aliases the import recognises (lower case, no accents). */
export const SUBJECT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'Rekenen-Wiskunde': [
    'rekenen-wiskunde',
    'rekenen wiskunde',
    'rekenen en wiskunde',
    'rekenen',
    'rw',
    'r&w',
    'rekenen/wiskunde',
  ],
  'Begrijpend lezen': ['begrijpend lezen', 'bl', 'begrijpendlezen', 'lezen begrijpend'],
  Spelling: ['spelling', 'sp', 'spelling niet-werkwoorden', 'spelling nwwv'],
  Taalverzorging: ['taalverzorging'],
  'Technisch lezen': ['technisch lezen', 'dmt', 'drie-minuten-toets', 'drie minuten toets'],
  Woordenschat: ['woordenschat', 'ws'],
};

/** The Inspectie domain of a subject (lezen, taalverzorging, rekenen), or null. */
export function inspectieDomain(subject: string): 'lezen' | 'taalverzorging' | 'rekenen' | null {
  if (subject === 'Rekenen-Wiskunde') return 'rekenen';
  if (subject === 'Begrijpend lezen') return 'lezen';
  if (subject === 'Spelling' || subject === 'Taalverzorging') return 'taalverzorging';
  return null;
}

/** Minimum group size below which percentages are flagged: small groups can identify children. */
export const SMALL_GROUP = 5;

/** A share with its counts: `pct` = 100·k/n (null when n = 0); `small` when n < 5. */
export interface Pct {
  pct: number | null;
  k: number;
  n: number;
  small: boolean;
}

/** Builds a {@link Pct}. */
export function pctOf(k: number, n: number): Pct {
  return { pct: n === 0 ? null : (100 * k) / n, k, n, small: n < SMALL_GROUP };
}

/** Rounds for display and JSON (2 decimals). */
export function round2(x: number | null): number | null {
  return x === null ? null : Math.round(x * 100) / 100;
}
