/**
 * Evaluating a group against the norms. A tier (minimum, streef, ambitie) is met when ALL its criteria
 * are met. The status is the highest tier that is met together with every lower tier that is defined;
 * when the minimum is not met the status is 'onder-minimum'. A criterion that cannot be evaluated (no
 * scores, no levels on the criterion's scale, no referentieniveaus) makes the status 'onbekend' if it
 * belongs to the minimum, and stops the climb otherwise.
 */
import type { Moment } from '../model';
import type { StatsAccumulator } from '../stats';
import {
  NORM_TIERS,
  criterionLabel,
  type Criterion,
  type Norm,
  type NormSet,
  type NormTier,
} from './norm-set';

/** Status of a cell against the norms. */
export type CellStatus = 'onder-minimum' | 'minimum' | 'streef' | 'ambitie' | 'geen-norm' | 'onbekend';

/** Dutch labels of the statuses. */
export const STATUS_LABEL: Readonly<Record<CellStatus, string>> = {
  'onder-minimum': 'onder de minimumnorm',
  minimum: 'minimumnorm gehaald',
  streef: 'streefnorm gehaald',
  ambitie: 'ambitienorm gehaald',
  'geen-norm': 'geen norm vastgesteld',
  onbekend: 'niet te beoordelen',
};

/** Outcome of one criterion: the measured value, the n it rests on, and whether it is met. */
export interface CriterionOutcome {
  tier: NormTier;
  label: string;
  value: number | null;
  n: number;
  met: boolean | null;
}

/** The value a criterion measures, with its n (null when it cannot be measured). */
export function measure(c: Criterion, s: StatsAccumulator): { value: number | null; n: number } {
  if (c.kind === 'mean-score') return { value: s.mean, n: s.nScore };
  if (c.kind === 'share-at-ref') {
    const k = c.ref === '1F' ? s.n1F : s.nStreef;
    return { value: s.nRef === 0 ? null : (100 * k) / s.nRef, n: s.nRef };
  }
  const { k, n } = s.shareAt(c.levels);
  return { value: n === 0 ? null : (100 * k) / n, n };
}

function isMet(c: Criterion, value: number): boolean {
  // Compare with a tolerance so 75.0000001 vs 75 from floating arithmetic does not flip a status.
  const eps = 1e-9;
  if (c.kind === 'share-at-levels') {
    if (c.atLeast !== undefined && value < c.atLeast - eps) return false;
    if (c.atMost !== undefined && value > c.atMost + eps) return false;
    return true;
  }
  return value >= c.atLeast - eps;
}

/** Status of a group against one norm, with every criterion's outcome. */
export function evaluateNorm(
  norm: Norm | null,
  s: StatsAccumulator,
): { status: CellStatus; criteria: CriterionOutcome[] } {
  if (!norm) return { status: 'geen-norm', criteria: [] };
  if (s.n === 0) return { status: 'onbekend', criteria: [] };
  const criteria: CriterionOutcome[] = [];
  let status: CellStatus = 'onder-minimum';
  let climbing = true;
  let anyTier = false;
  for (const tier of NORM_TIERS) {
    const list = norm[tier];
    if (!list || list.length === 0) continue;
    anyTier = true;
    let met: boolean | null = true;
    for (const c of list) {
      const m = measure(c, s);
      const cm = m.value === null ? null : isMet(c, m.value);
      criteria.push({
        tier,
        label: criterionLabel(c),
        value: m.value === null ? null : Math.round(m.value * 100) / 100,
        n: m.n,
        met: cm,
      });
      if (cm === null) met = met === false ? false : null;
      else if (!cm) met = false;
    }
    if (!climbing) continue;
    if (met === true) status = tier;
    else {
      if (met === null && tier === 'minimum') status = 'onbekend';
      climbing = false;
    }
  }
  return { status: anyTier ? status : 'geen-norm', criteria };
}

/**
 * Finds the norm for a subject × jaargroep × moment. The most specific matching norm wins (exact subject
 * over "*", listed grades over all, listed moments over all); for `group: 'zorg'` a zorg norm is preferred
 * and the general norm is the fallback.
 */
export class NormIndex {
  private readonly cache = new Map<string, Norm | null>();

  constructor(readonly normSet: NormSet) {}

  find(subject: string, grade: number, moment: Moment, group: 'alle' | 'zorg' = 'alle'): Norm | null {
    const key = `${subject}|${grade}|${moment}|${group}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let best: Norm | null = null;
    let bestScore = -1;
    for (const n of this.normSet.norms) {
      const g = n.group ?? 'alle';
      if (g !== 'alle' && g !== group) continue;
      if (n.subject !== subject && n.subject !== '*') continue;
      if (n.grades && !n.grades.includes(grade)) continue;
      if (n.moments && !n.moments.includes(moment)) continue;
      const sc =
        (g === group ? 8 : 0) + (n.subject === subject ? 4 : 0) + (n.grades ? 2 : 0) + (n.moments ? 1 : 0);
      if (sc > bestScore) {
        best = n;
        bestScore = sc;
      }
    }
    this.cache.set(key, best);
    return best;
  }
}

/** The first criterion of a norm's lowest tier: the measure a chart plots for that norm. */
export function primaryCriterion(norm: Norm | null): Criterion | null {
  if (!norm) return null;
  for (const tier of NORM_TIERS) {
    const c = norm[tier]?.[0];
    if (c) return c;
  }
  return null;
}

/** The thresholds of each tier for criteria measuring the same thing as `c` (for chart norm bands). */
export function tierThresholds(
  norm: Norm,
  c: Criterion,
): { tier: NormTier; value: number; direction: 'min' | 'max' }[] {
  const out: { tier: NormTier; value: number; direction: 'min' | 'max' }[] = [];
  for (const tier of NORM_TIERS) {
    for (const o of norm[tier] ?? []) {
      if (o.kind !== c.kind) continue;
      if (o.kind === 'share-at-levels' && c.kind === 'share-at-levels') {
        if (o.levels.join() !== c.levels.join()) continue;
        if (o.atLeast !== undefined) out.push({ tier, value: o.atLeast, direction: 'min' });
        if (o.atMost !== undefined) out.push({ tier, value: o.atMost, direction: 'max' });
      } else if (o.kind === 'share-at-ref' && c.kind === 'share-at-ref') {
        if (o.ref === c.ref) out.push({ tier, value: o.atLeast, direction: 'min' });
      } else if (o.kind === 'mean-score') {
        out.push({ tier, value: o.atLeast, direction: 'min' });
      }
    }
  }
  return out;
}
