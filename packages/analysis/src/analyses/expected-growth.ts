/**
 * Lookup of expected growth between two measurements of one subject. The table (in the norms file) lists
 * growth between consecutive measurements; a longer interval sums the steps in between; a missing step
 * makes the expectation unknown (null).
 */
import { measurementIndex, type Moment } from '../model';
import type { ExpectedGrowth } from '../norms/norm-set';

export class ExpectedGrowthTable {
  private readonly steps = new Map<string, ExpectedGrowth>();
  // Answers per subject and (from, to) measurement pair: the analyses ask the same few questions per pupil.
  private readonly cache = new Map<string, Map<number, number | null>>();

  constructor(rows: readonly ExpectedGrowth[] = []) {
    for (const r of rows) this.steps.set(`${r.subject}|${measurementIndex(r.fromGrade, r.fromMoment)}`, r);
  }

  get size(): number {
    return this.steps.size;
  }

  /** Expected growth from (fromGrade, fromMoment) to (toGrade, toMoment), or null when unknown. */
  growth(
    subject: string,
    fromGrade: number,
    fromMoment: Moment,
    toGrade: number,
    toMoment: Moment,
  ): number | null {
    const from = measurementIndex(fromGrade, fromMoment);
    const end = measurementIndex(toGrade, toMoment);
    let perSubject = this.cache.get(subject);
    if (!perSubject) this.cache.set(subject, (perSubject = new Map()));
    const key = from * 1000 + end;
    const hit = perSubject.get(key);
    if (hit !== undefined) return hit;
    const value = this.compute(subject, from, end);
    perSubject.set(key, value);
    return value;
  }

  private compute(subject: string, from: number, end: number): number | null {
    let at = from;
    if (end <= at) return null;
    let sum = 0;
    for (let guard = 0; at < end && guard < 40; guard++) {
      const step = this.steps.get(`${subject}|${at}`);
      if (!step) return null;
      sum += step.growth;
      at = measurementIndex(step.toGrade, step.toMoment);
    }
    return at === end ? sum : null;
  }
}
