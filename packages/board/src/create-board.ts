import type * as Y from 'yjs';
import { metaMap } from './layout';
import { BOARD_SCHEMA_VERSION } from './migrations';

export interface NewBoard {
  title: string;
  createdAt: Date;
}

/**
 * Write the initial state of a new board. Only the server calls this, once, when it creates the board:
 * clients never initialise, so two clients can never race to create the layout.
 */
export function initBoard(doc: Y.Doc, board: NewBoard): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
    meta.set('title', board.title);
    meta.set('createdAt', board.createdAt.toISOString());
  });
}
