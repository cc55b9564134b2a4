import { randomBytes } from 'node:crypto';
import { initBoard } from '@koers/board';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import * as Y from 'yjs';
import type { BoardRecord, BoardStore } from '../storage/board-store';

/** 80 random bits as 16 lowercase base32 characters: url-safe, unguessable, easy to read aloud. */
export function newBoardId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(10));
}

export interface CreateBoardInput {
  title: string;
  schoolId?: string | null;
  now?: Date;
  /** Extra content written after `initBoard` in the same first update (the demo board uses this). */
  fill?: (doc: Y.Doc) => void;
}

/**
 * Create a board: its record and, as the first stored update, its initial document written by `initBoard`.
 * Only the server initialises a board, so two clients can never race to create the layout.
 */
export async function createBoard(store: BoardStore, input: CreateBoardInput): Promise<BoardRecord> {
  const createdAt = input.now ?? new Date();
  const doc = new Y.Doc();
  initBoard(doc, { title: input.title, createdAt });
  input.fill?.(doc);
  const initialUpdate = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return store.createBoard({
    id: newBoardId(),
    title: input.title,
    schoolId: input.schoolId ?? null,
    createdAt,
    initialUpdate,
  });
}
