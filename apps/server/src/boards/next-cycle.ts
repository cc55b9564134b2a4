import { fillNextCycle, migrateBoard, type NextCycleResult } from '@koers/board';
import * as Y from 'yjs';
import type { BoardRecord, BoardStore } from '../storage/board-store';
import { BOARD_TITLE_MAX_LENGTH } from '../contract/limits';
import { createBoard } from './create-board';

/** The new board's title when the leider gives none: "Vervolg op <titel>", cut at the title limit. */
export function nextCycleTitle(sourceTitle: string): string {
  return `Vervolg op ${sourceTitle}`.slice(0, BOARD_TITLE_MAX_LENGTH).trim();
}

/**
 * "Nieuw bord vanuit dit bord": a new board of the same school whose first stored update is `initBoard` plus
 * what `fillNextCycle` (packages/board) carries over from the source: the analysis question, the norms, the
 * open actions with their success criteria and the open research questions, and the link to the source in
 * its meta. The source is read as it is now (the open room's doc, or storage) and never written.
 */
export async function createNextCycleBoard(
  deps: {
    store: BoardStore;
    readBoard: <T>(boardId: string, read: (doc: Y.Doc) => T) => Promise<T>;
  },
  input: { sourceBoardId: string; sourceTitle: string; title: string; schoolId: string; now?: Date },
): Promise<{ board: BoardRecord; carried: NextCycleResult }> {
  const state = await deps.readBoard(input.sourceBoardId, (doc) => Y.encodeStateAsUpdate(doc));
  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, state);
    migrateBoard(source);
    let carried: NextCycleResult | undefined;
    const board = await createBoard(deps.store, {
      title: input.title,
      schoolId: input.schoolId,
      ...(input.now ? { now: input.now } : {}),
      fill: (doc) => {
        carried = fillNextCycle(doc, source, { boardId: input.sourceBoardId, title: input.sourceTitle });
      },
    });
    return { board, carried: carried as NextCycleResult };
  } finally {
    source.destroy();
  }
}
