import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateBoard } from '../validate-board';
import { deleteRecord } from './delete-record';
import { KWALITEITSKAART_FACTORS, createFactor, listFactorRows, updateFactor } from './factor';
import {
  cellKey,
  factorSummary,
  gridCellsMap,
  isValidGridCellEntry,
  listGridCells,
  readGridCell,
  setGridCell,
} from './grid-cell';
import { createGridColumn, listGridColumns, updateGridColumn } from './grid-column';
import { fork, mergeBothOrders } from './test-helpers';

describe('the factor grid (step 8)', () => {
  it('has the Kwaliteitskaart’s 20 explanations as implicit rows kk:1 … kk:20, then the team’s rows', () => {
    const doc = new Y.Doc();
    expect(KWALITEITSKAART_FACTORS).toHaveLength(20);
    expect(KWALITEITSKAART_FACTORS[3]).toMatchObject({ id: 'kk:4', label: 'De methode heeft hiaten' });
    const id = createFactor(doc, { label: 'Veel invallers' });
    updateFactor(doc, id, { label: 'Veel invallers in groep 5' });
    const rows = listFactorRows(doc);
    expect(rows).toHaveLength(21);
    expect(rows[20]).toMatchObject({
      id,
      label: 'Veel invallers in groep 5',
      origin: 'team',
      clientId: doc.clientID,
    });
  });

  it('sets, changes and blanks a cell; refuses unknown rows, columns and values in Dutch', () => {
    const doc = new Y.Doc();
    const col = createGridColumn(doc, { label: 'Groep 6' });
    updateGridColumn(doc, col, { groupKey: '6A' });
    expect(listGridColumns(doc)[0]).toMatchObject({ label: 'Groep 6', groupKey: '6A', stepId: 's8' });
    setGridCell(doc, 'kk:13', col, '-');
    expect(readGridCell(doc, 'kk:13', col)).toBe('-');
    setGridCell(doc, 'kk:13', col, '?');
    expect(readGridCell(doc, 'kk:13', col)).toBe('?');
    setGridCell(doc, 'kk:13', col, null);
    expect(readGridCell(doc, 'kk:13', col)).toBeNull();
    expect(gridCellsMap(doc).has(cellKey('kk:13', col))).toBe(false);
    expect(() => setGridCell(doc, 'kk:21', col, '+')).toThrow(
      'Procesinformatie: deze factor bestaat niet (meer).',
    );
    expect(() => setGridCell(doc, 'kk:1', 'AAAAAAAAAAAAAAAA', '+')).toThrow('deze kolom bestaat niet (meer)');
    expect(() => setGridCell(doc, 'kk:1', col, 'x' as never)).toThrow('Procesinformatie: kies +, – of ?.');
    expect(isValidGridCellEntry(`kk:1|${col}`, '+')).toBe(true);
    expect(isValidGridCellEntry('kk:1', '+')).toBe(false);
    expect(isValidGridCellEntry(`kk:1|${col}`, '++')).toBe(false);
  });

  it('summarises per factor what the columns say: "4 × –, 1 × ?"', () => {
    const doc = new Y.Doc();
    const cols = ['5', '6', '7', '8', '8b'].map((g) => createGridColumn(doc, { label: `Groep ${g}` }));
    cols.slice(0, 4).forEach((c) => setGridCell(doc, 'kk:9', c, '-'));
    setGridCell(doc, 'kk:9', cols[4] as string, '?');
    setGridCell(doc, 'kk:1', cols[0] as string, '+');
    const summary = factorSummary(doc);
    expect(summary.find((s) => s.factorId === 'kk:9')).toMatchObject({
      label: 'Er is veel tijd verloren gegaan',
      plus: 0,
      minus: 4,
      unknown: 1,
      text: '4 × –, 1 × ?',
    });
    expect(summary.find((s) => s.factorId === 'kk:1')?.text).toBe('1 × +');
    expect(summary.find((s) => s.factorId === 'kk:2')?.text).toBe('');
  });

  it('merges teachers filling different cells at once, in either order', () => {
    const base = new Y.Doc();
    const g5 = createGridColumn(base, { label: 'Groep 5' });
    const g6 = createGridColumn(base, { label: 'Groep 6' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    setGridCell(a, 'kk:3', g5, '+');
    setGridCell(a, 'kk:4', g5, '-');
    setGridCell(b, 'kk:3', g6, '-');
    setGridCell(b, 'kk:4', g6, '?');
    const [ab, ba] = mergeBothOrders(base, a, b);
    const cells = (d: Y.Doc) =>
      listGridCells(d)
        .map((c) => `${c.factorId}|${c.columnId === g5 ? 'g5' : 'g6'}=${c.value}`)
        .sort();
    expect(cells(ab)).toEqual(['kk:3|g5=+', 'kk:3|g6=-', 'kk:4|g5=-', 'kk:4|g6=?']);
    expect(cells(ba)).toEqual(cells(ab));
  });

  it('deleting a column or a team row removes its cells; a cell written concurrently to a deleted column is skipped', () => {
    const base = new Y.Doc();
    const col = createGridColumn(base, { label: 'Groep 7' });
    const row = createFactor(base, { label: 'Nieuwe methode' });
    setGridCell(base, row, col, '+');
    setGridCell(base, 'kk:1', col, '-');
    const a = fork(base, 1);
    const b = fork(base, 2);
    deleteRecord(a, col);
    expect(gridCellsMap(a).size).toBe(0);
    setGridCell(b, 'kk:2', col, '?');
    const [ab, ba] = mergeBothOrders(base, a, b);
    for (const d of [ab, ba]) {
      expect(listGridCells(d)).toEqual([]);
      expect(factorSummary(d).every((s) => s.text === '')).toBe(true);
      expect(validateBoard(d)).toEqual([
        expect.objectContaining({ code: 'orphan-cell', key: `kk:2|${col}` }),
      ]);
    }
    const doc = new Y.Doc();
    const c2 = createGridColumn(doc, { label: 'Groep 8' });
    const r2 = createFactor(doc, { label: 'Rooster' });
    setGridCell(doc, r2, c2, '-');
    deleteRecord(doc, r2);
    expect(gridCellsMap(doc).size).toBe(0);
  });
});
