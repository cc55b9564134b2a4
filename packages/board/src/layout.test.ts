import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setAnalysisField } from './analysis-context';
import { setCheckStatus } from './checks';
import { BOARD_ROOTS, isKnownRoot } from './layout';
import { createFact } from './records/fact';
import { createGridColumn } from './records/grid-column';
import { setGridCell } from './records/grid-cell';
import { validateBoard } from './validate-board';

describe('the layout’s roots', () => {
  it('names every root with its Yjs kind', () => {
    expect(isKnownRoot('records', 'map')).toBe(true);
    expect(isKnownRoot('gridCells', 'map')).toBe(true);
    expect(isKnownRoot('checks', 'map')).toBe(true);
    expect(isKnownRoot('analysis', 'map')).toBe(true);
    expect(isKnownRoot('text:s10b', 'xmlFragment')).toBe(true);
    expect(isKnownRoot('text:s10b', 'map')).toBe(false);
    expect(isKnownRoot('records', 'xmlFragment')).toBe(false);
    expect(isKnownRoot('text:s12')).toBe(false);
    expect(isKnownRoot('leerlingen')).toBe(false);
    expect(BOARD_ROOTS).toHaveLength(4 + 2 + 17);
  });

  it('a board written only through the accessors touches only known roots and validates clean', () => {
    const doc = new Y.Doc();
    createFact(doc, { stepId: 's3', text: 'Twee leerlingen ziek bij de afname' });
    const col = createGridColumn(doc, { label: 'Groep 4' });
    setGridCell(doc, 'kk:10', col, '-');
    setCheckStatus(doc, 'betrouwbaarheid', 'omstandigheden', 'nee');
    setAnalysisField(doc, 'purpose', 'borgen');
    for (const [name, type] of doc.share) {
      expect(isKnownRoot(name, type instanceof Y.XmlFragment ? 'xmlFragment' : 'map')).toBe(true);
    }
    expect(validateBoard(doc)).toEqual([]);
  });

  it('validateBoard reports a root the layout does not know', () => {
    const writer = new Y.Doc();
    writer.getMap('leerlingen').set('L001', 'Anna');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
    expect(validateBoard(doc)).toEqual([
      expect.objectContaining({ root: 'leerlingen', code: 'unknown-root' }),
    ]);
  });

  it('does not mistake a known root that arrived before anyone read it for an unknown one', () => {
    const writer = new Y.Doc();
    createFact(writer, { stepId: 's4', text: 'feit' });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
    expect(validateBoard(doc)).toEqual([]);
  });
});
