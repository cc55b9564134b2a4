/**
 * Analysis 2 — Resultaten ten opzichte van de normen (Stappenplan stap 4) at school, bouw, class and
 * subgroup level, with level distributions. Norms are set per jaargroep, so pooled levels (school, bouw)
 * report how many jaargroepen reach each tier plus the pooled level distribution; class and subgroup rows
 * are judged against the norm of their jaargroep (ondersteuning against the zorg norms when present).
 */
import type { ChartSeries, ChartSpec } from '../chart-spec';
import { LEVELS_A_E, LEVELS_I_V, SUBGROUPS, SUBGROUP_LABEL, type Result, type Subgroup } from '../model';
import type { CellStatus, CriterionOutcome } from '../norms/evaluate';
import { StatsAccumulator, type GroupStats } from '../stats';
import type { AnalysisContext } from './context';
import { evaluateCell, type Overview } from './overview';

export interface PooledRow {
  level: 'school' | 'bouw';
  label: string;
  subject: string;
  grades: number[];
  stats: GroupStats;
  /** How many jaargroepen have each status. */
  statusCounts: Record<CellStatus, number>;
  /** Jaargroepen judged (with a norm and data). */
  judged: number;
}

export interface GroupRow {
  level: 'groep' | 'subgroep';
  label: string;
  subject: string;
  grade: number;
  className: string | null;
  subgroup: Subgroup | null;
  stats: GroupStats;
  status: CellStatus;
  criteria: CriterionOutcome[];
  /** For subgroups: the rest of the jaargroep. */
  rest?: GroupStats;
}

export interface ResultsVsNorms {
  pooled: PooledRow[];
  groups: GroupRow[];
  charts: ChartSpec[];
}

function zeroCounts(): Record<CellStatus, number> {
  return { 'onder-minimum': 0, minimum: 0, streef: 0, ambitie: 0, 'geen-norm': 0, onbekend: 0 };
}

function isIn(r: Result, g: Subgroup): boolean {
  return g === 'nt2' ? r.nt2 : g === 'ondersteuning' ? r.support : r.plus;
}

/** Builds the analysis; reuses the overview's jaargroep cells for the status counts. */
export function resultsVsNorms(ctx: AnalysisContext, ov: Overview): ResultsVsNorms {
  const { data, year, moment } = ctx;
  const pooled: PooledRow[] = [];
  const groups: GroupRow[] = [];
  const charts: ChartSpec[] = [];
  const gradeCells = ov.rows.filter((r) => r.className === null);
  const levelSets = [LEVELS_I_V, LEVELS_A_E];
  data.subjects.forEach((subject, si) => {
    const units = [
      { level: 'school' as const, label: 'school', grades: data.grades },
      ...ctx.bouwen.map((b) => ({ level: 'bouw' as const, label: b.name, grades: b.grades })),
    ];
    const series: ChartSeries[] = [];
    for (const u of units) {
      const acc = new StatsAccumulator();
      const counts = zeroCounts();
      let judged = 0;
      for (const g of u.grades) {
        for (const r of data.test(year, moment, g, subject)) acc.add(r);
        const cell = gradeCells.find((row) => row.grade === g)?.cells[si];
        if (cell) {
          counts[cell.status]++;
          if (cell.status !== 'geen-norm' && cell.status !== 'onbekend') judged++;
        }
      }
      if (acc.n === 0) continue;
      const stats = acc.finish();
      pooled.push({
        level: u.level,
        label: u.label,
        subject,
        grades: u.grades.filter((g) => data.test(year, moment, g, subject).length > 0),
        stats,
        statusCounts: counts,
        judged,
      });
      series.push({ id: u.label, label: u.label, points: [] });
      const s = series[series.length - 1]!;
      const scale = stats.nIV >= stats.nAE ? levelSets[0]! : levelSets[1]!;
      for (const l of scale) {
        const p = stats.levelPct[l];
        s.points.push({ x: l, y: p?.pct ?? null, n: p?.n ?? 0, small: p?.small ?? true });
      }
    }
    if (series.length > 0) {
      charts.push({
        kind: 'stacked-bar',
        title: `${subject} ${moment} ${year}: niveauverdeling school en bouwen`,
        xLabel: 'niveau',
        yLabel: '% leerlingen',
        series,
        normBands: [],
        annotations: series
          .filter((s) => (s.points[0]?.n ?? 0) < 5)
          .map((s) => ({ x: s.label, text: 'minder dan 5 leerlingen', kind: 'klein' as const })),
        yDomain: [0, 100],
      });
    }
    for (const grade of data.grades) {
      const list = data.test(year, moment, grade, subject);
      if (list.length === 0) continue;
      const byClass = new Map<string, Result[]>();
      for (const r of list) {
        const l = byClass.get(r.className);
        if (l) l.push(r);
        else byClass.set(r.className, [r]);
      }
      for (const [className, rs] of byClass) {
        const { cell } = evaluateCell(ctx, subject, grade, className, rs);
        groups.push({
          level: 'groep',
          label: className,
          subject,
          grade,
          className,
          subgroup: null,
          stats: cell.stats,
          status: cell.status,
          criteria: cell.criteria,
        });
      }
      for (const sg of SUBGROUPS) {
        const inGroup: Result[] = [];
        const rest = new StatsAccumulator();
        for (const r of list) {
          if (isIn(r, sg)) inGroup.push(r);
          else rest.add(r);
        }
        if (inGroup.length === 0) continue;
        const { cell } = evaluateCell(
          ctx,
          subject,
          grade,
          null,
          inGroup,
          sg === 'ondersteuning' ? 'zorg' : 'alle',
        );
        groups.push({
          level: 'subgroep',
          label: `${SUBGROUP_LABEL[sg]} groep ${grade}`,
          subject,
          grade,
          className: null,
          subgroup: sg,
          stats: cell.stats,
          status: cell.status,
          criteria: cell.criteria,
          rest: rest.finish(),
        });
      }
    }
  });
  return { pooled, groups, charts };
}
