/**
 * A board's chart narrowed to one subgroup (a chart view's `filters.subgroup`): NT2, ondersteuning, plus or a
 * label from the `labels` column ("label:dyslexie").
 *
 * How each analysis applies it:
 * - overzicht, normen, trends, domeinen, parallelgroepen: the analysis runs again on the subgroup's results
 *   only (`analyseSchool(results, norms, { subgroup })`), so every number, n and small-group mark (n < 5) is
 *   the subgroup's own.
 * - subgroepen: the subgroup against the rest needs the whole school: the full report, narrowed to that
 *   subgroup's gap charts (`analysisView`).
 * - zorg and datakwaliteit: no subgroup filter (zorgleerlingen are a subgroup themselves; data quality is about
 *   the whole file), so the web offers none.
 */
import type { AnalysisReport } from './run-analysis';
import { subgroupLabel, type Result, type SubgroupId } from './model';
import type { AnalysisKind, AnalysisView } from './views';

/** The analyses that run again on the subgroup's results when a view has a subgroup. */
export const SUBGROUP_REANALYSED_KINDS: readonly AnalysisKind[] = [
  'overzicht',
  'normen',
  'trend-jaargroep',
  'trend-leerlingengroep',
  'domeinen',
  'parallelgroepen',
];

/** Whether a view of this kind can be narrowed to a subgroup. */
export function subgroupFilterApplies(kind: AnalysisKind): boolean {
  return kind === 'subgroepen' || SUBGROUP_REANALYSED_KINDS.includes(kind);
}

/** Whether this result (one pupil's test) belongs to the subgroup; membership is per result, as in patterns. */
export function inSubgroup(result: Result, id: SubgroupId): boolean {
  switch (id) {
    case 'nt2':
      return result.nt2;
    case 'ondersteuning':
      return result.support;
    case 'plus':
      return result.plus;
    default:
      return result.tags.includes(id.slice('label:'.length));
  }
}

/** The subgroups a report's data holds (those the pattern analysis found), with their Dutch names. */
export function subgroupsOfReport(
  report: Pick<AnalysisReport, 'patterns'>,
): { id: SubgroupId; label: string }[] {
  const ids: SubgroupId[] = [];
  for (const pattern of report.patterns.subgroups)
    if (!ids.includes(pattern.subgroup)) ids.push(pattern.subgroup);
  return ids.map((id) => ({ id, label: subgroupLabel(id) }));
}

/** Names the subgroup in every chart title, so a narrowed chart never passes for the whole school's. */
export function labelSubgroup(view: AnalysisView, id: SubgroupId): AnalysisView {
  const suffix = ` — subgroep ${subgroupLabel(id)}`;
  return {
    ...view,
    title: `${view.title}${suffix}`,
    charts: view.charts.map((chart) => ({ ...chart, title: `${chart.title}${suffix}` })),
  };
}
