import type * as Y from 'yjs';
import { readAnalysisContext, type AnalysisContext } from './analysis-context';
import { CHECKLIST_IDS, type ChecklistId } from './checklists';
import { readChecklist, type CheckItemState } from './checks';
import { isStepDone, readMeta, stepText, type SourceBoard } from './layout';
import { listActions, type Action } from './records/action';
import { listBorging, type Borging } from './records/borging';
import { listCauses, type Cause } from './records/cause';
import { listChartViews, type ChartView } from './records/chart-view';
import { listConclusions, type Conclusion } from './records/conclusion';
import { listFacts, type Fact } from './records/fact';
import { listFactorRows, type FactorRow } from './records/factor';
import { factorSummary, listGridCells, type FactorSummary, type GridCell } from './records/grid-cell';
import { listGridColumns, type GridColumn } from './records/grid-column';
import { listGroupPlans, type GroupPlan } from './records/group-plan';
import { listLinks, type Link, type LinkRelation } from './records/link';
import { listSources, type Source } from './records/source';
import { listTeamLearning, type TeamLearning } from './records/team-learning';
import { fragmentToPlainText } from './rich-text';
import { STAPPENPLAN, type StepId, type StepPhase } from './stappenplan';

export interface BoardStepJSON {
  id: StepId;
  phase: StepPhase;
  number: string;
  title: string;
  done: boolean;
  /** The step's rich text as plain text, one line per block. */
  text: string;
}

/** One end of a link, seen from the record that carries it. */
export interface LinkRefJSON {
  linkId: string;
  relation: LinkRelation;
  /** `out`: this record → other ("this fact ondersteunt that cause"); `in`: other → this record. */
  direction: 'out' | 'in';
  otherId: string;
  otherType: string;
}

/** A record in JSON: its fields, the author's client id (null when unknown) and its links, resolved. */
export type RecordJSON<R> = Omit<R, 'clientId'> & { clientId: number | null; links: LinkRefJSON[] };

export interface BoardCanvasJSON {
  facts: RecordJSON<Fact>[];
  sources: RecordJSON<Source>[];
  causes: RecordJSON<Cause>[];
  conclusions: RecordJSON<Conclusion>[];
  chartViews: RecordJSON<ChartView>[];
  /** Handelen: actions (H1/H3), team learning (H2), group plans (H1/H3), borging (H4). */
  actions: RecordJSON<Action>[];
  teamLearning: RecordJSON<TeamLearning>[];
  groupPlans: RecordJSON<GroupPlan>[];
  borging: RecordJSON<Borging>[];
  /** Every link whose two ends exist. */
  links: RecordJSON<Link>[];
}

export interface BoardGridJSON {
  /** The 20 Kwaliteitskaart rows, then the team's. */
  rows: Array<Omit<FactorRow, 'clientId'> & { clientId: number | null }>;
  columns: RecordJSON<GridColumn>[];
  cells: GridCell[];
  /** Per row: counts of + – ? and "4 × –, 1 × ?". */
  summary: FactorSummary[];
}

export interface BoardJSON {
  schemaVersion: number;
  title: string;
  createdAt: string;
  /** The board this one continues ("Vervolg op …"), or null. */
  source: SourceBoard | null;
  steps: BoardStepJSON[];
  /** Step 1's answers and the data context of the charts. */
  analysis: AnalysisContext;
  canvas: BoardCanvasJSON;
  grid: BoardGridJSON;
  checks: Record<ChecklistId, CheckItemState[]>;
}

/**
 * A plain-data view of the board for consumers that must stay free of Yjs (reports, exports, tests). Every
 * list is in display order; invalid records and links to deleted records are left out.
 *
 * @example
 * const { title, steps, canvas } = boardToJSON(doc);
 */
export function boardToJSON(doc: Y.Doc): BoardJSON {
  const meta = readMeta(doc);
  const links = listLinks(doc);
  const refs = new Map<string, LinkRefJSON[]>();
  const typeOf = new Map<string, string>();
  const canvasRecords = {
    facts: listFacts(doc),
    sources: listSources(doc),
    causes: listCauses(doc),
    conclusions: listConclusions(doc),
    chartViews: listChartViews(doc),
    actions: listActions(doc),
    teamLearning: listTeamLearning(doc),
    groupPlans: listGroupPlans(doc),
    borging: listBorging(doc),
    links,
  };
  const columns = listGridColumns(doc);
  for (const list of [...Object.values(canvasRecords), columns])
    for (const r of list) typeOf.set(r.id, r.type);
  for (const r of listFactorRows(doc)) if (r.origin === 'team') typeOf.set(r.id, 'factor');
  const addRef = (at: string, ref: LinkRefJSON): void => {
    const list = refs.get(at) ?? [];
    list.push(ref);
    refs.set(at, list);
  };
  for (const link of links) {
    const base = { linkId: link.id, relation: link.relation };
    addRef(link.from, {
      ...base,
      direction: 'out',
      otherId: link.to,
      otherType: typeOf.get(link.to) ?? 'unknown',
    });
    addRef(link.to, {
      ...base,
      direction: 'in',
      otherId: link.from,
      otherType: typeOf.get(link.from) ?? 'unknown',
    });
  }
  const json = <R extends { id: string; clientId: number | undefined }>(r: R): RecordJSON<R> => ({
    ...r,
    clientId: r.clientId ?? null,
    links: refs.get(r.id) ?? [],
  });

  return {
    schemaVersion: meta.schemaVersion,
    title: meta.title,
    createdAt: meta.createdAt,
    source: meta.source,
    steps: STAPPENPLAN.map((step) => ({
      id: step.id,
      phase: step.phase,
      number: step.number,
      title: step.title,
      done: isStepDone(doc, step.id),
      text: fragmentToPlainText(stepText(doc, step.id)),
    })),
    analysis: readAnalysisContext(doc),
    canvas: {
      facts: canvasRecords.facts.map(json),
      sources: canvasRecords.sources.map(json),
      causes: canvasRecords.causes.map(json),
      conclusions: canvasRecords.conclusions.map(json),
      chartViews: canvasRecords.chartViews.map(json),
      actions: canvasRecords.actions.map(json),
      teamLearning: canvasRecords.teamLearning.map(json),
      groupPlans: canvasRecords.groupPlans.map(json),
      borging: canvasRecords.borging.map(json),
      links: links.map(json),
    },
    grid: {
      rows: listFactorRows(doc).map((r) => ({ ...r, clientId: r.clientId ?? null })),
      columns: columns.map(json),
      cells: listGridCells(doc),
      summary: factorSummary(doc),
    },
    checks: Object.fromEntries(CHECKLIST_IDS.map((id) => [id, readChecklist(doc, id)])) as Record<
      ChecklistId,
      CheckItemState[]
    >,
  };
}
