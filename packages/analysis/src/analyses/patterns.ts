/**
 * Analysis 5 — Patronen (Stappenplan stap 6): domains within a subject, subgroups against the rest of
 * their jaargroep (gap and its trend over school years), and parallel classes.
 *
 * Subgroup gap = mean score of the rest − mean score of the subgroup (positive = the subgroup is behind),
 * per jaargroep; the school-level gap per subject and year is the mean of the jaargroep gaps weighted by
 * the subgroup's n. "Widening" = the gap grew by more than δ in each of the last two steps (three
 * measurements), δ = 0.25 × mean SD — the same rule as a structural trend.
 */
import type { ChartSpec } from '../chart-spec';
import { SUBGROUPS, SUBGROUP_LABEL, pctOf, round2, type Pct, type Result, type Subgroup } from '../model';
import { StatsAccumulator, type GroupStats } from '../stats';
import { classifyTrend, type TrendClassification } from '../trend-direction';
import type { AnalysisContext } from './context';
import { evaluateCell, type OverviewCell } from './overview';
import { STEP_SD_FRACTION } from './trend-jaargroep';

export interface DomainPattern {
  subject: string;
  grade: number;
  domains: { domain: string; n: number; mean: number | null; small: boolean; trend: { schoolYear: string; mean: number | null; n: number }[] }[];
  chart: ChartSpec;
}

export interface SubgroupGapPoint {
  schoolYear: string;
  gap: number | null;
  nSubgroup: number;
  nRest: number;
  small: boolean;
}

export interface SubgroupPattern {
  subgroup: Subgroup;
  subject: string;
  /** Current year per jaargroep. */
  perGrade: { grade: number; subgroup: GroupStats; rest: GroupStats; gap: number | null; shareI_III: { subgroup: Pct; rest: Pct } }[];
  /** School-level gap per school year (same moment). */
  trend: SubgroupGapPoint[];
  gapTrend: TrendClassification;
  widening: boolean;
  chart: ChartSpec;
}

export interface ParallelPattern {
  subject: string;
  grade: number;
  classes: OverviewCell[];
  /** Highest minus lowest class mean. */
  spread: number | null;
}

export interface Patterns {
  domains: DomainPattern[];
  subgroups: SubgroupPattern[];
  parallelClasses: ParallelPattern[];
}

const inGroup = (r: Result, g: Subgroup): boolean => (g === 'nt2' ? r.nt2 : g === 'ondersteuning' ? r.support : r.plus);

function shareI_III(acc: StatsAccumulator): Pct {
  const { k, n } = acc.shareAt(['I', 'II', 'III']);
  const p = pctOf(k, n);
  p.pct = round2(p.pct);
  return p;
}

/** Builds the three pattern analyses. */
export function patterns(ctx: AnalysisContext): Patterns {
  const { data, year, moment } = ctx;
  const years = data.years.filter((y) => y <= year);
  const domains: DomainPattern[] = [];
  const parallelClasses: ParallelPattern[] = [];
  for (const subject of data.subjects) {
    for (const grade of data.grades) {
      const list = data.test(year, moment, grade, subject);
      if (list.length === 0) continue;
      // Domains
      const names = new Set<string>();
      for (const r of list) if (r.domainScores) for (const d of Object.keys(r.domainScores)) names.add(d);
      if (names.size > 0) {
        const ds = [...names].sort().map((domain) => {
          const trend = years.map((y) => {
            let s = 0;
            let n = 0;
            for (const r of data.test(y, moment, grade, subject)) {
              const v = r.domainScores?.[domain];
              if (v !== undefined) {
                s += v;
                n++;
              }
            }
            return { schoolYear: y, mean: n === 0 ? null : round2(s / n), n };
          });
          const cur = trend[trend.length - 1]!;
          return { domain, n: cur.n, mean: cur.mean, small: cur.n < 5, trend };
        });
        domains.push({
          subject,
          grade,
          domains: ds,
          chart: {
            kind: 'line',
            title: `${subject} groep ${grade} (${moment}): domeinen over de schooljaren`,
            xLabel: 'schooljaar',
            yLabel: 'gemiddelde domeinscore',
            series: ds.map((d) => ({ id: d.domain, label: d.domain, points: d.trend.map((t) => ({ x: t.schoolYear, y: t.mean, n: t.n, small: t.n < 5 })) })),
            normBands: [],
            annotations: [],
          },
        });
      }
      // Parallel classes
      const byClass = new Map<string, Result[]>();
      for (const r of list) {
        const l = byClass.get(r.className);
        if (l) l.push(r);
        else byClass.set(r.className, [r]);
      }
      if (byClass.size > 1) {
        const classes = [...byClass].sort((a, b) => a[0].localeCompare(b[0])).map(([c, rs]) => evaluateCell(ctx, subject, grade, c, rs).cell);
        const means = classes.map((c) => c.stats.mean).filter((m): m is number => m !== null);
        parallelClasses.push({ subject, grade, classes, spread: means.length > 1 ? round2(Math.max(...means) - Math.min(...means)) : null });
      }
    }
  }
  const subgroups: SubgroupPattern[] = [];
  for (const sg of SUBGROUPS) {
    for (const subject of data.subjects) {
      const perGrade: SubgroupPattern['perGrade'] = [];
      const trend: SubgroupGapPoint[] = [];
      let sdSum = 0;
      let sdN = 0;
      for (const y of years) {
        let wGap = 0;
        let wN = 0;
        let nSub = 0;
        let nRest = 0;
        for (const grade of data.grades) {
          const list = data.test(y, moment, grade, subject);
          if (list.length === 0) continue;
          const a = new StatsAccumulator();
          const b = new StatsAccumulator();
          for (const r of list) (inGroup(r, sg) ? a : b).add(r);
          nSub += a.n;
          nRest += b.n;
          const gap = a.mean !== null && b.mean !== null ? b.mean - a.mean : null;
          if (gap !== null) {
            wGap += gap * a.nScore;
            wN += a.nScore;
            const sd = b.sd;
            if (sd !== null) {
              sdSum += sd;
              sdN++;
            }
          }
          if (y === year && a.n > 0) {
            perGrade.push({ grade, subgroup: a.finish(), rest: b.finish(), gap: round2(gap), shareI_III: { subgroup: shareI_III(a), rest: shareI_III(b) } });
          }
        }
        if (nSub > 0 || nRest > 0) trend.push({ schoolYear: y, gap: wN === 0 ? null : round2(wGap / wN), nSubgroup: nSub, nRest, small: nSub < 5 });
      }
      if (trend.every((t) => t.nSubgroup === 0)) continue;
      const delta = sdN > 0 ? STEP_SD_FRACTION * (sdSum / sdN) : 0;
      const gapTrend = classifyTrend(trend.map((t) => t.gap), delta);
      const widening = gapTrend.kind === 'structureel' && gapTrend.direction === 'stijging';
      subgroups.push({
        subgroup: sg,
        subject,
        perGrade,
        trend,
        gapTrend,
        widening,
        chart: {
          kind: 'line',
          title: `${SUBGROUP_LABEL[sg]} tegenover de rest: ${subject} (${moment}), verschil in gemiddelde vaardigheidsscore`,
          xLabel: 'schooljaar',
          yLabel: 'achterstand (rest − subgroep)',
          series: [{ id: 'gap', label: 'verschil', points: trend.map((t) => ({ x: t.schoolYear, y: t.gap, n: t.nSubgroup, small: t.small })) }],
          normBands: [],
          annotations: [
            ...(widening ? [{ x: trend[trend.length - 1]!.schoolYear, text: 'verschil wordt structureel groter', kind: 'signaal' as const }] : []),
            ...trend.filter((t) => t.small && t.nSubgroup > 0).map((t) => ({ x: t.schoolYear, text: 'minder dan 5 leerlingen in de subgroep', kind: 'klein' as const })),
          ],
        },
      });
    }
  }
  return { domains, subgroups, parallelClasses };
}
