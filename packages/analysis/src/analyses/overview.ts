/**
 * Analysis 1 — Overzicht (Kwaliteitskaart stap 2): every jaargroep (and its classes, when it has parallel
 * classes) × every
 * test at the chosen moment, each cell with its statistics and status against the norms.
 */
import type { ChartPoint, ChartSpec } from '../chart-spec';
import { testLabel, type Result } from '../model';
import { evaluateNorm, type CellStatus, type CriterionOutcome } from '../norms/evaluate';
import { StatsAccumulator, type GroupStats } from '../stats';
import type { AnalysisContext } from './context';

export interface OverviewCell {
  subject: string;
  grade: number;
  className: string | null;
  test: string;
  stats: GroupStats;
  status: CellStatus;
  criteria: CriterionOutcome[];
}

export interface OverviewRow {
  label: string;
  grade: number;
  /** null for the jaargroep row; the class for class rows. */
  className: string | null;
  /** Aligned with `Overview.subjects`; null when the test was not taken. */
  cells: (OverviewCell | null)[];
}

export interface Overview {
  subjects: string[];
  rows: OverviewRow[];
  /** Number of jaargroep cells per status. */
  statusCounts: Record<CellStatus, number>;
  chart: ChartSpec;
}

/** Evaluates one group of results against the norm for its test. */
export function evaluateCell(
  ctx: AnalysisContext,
  subject: string,
  grade: number,
  className: string | null,
  results: readonly Result[],
  group: 'alle' | 'zorg' = 'alle',
): { acc: StatsAccumulator; cell: OverviewCell } {
  const acc = new StatsAccumulator();
  for (const r of results) acc.add(r);
  const { status, criteria } = evaluateNorm(ctx.norms.find(subject, grade, ctx.moment, group), acc);
  return {
    acc,
    cell: {
      subject,
      grade,
      className,
      test: testLabel(grade, ctx.moment),
      stats: acc.finish(),
      status,
      criteria,
    },
  };
}

/** Builds the overview for `ctx.year` × `ctx.moment`. */
export function overview(ctx: AnalysisContext): Overview {
  const { data, year, moment } = ctx;
  const rows: OverviewRow[] = [];
  const statusCounts: Record<CellStatus, number> = {
    'onder-minimum': 0,
    minimum: 0,
    streef: 0,
    ambitie: 0,
    'geen-norm': 0,
    onbekend: 0,
  };
  const points: ChartPoint[] = [];
  for (const grade of data.grades) {
    const perSubject = data.subjects.map((s) => data.test(year, moment, grade, s));
    if (perSubject.every((l) => l.length === 0)) continue;
    const gradeRow: OverviewRow = { label: `groep ${grade}`, grade, className: null, cells: [] };
    const classes = new Map<string, Result[][]>();
    perSubject.forEach((list, si) => {
      const subject = data.subjects[si]!;
      if (list.length === 0) {
        gradeRow.cells.push(null);
        return;
      }
      const { cell } = evaluateCell(ctx, subject, grade, null, list);
      gradeRow.cells.push(cell);
      statusCounts[cell.status]++;
      points.push({
        x: subject,
        y: cell.stats.mean,
        n: cell.stats.n,
        small: cell.stats.small,
        status: cell.status,
        row: gradeRow.label,
      });
      for (const r of list) {
        let per = classes.get(r.className);
        if (!per) classes.set(r.className, (per = data.subjects.map(() => [])));
        per[si]!.push(r);
      }
    });
    rows.push(gradeRow);
    // Class rows only where they add information: a jaargroep spread over parallel classes.
    if (classes.size > 1) {
      for (const [className, per] of [...classes].sort((a, b) => a[0].localeCompare(b[0]))) {
        rows.push({
          label: className,
          grade,
          className,
          cells: per.map((list, si) =>
            list.length === 0 ? null : evaluateCell(ctx, data.subjects[si]!, grade, className, list).cell,
          ),
        });
      }
    }
  }
  return {
    subjects: data.subjects,
    rows,
    statusCounts,
    chart: {
      kind: 'heatmap',
      title: `Overzicht ${moment}-toetsen ${year}: status ten opzichte van de normen`,
      xLabel: 'toets',
      yLabel: 'jaargroep',
      series: [{ id: 'status', label: 'status per groep en toets', points }],
      normBands: [],
      annotations: points
        .filter((p) => p.small)
        .map((p) => ({ x: p.x, text: `${p.row}: minder dan 5 leerlingen`, kind: 'klein' as const })),
    },
  };
}
