import {
  KWALITEITSKAART_FACTORS,
  cellKey,
  createCause,
  createFactor,
  createGridColumn,
  factorSummary,
  setGridCell,
  updateFactor,
  type Cause,
  type CellValue,
  type FactorRow,
  type FactorSummary,
  type GridColumn,
} from '@koers/board';
import type { BoardRecords, CommandResult } from './board-records.svelte';
import { cellKeyAction, moveInGrid, nextCellValue, type GridPosition } from './grid-keys';

/** Where the per-browser "jouw kolom" choice is kept (a preference of this device, not board content). */
export interface PreferenceStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function browserStorage(): PreferenceStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export interface FactorGridOptions {
  boardId: string;
  storage?: PreferenceStore | null;
}

/** How rows are shown: in the card's order, or "Wat valt op?" first (most – and ? on top). */
export type RowOrder = 'order' | 'attention';

/**
 * Step 8's +/–/? grid as state: the rows (the Kwaliteitskaart's 20 explanations, then the team's factors),
 * the columns (the board's groups), the cells, the summary per row, the active cell of the keyboard grid
 * and this person's own column. Every write goes through `records.run` (one undo step each); a cell is its
 * own key in `gridCells`, so teachers filling their own columns at once never conflict.
 */
export class FactorGrid {
  readonly records: BoardRecords;
  readonly boardId: string;
  readonly #storage: PreferenceStore | null;

  /**
   * The active cell (the one with tabindex 0), by row and column id: when "Wat valt op?" re-sorts the rows
   * after a cell changes, the active cell stays on its factor.
   */
  activeRowId = $state<string | null>(null);
  activeColumnId = $state<string | null>(null);
  order = $state<RowOrder>('order');
  /** The column of this browser's user ("jouw kolom"), or null. */
  ownColumnId = $state<string | null>(null);

  readonly columns: GridColumn[] = $derived.by(() => this.records.gridColumns);

  readonly rows: FactorRow[] = $derived.by(() => [
    ...KWALITEITSKAART_FACTORS,
    ...this.records.factors.map((f): FactorRow => ({
      id: f.id,
      label: f.label,
      origin: 'team',
      clientId: f.clientId,
    })),
  ]);

  /** `${factorId}|${columnId}` → value, for the cells shown. */
  readonly cells: ReadonlyMap<string, CellValue> = $derived.by(
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derivation, never mutated
    () => new Map(this.records.gridCells.map((c) => [cellKey(c.factorId, c.columnId), c.value])),
  );

  /** Per row: the counts of + – ? and "4 × –, 1 × ?" (packages/board's `factorSummary`). */
  readonly summaries: ReadonlyMap<string, FactorSummary> = $derived.by(() => {
    // Read the reactive lists so this recomputes when a cell, row or column changes.
    void this.records.gridCells;
    void this.records.factors;
    void this.records.gridColumns;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derivation, never mutated
    return new Map(factorSummary(this.records.doc).map((s) => [s.factorId, s]));
  });

  /** The rows as shown: in order, or with the most striking rows ("Wat valt op?") first. */
  readonly shownRows: FactorRow[] = $derived.by(() => {
    if (this.order === 'order') return this.rows;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derivation, never mutated
    const index = new Map(this.rows.map((r, i) => [r.id, i]));
    return [...this.rows].sort((a, b) => {
      const sa = this.summaries.get(a.id);
      const sb = this.summaries.get(b.id);
      return (
        attentionScore(sb) - attentionScore(sa) ||
        (sb?.minus ?? 0) - (sa?.minus ?? 0) ||
        (index.get(a.id) ?? 0) - (index.get(b.id) ?? 0)
      );
    });
  });

  /** Causes marked "onvoldoende bekend: aanvullend onderzoek" (step 8's "Wat vraagt nader onderzoek?"). */
  readonly research: Cause[] = $derived.by(() => this.records.causes.filter((c) => c.needsResearch));

  constructor(records: BoardRecords, options: FactorGridOptions) {
    this.records = records;
    this.boardId = options.boardId;
    this.#storage = options.storage === undefined ? browserStorage() : options.storage;
    this.ownColumnId = this.#storage?.getItem(this.#ownKey) ?? null;
  }

  get #ownKey(): string {
    return `koers.ownColumn.${this.boardId}`;
  }

  // ---- reading ---------------------------------------------------------------------------------------

  valueAt(factorId: string, columnId: string): CellValue | null {
    return this.cells.get(cellKey(factorId, columnId)) ?? null;
  }

  summaryOf(factorId: string): FactorSummary | undefined {
    return this.summaries.get(factorId);
  }

  /**
   * "Wat valt op?": a row stands out when at least half of the columns (and at least one) say – or ?.
   * Shown with a mark and a label, never by colour alone.
   */
  isNotable(factorId: string): boolean {
    const score = attentionScore(this.summaries.get(factorId));
    return score > 0 && score >= Math.max(1, Math.ceil(this.columns.length / 2));
  }

  /** The cause that marks this row for further research, if any (matched by its text). */
  researchFor(row: FactorRow): Cause | undefined {
    const label = row.label.trim().toLocaleLowerCase('nl');
    return this.research.find((c) => c.text.trim().toLocaleLowerCase('nl') === label);
  }

  /** The active cell as indexes into `shownRows` × `columns` (the first cell when none or gone). */
  get activeCell(): GridPosition {
    const row = this.shownRows.findIndex((r) => r.id === this.activeRowId);
    const col = this.columns.findIndex((c) => c.id === this.activeColumnId);
    return { row: Math.max(0, row), col: Math.max(0, col) };
  }

  isActive(row: number, col: number): boolean {
    const at = this.activeCell;
    return at.row === row && at.col === col;
  }

  /** Makes a cell the active one (by index into the rows and columns as shown). */
  activate(at: GridPosition): void {
    this.activeRowId = this.shownRows[at.row]?.id ?? null;
    this.activeColumnId = this.columns[at.col]?.id ?? null;
  }

  // ---- the keyboard ----------------------------------------------------------------------------------

  /**
   * Handles a key on the active cell: navigation moves it, + - ? set the cell, Backspace / Delete / Space
   * clear it. Returns true when the key was handled (the caller then prevents the default).
   */
  handleKey(key: string, ctrl = false): boolean {
    const at = this.activeCell;
    const moved = moveInGrid(at, key, { rows: this.shownRows.length, cols: this.columns.length }, ctrl);
    if (moved) {
      this.activate(moved);
      return true;
    }
    if (ctrl) return false;
    const action = cellKeyAction(key);
    if (!action) return false;
    const row = this.shownRows[at.row];
    const column = this.columns[at.col];
    if (!row || !column) return false;
    this.set(row.id, column.id, 'set' in action ? action.set : null);
    return true;
  }

  /** A click: make the cell active and cycle its value (blank → + → – → ? → blank). */
  cycle(row: number, col: number): void {
    this.activate({ row, col });
    const factor = this.shownRows[row];
    const column = this.columns[col];
    if (!factor || !column) return;
    this.set(factor.id, column.id, nextCellValue(this.valueAt(factor.id, column.id)));
  }

  // ---- commands --------------------------------------------------------------------------------------

  set(factorId: string, columnId: string, value: CellValue | null): CommandResult {
    if (this.valueAt(factorId, columnId) === value) return { ok: true, value: undefined };
    return this.records.run(() => setGridCell(this.records.doc, factorId, columnId, value));
  }

  addFactor(label: string): CommandResult<string> {
    return this.records.run(() => createFactor(this.records.doc, { label: label.trim() }));
  }

  renameFactor(id: string, label: string): CommandResult<boolean> {
    return this.records.run(() => updateFactor(this.records.doc, id, { label: label.trim() }));
  }

  addColumn(label: string, groupKey?: string): CommandResult<string> {
    return this.records.run(() =>
      createGridColumn(this.records.doc, { label: label.trim(), ...(groupKey ? { groupKey } : {}) }),
    );
  }

  /**
   * "Wat vraagt nader onderzoek?": a cause card on step 9 named after the row, marked "onvoldoende bekend:
   * aanvullend onderzoek", negative when the row has at least as many – as + (the grid has no field of its
   * own for this). Returns the existing one when the row is already marked.
   */
  markForResearch(row: FactorRow): CommandResult<string> {
    const existing = this.researchFor(row);
    if (existing) return { ok: true, value: existing.id };
    const summary = this.summaries.get(row.id);
    const polarity = (summary?.plus ?? 0) > (summary?.minus ?? 0) ? 'positief' : 'negatief';
    return this.records.run(() =>
      createCause(this.records.doc, { text: row.label, polarity, needsResearch: true }),
    );
  }

  /** Picks (or with null forgets) this browser's own column: it is highlighted, nobody is blocked. */
  setOwnColumn(columnId: string | null): void {
    this.ownColumnId = columnId;
    try {
      if (columnId) this.#storage?.setItem(this.#ownKey, columnId);
      else this.#storage?.removeItem(this.#ownKey);
    } catch {
      // A blocked storage only loses the preference.
    }
  }

  /** The own column as a column that still exists. */
  get ownColumn(): GridColumn | undefined {
    return this.columns.find((c) => c.id === this.ownColumnId);
  }
}

/** How many columns say – or ? for a row. */
export function attentionScore(summary: FactorSummary | undefined): number {
  return (summary?.minus ?? 0) + (summary?.unknown ?? 0);
}

/** The group columns a board's dataset offers ("Groep 3" … "Groep 8"), minus those already there. */
export function groupOptions(
  grades: readonly number[],
  existing: readonly GridColumn[],
  label: (grade: number) => string,
): { label: string; groupKey: string }[] {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
  const taken = new Set(existing.map((c) => c.groupKey ?? c.label.trim().toLocaleLowerCase('nl')));
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local de-duplication, not state
  return [...new Set(grades)]
    .sort((a, b) => a - b)
    .map((g) => ({ label: label(g), groupKey: `groep-${g}` }))
    .filter((o) => !taken.has(o.groupKey) && !taken.has(o.label.toLocaleLowerCase('nl')));
}
