import type { ChartSpec } from '@koers/analysis';
import {
  SUBGROUP_REANALYSED_KINDS,
  buildChartSpecs,
  subgroupLabel,
  type SubgroupId,
} from '@koers/analysis/charts';
import type { AnalysisContext, ChartView } from '@koers/board';
import { api, call } from '$lib/api';
import { getAnalysis, type AnalysisAnswer } from '$lib/datasets/datasets-api';
import { m } from '$lib/i18n';
import { CHART_FOR_KIND, effectiveSource } from './chart-views';

/** The charts of one chart view, with the year and moment they show. */
export interface ViewChart {
  specs: ChartSpec[];
  schoolYear: string;
  moment: string;
  /** The subjects the data has, and the one drawn (the view's, else the first). */
  subjects: string[];
  subject: string;
  /** The subgroups the whole school's data holds (ids and Dutch names, never pupils), for the filter. */
  subgroups: { id: string; label: string }[];
}

// One aggregate report per dataset, year and moment, shared by every view of the page.
const reports = new Map<string, Promise<AnalysisAnswer>>();

function report(
  datasetId: string,
  schoolYear?: string,
  moment?: string,
  subgroup?: string,
): Promise<AnalysisAnswer> {
  const key = `${datasetId}|${schoolYear ?? ''}|${moment ?? ''}|${subgroup ?? ''}`;
  let pending = reports.get(key);
  if (!pending) {
    pending = getAnalysis(datasetId, schoolYear, moment, subgroup);
    // A failed load is not kept: the next view (or a retry) asks again.
    pending.catch(() => reports.delete(key));
    reports.set(key, pending);
  }
  return pending;
}

/**
 * THE place the board gets a chart view's numbers. A member's laptop reads the dataset's aggregate report
 * (the results page's API, cached per dataset, year and moment) and builds the charts with the same chart
 * builders as the results page. A projector opened with a link has no session and may read nothing but the
 * views on its own board: it asks `GET /api/boards/:id/views/:viewId/chart` with its token, and the server
 * builds the view's charts from aggregates.
 */
export async function loadViewChart(
  boardId: string,
  view: ChartView,
  context: AnalysisContext,
  projectorToken?: string,
): Promise<ViewChart> {
  if (projectorToken) return projectorViewChart(boardId, view, projectorToken);
  const kind = CHART_FOR_KIND[view.analysisKind];
  const source = effectiveSource(view, context);
  // A subgroup: the overview, norms, trends, domains and parallel groups are drawn from the subgroup's own
  // report; "subgroepen" picks its gap charts from the whole school's (packages/analysis subgroup-filter.ts).
  const subgroup = view.filters.subgroup as SubgroupId | undefined;
  const reanalysed = subgroup !== undefined && SUBGROUP_REANALYSED_KINDS.includes(view.analysisKind);
  const answer = await report(
    source.datasetId,
    source.schoolYear,
    source.moment,
    reanalysed ? subgroup : undefined,
  );
  const subjects = answer.report.data.subjects;
  const draw = (subject: string) =>
    kind
      ? buildChartSpecs(kind, answer.report, {
          subject,
          ...(view.filters.grade !== undefined ? { grade: view.filters.grade } : {}),
          ...(subgroup !== undefined && view.analysisKind === 'subgroepen' ? { subgroup } : {}),
          groupLevelsLabels: {
            title: m.results_norms_groups_chart({ subject, moment: answer.moment, year: answer.schoolYear }),
            xLabel: m.results_level_axis(),
            yLabel: m.results_pupils_pct(),
          },
        })
      : [];
  // The view's subject; without one, the first subject that has something to draw (domain scores, say,
  // are often in one subject's export only), so a default chart never opens empty when another would not.
  let subject =
    view.filters.subject && subjects.includes(view.filters.subject)
      ? view.filters.subject
      : (subjects[0] ?? '');
  let built = draw(subject);
  if (built.length === 0 && !view.filters.subject) {
    for (const other of subjects) {
      const drawn = draw(other);
      if (drawn.length > 0) {
        subject = other;
        built = drawn;
        break;
      }
    }
  }
  const base = {
    schoolYear: answer.schoolYear,
    moment: answer.moment,
    subjects,
    subject,
    subgroups: answer.subgroups,
  };
  if (!kind) return { specs: [], ...base };
  // A narrowed chart never passes for the whole school's: its title names the subgroup.
  const specs = reanalysed
    ? built.map((spec) => ({
        ...spec,
        title: `${spec.title}${m.canvas_chart_subgroup_suffix({ name: subgroupLabel(subgroup) })}`,
      }))
    : built;
  return { specs, ...base };
}

/** A projector link's view of one chart: the server's aggregates and chart specs for exactly this view. */
async function projectorViewChart(boardId: string, view: ChartView, token: string): Promise<ViewChart> {
  const answer = await call(
    api.boards[':id'].views[':viewId'].chart.$get(
      { param: { id: boardId, viewId: view.id } },
      { headers: { 'X-Koers-Projector': token } },
    ),
    { loginOn401: false },
  );
  const subject = view.filters.subject ?? '';
  return {
    subgroups: answer.subgroups,
    specs: answer.chart.charts,
    schoolYear: answer.chart.schoolYear,
    moment: answer.chart.moment,
    subjects: subject ? [subject] : [],
    subject,
  };
}
