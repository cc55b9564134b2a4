import type { CellValue } from '@koers/board';

/** A position in the factor grid: row and column index (0-based), over the rows and columns as shown. */
export interface GridPosition {
  row: number;
  col: number;
}

/** What a key typed on a grid cell does: set a value, clear the cell, or nothing (null). */
export type CellKeyAction = { set: CellValue } | { clear: true } | null;

/**
 * The keys of a cell (the seed's signs): + sets +, - (or the typographic –) sets –, ? sets ?; Backspace,
 * Delete and Space clear the cell ("neutrale factoren blijven blanco"). `=` is the unshifted + on many
 * keyboards, so it sets + too.
 */
export function cellKeyAction(key: string): CellKeyAction {
  switch (key) {
    case '+':
    case '=':
      return { set: '+' };
    case '-':
    case '–':
    case '_':
      return { set: '-' };
    case '?':
    case '/':
      return { set: '?' };
    case 'Backspace':
    case 'Delete':
    case ' ':
      return { clear: true };
    default:
      return null;
  }
}

/** Clicking a cell cycles: blank → + → – → ? → blank. */
export function nextCellValue(value: CellValue | null): CellValue | null {
  switch (value) {
    case null:
      return '+';
    case '+':
      return '-';
    case '-':
      return '?';
    case '?':
      return null;
  }
}

/**
 * Where a navigation key moves the active cell (the ARIA grid pattern): arrows by one, Home / End to the
 * row's first / last cell, Ctrl+Home / Ctrl+End to the grid's first / last cell, PageUp / PageDown by five
 * rows. Stops at the edges. Null for a key that does not navigate.
 */
export function moveInGrid(
  at: GridPosition,
  key: string,
  size: { rows: number; cols: number },
  ctrl = false,
): GridPosition | null {
  if (size.rows === 0 || size.cols === 0) return null;
  const clamp = (row: number, col: number): GridPosition => ({
    row: Math.max(0, Math.min(size.rows - 1, row)),
    col: Math.max(0, Math.min(size.cols - 1, col)),
  });
  switch (key) {
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(size.rows - 1, size.cols - 1) : clamp(at.row, size.cols - 1);
    case 'PageUp':
      return clamp(at.row - 5, at.col);
    case 'PageDown':
      return clamp(at.row + 5, at.col);
    default:
      return null;
  }
}
