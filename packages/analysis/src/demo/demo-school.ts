/**
 * A fictitious school for the demo board, the tests and the benchmarks, deterministic from a seed.
 *
 * Eight jaargroepen; LVS tests from groep 3 to 8 at M and E; four subjects; NT2, ondersteuning and plus
 * pupils; some cohorts have two parallel classes. Scores are drawn on a national scale per subject
 * (mean and SD per measurement) so levels and referentieniveaus follow from the national percentile.
 * Planted patterns (in the last school years, counted back from the latest):
 * - structural decline: Spelling in groep 6 falls 0.4 SD a year over the last four years;
 * - incidental dip: Rekenen-Wiskunde in groep 4, three years back, 0.9 SD lower for that year only;
 * - strong growth: the cohort now in groep 7 grows 0.6 SD per measurement extra in Begrijpend lezen
 *   since groep 5;
 * - widening gap: NT2 pupils fall further behind in Begrijpend lezen in the last three years;
 * - a free label "dyslexie" (~8% of pupils) with a steady gap in Spelling and Technisch lezen;
 * - an intervention ("Extra rekeninstructie") for the ondersteuning pupils of groep 5 from 1 September of
 *   the latest year, with extra growth after its start.
 * About 2% of results are missing (absent pupils) and a few tests are dated outside the usual window.
 */
import { shiftSchoolYear, type Level, type Moment, type RefLevel, type Result } from '../model';
import type { ExpectedGrowth, IndividualGoal, Intervention, NormSet } from '../norms/norm-set';
import { mulberry32, normal, normalCdf } from './prng';

export interface DemoOptions {
  seed: number;
  /** Number of school years, ending with `lastYear` (default 6). */
  schoolYears?: number;
  /** Default "2025-2026". */
  lastYear?: string;
  /** Pupils per class (default 25). */
  pupilsPerGroup?: number;
  /** Classes per jaargroep (default 1; every third cohort gets one extra parallel class). */
  classesPerGrade?: number;
  /** School name (default "De Koerswijzer"). */
  school?: string;
}

export interface DemoSchool {
  school: string;
  results: Result[];
  normSet: NormSet;
  expectedGrowth: ExpectedGrowth[];
}

/** The four demo subjects with their national scale: mean at measurement t = base + step·t − curve·t², SD. */
export const DEMO_SUBJECTS = [
  { subject: 'Rekenen-Wiskunde', base: 30, step: 9, curve: 0.12, sd: 12, ref: '1S' as const },
  { subject: 'Begrijpend lezen', base: 20, step: 6, curve: 0.08, sd: 11, ref: '2F' as const },
  { subject: 'Spelling', base: 110, step: 4, curve: 0.05, sd: 7, ref: '2F' as const },
  { subject: 'Technisch lezen', base: 20, step: 7, curve: 0.1, sd: 10, ref: null },
] as const;

const TEST_MOMENTS: readonly Moment[] = ['M', 'E'];
/**
 * The domains of the Begrijpend lezen test (a score per domain, 0–100), so that the domain charts of steps 5
 * and 6 have figures. Planted: groep 6 falls behind on Samenvatten in the last three years (the demo board's
 * method tests say "zwak op samenvatten").
 */
const READING_DOMAINS = ['Woordenschat', 'Verbanden leggen', 'Samenvatten'] as const;
/** The free label planted on ~8% of pupils (lower Spelling and Technisch lezen). */
const DYSLEXIE: readonly string[] = Object.freeze(['dyslexie']);

/** Measurement number from M3 (0), E3 (1), M4 (2) … E8 (11). */
function tOf(grade: number, moment: Moment): number {
  return (grade - 3) * 2 + (moment === 'M' ? 0 : 1);
}

function nationalMean(s: (typeof DEMO_SUBJECTS)[number], t: number): number {
  return s.base + s.step * t - s.curve * t * t;
}

function levelOf(p: number): Level {
  return p > 0.8 ? 'I' : p > 0.6 ? 'II' : p > 0.4 ? 'III' : p > 0.2 ? 'IV' : 'V';
}

/** Expected growth table of the demo scale (national mean growth between consecutive measurements). */
export function demoExpectedGrowth(): ExpectedGrowth[] {
  const out: ExpectedGrowth[] = [];
  for (const s of DEMO_SUBJECTS) {
    for (let g = 3; g <= 8; g++) {
      out.push({
        subject: s.subject,
        fromGrade: g,
        fromMoment: 'M',
        toGrade: g,
        toMoment: 'E',
        growth: Math.round((nationalMean(s, tOf(g, 'E')) - nationalMean(s, tOf(g, 'M'))) * 10) / 10,
      });
      if (g < 8)
        out.push({
          subject: s.subject,
          fromGrade: g,
          fromMoment: 'E',
          toGrade: g + 1,
          toMoment: 'M',
          growth: Math.round((nationalMean(s, tOf(g + 1, 'M')) - nationalMean(s, tOf(g, 'E'))) * 10) / 10,
        });
    }
  }
  return out;
}

/** The demo school's norms: I–III shares per tier, separate zorg norms, Inspectie values. */
export function demoNormSet(
  expectedGrowth: ExpectedGrowth[],
  goals: IndividualGoal[] = [],
  interventions: Intervention[] = [],
): NormSet {
  return {
    version: 1,
    norms: [
      {
        subject: '*',
        minimum: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 50 }],
        streef: [
          { kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 60 },
          { kind: 'share-at-levels', levels: ['V'], atMost: 15 },
        ],
        ambitie: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 70 }],
      },
      {
        subject: '*',
        group: 'zorg',
        minimum: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 20 }],
        streef: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 30 }],
        ambitie: [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast: 40 }],
      },
    ],
    inspectie: { signalering1F: 85, signalering2F1S: 45.5 },
    expectedGrowth,
    goals,
    interventions,
  };
}

/** A pupil's Begrijpend lezen domain scores from the test's z score (0–100, rounded). */
function readingDomains(
  z: number,
  grade: number,
  recent: boolean,
  rand: () => number,
): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const domain of READING_DOMAINS) {
    const planted = domain === 'Samenvatten' && grade === 6 && recent ? -12 : 0;
    const value = 62 + 14 * z + 7 * normal(rand) + planted;
    scores[domain] = Math.round(Math.min(100, Math.max(0, value)));
  }
  return scores;
}

interface Pupil {
  id: string;
  tags: readonly string[];
  cohort: number;
  className: string;
  ability: number[];
  slope: number;
  nt2: boolean;
  support: boolean;
  plus: boolean;
}

/**
 * Generates the demo school.
 *
 * @example const { results, normSet } = generateDemoSchool({ seed: 42 });
 */
export function generateDemoSchool(options: DemoOptions): DemoSchool {
  const rand = mulberry32(options.seed);
  // Domain scores draw from their own stream, so adding them left every other demo figure as it was.
  const domainRand = mulberry32(options.seed ^ 0x5eed);
  const years = options.schoolYears ?? 6;
  const lastYear = options.lastYear ?? '2025-2026';
  const perClass = options.pupilsPerGroup ?? 25;
  const classesPerGrade = options.classesPerGrade ?? 1;
  const school = options.school ?? 'De Koerswijzer';
  const yearNames = Array.from({ length: years }, (_, i) => shiftSchoolYear(lastYear, i - years + 1));
  // Cohort c is in groep g in year index y when c = y − g (stable as pupils move up).
  const pupilsByCohort = new Map<number, Pupil[]>();
  const noTags: readonly string[] = Object.freeze([]);
  const letters = 'ABCDEFGHIJ';
  const cohortPupils = (c: number): Pupil[] => {
    let list = pupilsByCohort.get(c);
    if (list) return list;
    list = [];
    const classes = classesPerGrade + (((c % 3) + 3) % 3 === 0 ? 1 : 0);
    for (let k = 0; k < classes; k++) {
      for (let i = 0; i < perClass; i++) {
        const nt2 = rand() < 0.12;
        const support = rand() < 0.14;
        const plus = !support && rand() < 0.07;
        const dyslexie = rand() < 0.08;
        const general = normal(rand) + (support ? -0.9 : 0) + (plus ? 1.3 : 0);
        list.push({
          id: `P${String(c + 20).padStart(2, '0')}${letters[k]}${String(i + 1).padStart(2, '0')}`,
          cohort: c,
          className: letters[k]!,
          ability: DEMO_SUBJECTS.map(
            (s) => 0.8 * general + 0.6 * normal(rand) + (nt2 && s.subject === 'Begrijpend lezen' ? -0.5 : 0),
          ),
          slope: 0.03 * normal(rand),
          nt2,
          support,
          plus,
          tags: dyslexie ? DYSLEXIE : noTags,
        });
      }
    }
    // Balance each cohort (ability and slope centred on the school's level) so that only the planted
    // patterns, not the luck of the draw, produce signals in the demo.
    for (let si = 0; si < DEMO_SUBJECTS.length; si++) {
      const m = list.reduce((a, p) => a + p.ability[si]!, 0) / list.length;
      for (const p of list) p.ability[si] = p.ability[si]! - m + 0.15;
    }
    const ms = list.reduce((a, p) => a + p.slope, 0) / list.length;
    for (const p of list) p.slope -= ms;
    pupilsByCohort.set(c, list);
    return list;
  };

  const last = years - 1;
  const strongCohort = last - 7;
  const ivStart = `${lastYear.slice(0, 4)}-09-01`;
  const ivPupils = new Set(
    cohortPupils(last - 5)
      .filter((p) => p.support)
      .map((p) => p.id),
  );
  const results: Result[] = [];
  for (let y = 0; y < years; y++) {
    const schoolYear = yearNames[y]!;
    const startYear = Number(schoolYear.slice(0, 4));
    for (let grade = 1; grade <= 8; grade++) {
      const pupils = cohortPupils(y - grade);
      if (grade < 3) continue; // no LVS tests with levels in groep 1–2
      for (const moment of TEST_MOMENTS) {
        const t = tOf(grade, moment);
        for (const p of pupils) {
          for (let si = 0; si < DEMO_SUBJECTS.length; si++) {
            const s = DEMO_SUBJECTS[si]!;
            if (rand() < 0.02) continue; // absent
            let z = p.ability[si]! + p.slope * t + 0.35 * normal(rand);
            if (s.subject === 'Spelling' && grade === 6 && y >= last - 3) z -= 0.4 * (y - (last - 3));
            if (s.subject === 'Rekenen-Wiskunde' && grade === 4 && y === last - 3) z -= 0.9;
            if (p.tags === DYSLEXIE && (s.subject === 'Spelling' || s.subject === 'Technisch lezen'))
              z -= 0.6;
            if (s.subject === 'Begrijpend lezen' && p.cohort === strongCohort && grade >= 5)
              z += 0.6 * (t - tOf(5, 'M') + 1);
            if (s.subject === 'Begrijpend lezen' && p.nt2 && y >= last - 2) z -= 0.5 * (y - (last - 3));
            if (s.subject === 'Rekenen-Wiskunde' && ivPupils.has(p.id) && y === last)
              z += moment === 'M' ? 0.4 : 0.8;
            const score = Math.round((nationalMean(s, t) + s.sd * z) * 10) / 10;
            const pct = normalCdf(z);
            let refLevel: RefLevel | null = null;
            if (s.ref && (grade === 8 || (moment === 'E' && grade >= 6)))
              refLevel = z > -0.2 ? s.ref : z > -1.75 ? '1F' : '<1F';
            const day = Math.floor(rand() * 31);
            let date =
              moment === 'M'
                ? new Date(Date.UTC(startYear + 1, 0, 15 + day))
                : new Date(Date.UTC(startYear + 1, 4, 15 + day));
            if (rand() < 0.002) date = new Date(Date.UTC(startYear + 1, moment === 'M' ? 3 : 7, 2 + day)); // late test
            const dl = (grade - 3) * 10 + (moment === 'M' ? 5 : 9);
            results.push({
              school,
              pupilId: p.id,
              pupilName: null,
              schoolYear,
              className: `${grade}${p.className}`,
              grade,
              subject: s.subject,
              moment,
              testDate: date.toISOString().slice(0, 10),
              score,
              level: levelOf(pct),
              functioneringsniveau: null,
              refLevel,
              dl,
              dle: null,
              domainScores:
                s.subject === 'Begrijpend lezen' ? readingDomains(z, grade, y >= last - 2, domainRand) : null,
              nt2: p.nt2,
              support: p.support,
              plus: p.plus,
              tags: p.tags,
              row: 0,
            });
          }
        }
      }
    }
  }
  const expectedGrowth = demoExpectedGrowth();
  const grade5 = [...ivPupils];
  const goals: IndividualGoal[] = grade5.slice(0, 3).map((id) => ({
    pupilId: id,
    subject: 'Rekenen-Wiskunde',
    from: { schoolYear: shiftSchoolYear(lastYear, -1), moment: 'E' },
    to: { schoolYear: lastYear, moment: 'E' },
    targetGrowth:
      Math.round(
        ((expectedGrowth.find(
          (e) => e.subject === 'Rekenen-Wiskunde' && e.fromGrade === 4 && e.fromMoment === 'E',
        )?.growth ?? 0) +
          (expectedGrowth.find(
            (e) => e.subject === 'Rekenen-Wiskunde' && e.fromGrade === 5 && e.fromMoment === 'M',
          )?.growth ?? 0)) *
          10,
      ) / 10,
  }));
  const interventions: Intervention[] =
    grade5.length > 0
      ? [
          {
            name: 'Extra rekeninstructie groep 5',
            subject: 'Rekenen-Wiskunde',
            pupilIds: grade5,
            startDate: ivStart,
          },
        ]
      : [];
  return { school, results, normSet: demoNormSet(expectedGrowth, goals, interventions), expectedGrowth };
}
