import type { BoardStore } from './board-store';

/**
 * The two questions the access checks ask about a board, answered from the board store: which school it
 * belongs to (null: no such board, or not yet assigned to a school — both mean "not found" to access
 * checks) and its title (for the projector page).
 */
export interface BoardLookup {
  schoolOf(boardId: string): Promise<string | null>;
  titleOf(boardId: string): Promise<string | null>;
}

export function boardDirectory(store: BoardStore): BoardLookup {
  return {
    schoolOf: async (boardId) => (await store.getBoard(boardId))?.schoolId ?? null,
    titleOf: async (boardId) => (await store.getBoard(boardId))?.title ?? null,
  };
}
