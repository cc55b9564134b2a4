import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/sqlite';
import { tempDir } from '../testing/sync-test-kit';
import { boardDirectory } from './board-directory';
import { SqliteBoardStore } from './sqlite-board-store';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function openStore(): { store: SqliteBoardStore; file: string } {
  const temp = tempDir();
  const file = path.join(temp.dir, 'koers.db');
  const db = openDatabase(file);
  cleanups.push(() => {
    db.close();
    temp.remove();
  });
  return { store: new SqliteBoardStore(db), file };
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('SqliteBoardStore', () => {
  it('stores the initial update, appends in order and reports the last sequence number', async () => {
    const { store } = openStore();
    await store.createBoard({
      id: 'b1',
      title: 'Bord',
      createdAt: new Date('2026-02-10T08:00:00Z'),
      initialUpdate: bytes(1),
    });
    const { lastSeq } = await store.appendUpdates('b1', [bytes(2), bytes(3, 3)]);
    const state = await store.loadBoardState('b1');
    expect(state.snapshot).toBeUndefined();
    expect(state.updates.map((u) => [...u])).toEqual([[1], [2], [3, 3]]);
    expect(state.lastSeq).toBe(lastSeq);
    expect(state.logBytes).toBe(4);
    const board = await store.getBoard('b1');
    expect(board && board.updatedAt > board.createdAt).toBe(true);
  });

  it('compacts atomically: entries up to the sequence number become the snapshot, later ones stay', async () => {
    const { store } = openStore();
    await store.createBoard({ id: 'b1', title: 'Bord', createdAt: new Date(), initialUpdate: bytes(1) });
    const { lastSeq } = await store.appendUpdates('b1', [bytes(2)]);
    await store.appendUpdates('b1', [bytes(9)]);
    await store.compact('b1', bytes(1, 2), lastSeq);
    const state = await store.loadBoardState('b1');
    expect([...(state.snapshot ?? [])]).toEqual([1, 2]);
    expect(state.updates.map((u) => [...u])).toEqual([[9]]);
  });

  it('keeps the last sequence number after a full compaction, so later appends sort after it', async () => {
    const { store } = openStore();
    await store.createBoard({ id: 'b1', title: 'Bord', createdAt: new Date(), initialUpdate: bytes(1) });
    const { lastSeq } = await store.appendUpdates('b1', [bytes(2)]);
    await store.compact('b1', bytes(1, 2), lastSeq);
    const state = await store.loadBoardState('b1');
    expect(state.updates).toHaveLength(0);
    expect(state.lastSeq).toBe(lastSeq);
    const next = await store.appendUpdates('b1', [bytes(3)]);
    expect(next.lastSeq).toBeGreaterThan(lastSeq);
  });

  it('lists boards newest first, optionally for one school', async () => {
    const { store } = openStore();
    await store.createBoard({
      id: 'a',
      title: 'Oud',
      schoolId: 's1',
      createdAt: new Date('2026-01-01'),
      initialUpdate: bytes(1),
    });
    await store.createBoard({
      id: 'b',
      title: 'Nieuw',
      schoolId: 's2',
      createdAt: new Date('2026-03-01'),
      initialUpdate: bytes(1),
    });
    expect((await store.listBoards()).map((b) => b.id)).toEqual(['b', 'a']);
    expect((await store.listBoards({ schoolId: 's1' })).map((b) => b.id)).toEqual(['a']);
    expect(await store.countBoards()).toBe(2);
    expect(await store.getBoard('c')).toBeUndefined();
  });

  it('answers the access checks: school and title of a board, null for an unknown or unassigned one', async () => {
    const { store } = openStore();
    await store.createBoard({
      id: 'a',
      title: 'Bord A',
      schoolId: 's1',
      createdAt: new Date(),
      initialUpdate: bytes(1),
    });
    await store.createBoard({
      id: 'b',
      title: 'Zonder school',
      createdAt: new Date(),
      initialUpdate: bytes(1),
    });
    const directory = boardDirectory(store);
    expect(await directory.schoolOf('a')).toBe('s1');
    expect(await directory.titleOf('a')).toBe('Bord A');
    expect(await directory.schoolOf('b')).toBeNull();
    expect(await directory.schoolOf('bestaatniet')).toBeNull();
    expect(await directory.titleOf('bestaatniet')).toBeNull();

    // Boards from before school scoping go to one school; assigned boards keep theirs.
    expect(await store.assignUnscopedBoards('s2')).toBe(1);
    expect(await directory.schoolOf('b')).toBe('s2');
    expect(await directory.schoolOf('a')).toBe('s1');
    expect(await store.assignUnscopedBoards('s2')).toBe(0);
  });

  it('deletes a board with its log and snapshot', async () => {
    const { store } = openStore();
    for (const id of ['a', 'b']) {
      await store.createBoard({ id, title: id, createdAt: new Date(), initialUpdate: bytes(1) });
      const { lastSeq } = await store.appendUpdates(id, [bytes(2)]);
      await store.compact(id, bytes(9), lastSeq);
      await store.appendUpdates(id, [bytes(3)]);
    }
    expect(await store.deleteBoard('a')).toBe(true);
    expect(await store.getBoard('a')).toBeUndefined();
    expect(await store.loadBoardState('a')).toEqual({
      snapshot: undefined,
      updates: [],
      seqs: [],
      lastSeq: 0,
      logBytes: 0,
    });
    expect(await store.deleteBoard('a')).toBe(false);
    // The other board is untouched.
    const b = await store.loadBoardState('b');
    expect(b.snapshot).toEqual(bytes(9));
    expect(b.updates).toEqual([bytes(3)]);
  });
});
