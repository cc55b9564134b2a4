/**
 * One pass over the results builds the indexes every analysis uses: results per test (year × moment ×
 * jaargroep × subject) and per pupil × subject in time order. Keys are numbers built from small interned
 * indexes (no string concatenation per row), so a school of 25,000 results indexes in a few milliseconds.
 */
import { MOMENTS, SUBJECT_ALIASES, schoolYearStart, type Moment, type Result } from './model';

const SUBJECT_ORDER = Object.keys(SUBJECT_ALIASES);
const MOMENT_INDEX: Readonly<Record<Moment, number>> = { B: 0, M: 1, E: 2 };
// Room for up to 4096 distinct subjects and 16 grades in a numeric key.
const SUBJECT_SLOTS = 4096;

/** Chronological order of a (school year, moment) pair. */
export function timeIndex(year: string, moment: Moment): number {
  return schoolYearStart(year) * 3 + MOMENT_INDEX[moment];
}

const EMPTY: readonly Result[] = Object.freeze([]);
const EMPTY_TIMES: readonly number[] = Object.freeze([]);

/** The indexed results of one school. */
export class Dataset {
  readonly years: string[];
  readonly subjects: string[];
  readonly grades: number[];
  readonly momentsByYear = new Map<string, Set<Moment>>();
  private readonly yearIdx = new Map<string, number>();
  private readonly yearStart: number[] = [];
  private readonly subjectIdx = new Map<string, number>();
  private readonly pupilIdx = new Map<string, number>();
  private readonly byTest = new Map<number, Result[]>();
  private readonly byPupil = new Map<number, Result[]>();
  private readonly timesByPupil = new Map<number, number[]>();
  private readonly byYear: Result[][] = [];

  constructor(readonly results: readonly Result[]) {
    const grades = new Set<number>();
    const seenYM: boolean[] = [];
    const gradeSeen: boolean[] = [];
    // Exports list a pupil's rows together and one school year at a time: remembering the previous row's
    // strings skips most Map lookups.
    let lastYear = '';
    let yi = -1;
    let lastPupil = '';
    let pi = -1;
    for (const r of results) {
      if (r.schoolYear !== lastYear) {
        lastYear = r.schoolYear;
        let y = this.yearIdx.get(lastYear);
        if (y === undefined) {
          y = this.yearStart.length;
          this.yearIdx.set(lastYear, y);
          this.yearStart.push(schoolYearStart(lastYear));
          this.byYear.push([]);
        }
        yi = y;
      }
      let si = this.subjectIdx.get(r.subject);
      if (si === undefined) {
        si = this.subjectIdx.size;
        this.subjectIdx.set(r.subject, si);
      }
      if (r.pupilId !== lastPupil) {
        lastPupil = r.pupilId;
        let p = this.pupilIdx.get(lastPupil);
        if (p === undefined) {
          p = this.pupilIdx.size;
          this.pupilIdx.set(lastPupil, p);
        }
        pi = p;
      }
      const mi = MOMENT_INDEX[r.moment];
      if (!seenYM[yi * 3 + mi]) {
        seenYM[yi * 3 + mi] = true;
        let ms = this.momentsByYear.get(r.schoolYear);
        if (!ms) this.momentsByYear.set(r.schoolYear, (ms = new Set()));
        ms.add(r.moment);
      }
      if (!gradeSeen[r.grade]) {
        gradeSeen[r.grade] = true;
        grades.add(r.grade);
      }
      this.byYear[yi]!.push(r);
      const tk = ((yi * 3 + mi) * 16 + r.grade) * SUBJECT_SLOTS + si;
      const t = this.byTest.get(tk);
      if (t) t.push(r);
      else this.byTest.set(tk, [r]);
      const pk = pi * SUBJECT_SLOTS + si;
      const time = this.yearStart[yi]! * 3 + mi;
      const p = this.byPupil.get(pk);
      if (p) {
        p.push(r);
        this.timesByPupil.get(pk)!.push(time);
      } else {
        this.byPupil.set(pk, [r]);
        this.timesByPupil.set(pk, [time]);
      }
    }
    // Exports are usually in time order per pupil; sort only the lists that are not.
    for (const [k, times] of this.timesByPupil) {
      let sorted = true;
      for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) sorted = false;
      if (sorted) continue;
      const list = this.byPupil.get(k)!;
      const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
      this.byPupil.set(
        k,
        order.map((i) => list[i]!),
      );
      this.timesByPupil.set(
        k,
        order.map((i) => times[i]!),
      );
    }
    this.years = [...this.yearIdx.keys()].sort();
    this.subjects = [...this.subjectIdx.keys()].sort((a, b) => {
      const ia = SUBJECT_ORDER.indexOf(a);
      const ib = SUBJECT_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
    this.grades = [...grades].sort((a, b) => a - b);
  }

  /** Number of distinct pupils. */
  get pupilCount(): number {
    return this.pupilIdx.size;
  }

  /** Results of one test of one jaargroep (empty array when none). */
  test(year: string, moment: Moment, grade: number, subject: string): readonly Result[] {
    const yi = this.yearIdx.get(year);
    const si = this.subjectIdx.get(subject);
    if (yi === undefined || si === undefined) return EMPTY;
    return this.byTest.get(((yi * 3 + MOMENT_INDEX[moment]) * 16 + grade) * SUBJECT_SLOTS + si) ?? EMPTY;
  }

  private pupilKey(pupilId: string, subject: string): number | null {
    const pi = this.pupilIdx.get(pupilId);
    const si = this.subjectIdx.get(subject);
    return pi === undefined || si === undefined ? null : pi * SUBJECT_SLOTS + si;
  }

  /** Every result of one school year. */
  yearResults(year: string): readonly Result[] {
    const yi = this.yearIdx.get(year);
    return yi === undefined ? EMPTY : (this.byYear[yi] ?? EMPTY);
  }

  /** A pupil's results in one subject, in time order. */
  history(pupilId: string, subject: string): readonly Result[] {
    const k = this.pupilKey(pupilId, subject);
    return k === null ? EMPTY : (this.byPupil.get(k) ?? EMPTY);
  }

  /** Time indexes ({@link timeIndex}) aligned with {@link Dataset.history}. */
  historyTimes(pupilId: string, subject: string): readonly number[] {
    const k = this.pupilKey(pupilId, subject);
    return k === null ? EMPTY_TIMES : (this.timesByPupil.get(k) ?? EMPTY_TIMES);
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
