import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardToJSON } from './to-json';
import { fillExampleStudyDay } from './report/example-board';
import { createFact, listFacts, updateFact } from './records/fact';
import { listActions, updateAction } from './records/action';
import { deleteRecord } from './records/delete-record';
import { setGridCell } from './records/grid-cell';
import { setAnalysisField } from './analysis-context';
import { appendParagraphs } from './rich-text';
import { stepText, setTitle } from './layout';
import { replaceBoardContent } from './replace-content';
import { validateBoard } from './validate-board';

const snapshot = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

describe('replaceBoardContent: restoring a version as a new edit', () => {
  it('brings back exactly the version: deleted cards return, later cards go, edited fields and texts revert', () => {
    const live = new Y.Doc();
    fillExampleStudyDay(live);
    const version = snapshot(live);
    const expected = boardToJSON(version);

    // Later work.
    const [first, second] = listFacts(live);
    updateFact(live, first!.id, { text: 'Veranderd na de studiedag' });
    deleteRecord(live, second!.id);
    createFact(live, { stepId: 's4', text: 'Een nieuwe kaart' });
    updateAction(live, listActions(live)[0]!.id, { effect: 'nee', done: true });
    const column = boardToJSON(live).grid.columns[0]!.id;
    setGridCell(live, 'kk:1', column, '+');
    setGridCell(live, 'kk:4', column, null);
    setAnalysisField(live, 'question', 'Een andere vraag');
    appendParagraphs(stepText(live, 's11'), ['Nog een alinea']);
    setTitle(live, 'Andere titel');
    expect(boardToJSON(live)).not.toEqual(expected);

    replaceBoardContent(live, version);
    expect(validateBoard(live)).toEqual([]);
    expect(boardToJSON(live)).toEqual(expected);
  });

  it('is one update another replica applies to reach the same board, and writes nothing when nothing changed', () => {
    const live = new Y.Doc();
    fillExampleStudyDay(live);
    const version = snapshot(live);
    const other = snapshot(live);
    createFact(live, { stepId: 's4', text: 'Later' });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    const updates: Uint8Array[] = [];
    live.on('update', (u: Uint8Array) => updates.push(u));
    replaceBoardContent(live, version, 'restore');
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other, updates[0]!);
    expect(boardToJSON(other)).toEqual(boardToJSON(version));

    updates.length = 0;
    replaceBoardContent(live, version);
    expect(updates).toHaveLength(0);
  });
});
