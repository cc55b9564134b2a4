import path from 'node:path';
import { boardToJSON, createFact, readSchemaVersion, BOARD_SCHEMA_VERSION, metaMap } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../db/sqlite';
import { SqliteBoardStore } from '../storage/sqlite-board-store';
import { tempDir } from '../testing/sync-test-kit';
import { createBoard } from './create-board';
import type { Room } from '../sync/room';
import { readBoardDoc } from './read-board-doc';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function store(): SqliteBoardStore {
  const temp = tempDir();
  const db = openDatabase(path.join(temp.dir, 'koers.db'));
  cleanups.push(() => {
    db.close();
    temp.remove();
  });
  return new SqliteBoardStore(db);
}

const noRooms = { get: (): Room | undefined => undefined };

describe('readBoardDoc', () => {
  it('reads a closed board from storage: the initial state and every appended update', async () => {
    const boards = store();
    const board = await createBoard(boards, { title: 'Studiedag', schoolId: 's1' });
    const client = new Y.Doc();
    const state = await boards.loadBoardState(board.id);
    Y.applyUpdate(client, Y.mergeUpdates(state.updates));
    const before = Y.encodeStateVector(client);
    createFact(client, { stepId: 's4', text: 'Groep 6 haalt de minimumnorm niet' });
    await boards.appendUpdates(board.id, [Y.encodeStateAsUpdate(client, before)]);

    const json = await readBoardDoc(noRooms, boards, board.id, boardToJSON);
    expect(json.title).toBe('Studiedag');
    expect(json.canvas.facts.map((f) => f.text)).toEqual(['Groep 6 haalt de minimumnorm niet']);
  });

  it('lifts an older stored board in memory only, writing nothing back', async () => {
    const boards = store();
    const board = await createBoard(boards, {
      title: 'Oud',
      schoolId: 's1',
      fill: (d) => metaMap(d).set('schemaVersion', 1),
    });
    expect(await readBoardDoc(noRooms, boards, board.id, readSchemaVersion)).toBe(BOARD_SCHEMA_VERSION);
    expect((await boards.loadBoardState(board.id)).updates).toHaveLength(1);
  });

  it('takes the open room’s doc when the board is loaded', async () => {
    const boards = store();
    const board = await createBoard(boards, { title: 'Open', schoolId: 's1' });
    const open = new Y.Doc();
    const rooms = {
      get: (id: string) => (id === board.id ? ({ doc: open, failed: false } as Room) : undefined),
    };
    expect(await readBoardDoc(rooms, boards, board.id, (doc) => doc)).toBe(open);
  });
});
