/**
 * Analysis 5 — Patronen (Stappenplan stap 6): domains within a subject, subgroups against the rest of
 * their jaargroep (gap and its trend over school years), and parallel classes.
 *
 * Subgroups: NT2, ondersteuning, plus, and the most frequent free labels ("specifieke profielen").
 * Subgroup gap = mean score of the rest − mean score of the subgroup (positive = the subgroup is behind),
 * per jaargroep; the school-level gap per subject and year is the mean of the jaargroep gaps weighted by
 * the subgroup's n. "Widening" = the gap grew by more than δ in each of the last two steps (three
 * measurements), δ = 0.25 × mean SD — the same rule as a structural trend.
 */
import { bandsFrom, type ChartSpec } from '../chart-spec';
import { measure, tierThresholds } from '../norms/evaluate';
import { SUBGROUPS, pctOf, round2, subgroupLabel, type Pct, type Result, type SubgroupId } from '../model';
import { StatsAccumulator, statsOf, type GroupStats } from '../stats';
import { classifyTrend, type TrendClassification } from '../trend-direction';
import { chartMeasure, measureAxisLabel, type AnalysisContext } from './context';
import { evaluateCell, type OverviewCell } from './overview';
import { STEP_SD_FRACTION } from './trend-jaargroep';

export interface DomainPattern {
  subject: string;
  grade: number;
  domains: {
    domain: string;
    n: number;
    mean: number | null;
    small: boolean;
    trend: { schoolYear: string; mean: number | null; n: number }[];
  }[];
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
  subgroup: SubgroupId;
  subject: string;
  /** Current year per jaargroep. */
  perGrade: {
    grade: number;
    subgroup: GroupStats;
    rest: GroupStats;
    gap: number | null;
    shareI_III: { subgroup: Pct; rest: Pct };
  }[];
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
  chart: ChartSpec;
}

export interface Patterns {
  domains: DomainPattern[];
  subgroups: SubgroupPattern[];
  parallelClasses: ParallelPattern[];
}

/** Free labels analysed as subgroups, most frequent first. */
export const MAX_LABEL_SUBGROUPS = 10;

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
            series: ds.map((d) => ({
              id: d.domain,
              label: d.domain,
              points: d.trend.map((t) => ({ x: t.schoolYear, y: t.mean, n: t.n, small: t.n < 5 })),
            })),
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
        const classes = [...byClass]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([c, rs]) => evaluateCell(ctx, subject, grade, c, rs).cell);
        const means = classes.map((c) => c.stats.mean).filter((m): m is number => m !== null);
        const norm = ctx.norms.find(subject, grade, moment);
        const m = chartMeasure(ctx, subject, grade, moment);
        const sortedClasses = [...byClass].sort((a, b) => a[0].localeCompare(b[0]));
        parallelClasses.push({
          subject,
          grade,
          classes,
          spread: means.length > 1 ? round2(Math.max(...means) - Math.min(...means)) : null,
          chart: {
            kind: 'bar',
            title: `Parallelgroepen groep ${grade}: ${subject} (${moment} ${year})`,
            xLabel: 'groep',
            yLabel: measureAxisLabel(m),
            series: [
              {
                id: 'groepen',
                label: measureAxisLabel(m),
                points: sortedClasses.map(([c, rs], i) => ({
                  x: c,
                  y: round2(measure(m, statsOf(rs)).value),
                  n: classes[i]!.stats.n,
                  small: classes[i]!.stats.small,
                  status: classes[i]!.status,
                })),
              },
            ],
            normBands: norm ? bandsFrom(tierThresholds(norm, m), (t) => `${t}norm`) : [],
            annotations: classes
              .filter((c) => c.stats.small)
              .map((c) => ({
                x: c.className ?? '',
                text: 'minder dan 5 leerlingen',
                kind: 'klein' as const,
              })),
            ...(m.kind === 'mean-score' ? {} : { yDomain: [0, 100] as [number, number] }),
          },
        });
      }
    }
  }
  const subgroups: SubgroupPattern[] = [];
  // Free labels become subgroups too (at most MAX_LABEL_SUBGROUPS, the most frequent ones).
  const labelCount = new Map<string, number>();
  for (const r of data.yearResults(year))
    for (const t of r.tags) labelCount.set(t, (labelCount.get(t) ?? 0) + 1);
  const labels = [...labelCount]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_LABEL_SUBGROUPS)
    .map(([t]) => t);
  const groupIds: SubgroupId[] = [...SUBGROUPS, ...labels.map((t): SubgroupId => `label:${t}`)];
  const G = groupIds.length;
  for (const subject of data.subjects) {
    // One pass per test over all subgroups at once.
    const perGrade: SubgroupPattern['perGrade'][] = groupIds.map(() => []);
    const trend: SubgroupGapPoint[][] = groupIds.map(() => []);
    const sdSum = groupIds.map(() => 0);
    const sdN = groupIds.map(() => 0);
    for (const y of years) {
      const wGap = groupIds.map(() => 0);
      const wN = groupIds.map(() => 0);
      const nSub = groupIds.map(() => 0);
      const nRest = groupIds.map(() => 0);
      let any = false;
      for (const grade of data.grades) {
        const list = data.test(y, moment, grade, subject);
        if (list.length === 0) continue;
        any = true;
        const accs = groupIds.map(() => [new StatsAccumulator(), new StatsAccumulator()] as const);
        for (const r of list) {
          accs[0]![r.nt2 ? 0 : 1].add(r);
          accs[1]![r.support ? 0 : 1].add(r);
          accs[2]![r.plus ? 0 : 1].add(r);
          for (let li = 3; li < G; li++) accs[li]![r.tags.includes(labels[li - 3]!) ? 0 : 1].add(r);
        }
        groupIds.forEach((_, gi) => {
          const [a, b] = accs[gi]!;
          nSub[gi]! += a.n;
          nRest[gi]! += b.n;
          const gap = a.mean !== null && b.mean !== null ? b.mean - a.mean : null;
          if (gap !== null) {
            wGap[gi]! += gap * a.nScore;
            wN[gi]! += a.nScore;
            const sd = b.sd;
            if (sd !== null) {
              sdSum[gi]! += sd;
              sdN[gi]!++;
            }
          }
          if (y === year && a.n > 0) {
            perGrade[gi]!.push({
              grade,
              subgroup: a.finish(),
              rest: b.finish(),
              gap: round2(gap),
              shareI_III: { subgroup: shareI_III(a), rest: shareI_III(b) },
            });
          }
        });
      }
      if (!any) continue;
      groupIds.forEach((_, gi) => {
        trend[gi]!.push({
          schoolYear: y,
          gap: wN[gi] === 0 ? null : round2(wGap[gi]! / wN[gi]!),
          nSubgroup: nSub[gi]!,
          nRest: nRest[gi]!,
          small: nSub[gi]! < 5,
        });
      });
    }
    groupIds.forEach((sg, gi) => {
      const tr = trend[gi]!;
      if (tr.every((t) => t.nSubgroup === 0)) return;
      const delta = sdN[gi]! > 0 ? STEP_SD_FRACTION * (sdSum[gi]! / sdN[gi]!) : 0;
      const gapTrend = classifyTrend(
        tr.map((t) => t.gap),
        delta,
      );
      const widening = gapTrend.kind === 'structureel' && gapTrend.direction === 'stijging';
      subgroups.push({
        subgroup: sg,
        subject,
        perGrade: perGrade[gi]!,
        trend: tr,
        gapTrend,
        widening,
        chart: {
          kind: 'line',
          title: `${subgroupLabel(sg)} tegenover de rest: ${subject} (${moment}), verschil in gemiddelde vaardigheidsscore`,
          xLabel: 'schooljaar',
          yLabel: 'achterstand (rest − subgroep)',
          series: [
            {
              id: 'gap',
              label: 'verschil',
              points: tr.map((t) => ({ x: t.schoolYear, y: t.gap, n: t.nSubgroup, small: t.small })),
            },
          ],
          normBands: [],
          annotations: [
            ...(widening
              ? [
                  {
                    x: tr[tr.length - 1]!.schoolYear,
                    text: 'verschil wordt structureel groter',
                    kind: 'signaal' as const,
                  },
                ]
              : []),
            ...tr
              .filter((t) => t.small && t.nSubgroup > 0)
              .map((t) => ({
                x: t.schoolYear,
                text: 'minder dan 5 leerlingen in de subgroep',
                kind: 'klein' as const,
              })),
          ],
        },
      });
    });
  }
  // Report order: per subgroup, then subject.
  subgroups.sort((a, b) => groupIds.indexOf(a.subgroup) - groupIds.indexOf(b.subgroup));
  return { domains, subgroups, parallelClasses };
}
