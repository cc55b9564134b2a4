/**
 * Lookup of expected growth between two measurements of one subject. The table (in the norms file) lists
 * growth between consecutive measurements; a longer interval sums the steps in between; a missing step
 * makes the expectation unknown (null).
 */
import { measurementIndex, type Moment } from '../model';
import type { ExpectedGrowth } from '../norms/norm-set';

export class ExpectedGrowthTable {
  private readonly steps = new Map<string, ExpectedGrowth>();

  constructor(rows: readonly ExpectedGrowth[] = []) {
    for (const r of rows) this.steps.set(`${r.subject}|${measurementIndex(r.fromGrade, r.fromMoment)}`, r);
  }

  get size(): number {
    return this.steps.size;
  }

  /** Expected growth from (fromGrade, fromMoment) to (toGrade, toMoment), or null when unknown. */
  growth(subject: string, fromGrade: number, fromMoment: Moment, toGrade: number, toMoment: Moment): number | null {
    let at = measurementIndex(fromGrade, fromMoment);
    const end = measurementIndex(toGrade, toMoment);
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

