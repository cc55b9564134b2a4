/**
 * One pass over the results builds the indexes every analysis uses: results per test (year × moment ×
 * jaargroep × subject) and per pupil × subject in time order. Keys are compact strings; no per-row copies.
 */
import { MOMENTS, SUBJECT_ALIASES, schoolYearStart, type Moment, type Result } from './model';

const SUBJECT_ORDER = Object.keys(SUBJECT_ALIASES);

/** Key of one test of one jaargroep. */
export function testKey(year: string, moment: Moment, grade: number, subject: string): string {
  return `${year}|${moment}|${grade}|${subject}`;
}

/** Chronological order of a (school year, moment) pair. */
export function timeIndex(year: string, moment: Moment): number {
  return schoolYearStart(year) * 3 + MOMENTS.indexOf(moment);
}

/** The indexed results of one school. */
export class Dataset {
  readonly years: string[];
  readonly subjects: string[];
  readonly grades: number[];
  readonly byTest = new Map<string, Result[]>();
  readonly byPupilSubject = new Map<string, Result[]>();
  readonly momentsByYear = new Map<string, Set<Moment>>();

  constructor(readonly results: readonly Result[]) {
    const years = new Set<string>();
    const subjects = new Set<string>();
    const grades = new Set<number>();
    for (const r of results) {
      years.add(r.schoolYear);
      subjects.add(r.subject);
      grades.add(r.grade);
      let ms = this.momentsByYear.get(r.schoolYear);
      if (!ms) this.momentsByYear.set(r.schoolYear, (ms = new Set()));
      ms.add(r.moment);
      const tk = testKey(r.schoolYear, r.moment, r.grade, r.subject);
      const t = this.byTest.get(tk);
      if (t) t.push(r);
      else this.byTest.set(tk, [r]);
      const pk = `${r.pupilId}|${r.subject}`;
      const p = this.byPupilSubject.get(pk);
      if (p) p.push(r);
      else this.byPupilSubject.set(pk, [r]);
    }
    for (const list of this.byPupilSubject.values()) {
      if (list.length > 1) list.sort((a, b) => timeIndex(a.schoolYear, a.moment) - timeIndex(b.schoolYear, b.moment));
    }
    this.years = [...years].sort();
    this.subjects = [...subjects].sort((a, b) => {
      const ia = SUBJECT_ORDER.indexOf(a);
      const ib = SUBJECT_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
    this.grades = [...grades].sort((a, b) => a - b);
  }

  /** Results of one test of one jaargroep (empty array when none). */
  test(year: string, moment: Moment, grade: number, subject: string): readonly Result[] {
    return this.byTest.get(testKey(year, moment, grade, subject)) ?? EMPTY;
  }

  /** The latest school year in the data, and its latest moment. */
  latest(): { year: string; moment: Moment } | null {
    const year = this.years[this.years.length - 1];
    if (!year) return null;
    const ms = this.momentsByYear.get(year)!;
    const moment = [...MOMENTS].reverse().find((m) => ms.has(m)) ?? 'M';
    return { year, moment };
  }
}

const EMPTY: readonly Result[] = Object.freeze([]);
