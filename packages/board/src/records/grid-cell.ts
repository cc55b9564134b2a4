import type * as Y from 'yjs';
import { z } from 'zod';
import { GRID_CELLS } from '../layout';
import { isFactorRow, listFactorRows } from './factor';
import { listGridColumns, readGridColumn } from './grid-column';
import { RecordValidationError, prefixed } from './record-type';

/**
 * The cells of the step-8 factor grid: root `gridCells`, key `${factorId}|${columnId}` → '+', '-' or '?'.
 * A blank cell is a missing key. Each cell is its own key, so teachers filling their own columns at once
 * never conflict. Cells whose row or column is gone are skipped by readers (and removed with the row or
 * column by `deleteRecord`).
 */

export const CELL_VALUES = ['+', '-', '?'] as const;
export type CellValue = (typeof CELL_VALUES)[number];

export const cellValueSchema = z.enum(CELL_VALUES, { error: 'Kies +, – of ?.' });

const SEPARATOR = '|';

export function gridCellsMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(GRID_CELLS);
}

export function cellKey(factorId: string, columnId: string): string {
  return `${factorId}${SEPARATOR}${columnId}`;
}

/** The row and column of a cell key, or undefined when the key is not of that shape. */
export function parseCellKey(key: string): { factorId: string; columnId: string } | undefined {
  const parts = key.split(SEPARATOR);
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { factorId: parts[0], columnId: parts[1] };
}

/**
 * Sets a cell to +, – or ?, or blanks it with null.
 *
 * @throws RecordValidationError (Dutch) when the row or column does not exist or the value is not +, – or ?.
 */
export function setGridCell(doc: Y.Doc, factorId: string, columnId: string, value: CellValue | null): void {
  if (!isFactorRow(doc, factorId))
    throw new RecordValidationError('Procesinformatie: deze factor bestaat niet (meer).');
  if (!readGridColumn(doc, columnId))
    throw new RecordValidationError('Procesinformatie: deze kolom bestaat niet (meer).');
  const cells = gridCellsMap(doc);
  const key = cellKey(factorId, columnId);
  if (value === null) {
    if (cells.has(key)) cells.delete(key);
    return;
  }
  const parsed = cellValueSchema.safeParse(value);
  if (!parsed.success)
    throw new RecordValidationError(prefixed('Procesinformatie', parsed.error.issues[0]?.message));
  if (cells.get(key) !== parsed.data) cells.set(key, parsed.data);
}

/** A cell's value, or null when blank (or invalid). */
export function readGridCell(doc: Y.Doc, factorId: string, columnId: string): CellValue | null {
  const value = gridCellsMap(doc).get(cellKey(factorId, columnId));
  return cellValueSchema.safeParse(value).success ? (value as CellValue) : null;
}

export interface GridCell {
  factorId: string;
  columnId: string;
  value: CellValue;
}

/** Every filled cell whose row and column exist and whose value is valid. */
export function listGridCells(doc: Y.Doc): GridCell[] {
  const rows = new Set(listFactorRows(doc).map((r) => r.id));
  const columns = new Set(listGridColumns(doc).map((c) => c.id));
  const out: GridCell[] = [];
  for (const [key, value] of gridCellsMap(doc).entries()) {
    const at = parseCellKey(key);
    if (!at || !cellValueSchema.safeParse(value).success) continue;
    if (!rows.has(at.factorId) || !columns.has(at.columnId)) continue;
    out.push({ ...at, value: value as CellValue });
  }
  return out;
}

/** Removes every cell of a row or a column (used when the row or column is deleted). */
export function deleteGridCellsOf(doc: Y.Doc, id: string): void {
  const cells = gridCellsMap(doc);
  doc.transact(() => {
    for (const key of [...cells.keys()]) {
      const at = parseCellKey(key);
      if (at && (at.factorId === id || at.columnId === id)) cells.delete(key);
    }
  });
}

/** "Wat valt op": per row, how many columns say +, – and ?. */
export interface FactorSummary {
  factorId: string;
  label: string;
  plus: number;
  minus: number;
  unknown: number;
  /** "4 × –, 1 × ?" (only the counts above zero; empty when the row is blank). */
  text: string;
}

/** A summary for every row of the grid, in row order. */
export function factorSummary(doc: Y.Doc): FactorSummary[] {
  const counts = new Map<string, Record<CellValue, number>>();
  for (const cell of listGridCells(doc)) {
    const count = counts.get(cell.factorId) ?? { '+': 0, '-': 0, '?': 0 };
    count[cell.value] += 1;
    counts.set(cell.factorId, count);
  }
  return listFactorRows(doc).map((row) => {
    const c = counts.get(row.id) ?? { '+': 0, '-': 0, '?': 0 };
    const parts = [
      [c['+'], '+'],
      [c['-'], '–'],
      [c['?'], '?'],
    ] as const;
    return {
      factorId: row.id,
      label: row.label,
      plus: c['+'],
      minus: c['-'],
      unknown: c['?'],
      text: parts
        .filter(([n]) => n > 0)
        .map(([n, sign]) => `${n} × ${sign}`)
        .join(', '),
    };
  });
}

/** For the server guard: is this a well-formed cell write (key shape and value)? Existence is not checked. */
export function isValidGridCellEntry(key: string, value: unknown): boolean {
  return parseCellKey(key) !== undefined && (value === undefined || cellValueSchema.safeParse(value).success);
}
