import { migrateBoard } from '@koers/board';
import * as Y from 'yjs';
import type { BoardStore } from '../storage/board-store';

/**
 * A board's document for reading (exports): the open room's doc when the board is loaded (it holds edits
 * made seconds ago), else a fresh doc from storage, lifted to the current layout in memory only (nothing is
 * written back: only the room stores migrations). The caller must not write to the returned doc.
 */
export async function loadBoardDoc(
  boardId: string,
  deps: { store: BoardStore; openDoc?: (boardId: string) => Y.Doc | undefined },
): Promise<Y.Doc> {
  const open = deps.openDoc?.(boardId);
  if (open) return open;
  const state = await deps.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  const stored = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
  if (stored.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored));
  migrateBoard(doc);
  return doc;
}
