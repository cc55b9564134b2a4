import type { GroupStats } from '@koers/analysis';
import { carriedFigureQuery, type Action, type BoardJSON } from '@koers/board';
import type { AggregateReport } from '../datasets/aggregate-view';

/**
 * The new results' figures for each action carried over from the previous board ("effect vastgesteld?",
 * Kwaliteitskaart stone 8): for the jaargroep and subject the action names, the classes of that jaargroep;
 * for a subject only, the school; for a jaargroep only, its classes in every subject; for neither, the
 * school in every subject. Aggregates only (the share on I–III and n); a group of fewer than five pupils
 * carries `small` and no n, like every other view.
 */

export interface CarriedFigure {
  /** "Groep 6A · Begrijpend lezen", "School · Spelling". */
  label: string;
  subject: string;
  grade: number | null;
  /** Share on levels I–III, one decimal; null when the results have no I–V levels. */
  pctOnI_III: number | null;
  /** Pupils with a level; null when under five (see `small`). */
  n: number | null;
  small: boolean;
  /** The group's status against the school's norms (`onder-minimum`, `minimum`, `streef`, `ambitie`, …). */
  status: string | null;
}

export interface CarriedActionFigures {
  recordId: string;
  /** What the figures are about, for the heading: "groep 6, Begrijpend lezen" / "de hele school". */
  scope: string;
  figures: CarriedFigure[];
}

export interface CarriedFiguresAnswer {
  /** The results the figures come from; null when the school has no dataset. */
  context: {
    datasetId: string;
    datasetName: string;
    schoolYear: string;
    moment: string;
    /** What an action may name as its focus: the subjects and jaargroepen in these results. */
    subjects: string[];
    grades: number[];
  } | null;
  actions: CarriedActionFigures[];
}

function share(stats: GroupStats): { pct: number | null; n: number | null; small: boolean } {
  const small = stats.small || stats.nIV < 5;
  if (stats.nIV === 0) return { pct: null, n: small ? null : stats.n, small };
  const onI_III = (stats.levels.I ?? 0) + (stats.levels.II ?? 0) + (stats.levels.III ?? 0);
  return { pct: Math.round((1000 * onI_III) / stats.nIV) / 10, n: small ? null : stats.nIV, small };
}

const sameSubject = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function figuresFor(
  action: Pick<Action, 'focusGrade' | 'focusSubject'>,
  report: AggregateReport,
): { scope: string; figures: CarriedFigure[] } {
  const { grade, subject } = carriedFigureQuery(action);
  const { groups, pooled } = report.resultsVsNorms;
  if (grade !== null) {
    const rows = groups.filter(
      (r) =>
        r.level === 'groep' && r.grade === grade && (subject === null || sameSubject(r.subject, subject)),
    );
    return {
      scope: subject === null ? `groep ${grade}` : `groep ${grade}, ${subject}`,
      figures: rows.map((r) => {
        const s = share(r.stats);
        return {
          label: `Groep ${r.className ?? r.grade} · ${r.subject}`,
          subject: r.subject,
          grade: r.grade,
          pctOnI_III: s.pct,
          n: s.n,
          small: s.small,
          status: r.status,
        };
      }),
    };
  }
  const rows = pooled.filter(
    (r) => r.level === 'school' && (subject === null || sameSubject(r.subject, subject)),
  );
  return {
    scope: subject === null ? 'de hele school' : `de hele school, ${subject}`,
    figures: rows.map((r) => {
      const s = share(r.stats);
      return {
        label: `School · ${r.subject}`,
        subject: r.subject,
        grade: null,
        pctOnI_III: s.pct,
        n: s.n,
        small: s.small,
        status: null,
      };
    }),
  };
}

/** The figures of every carried action on the board (actions with `carriedFrom`), in display order. */
export function carriedFigures(board: BoardJSON, report: AggregateReport | null): CarriedActionFigures[] {
  return board.canvas.actions
    .filter((a) => a.carriedFrom !== null)
    .map((a) => {
      if (!report) return { recordId: a.id, scope: '', figures: [] };
      return { recordId: a.id, ...figuresFor(a, report) };
    });
}
