/**
 * Duplicate and conflict detection. Two rows describe the same result when school, pupil, subject, school
 * year and moment agree. If every other value agrees too, the second row is a duplicate (a warning; one is
 * kept). If anything differs (score, level, date, …) the rows conflict: an error naming both rows, since
 * Koers cannot know which one is right.
 */
import type { Result } from '../model';
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
  private readonly seen = new Map<string, Result>();
  private readonly signatures = new Map<string, string>();

  /**
   * Returns 'new' for a first occurrence, 'duplicate' (warning added) or 'conflict' (error added).
   */
  add(r: Result, warnings: ImportError[], errors: ImportError[]): 'new' | 'duplicate' | 'conflict' {
    const key = resultKey(r);
    const first = this.seen.get(key);
    if (!first) {
      this.seen.set(key, r);
      return 'new';
    }
    let sig = this.signatures.get(key);
    if (sig === undefined) {
      sig = signature(first);
      this.signatures.set(key, sig);
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
