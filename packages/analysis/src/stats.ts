/**
 * Group statistics of one set of results (one test of one group): counts, mean and SD of the
 * vaardigheidsscore, the level distribution and the referentieniveau shares. Every share carries its n.
 */
import {
  LEVELS_A_E,
  LEVELS_I_V,
  SMALL_GROUP,
  pctOf,
  reached1F,
  reachedStreef,
  round2,
  type Level,
  type Pct,
  type Result,
} from './model';

/** Statistics of a group of results, JSON-ready. */
export interface GroupStats {
  /** Pupils with an outcome (score, level or referentieniveau). */
  n: number;
  /** Pupils with a vaardigheidsscore. */
  nScore: number;
  mean: number | null;
  sd: number | null;
  /** Level distribution (counts) on the scale the data uses; shares in `levelPct`. */
  levels: Partial<Record<Level, number>>;
  levelPct: Partial<Record<Level, Pct>>;
  /** Which level scale the group's results use. */
  scale: 'I-V' | 'A-E' | 'gemengd' | null;
  nIV: number;
  nAE: number;
  ref1F: Pct;
  refStreef: Pct;
  /** Mean DLE where the export has it (shown, never built on: the measure is contested). */
  dle: { mean: number | null; n: number };
  /** n < 5: percentages can identify children and are unstable. */
  small: boolean;
}

const LEVEL_INDEX: Record<Level, number> = { I: 0, II: 1, III: 2, IV: 3, V: 4, A: 5, B: 6, C: 7, D: 8, E: 9 };
const ALL_LEVELS: readonly Level[] = [...LEVELS_I_V, ...LEVELS_A_E];

/** Accumulates results into {@link GroupStats} in one pass, without allocations per result. */
export class StatsAccumulator {
  n = 0;
  nScore = 0;
  sum = 0;
  sumSq = 0;
  readonly levelCounts = new Int32Array(10);
  nRef = 0;
  n1F = 0;
  nStreef = 0;
  nDle = 0;
  sumDle = 0;

  add(r: Result): void {
    if (r.score === null && r.level === null && r.refLevel === null) return;
    this.n++;
    if (r.score !== null) {
      this.nScore++;
      this.sum += r.score;
      this.sumSq += r.score * r.score;
    }
    if (r.level !== null) this.levelCounts[LEVEL_INDEX[r.level]]!++;
    if (r.dle !== null) {
      this.nDle++;
      this.sumDle += r.dle;
    }
    if (r.refLevel !== null) {
      this.nRef++;
      if (reached1F(r.refLevel)) this.n1F++;
      if (reachedStreef(r.refLevel)) this.nStreef++;
    }
  }

  get mean(): number | null {
    return this.nScore === 0 ? null : this.sum / this.nScore;
  }

  get sd(): number | null {
    if (this.nScore < 2) return null;
    const m = this.sum / this.nScore;
    return Math.sqrt(Math.max(0, (this.sumSq - this.nScore * m * m) / (this.nScore - 1)));
  }

  /** Count of results at any of the given levels, and the n of that level scale. */
  shareAt(levels: readonly Level[]): { k: number; n: number } {
    let k = 0;
    let iv = false;
    for (const l of levels) {
      k += this.levelCounts[LEVEL_INDEX[l]]!;
      if (LEVEL_INDEX[l] < 5) iv = true;
    }
    return { k, n: iv ? this.nIV : this.nAE };
  }

  get nIV(): number {
    let s = 0;
    for (let i = 0; i < 5; i++) s += this.levelCounts[i]!;
    return s;
  }

  get nAE(): number {
    let s = 0;
    for (let i = 5; i < 10; i++) s += this.levelCounts[i]!;
    return s;
  }

  finish(): GroupStats {
    const nIV = this.nIV;
    const nAE = this.nAE;
    const levels: Partial<Record<Level, number>> = {};
    const levelPct: Partial<Record<Level, Pct>> = {};
    for (const l of ALL_LEVELS) {
      const i = LEVEL_INDEX[l];
      const scaleN = i < 5 ? nIV : nAE;
      if (scaleN === 0) continue;
      levels[l] = this.levelCounts[i]!;
      const p = pctOf(this.levelCounts[i]!, scaleN);
      p.pct = round2(p.pct);
      levelPct[l] = p;
    }
    const r1 = pctOf(this.n1F, this.nRef);
    const rs = pctOf(this.nStreef, this.nRef);
    r1.pct = round2(r1.pct);
    rs.pct = round2(rs.pct);
    return {
      n: this.n,
      nScore: this.nScore,
      mean: round2(this.mean),
      sd: round2(this.sd),
      levels,
      levelPct,
      scale: nIV > 0 && nAE > 0 ? 'gemengd' : nIV > 0 ? 'I-V' : nAE > 0 ? 'A-E' : null,
      nIV,
      nAE,
      ref1F: r1,
      refStreef: rs,
      dle: { mean: this.nDle === 0 ? null : round2(this.sumDle / this.nDle), n: this.nDle },
      small: this.n < SMALL_GROUP,
    };
  }
}

/** Stats of a list of results. */
export function statsOf(results: Iterable<Result>): StatsAccumulator {
  const acc = new StatsAccumulator();
  for (const r of results) acc.add(r);
  return acc;
}
