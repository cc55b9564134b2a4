import { initBoard, listCauses, readGridCell } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardRecords } from './board-records.svelte';
import { FactorGrid, groupOptions, type PreferenceStore } from './factor-grid.svelte';
import { cellKeyAction, moveInGrid, nextCellValue } from './grid-keys';

/** Two replicas of one board that exchange every update, as the sync server would. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  initBoard(a, { title: 'Studiedag', createdAt: new Date('2026-03-02T08:00:00Z') });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
  });
  return [a, b];
}

class MemoryStore implements PreferenceStore {
  values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
}

const opened: BoardRecords[] = [];
function grid(doc: Y.Doc, storage: PreferenceStore | null = null): FactorGrid {
  const records = new BoardRecords(doc);
  opened.push(records);
  return new FactorGrid(records, { boardId: 'b1', storage });
}

afterEach(() => {
  for (const r of opened.splice(0)) r.destroy();
});

function columnsOf(g: FactorGrid, ...labels: string[]): string[] {
  return labels.map((label) => {
    const added = g.addColumn(label);
    if (!added.ok) throw new Error(added.message);
    return added.value;
  });
}

describe('grid keys', () => {
  it('maps + - ? (and the typographic –) to values and Backspace, Delete, Space to clearing', () => {
    expect(cellKeyAction('+')).toEqual({ set: '+' });
    expect(cellKeyAction('-')).toEqual({ set: '-' });
    expect(cellKeyAction('–')).toEqual({ set: '-' });
    expect(cellKeyAction('?')).toEqual({ set: '?' });
    for (const key of ['Backspace', 'Delete', ' ']) expect(cellKeyAction(key)).toEqual({ clear: true });
    expect(cellKeyAction('a')).toBeNull();
    expect(cellKeyAction('Enter')).toBeNull();
  });

  it('a click cycles blank → + → – → ? → blank', () => {
    expect(nextCellValue(null)).toBe('+');
    expect(nextCellValue('+')).toBe('-');
    expect(nextCellValue('-')).toBe('?');
    expect(nextCellValue('?')).toBeNull();
  });

  it('arrows move one cell and stop at the edges; Home/End go along the row, Ctrl+Home/End to the corners', () => {
    const size = { rows: 22, cols: 3 };
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowUp', size)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowDown', size)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid({ row: 4, col: 2 }, 'ArrowRight', size)).toEqual({ row: 4, col: 2 });
    expect(moveInGrid({ row: 4, col: 2 }, 'ArrowLeft', size)).toEqual({ row: 4, col: 1 });
    expect(moveInGrid({ row: 4, col: 1 }, 'Home', size)).toEqual({ row: 4, col: 0 });
    expect(moveInGrid({ row: 4, col: 0 }, 'End', size)).toEqual({ row: 4, col: 2 });
    expect(moveInGrid({ row: 4, col: 1 }, 'End', size, true)).toEqual({ row: 21, col: 2 });
    expect(moveInGrid({ row: 4, col: 1 }, 'Home', size, true)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 19, col: 1 }, 'PageDown', size)).toEqual({ row: 21, col: 1 });
    expect(moveInGrid({ row: 0, col: 0 }, 'x', size)).toBeNull();
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowDown', { rows: 20, cols: 0 })).toBeNull();
  });
});

describe('FactorGrid', () => {
  it('has the 20 explanations of the Kwaliteitskaart as rows, then the team’s factors', () => {
    const [a] = pair();
    const g = grid(a);
    expect(g.rows).toHaveLength(20);
    expect(g.rows[0]).toMatchObject({
      id: 'kk:1',
      label: 'De doelen zijn te laag',
      origin: 'kwaliteitskaart',
    });
    g.addFactor('  Veel invallers dit jaar ');
    expect(g.rows).toHaveLength(21);
    expect(g.rows[20]).toMatchObject({ label: 'Veel invallers dit jaar', origin: 'team' });
  });

  it('the keys set and clear the active cell and the arrows move it, written to the board', () => {
    const [a] = pair();
    const g = grid(a);
    const [groep3, groep4] = columnsOf(g, 'Groep 3', 'Groep 4');
    expect(g.activeCell).toEqual({ row: 0, col: 0 });
    expect(g.handleKey('+')).toBe(true);
    expect(readGridCell(a, 'kk:1', groep3!)).toBe('+');
    g.handleKey('ArrowRight');
    g.handleKey('-');
    g.handleKey('ArrowDown');
    g.handleKey('?');
    expect(g.valueAt('kk:1', groep4!)).toBe('-');
    expect(g.valueAt('kk:2', groep4!)).toBe('?');
    g.handleKey('Backspace');
    expect(readGridCell(a, 'kk:2', groep4!)).toBeNull();
    // Ctrl+Z belongs to the undo handler, not to the cell.
    expect(g.handleKey('z', true)).toBe(false);
    expect(g.handleKey('x')).toBe(false);
  });

  it('each cell change is one undo step of one’s own', () => {
    const [a] = pair();
    const g = grid(a);
    const [col] = columnsOf(g, 'Groep 5');
    g.handleKey('+');
    g.handleKey('-');
    g.records.undo();
    expect(g.valueAt('kk:1', col!)).toBe('+');
  });

  it('two teachers filling their own columns at once both keep every cell, on both replicas', () => {
    const [a, b] = pair();
    const anna = grid(a);
    const bram = grid(b);
    const [groep6, groep7] = columnsOf(anna, 'Groep 6', 'Groep 7');
    anna.setOwnColumn(groep6!);
    bram.setOwnColumn(groep7!);
    anna.activate({ row: 0, col: 0 });
    bram.activate({ row: 0, col: 1 });
    for (const key of ['-', 'ArrowDown', '-', 'ArrowDown', '?']) {
      anna.handleKey(key);
      bram.handleKey(key === '-' ? '+' : key);
    }
    for (const g of [anna, bram]) {
      expect(['kk:1', 'kk:2', 'kk:3'].map((row) => g.valueAt(row, groep6!))).toEqual(['-', '-', '?']);
      expect(['kk:1', 'kk:2', 'kk:3'].map((row) => g.valueAt(row, groep7!))).toEqual(['+', '+', '?']);
    }
    expect(bram.summaryOf('kk:1')?.text).toBe('1 × +, 1 × –');
    expect(bram.summaryOf('kk:3')?.text).toBe('2 × ?');
  });

  it('the summary counts per factor and "Wat valt op?" puts the rows with most – and ? first', () => {
    const [a] = pair();
    const g = grid(a);
    const cols = columnsOf(g, 'Groep 3', 'Groep 4', 'Groep 5', 'Groep 6');
    for (const col of cols) g.set('kk:13', col, '-');
    g.set('kk:13', cols[0]!, '?');
    g.set('kk:2', cols[0]!, '-');
    g.set('kk:2', cols[1]!, '?');
    g.set('kk:5', cols[0]!, '+');
    expect(g.summaryOf('kk:13')?.text).toBe('3 × –, 1 × ?');
    expect(g.summaryOf('kk:1')?.text).toBe('');
    expect(g.isNotable('kk:13')).toBe(true);
    expect(g.isNotable('kk:2')).toBe(true);
    expect(g.isNotable('kk:5')).toBe(false);
    g.order = 'attention';
    expect(g.shownRows.slice(0, 3).map((r) => r.id)).toEqual(['kk:13', 'kk:2', 'kk:1']);
  });

  it('the active cell stays on its factor when the rows re-sort after a change', () => {
    const [a] = pair();
    const g = grid(a);
    columnsOf(g, 'Groep 3');
    g.order = 'attention';
    g.activate({ row: 9, col: 0 });
    const factor = g.shownRows[9]!.id;
    g.handleKey('-');
    expect(g.shownRows[0]!.id).toBe(factor);
    expect(g.activeCell).toEqual({ row: 0, col: 0 });
  });

  it('marking a factor for research makes one cause card "aanvullend onderzoek", negative on mostly –', () => {
    const [a] = pair();
    const g = grid(a);
    const [col] = columnsOf(g, 'Groep 8');
    g.set('kk:14', col!, '-');
    const row = g.rows.find((r) => r.id === 'kk:14')!;
    const first = g.markForResearch(row);
    const again = g.markForResearch(row);
    expect(first).toEqual(again);
    expect(listCauses(a)).toMatchObject([
      { text: 'Er is geen effectieve instructie gegeven', polarity: 'negatief', needsResearch: true },
    ]);
    expect(g.researchFor(row)?.text).toBe('Er is geen effectieve instructie gegeven');
  });

  it('remembers "jouw kolom" per browser and board, without writing to the board', () => {
    const [a] = pair();
    const store = new MemoryStore();
    const g = grid(a, store);
    const [col] = columnsOf(g, 'Groep 4');
    const before = Y.encodeStateAsUpdate(a);
    g.setOwnColumn(col!);
    expect(Y.encodeStateAsUpdate(a)).toEqual(before);
    expect(grid(a, store).ownColumn?.label).toBe('Groep 4');
    g.setOwnColumn(null);
    expect(grid(a, store).ownColumnId).toBeNull();
  });

  it('a refused label writes nothing and gives the Dutch message', () => {
    const [a] = pair();
    const g = grid(a);
    const result = g.addColumn('x'.repeat(101));
    expect(result.ok).toBe(false);
    expect(g.columns).toEqual([]);
    expect(g.records.error).not.toBe('');
  });

  it('offers the dataset’s groups that are not columns yet', () => {
    const [a] = pair();
    const g = grid(a);
    g.addColumn('Groep 4', 'groep-4');
    g.addColumn('groep 6');
    expect(groupOptions([5, 3, 4, 6, 3], g.columns, (n) => `Groep ${n}`)).toEqual([
      { label: 'Groep 3', groupKey: 'groep-3' },
      { label: 'Groep 5', groupKey: 'groep-5' },
    ]);
  });
});
