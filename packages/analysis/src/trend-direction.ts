/**
 * Incidental versus structural, defined once for every analysis.
 *
 * A series of measurements v₁ … v_k (chronological, only points with data) has steps v_i − v_{i−1}.
 * A step is a fall when it is below −δ, a rise when above +δ, otherwise flat. δ is given by the caller
 * (for mean scores: 0.25 × the SD of the pupils' scores, a small effect size).
 *
 * - **Structural**: the direction held over at least 3 consecutive measurements ending at the latest
 *   one, i.e. the last two (or more) steps all fall (or all rise).
 * - **Incidental**: the latest step falls (or rises) but the step before did not go the same way — a single
 *   measurement; also an earlier dip or peak that was followed by a step back (v shape), reported as
 *   incidental with its position.
 * - Otherwise: **stabiel**.
 */

export type Direction = 'daling' | 'stijging';

/** Classification of a series. */
export interface TrendClassification {
  kind: 'structureel' | 'incidenteel' | 'stabiel' | 'te-weinig-metingen';
  direction: Direction | null;
  /** Number of measurements the run spans (≥ 3 for structural). */
  runLength: number;
  /** Earlier one-off dips/peaks (index into the series of the low/high point). */
  incidents: { index: number; direction: Direction }[];
}

function stepOf(d: number, delta: number): -1 | 0 | 1 {
  return d < -delta ? -1 : d > delta ? 1 : 0;
}

/**
 * Classifies a series of values (nulls skipped) with threshold δ.
 *
 * @example classifyTrend([50, 48, 45, 41], 1).kind // 'structureel' (3 falls over 4 measurements)
 */
export function classifyTrend(values: readonly (number | null)[], delta: number): TrendClassification {
  const idx: number[] = [];
  values.forEach((v, i) => {
    if (v !== null) idx.push(i);
  });
  const incidents: { index: number; direction: Direction }[] = [];
  if (idx.length < 2)
    return { kind: 'te-weinig-metingen', direction: null, runLength: idx.length, incidents };
  const steps: (-1 | 0 | 1)[] = [];
  for (let i = 1; i < idx.length; i++) steps.push(stepOf(values[idx[i]!]! - values[idx[i - 1]!]!, delta));
  for (let i = 1; i < steps.length; i++) {
    if (steps[i - 1] === -1 && steps[i] === 1) incidents.push({ index: idx[i]!, direction: 'daling' });
    if (steps[i - 1] === 1 && steps[i] === -1) incidents.push({ index: idx[i]!, direction: 'stijging' });
  }
  const last = steps[steps.length - 1]!;
  if (last === 0) return { kind: 'stabiel', direction: null, runLength: 0, incidents };
  let run = 0;
  for (let i = steps.length - 1; i >= 0 && steps[i] === last; i--) run++;
  const direction: Direction = last < 0 ? 'daling' : 'stijging';
  return { kind: run >= 2 ? 'structureel' : 'incidenteel', direction, runLength: run + 1, incidents };
}
