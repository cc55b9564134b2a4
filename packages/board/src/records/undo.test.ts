import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readChecklist, setCheckStatus } from '../checks';
import { ANALYSIS, CHECKS, GRID_CELLS, RECORDS } from '../layout';
import { createCause, readCause, updateCause } from './cause';

/**
 * The undo pattern for the UI: one UndoManager over the canvas roots, tracking only this client's origin.
 * Wrap each local edit in `doc.transact(() => accessor(...), LOCAL)`; remote updates (another origin) are
 * never undone.
 */
describe('undo', () => {
  it('undoes only this client’s own edit of a shared record, not what others wrote', () => {
    const LOCAL = { client: 'anja' };
    const a = new Y.Doc();
    a.clientID = 1;
    const b = new Y.Doc();
    b.clientID = 2;
    const relay = (from: Y.Doc, to: Y.Doc) =>
      from.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'remote') Y.applyUpdate(to, update, 'remote');
      });
    relay(a, b);
    relay(b, a);
    const id = createCause(b, { text: 'Weinig feedback', polarity: 'negatief' });
    const undo = new Y.UndoManager(
      [a.getMap(RECORDS), a.getMap(GRID_CELLS), a.getMap(CHECKS), a.getMap(ANALYSIS)],
      { trackedOrigins: new Set([LOCAL]) },
    );
    a.transact(() => updateCause(a, id, { text: 'Weinig directe feedback' }), LOCAL);
    updateCause(b, id, { core: true });
    undo.stopCapturing(); // one undo step per edit, however fast they follow each other
    a.transact(() => setCheckStatus(a, 'normen', 'helder', 'ja'), LOCAL);
    undo.undo(); // the check
    expect(readChecklist(b, 'normen')[0]?.status).toBeNull();
    expect(readCause(b, id)?.text).toBe('Weinig directe feedback');
    undo.undo(); // the text
    expect(readCause(a, id)).toMatchObject({ text: 'Weinig feedback', core: true });
    expect(readCause(b, id)).toMatchObject({ text: 'Weinig feedback', core: true });
    undo.redo();
    expect(readCause(b, id)?.text).toBe('Weinig directe feedback');
  });
});
