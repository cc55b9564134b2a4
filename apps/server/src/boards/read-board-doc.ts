import { migrateBoard } from '@koers/board';
import * as Y from 'yjs';
import type { BoardStore } from '../storage/board-store';
import type { Room } from '../sync/room';

/**
 * Read a board's document for a REST route: the loaded room's doc when someone is on the board (it holds
 * edits not yet compacted, and costs nothing), else a throwaway doc built from storage (snapshot + log) and
 * lifted to the current layout in memory only (only the room stores migrations).
 * `read` must not write and must not keep the doc: it is the live room's, or destroyed right after.
 */
export async function readBoardDoc<T>(
  rooms: { get(boardId: string): Room | undefined },
  store: Pick<BoardStore, 'loadBoardState'>,
  boardId: string,
  read: (doc: Y.Doc) => T,
): Promise<T> {
  const room = rooms.get(boardId);
  if (room && !room.failed) return read(room.doc);
  const state = await store.loadBoardState(boardId);
  const doc = new Y.Doc();
  try {
    const stored = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
    if (stored.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored));
    migrateBoard(doc);
    return read(doc);
  } finally {
    doc.destroy();
  }
}
