/**
 * Analysis 7 — Datakwaliteit (Stappenplan stap 3, "is de invoer compleet?") for the chosen year and moment:
 * - missing results per class × test: pupils who appear in the class that school year (any row) but have
 *   no outcome for a test the class took at this moment;
 * - pupils without any result at this moment;
 * - out-of-range scores: negative, or outside [Q1 − 3·IQR, Q3 + 3·IQR] of their test (jaargroep × subject
 *   × moment × year, only for tests with ≥ 5 scores);
 * - tests taken outside the usual window: B 15 Sep–15 Nov, M 1 Jan–28/29 Feb, E 1 May–30 Jun
 *   (the Cito windows plus a margin), or dated in another school year;
 * - duplicates: more than one result for pupil × subject × year × moment (the import already refuses
 *   conflicts; data from elsewhere is checked here too).
 */
import type { ChartSpec } from '../chart-spec';
import { resultKey } from '../import/duplicates';
import { hasOutcome, schoolYearOf, testLabel, type Moment, type Result } from '../model';
import type { AnalysisContext } from './context';

export interface MissingPerClass {
  className: string;
  grade: number;
  subject: string;
  test: string;
  expected: number;
  missing: number;
  pupilIds: string[];
}

export interface DataQuality {
  missing: MissingPerClass[];
  pupilsWithoutResults: { pupilId: string; className: string }[];
  outOfRange: {
    pupilId: string;
    subject: string;
    test: string;
    score: number;
    range: [number, number];
    row: number;
  }[];
  outsideWindow: {
    pupilId: string;
    subject: string;
    test: string;
    testDate: string;
    window: string;
    row: number;
  }[];
  duplicates: { pupilId: string; subject: string; test: string; rows: number[] }[];
  totals: {
    results: number;
    missing: number;
    pupilsWithoutResults: number;
    outOfRange: number;
    outsideWindow: number;
    duplicates: number;
  };
  /** Missing results (%) per class and subject. */
  chart: ChartSpec;
}

/** The usual test window per moment as [month, day] pairs (inclusive). */
export const TEST_WINDOWS: Readonly<
  Record<Moment, { from: [number, number]; to: [number, number]; label: string }>
> = {
  B: { from: [9, 15], to: [11, 15], label: '15 september – 15 november' },
  M: { from: [1, 1], to: [2, 29], label: '1 januari – eind februari' },
  E: { from: [5, 1], to: [6, 30], label: '1 mei – 30 juni' },
};

function inWindow(date: string, m: Moment): boolean {
  const md = Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
  const w = TEST_WINDOWS[m];
  return md >= w.from[0] * 100 + w.from[1] && md <= w.to[0] * 100 + w.to[1];
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Builds the data-quality report. */
export function dataQuality(ctx: AnalysisContext): DataQuality {
  const { data, year, moment } = ctx;
  // Class rosters for the year: class → pupilIds (from every row of that school year).
  const roster = new Map<string, { grade: number; pupils: Set<string> }>();
  const withOutcome = new Set<string>();
  const seen = new Map<string, Result>();
  const duplicates: DataQuality['duplicates'] = [];
  const dupIndex = new Map<string, DataQuality['duplicates'][number]>();
  for (const r of data.yearResults(year)) {
    let c = roster.get(r.className);
    if (!c) roster.set(r.className, (c = { grade: r.grade, pupils: new Set() }));
    c.pupils.add(r.pupilId);
    if (r.moment !== moment) continue;
    if (hasOutcome(r)) withOutcome.add(r.pupilId);
    const k = resultKey(r);
    const first = seen.get(k);
    if (!first) seen.set(k, r);
    else {
      let d = dupIndex.get(k);
      if (!d) {
        d = { pupilId: r.pupilId, subject: r.subject, test: testLabel(r.grade, r.moment), rows: [first.row] };
        dupIndex.set(k, d);
        duplicates.push(d);
      }
      d.rows.push(r.row);
    }
  }
  const missing: MissingPerClass[] = [];
  for (const [className, c] of [...roster].sort((a, b) => a[0].localeCompare(b[0]))) {
    for (const subject of data.subjects) {
      const list = data.test(year, moment, c.grade, subject);
      const have = new Set<string>();
      let classTook = false;
      for (const r of list) {
        if (r.className !== className) continue;
        classTook = true;
        if (hasOutcome(r)) have.add(r.pupilId);
      }
      if (!classTook) continue;
      const pupilIds = [...c.pupils].filter((p) => !have.has(p)).sort();
      if (pupilIds.length > 0)
        missing.push({
          className,
          grade: c.grade,
          subject,
          test: testLabel(c.grade, moment),
          expected: c.pupils.size,
          missing: pupilIds.length,
          pupilIds,
        });
    }
  }
  const pupilsWithoutResults: DataQuality['pupilsWithoutResults'] = [];
  for (const [className, c] of roster)
    for (const p of c.pupils) if (!withOutcome.has(p)) pupilsWithoutResults.push({ pupilId: p, className });
  pupilsWithoutResults.sort(
    (a, b) => a.className.localeCompare(b.className) || a.pupilId.localeCompare(b.pupilId),
  );

  const outOfRange: DataQuality['outOfRange'] = [];
  const outsideWindow: DataQuality['outsideWindow'] = [];
  for (const grade of data.grades) {
    for (const subject of data.subjects) {
      const list = data.test(year, moment, grade, subject);
      if (list.length === 0) continue;
      const scores = list
        .map((r) => r.score)
        .filter((s): s is number => s !== null)
        .sort((a, b) => a - b);
      let lo = 0;
      let hi = Infinity;
      if (scores.length >= 5) {
        const q1 = quantile(scores, 0.25);
        const q3 = quantile(scores, 0.75);
        lo = Math.max(0, q1 - 3 * (q3 - q1));
        hi = q3 + 3 * (q3 - q1);
      }
      for (const r of list) {
        if (r.score !== null && (r.score < lo || r.score > hi)) {
          outOfRange.push({
            pupilId: r.pupilId,
            subject,
            test: testLabel(grade, moment),
            score: r.score,
            range: [Math.round(lo * 10) / 10, Math.round(hi * 10) / 10],
            row: r.row,
          });
        }
        // A date in another school year is as suspicious as one outside the window.
        if (r.testDate !== null && (!inWindow(r.testDate, moment) || schoolYearOf(r.testDate) !== year)) {
          outsideWindow.push({
            pupilId: r.pupilId,
            subject,
            test: testLabel(grade, moment),
            testDate: r.testDate,
            window: TEST_WINDOWS[moment].label,
            row: r.row,
          });
        }
      }
    }
  }
  const chart: ChartSpec = {
    kind: 'bar',
    title: `Ontbrekende uitslagen per groep (${moment} ${year})`,
    xLabel: 'groep',
    yLabel: '% leerlingen zonder uitslag',
    series: data.subjects
      .filter((s) => missing.some((m) => m.subject === s))
      .map((subject) => ({
        id: subject,
        label: subject,
        points: missing
          .filter((m) => m.subject === subject)
          .map((m) => ({
            x: m.className,
            y: Math.round((10000 * m.missing) / m.expected) / 100,
            n: m.expected,
            small: m.expected < 5,
          })),
      })),
    normBands: [],
    annotations: [],
    yDomain: [0, 100],
  };
  return {
    chart,
    missing,
    pupilsWithoutResults,
    outOfRange,
    outsideWindow,
    duplicates,
    totals: {
      results: data.results.length,
      missing: missing.reduce((a, m) => a + m.missing, 0),
      pupilsWithoutResults: pupilsWithoutResults.length,
      outOfRange: outOfRange.length,
      outsideWindow: outsideWindow.length,
      duplicates: duplicates.length,
    },
  };
}
