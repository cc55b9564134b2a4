import {
  CHECKLIST_IDS,
  type Action,
  type Borging,
  type GroupPlan,
  type TeamLearning,
  RecordValidationError,
  analysisMap,
  checksMap,
  createChartView,
  createFact,
  createLink,
  createSource,
  deleteRecord,
  gridCellsMap,
  linksOf,
  listActions,
  listBorging,
  listGroupPlans,
  listTeamLearning,
  listCauses,
  listChartViews,
  listConclusions,
  listFactors,
  listFacts,
  listGridCells,
  listGridColumns,
  listLinks,
  listSources,
  moveRecord,
  orderAt,
  readAnalysisContext,
  readChecklist,
  recordClientId,
  recordsMap,
  setAnalysisField,
  setCheckNote,
  setCheckStatus,
  updateChartView,
  updateFact,
  updateSource,
  type AnalysisContext,
  type AnalysisField,
  type Cause,
  type ChartView,
  type CheckItemState,
  type CheckStatus,
  type ChecklistId,
  type Conclusion,
  type Fact,
  type Factor,
  type GridCell,
  type GridColumn,
  type Link,
  type NewChartView,
  type NewFact,
  type NewLink,
  type NewSource,
  type Source,
  type StepId,
} from '@koers/board';
import * as Y from 'yjs';

/**
 * The origin of every write this page makes to the canvas roots. The undo manager tracks only it, so
 * Ctrl+Z undoes one's own edits and never a colleague's (their updates arrive with the provider as origin).
 */
export const LOCAL_ORIGIN = Symbol('koers-canvas-local');

/**
 * The origin of a step's default charts, placed automatically when the leider first opens the step: not
 * hers to undo (Ctrl+Z would otherwise take the charts away as if she had added them).
 */
export const DEFAULTS_ORIGIN = Symbol('koers-canvas-defaults');

/** How long a card that arrived (from anyone) keeps its highlight. */
export const FRESH_MS = 2500;

/** A record of any type the canvas lists, with the fields the card frame needs. */
export interface CardRecord {
  id: string;
  order: string;
  createdAt: string;
  clientId: number | undefined;
}

export interface BoardRecordsOptions {
  /**
   * True once the document's first content is in (from the device or the server). Records that appear
   * before that are the board as it was, not news: they get no highlight.
   */
  isSettled?: () => boolean;
}

/** The outcome of a command: a Dutch message when the schema refused the value (nothing was written). */
export type CommandResult<T = void> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The canvas of one board as reactive state: it observes the `records`, `gridCells`, `checks` and
 * `analysis` roots and keeps typed lists read through the packages/board accessors, and it writes through
 * those accessors inside `doc.transact(fn, LOCAL_ORIGIN)`. Components never touch Y types.
 *
 * Undo: one Y.UndoManager over those four roots tracking only {@link LOCAL_ORIGIN}; each command is its own
 * undo step. The rich text has its own undo in the editor.
 */
export class BoardRecords {
  facts = $state<Fact[]>([]);
  sources = $state<Source[]>([]);
  chartViews = $state<ChartView[]>([]);
  links = $state<Link[]>([]);
  causes = $state<Cause[]>([]);
  conclusions = $state<Conclusion[]>([]);
  factors = $state<Factor[]>([]);
  gridColumns = $state<GridColumn[]>([]);
  gridCells = $state<GridCell[]>([]);
  /** Handelen 1–4: actions, group plans, team learning, borging. */
  actions = $state<Action[]>([]);
  groupPlans = $state<GroupPlan[]>([]);
  teamLearning = $state<TeamLearning[]>([]);
  borging = $state<Borging[]>([]);
  checks = $state<Record<ChecklistId, CheckItemState[]>>({} as Record<ChecklistId, CheckItemState[]>);
  analysis = $state<AnalysisContext>({
    question: '',
    decision: '',
    purpose: null,
    datasetId: null,
    schoolYear: null,
    moment: null,
  });
  /** Ids of records that arrived after the board settled, for a short highlight. */
  fresh = $state<Record<string, true>>({});
  canUndo = $state(false);
  canRedo = $state(false);
  /** The last refused write, in Dutch, for the page to show; cleared by the next successful command. */
  error = $state('');

  readonly doc: Y.Doc;
  readonly undoManager: Y.UndoManager;
  // Bookkeeping, not shown: plain sets on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #known = new Set<string>();
  #isSettled: () => boolean;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #cleanups: (() => void)[] = [];

  constructor(doc: Y.Doc, options: BoardRecordsOptions = {}) {
    this.doc = doc;
    this.#isSettled = options.isSettled ?? (() => true);
    const records = recordsMap(doc);
    const cells = gridCellsMap(doc);
    const checks = checksMap(doc);
    const analysis = analysisMap(doc);

    // Records that exist at construction are the board as it was.
    for (const id of records.keys()) this.#known.add(id);
    this.#readRecords();
    this.#readCells();
    this.#readChecks();
    this.#readAnalysis();

    const onRecords = () => this.#readRecords();
    const onCells = () => this.#readCells();
    const onChecks = () => this.#readChecks();
    const onAnalysis = () => this.#readAnalysis();
    records.observeDeep(onRecords);
    cells.observe(onCells);
    checks.observe(onChecks);
    analysis.observe(onAnalysis);
    this.#cleanups.push(() => {
      records.unobserveDeep(onRecords);
      cells.unobserve(onCells);
      checks.unobserve(onChecks);
      analysis.unobserve(onAnalysis);
    });

    this.undoManager = new Y.UndoManager([records, cells, checks, analysis], {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- Yjs's own option
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: 0,
    });
    const onStack = () => {
      this.canUndo = this.undoManager.canUndo();
      this.canRedo = this.undoManager.canRedo();
    };
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
      this.undoManager.on(event, onStack);
    }
    this.#cleanups.push(() => this.undoManager.destroy());
  }

  // ---- reading ---------------------------------------------------------------------------------------

  factsOf(stepId: StepId): Fact[] {
    return this.facts.filter((f) => f.stepId === stepId);
  }

  chartViewsOf(stepId: StepId): ChartView[] {
    return this.chartViews.filter((v) => v.stepId === stepId);
  }

  /** The Yjs client that created a record (its author), or undefined for a record that is gone. */
  authorClientId(id: string): number | undefined {
    return recordClientId(this.doc, id);
  }

  /** Links touching a record, either direction. */
  linksOf(id: string): Link[] {
    return this.links.filter((l) => l.from === id || l.to === id);
  }

  /** How many other cards a card is linked with: what a delete would cut ("asks first"). */
  linkedCardCount(id: string): number {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local count
    const others = new Set(linksOf(this.doc, id).map((l) => (l.from === id ? l.to : l.from)));
    return others.size;
  }

  /** A short text naming any record, for link chips and the link picker. */
  describe(id: string): string {
    const fact = this.facts.find((r) => r.id === id);
    if (fact) return fact.text;
    const source = this.sources.find((r) => r.id === id);
    if (source) return source.shows || source.sourceKind;
    const cause = this.causes.find((r) => r.id === id);
    if (cause) return cause.text;
    const conclusion = this.conclusions.find((r) => r.id === id);
    if (conclusion) return conclusion.text;
    const view = this.chartViews.find((r) => r.id === id);
    if (view) return view.title || view.analysisKind;
    const action = this.actions.find((r) => r.id === id);
    if (action) return action.what;
    const learning = this.teamLearning.find((r) => r.id === id);
    if (learning) return learning.text;
    return '';
  }

  isFresh(id: string): boolean {
    return this.fresh[id] === true;
  }

  // ---- commands --------------------------------------------------------------------------------------

  /** Runs a write as one local, undoable step; a refused value becomes `error` (Dutch). */
  run<T>(write: () => T): CommandResult<T> {
    try {
      let value!: T;
      this.doc.transact(() => {
        value = write();
      }, LOCAL_ORIGIN);
      this.undoManager.stopCapturing();
      this.error = '';
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof RecordValidationError)) throw error;
      this.error = error.message;
      return { ok: false, message: error.message };
    }
  }

  addFact(input: NewFact): CommandResult<string> {
    return this.run(() => createFact(this.doc, input));
  }

  updateFact(id: string, patch: Parameters<typeof updateFact>[2]): CommandResult<boolean> {
    return this.run(() => updateFact(this.doc, id, patch));
  }

  addSource(input: NewSource): CommandResult<string> {
    return this.run(() => createSource(this.doc, input));
  }

  updateSource(id: string, patch: Parameters<typeof updateSource>[2]): CommandResult<boolean> {
    return this.run(() => updateSource(this.doc, id, patch));
  }

  addChartView(input: NewChartView): CommandResult<string> {
    return this.run(() => createChartView(this.doc, input));
  }

  /** Places a step's default chart views, outside the undo history (see {@link DEFAULTS_ORIGIN}). */
  addDefaultChartViews(inputs: NewChartView[]): string[] {
    let ids: string[] = [];
    this.doc.transact(() => {
      ids = inputs.map((input) => createChartView(this.doc, input));
    }, DEFAULTS_ORIGIN);
    return ids;
  }

  updateChartView(id: string, patch: Parameters<typeof updateChartView>[2]): CommandResult<boolean> {
    return this.run(() => updateChartView(this.doc, id, patch));
  }

  link(input: NewLink): CommandResult<string> {
    return this.run(() => createLink(this.doc, input));
  }

  /** Removes a record with every link touching it. */
  remove(id: string): CommandResult<boolean> {
    return this.run(() => deleteRecord(this.doc, id));
  }

  /**
   * Moves a card one place up (-1) or down (+1) in its list (`list` as displayed): one new order key
   * between its new neighbours, so nobody else's card is rewritten.
   */
  move(list: readonly CardRecord[], id: string, offset: -1 | 1): CommandResult<boolean> {
    const index = list.findIndex((r) => r.id === id);
    const target = index + offset;
    if (index < 0 || target < 0 || target >= list.length) return { ok: true, value: false };
    const others = list.filter((r) => r.id !== id).map((r) => r.order);
    return this.run(() => moveRecord(this.doc, id, orderAt(others, target)));
  }

  setCheckStatus(checklist: ChecklistId, item: string, status: CheckStatus | null): CommandResult {
    return this.run(() => setCheckStatus(this.doc, checklist, item, status));
  }

  setCheckNote(checklist: ChecklistId, item: string, note: string): CommandResult {
    return this.run(() => setCheckNote(this.doc, checklist, item, note));
  }

  setAnalysis<F extends AnalysisField>(field: F, value: AnalysisContext[F]): CommandResult {
    return this.run(() => setAnalysisField(this.doc, field, value));
  }

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }

  destroy(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  // ---- observers -------------------------------------------------------------------------------------

  #readRecords(): void {
    const { doc } = this;
    this.facts = listFacts(doc);
    this.sources = listSources(doc);
    this.chartViews = listChartViews(doc);
    this.links = listLinks(doc);
    this.causes = listCauses(doc);
    this.conclusions = listConclusions(doc);
    this.factors = listFactors(doc);
    this.gridColumns = listGridColumns(doc);
    this.actions = listActions(doc);
    this.groupPlans = listGroupPlans(doc);
    this.teamLearning = listTeamLearning(doc);
    this.borging = listBorging(doc);
    this.#markFresh();
  }

  #markFresh(): void {
    const settled = this.#isSettled();
    const arrived: string[] = [];
    for (const id of recordsMap(this.doc).keys()) {
      if (this.#known.has(id)) continue;
      this.#known.add(id);
      if (settled) arrived.push(id);
    }
    if (arrived.length === 0) return;
    this.fresh = { ...this.fresh, ...Object.fromEntries(arrived.map((id) => [id, true as const])) };
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const next = { ...this.fresh };
      for (const id of arrived) delete next[id];
      this.fresh = next;
    }, FRESH_MS);
    this.#timers.add(timer);
  }

  #readCells(): void {
    this.gridCells = listGridCells(this.doc);
  }

  #readChecks(): void {
    this.checks = Object.fromEntries(CHECKLIST_IDS.map((id) => [id, readChecklist(this.doc, id)])) as Record<
      ChecklistId,
      CheckItemState[]
    >;
  }

  #readAnalysis(): void {
    this.analysis = readAnalysisContext(this.doc);
  }
}
