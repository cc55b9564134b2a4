/**
 * The Inspectie's results indicators (groep 8, since 2020-2021): the share of pupil × domain results at or
 * above 1F and at or above the streefniveau (2F for lezen and taalverzorging, 1S for rekenen), over the
 * domains lezen, taalverzorging and rekenen together. Judged over the last three school years weighted by
 * pupils: Σ(pct_y · n_y) / Σ n_y, against the signaleringswaarden (1F: 85%; 2F/1S: the school's own value).
 */
import {
  inspectieDomain,
  reached1F,
  reachedStreef,
  round2,
  shiftSchoolYear,
  MOMENTS,
  type RefLevel,
  type Result,
} from '../model';

/** One school year's indicators. */
export interface InspectieYear {
  schoolYear: string;
  /** Pupils with at least one domain result. */
  pupils: number;
  /** Pupil × domain results counted. */
  domainResults: number;
  at1F: number;
  atStreef: number;
  pct1F: number | null;
  pctStreef: number | null;
}

/** The indicators for a school year and the three-year weighted judgement. */
export interface InspectieIndicators {
  years: InspectieYear[];
  /** Σ(pct_y · n_y) / Σ n_y over the (up to) three years, n_y = pupils. */
  threeYear1F: number | null;
  threeYearStreef: number | null;
  pupilsThreeYears: number;
  signalering1F: number;
  signalering2F1S: number | null;
  /** 'voldoende' when both indicators are at or above their signaleringswaarde; 'signaal' otherwise. */
  judgement1F: 'voldoende' | 'signaal' | 'onbekend';
  judgementStreef: 'voldoende' | 'signaal' | 'onbekend';
  small: boolean;
}

/**
 * Counts one school year: for each groep 8 pupil and domain, the referentieniveau of the latest moment
 * in that year that has one (the doorstroomtoets is in February, moment M).
 */
export function inspectieYear(results: readonly Result[], schoolYear: string): InspectieYear {
  // pupil|domain → [momentIndex, ref]
  const best = new Map<string, [number, RefLevel]>();
  const pupils = new Set<string>();
  for (const r of results) {
    if (r.grade !== 8 || r.schoolYear !== schoolYear || r.refLevel === null) continue;
    const d = inspectieDomain(r.subject);
    if (!d) continue;
    const key = `${r.school ?? ''}|${r.pupilId}|${d}`;
    const mi = MOMENTS.indexOf(r.moment);
    const cur = best.get(key);
    if (!cur || mi > cur[0]) best.set(key, [mi, r.refLevel]);
    pupils.add(`${r.school ?? ''}|${r.pupilId}`);
  }
  let at1F = 0;
  let atStreef = 0;
  for (const [, ref] of best.values()) {
    if (reached1F(ref)) at1F++;
    if (reachedStreef(ref)) atStreef++;
  }
  const n = best.size;
  return {
    schoolYear,
    pupils: pupils.size,
    domainResults: n,
    at1F,
    atStreef,
    pct1F: n === 0 ? null : (100 * at1F) / n,
    pctStreef: n === 0 ? null : (100 * atStreef) / n,
  };
}

/** Three-year weighted mean Σ(pct_y · n_y) / Σ n_y, skipping years without data. */
export function weightedMean(points: readonly { pct: number | null; n: number }[]): number | null {
  let num = 0;
  let den = 0;
  for (const p of points) {
    if (p.pct === null || p.n === 0) continue;
    num += p.pct * p.n;
    den += p.n;
  }
  return den === 0 ? null : num / den;
}

/**
 * The indicators for `schoolYear` and the two years before it.
 *
 * @example inspectieIndicators(results, '2025-2026', { signalering2F1S: 45.5 }).threeYear1F
 */
export function inspectieIndicators(
  results: readonly Result[],
  schoolYear: string,
  options: { signalering1F?: number; signalering2F1S?: number | null } = {},
): InspectieIndicators {
  const years = [-2, -1, 0].map((o) => inspectieYear(results, shiftSchoolYear(schoolYear, o)));
  const threeYear1F = weightedMean(years.map((y) => ({ pct: y.pct1F, n: y.pupils })));
  const threeYearStreef = weightedMean(years.map((y) => ({ pct: y.pctStreef, n: y.pupils })));
  const s1 = options.signalering1F ?? 85;
  const s2 = options.signalering2F1S ?? null;
  const pupilsThreeYears = years.reduce((a, y) => a + y.pupils, 0);
  return {
    years: years.map((y) => ({ ...y, pct1F: round2(y.pct1F), pctStreef: round2(y.pctStreef) })),
    threeYear1F: round2(threeYear1F),
    threeYearStreef: round2(threeYearStreef),
    pupilsThreeYears,
    signalering1F: s1,
    signalering2F1S: s2,
    judgement1F: threeYear1F === null ? 'onbekend' : threeYear1F >= s1 ? 'voldoende' : 'signaal',
    judgementStreef:
      threeYearStreef === null || s2 === null ? 'onbekend' : threeYearStreef >= s2 ? 'voldoende' : 'signaal',
    small: pupilsThreeYears < 5,
  };
}
