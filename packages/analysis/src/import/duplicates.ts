/**
 * Duplicate and conflict detection. Two rows describe the same result when school, pupil, subject, school
 * year and moment agree. If every other value agrees too, the second row is a duplicate (a warning; one is
 * kept). If anything differs (score, level, date, …) the rows conflict: an error naming both rows, since
 * Koers cannot know which one is right.
 */
import { MOMENTS, type Result } from '../model';
import type { ImportError } from './import-error';

/** Identity of a result: one per pupil × subject × school year × moment (per school). */
export function resultKey(r: Result): string {
  return `${r.school ?? ''}\u0001${r.pupilId}\u0001${r.subject}\u0001${r.schoolYear}\u0001${r.moment}`;
}

function signature(r: Result): string {
  return JSON.stringify([
    r.pupilName,
    r.className,
    r.grade,
    r.testDate,
    r.score,
    r.level,
    r.functioneringsniveau,
    r.refLevel,
    r.dl,
    r.dle,
    r.domainScores,
    r.nt2,
    r.support,
    r.plus,
    r.tags,
  ]);
}

/** Differences between two results with the same key, in Dutch ("vaardigheidsscore 45 / 48"). */
function differences(a: Result, b: Result): string {
  const parts: string[] = [];
  const cmp = (label: string, x: unknown, y: unknown): void => {
    if (JSON.stringify(x) !== JSON.stringify(y))
      parts.push(`${label} ${String(x ?? 'leeg')} / ${String(y ?? 'leeg')}`);
  };
  cmp('vaardigheidsscore', a.score, b.score);
  cmp('niveau', a.level, b.level);
  cmp('referentieniveau', a.refLevel, b.refLevel);
  cmp('afnamedatum', a.testDate, b.testDate);
  cmp('groep', a.className, b.className);
  cmp('jaargroep', a.grade, b.grade);
  return parts.length > 0 ? parts.join(', ') : 'andere waarden in de overige kolommen';
}

/** Streaming duplicate detector: feed results in file order. */
export class DuplicateTracker {
  // pupil → (school, year, subject, moment as one number) → first result. The import interns its strings,
  // so these lookups hash each distinct string once instead of building a key string per row.
  private readonly seen = new Map<string, Map<number, Result>>();
  private readonly schoolIds = new Map<string, number>();
  private readonly yearIds = new Map<string, number>();
  private readonly subjectIds = new Map<string, number>();
  private readonly signatures = new Map<Result, string>();

  private static id(ids: Map<string, number>, s: string): number {
    let i = ids.get(s);
    if (i === undefined) {
      i = ids.size;
      ids.set(s, i);
    }
    return i;
  }

  /**
   * Returns 'new' for a first occurrence, 'duplicate' (warning added) or 'conflict' (error added).
   */
  add(r: Result, warnings: ImportError[], errors: ImportError[]): 'new' | 'duplicate' | 'conflict' {
    let perPupil = this.seen.get(r.pupilId);
    if (!perPupil) this.seen.set(r.pupilId, (perPupil = new Map()));
    // Distinct years and subjects per file are few; 2^16 slots each keep the number exact (< 2^53).
    const school = DuplicateTracker.id(this.schoolIds, r.school ?? '');
    const year = DuplicateTracker.id(this.yearIds, r.schoolYear);
    const subject = DuplicateTracker.id(this.subjectIds, r.subject);
    const key = ((school * 65536 + year) * 65536 + subject) * 3 + MOMENTS.indexOf(r.moment);
    const first = perPupil.get(key);
    if (!first) {
      perPupil.set(key, r);
      return 'new';
    }
    let sig = this.signatures.get(first);
    if (sig === undefined) {
      sig = signature(first);
      this.signatures.set(first, sig);
    }
    const what = `leerling '${r.pupilId}', ${r.subject} ${r.moment}${r.grade} ${r.schoolYear}`;
    if (signature(r) === sig) {
      warnings.push({
        row: r.row,
        column: null,
        value: null,
        message: `dubbele rij: gelijk aan rij ${first.row} (${what}); één exemplaar wordt bewaard`,
      });
      return 'duplicate';
    }
    errors.push({
      row: r.row,
      column: null,
      value: null,
      message: `tegenstrijdige uitslagen: rij ${first.row} en rij ${r.row} gaan over ${what} maar verschillen (${differences(first, r)}); sla een van beide rijen over of verbeter het bestand`,
    });
    return 'conflict';
  }
}
