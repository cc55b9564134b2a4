/**
 * Row validation: one source row (strings) → one canonical {@link Result}, or every problem in it named by
 * row and column. Also the file-level check that the columns needed are present.
 */
import { schoolYearOf, type Level, type Moment, type RefLevel, type Result } from '../model';
import { FIELD_LABEL, type ColumnMapping, type Field } from './columns';
import type { ImportError } from './import-error';
import {
  gradeFromClass,
  parseBool,
  parseDate,
  parseGrade,
  parseLevel,
  parseMoment,
  parseNumber,
  parseRefLevel,
  parseSchoolYear,
  parseSubject,
  parseTags,
  type Parsed,
} from './parse-values';
import { unneutralise } from './spreadsheet-safe';

/** Values the user gives for the whole file when a column is absent (e.g. the school year). */
export interface ImportDefaults {
  schoolYear?: string;
  moment?: Moment;
  school?: string;
}

const EMPTY_TAGS: readonly string[] = Object.freeze([]);

/** Caches a parser's answers per distinct input (bounded, so a file of unique values cannot grow it without limit). */
function memo<T>(parse: (s: string) => Parsed<T>): (s: string) => Parsed<T> {
  const cache = new Map<string, Parsed<T>>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const p = parse(s);
    if (cache.size < 10_000) cache.set(s, p);
    return p;
  };
}

/**
 * File-level check: are the columns needed present (directly or derivable)? Returns errors on row 1.
 * Needed: leerling, vak; groep or jaargroep; moment (a column, a test label in the vak column, or a default);
 * schooljaar (a column, the afnamedatum, or a default); and at least one of vaardigheidsscore, niveau,
 * referentieniveau.
 */
export function checkColumns(mapping: ColumnMapping, defaults: ImportDefaults): ImportError[] {
  const f = mapping.fields;
  const errors: ImportError[] = [];
  const missing = (label: string): ImportError => ({
    row: 1,
    column: null,
    value: null,
    message: `kolom ontbreekt: ${label} (kies de kolom bij het koppelen of gebruik de standaardkop)`,
  });
  if (f.pupilId === undefined) errors.push(missing(`'${FIELD_LABEL.pupilId}'`));
  if (f.subject === undefined) errors.push(missing(`'${FIELD_LABEL.subject}'`));
  if (f.className === undefined && f.grade === undefined) errors.push(missing("'groep/klas' of 'jaargroep'"));
  if (f.moment === undefined && f.subject === undefined && !defaults.moment)
    errors.push(missing("'toetsmoment'"));
  if (f.schoolYear === undefined && f.testDate === undefined && !defaults.schoolYear)
    errors.push(missing("'schooljaar' of 'afnamedatum'"));
  if (f.score === undefined && f.level === undefined && f.refLevel === undefined)
    errors.push(missing("'vaardigheidsscore', 'niveau' of 'referentieniveau'"));
  for (const m of mapping.missingExplicit) {
    errors.push({
      row: 1,
      column: m.header,
      value: null,
      message: `deze kolom bestaat niet in het bestand (gekozen voor '${FIELD_LABEL[m.field]}')`,
    });
  }
  for (const a of mapping.ambiguous) {
    errors.push({
      row: 1,
      column: null,
      value: null,
      message: `meerdere kolommen passen bij '${FIELD_LABEL[a.field]}': ${a.headers.map((h) => `'${h}'`).join(', ')}; kies er één bij het koppelen`,
    });
  }
  return errors;
}

/**
 * Validates rows against one column mapping. Create once per file, call {@link RowValidator.validate} per row.
 */
export class RowValidator {
  private readonly cols: Partial<Record<Field, number>>;
  private readonly domainCols: [string, number][];
  // Exports repeat the same few subjects, years, dates and class names on every row: parse each distinct
  // text once, and share the strings (a board file of 2,000,000 rows would otherwise hold millions of
  // copies of "2025-2026").
  private readonly parseSubject = memo(parseSubject);
  private readonly parseSchoolYear = memo(parseSchoolYear);
  private readonly parseDate = memo(parseDate);
  private readonly parseMoment = memo(parseMoment);
  private readonly parseGrade = memo(parseGrade);
  private readonly parseBool = memo(parseBool);
  private readonly strings = new Map<string, string>();
  private readonly tagLists = new Map<string, readonly string[]>();

  /** Tag lists are shared between rows with the same text (results treat them as read-only). */
  private tags(raw: string): readonly string[] {
    let t = this.tagLists.get(raw);
    if (t === undefined) {
      t = Object.freeze(parseTags(raw).map((x) => this.intern(x)));
      if (this.tagLists.size < 10_000) this.tagLists.set(raw, t);
    }
    return t;
  }

  private intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    if (this.strings.size < 1_000_000) this.strings.set(s, s);
    return s;
  }

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly defaults: ImportDefaults = {},
  ) {
    this.cols = mapping.fields;
    this.domainCols = Object.entries(mapping.domains);
  }

  private cell(row: readonly string[], field: Field): string {
    const i = this.cols[field];
    return i === undefined ? '' : unneutralise((row[i] ?? '').trim());
  }

  private header(field: Field): string {
    const i = this.cols[field];
    return i === undefined ? FIELD_LABEL[field] : (this.mapping.headers[i] ?? FIELD_LABEL[field]);
  }

  // The row being validated; set by validate() so the helpers below need no per-row closures.
  private row: readonly string[] = [];
  private rowNumber = 0;
  private errors: ImportError[] = [];

  private err(field: Field, value: string, message: string): void {
    this.errors.push({ row: this.rowNumber, column: this.header(field), value, message });
  }

  private take<T>(field: Field, parse: (s: string) => Parsed<T>): T | null {
    const raw = this.cell(this.row, field);
    if (raw === '') return null;
    const p = parse(raw);
    if (p.ok) return p.value;
    this.err(field, raw, p.message);
    return null;
  }

  private required(field: Field): string {
    const v = this.cell(this.row, field);
    if (v === '' && this.cols[field] !== undefined) this.err(field, '', 'waarde ontbreekt');
    return v;
  }

  /**
   * Validates one row. `rowNumber` is the row as in Excel (header = 1). Errors are appended to `errors`;
   * returns the Result when the row has none, else null. Empty optional cells are null.
   */
  validate(row: readonly string[], rowNumber: number, errors: ImportError[]): Result | null {
    this.row = row;
    this.rowNumber = rowNumber;
    this.errors = errors;
    const before = errors.length;
    const pupilId = this.intern(this.required('pupilId'));
    const subjectRaw = this.required('subject');
    const subj = subjectRaw === '' ? null : this.take('subject', this.parseSubject);
    const className = this.intern(this.cell(row, 'className'));
    let grade = this.take('grade', this.parseGrade);
    const momentCell = this.take('moment', this.parseMoment);
    const moment: Moment | null = momentCell?.moment ?? subj?.moment ?? this.defaults.moment ?? null;
    grade ??= momentCell?.grade ?? subj?.grade ?? (className !== '' ? gradeFromClass(className) : null);
    if (moment === null && this.cell(row, 'moment') === '') {
      if (this.cols.moment !== undefined) this.err('moment', '', 'waarde ontbreekt');
      else if (subj)
        this.err(
          'subject',
          subjectRaw,
          'toetsmoment ontbreekt (geen kolom moment en geen toetsnaam zoals M5)',
        );
    }
    if (grade === null && this.cell(row, 'grade') === '') {
      if (className !== '')
        this.err(
          'className',
          className,
          `jaargroep niet af te leiden uit '${className}' (voeg een kolom jaargroep toe)`,
        );
      else if (this.cols.grade !== undefined) this.err('grade', '', 'waarde ontbreekt');
      else this.err('className', '', 'waarde ontbreekt');
    }
    const testDate = this.take('testDate', this.parseDate);
    let schoolYear = this.take('schoolYear', this.parseSchoolYear);
    if (schoolYear === null && this.cell(row, 'schoolYear') === '') {
      if (testDate !== null) schoolYear = this.intern(schoolYearOf(testDate));
      else if (this.defaults.schoolYear) schoolYear = this.defaults.schoolYear;
      else
        this.err(
          this.cols.schoolYear !== undefined ? 'schoolYear' : 'testDate',
          '',
          'schooljaar ontbreekt (geen schooljaar en geen afnamedatum)',
        );
    }
    const score = this.take('score', parseNumber);
    const level: Level | null = this.take('level', parseLevel);
    const refLevel: RefLevel | null = this.take('refLevel', parseRefLevel);
    const dl = this.take('dl', parseNumber);
    const dle = this.take('dle', parseNumber);
    const nt2 = this.take('nt2', this.parseBool) ?? false;
    const support = this.take('support', this.parseBool) ?? false;
    const plus = this.take('plus', this.parseBool) ?? false;
    let domainScores: Record<string, number> | null = null;
    for (const [name, idx] of this.domainCols) {
      const raw = (row[idx] ?? '').trim();
      if (raw === '') continue;
      const p = parseNumber(raw);
      if (!p.ok) {
        errors.push({
          row: rowNumber,
          column: this.mapping.headers[idx] ?? name,
          value: raw,
          message: p.message,
        });
        continue;
      }
      (domainScores ??= {})[name] = p.value;
    }
    if (errors.length > before || !subj || moment === null || grade === null || schoolYear === null)
      return null;
    const fn = this.cell(row, 'functioneringsniveau');
    const tagsRaw = this.cell(row, 'tags');
    const name = this.cell(row, 'pupilName');
    const school = this.intern(this.cell(row, 'school'));
    return {
      school: school !== '' ? school : (this.defaults.school ?? null),
      pupilId,
      pupilName: name !== '' ? name : null,
      schoolYear,
      className: className !== '' ? className : String(grade),
      grade,
      subject: subj.subject,
      moment,
      testDate,
      score,
      level,
      functioneringsniveau: fn !== '' ? this.intern(fn) : null,
      refLevel,
      dl,
      dle,
      domainScores,
      nt2,
      support,
      plus,
      tags: tagsRaw !== '' ? this.tags(tagsRaw) : EMPTY_TAGS,
      row: rowNumber,
    };
  }
}
