/**
 * The norms a school sets (Stappenplan stap 2, Kwaliteitskaart stap 1) and the tables that go with them:
 * expected growth, individual goals and interventions for zorgleerlingen, the Inspectie's
 * signaleringswaarden and the school's bouwen. Serialised as the norms JSON file (see README).
 */
import type { Level, Moment } from '../model';

/** Version of the norms JSON format. */
export const NORM_SET_VERSION = 1;

/** The three tiers a school sets, from low to high. */
export type NormTier = 'minimum' | 'streef' | 'ambitie';

export const NORM_TIERS: readonly NormTier[] = ['minimum', 'streef', 'ambitie'];

/**
 * One condition in the forms schools use:
 * - `share-at-levels` with `atLeast`: "≥ 75% op niveau I–III"; with `atMost`: "≤ 10% op niveau V";
 * - `mean-score`: "groepsgemiddelde vaardigheidsscore ≥ s";
 * - `share-at-ref`: "≥ z% haalt 1F" or "≥ z% haalt 2F/1S".
 */
export type Criterion =
  | { kind: 'share-at-levels'; levels: Level[]; atLeast?: number; atMost?: number }
  | { kind: 'mean-score'; atLeast: number }
  | { kind: 'share-at-ref'; ref: '1F' | '2F/1S'; atLeast: number };

/**
 * Norms for a subject (or "*" for every subject) × jaargroepen × moments. Omitted `grades`/`moments`
 * mean all. `group: 'zorg'` holds the separate norms for zorgleerlingen (ondersteuning).
 */
export interface Norm {
  subject: string;
  grades?: number[];
  moments?: Moment[];
  group?: 'alle' | 'zorg';
  minimum?: Criterion[];
  streef?: Criterion[];
  ambitie?: Criterion[];
}

/** Expected growth of the vaardigheidsscore between two consecutive measurements of one subject. */
export interface ExpectedGrowth {
  subject: string;
  fromGrade: number;
  fromMoment: Moment;
  toGrade: number;
  toMoment: Moment;
  growth: number;
}

/** A zorgleerling's individual goal: a target score or a target growth between two measurements. */
export interface IndividualGoal {
  pupilId: string;
  subject: string;
  /** Baseline measurement. */
  from: { schoolYear: string; moment: Moment };
  /** Measurement at which the goal is judged. */
  to: { schoolYear: string; moment: Moment };
  targetScore?: number;
  targetGrowth?: number;
}

/** An intervention for a group of pupils from a start date (for "effect of the intervention"). */
export interface Intervention {
  name: string;
  subject: string;
  pupilIds: string[];
  /** ISO date. */
  startDate: string;
}

/** A bouw: a named range of jaargroepen (configurable per school). */
export interface Bouw {
  name: string;
  grades: number[];
}

/** The complete norms file. */
export interface NormSet {
  version: number;
  norms: Norm[];
  inspectie?: {
    /** Signaleringswaarde for %1F; 85 for every school. */
    signalering1F?: number;
    /** The school's own signaleringswaarde for %2F/1S (depends on the schoolweging), or null if unknown. */
    signalering2F1S?: number | null;
  };
  expectedGrowth?: ExpectedGrowth[];
  goals?: IndividualGoal[];
  interventions?: Intervention[];
  bouwen?: Bouw[];
}

/** Default bouwen: onderbouw 1–2, middenbouw 3–5, bovenbouw 6–8. */
export const DEFAULT_BOUWEN: readonly Bouw[] = [
  { name: 'onderbouw', grades: [1, 2] },
  { name: 'middenbouw', grades: [3, 4, 5] },
  { name: 'bovenbouw', grades: [6, 7, 8] },
];

/** An empty norm set: every cell gets status 'geen-norm'. */
export function emptyNormSet(): NormSet {
  return { version: NORM_SET_VERSION, norms: [] };
}

const LABELS = new WeakMap<Criterion, string>();

/** Dutch text of a criterion: "≥ 75% op niveau I–III" (cached per criterion object). */
export function criterionLabel(c: Criterion): string {
  let label = LABELS.get(c);
  if (label === undefined) {
    label = makeLabel(c);
    LABELS.set(c, label);
  }
  return label;
}

function makeLabel(c: Criterion): string {
  if (c.kind === 'mean-score') return `gemiddelde vaardigheidsscore ≥ ${c.atLeast}`;
  if (c.kind === 'share-at-ref') return `≥ ${c.atLeast}% haalt ${c.ref}`;
  const lv = levelsLabel(c.levels);
  const parts: string[] = [];
  if (c.atLeast !== undefined) parts.push(`≥ ${c.atLeast}% op niveau ${lv}`);
  if (c.atMost !== undefined) parts.push(`≤ ${c.atMost}% op niveau ${lv}`);
  return parts.join(' en ');
}

/** "I–III" for a contiguous run, else "I, III, V". */
export function levelsLabel(levels: readonly Level[]): string {
  if (levels.length >= 3) {
    const order = ['I', 'II', 'III', 'IV', 'V', 'A', 'B', 'C', 'D', 'E'];
    const idx = levels.map((l) => order.indexOf(l)).sort((a, b) => a - b);
    const contiguous = idx.every((v, i) => i === 0 || v === (idx[i - 1] ?? -2) + 1);
    if (contiguous) return `${order[idx[0]!]}–${order[idx[idx.length - 1]!]}`;
  }
  return levels.join(', ');
}
