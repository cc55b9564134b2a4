/**
 * What every analysis receives: the indexed data, the norms, and the chosen school year and moment.
 */
import type { Dataset } from '../dataset';
import type { Moment } from '../model';
import type { NormIndex } from '../norms/evaluate';
import type { Bouw, Criterion, NormSet } from '../norms/norm-set';
import { primaryCriterion } from '../norms/evaluate';

export interface AnalysisContext {
  data: Dataset;
  normSet: NormSet;
  norms: NormIndex;
  year: string;
  moment: Moment;
  bouwen: readonly Bouw[];
}

/** The measure a chart plots for a test: the norm's primary criterion, else the mean score. */
export function chartMeasure(
  ctx: AnalysisContext,
  subject: string,
  grade: number,
  moment: Moment,
): Criterion {
  return primaryCriterion(ctx.norms.find(subject, grade, moment)) ?? { kind: 'mean-score', atLeast: 0 };
}

/** Axis label of a measure. */
export function measureAxisLabel(c: Criterion): string {
  if (c.kind === 'mean-score') return 'gemiddelde vaardigheidsscore';
  if (c.kind === 'share-at-ref') return `% leerlingen op ${c.ref}`;
  return `% leerlingen op niveau ${c.levels.join('/')}`;
}
