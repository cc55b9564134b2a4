import { createChartView, type NewChartView } from '@koers/board';
import * as Y from 'yjs';
import type { BoardStore } from '../storage/board-store';

/**
 * Adds a chart view to a stored board (no room loaded), as a client's update appended to its log would;
 * returns the view's record id. Test support only.
 */
export async function addStoredChartView(
  store: BoardStore,
  boardId: string,
  view: NewChartView,
): Promise<string> {
  const state = await store.loadBoardState(boardId);
  const doc = new Y.Doc();
  const stored = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
  if (stored.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored));
  const before = Y.encodeStateVector(doc);
  const id = createChartView(doc, view);
  await store.appendUpdates(boardId, [Y.encodeStateAsUpdate(doc, before)]);
  doc.destroy();
  return id;
}
