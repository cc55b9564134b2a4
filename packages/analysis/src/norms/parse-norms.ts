/**
 * Validation of a norms JSON file into a {@link NormSet}, with Dutch messages naming the path of each problem.
 */
import { LEVELS_A_E, LEVELS_I_V, MOMENTS, type Level, type Moment } from '../model';
import { NORM_SET_VERSION, NORM_TIERS, type Criterion, type Norm, type NormSet } from './norm-set';

const ALL_LEVELS: readonly string[] = [...LEVELS_I_V, ...LEVELS_A_E];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseCriterion(v: unknown, path: string, errors: string[]): Criterion | null {
  if (!isObj(v)) {
    errors.push(`${path}: geen object`);
    return null;
  }
  if (v.kind === 'mean-score') {
    if (!isNum(v.atLeast)) errors.push(`${path}.atLeast: geen getal`);
    return isNum(v.atLeast) ? { kind: 'mean-score', atLeast: v.atLeast } : null;
  }
  if (v.kind === 'share-at-ref') {
    if (v.ref !== '1F' && v.ref !== '2F/1S') errors.push(`${path}.ref: moet '1F' of '2F/1S' zijn`);
    if (!isNum(v.atLeast)) errors.push(`${path}.atLeast: geen getal`);
    return (v.ref === '1F' || v.ref === '2F/1S') && isNum(v.atLeast)
      ? { kind: 'share-at-ref', ref: v.ref, atLeast: v.atLeast }
      : null;
  }
  if (v.kind === 'share-at-levels') {
    const levels = Array.isArray(v.levels) ? v.levels : null;
    if (
      !levels ||
      levels.length === 0 ||
      !levels.every((l) => typeof l === 'string' && ALL_LEVELS.includes(l))
    ) {
      errors.push(`${path}.levels: lijst van niveaus (I–V of A–E) verwacht`);
      return null;
    }
    if (v.atLeast === undefined && v.atMost === undefined)
      errors.push(`${path}: atLeast of atMost ontbreekt`);
    if (v.atLeast !== undefined && !isNum(v.atLeast)) errors.push(`${path}.atLeast: geen getal`);
    if (v.atMost !== undefined && !isNum(v.atMost)) errors.push(`${path}.atMost: geen getal`);
    const c: Criterion = { kind: 'share-at-levels', levels: levels as Level[] };
    if (isNum(v.atLeast)) c.atLeast = v.atLeast;
    if (isNum(v.atMost)) c.atMost = v.atMost;
    return c;
  }
  errors.push(
    `${path}.kind: onbekend soort norm '${String(v.kind)}' (share-at-levels, mean-score, share-at-ref)`,
  );
  return null;
}

/**
 * Parses and validates a norms file (already JSON-parsed).
 *
 * @example parseNormSet({ version: 1, norms: [{ subject: '*', minimum: [{ kind: 'share-at-levels', levels: ['I','II','III'], atLeast: 50 }] }] })
 */
export function parseNormSet(
  json: unknown,
): { ok: true; normSet: NormSet } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (!isObj(json)) return { ok: false, errors: ['normenbestand: geen JSON-object'] };
  if (json.version !== NORM_SET_VERSION) errors.push(`version: ${NORM_SET_VERSION} verwacht`);
  if (!Array.isArray(json.norms)) errors.push('norms: lijst verwacht');
  const norms: Norm[] = [];
  (Array.isArray(json.norms) ? json.norms : []).forEach((n: unknown, i) => {
    const path = `norms[${i}]`;
    if (!isObj(n) || typeof n.subject !== 'string') {
      errors.push(`${path}.subject: tekst verwacht`);
      return;
    }
    const norm: Norm = { subject: n.subject };
    if (n.grades !== undefined) {
      if (!Array.isArray(n.grades) || !n.grades.every((g) => Number.isInteger(g) && g >= 1 && g <= 8))
        errors.push(`${path}.grades: jaargroepen 1–8 verwacht`);
      else norm.grades = n.grades as number[];
    }
    if (n.moments !== undefined) {
      if (!Array.isArray(n.moments) || !n.moments.every((m) => MOMENTS.includes(m as Moment)))
        errors.push(`${path}.moments: B, M of E verwacht`);
      else norm.moments = n.moments as Moment[];
    }
    if (n.group !== undefined) {
      if (n.group !== 'alle' && n.group !== 'zorg') errors.push(`${path}.group: 'alle' of 'zorg' verwacht`);
      else norm.group = n.group;
    }
    for (const tier of NORM_TIERS) {
      const list = n[tier];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        errors.push(`${path}.${tier}: lijst verwacht`);
        continue;
      }
      norm[tier] = list
        .map((c, j) => parseCriterion(c, `${path}.${tier}[${j}]`, errors))
        .filter((c): c is Criterion => c !== null);
    }
    norms.push(norm);
  });
  const set: NormSet = { version: NORM_SET_VERSION, norms };
  if (json.inspectie !== undefined) {
    if (!isObj(json.inspectie)) errors.push('inspectie: object verwacht');
    else {
      const s1 = json.inspectie.signalering1F;
      const s2 = json.inspectie.signalering2F1S;
      if (s1 !== undefined && !isNum(s1)) errors.push('inspectie.signalering1F: geen getal');
      if (s2 !== undefined && s2 !== null && !isNum(s2)) errors.push('inspectie.signalering2F1S: geen getal');
      set.inspectie = { signalering1F: isNum(s1) ? s1 : 85, signalering2F1S: isNum(s2) ? s2 : null };
    }
  }
  // The remaining tables are checked for shape only; their fields are documented in the README.
  for (const key of ['expectedGrowth', 'goals', 'interventions', 'bouwen'] as const) {
    const v = json[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every(isObj)) errors.push(`${key}: lijst van objecten verwacht`);
  }
  if (Array.isArray(json.expectedGrowth)) {
    json.expectedGrowth.forEach((e: unknown, i) => {
      if (
        !isObj(e) ||
        typeof e.subject !== 'string' ||
        !isNum(e.fromGrade) ||
        !isNum(e.toGrade) ||
        !isNum(e.growth) ||
        !MOMENTS.includes(e.fromMoment as Moment) ||
        !MOMENTS.includes(e.toMoment as Moment)
      )
        errors.push(
          `expectedGrowth[${i}]: subject, fromGrade, fromMoment, toGrade, toMoment en growth verwacht`,
        );
    });
    set.expectedGrowth = json.expectedGrowth as NormSet['expectedGrowth'];
  }
  const isPoint = (v: unknown): boolean =>
    isObj(v) &&
    typeof v.schoolYear === 'string' &&
    /^\d{4}-\d{4}$/.test(v.schoolYear) &&
    MOMENTS.includes(v.moment as Moment);
  if (Array.isArray(json.goals)) {
    json.goals.forEach((g: unknown, i) => {
      if (
        !isObj(g) ||
        typeof g.pupilId !== 'string' ||
        typeof g.subject !== 'string' ||
        !isPoint(g.from) ||
        !isPoint(g.to)
      )
        errors.push(
          `goals[${i}]: pupilId, subject, from en to ({ schoolYear: "2025-2026", moment: "M" }) verwacht`,
        );
      else if (!isNum(g.targetScore) && !isNum(g.targetGrowth))
        errors.push(`goals[${i}]: targetScore of targetGrowth verwacht`);
    });
    set.goals = json.goals as NormSet['goals'];
  }
  if (Array.isArray(json.interventions)) {
    json.interventions.forEach((v: unknown, i) => {
      if (
        !isObj(v) ||
        typeof v.name !== 'string' ||
        typeof v.subject !== 'string' ||
        !Array.isArray(v.pupilIds) ||
        !v.pupilIds.every((p) => typeof p === 'string') ||
        typeof v.startDate !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(v.startDate)
      )
        errors.push(`interventions[${i}]: name, subject, pupilIds en startDate (jjjj-mm-dd) verwacht`);
    });
    set.interventions = json.interventions as NormSet['interventions'];
  }
  if (Array.isArray(json.bouwen)) {
    json.bouwen.forEach((b: unknown, i) => {
      if (
        !isObj(b) ||
        typeof b.name !== 'string' ||
        !Array.isArray(b.grades) ||
        !b.grades.every((g) => Number.isInteger(g) && g >= 1 && g <= 8)
      )
        errors.push(`bouwen[${i}]: name en grades (1–8) verwacht`);
    });
    set.bouwen = json.bouwen as NormSet['bouwen'];
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, normSet: set };
}
