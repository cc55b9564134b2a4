import type * as Y from 'yjs';
import type { Rooms } from '../sync/rooms';
import { SERVER_ORIGIN } from '../sync/origins';

/**
 * A server-side edit of a board, through its room like any client's: the room is loaded (or the open one
 * used), `edit` runs in one transaction with the server origin, and this resolves once the change is
 * committed and sent to every connected socket. A room nobody is on unloads again afterwards (and compacts).
 * `edit` must be synchronous: the room cannot unload while it runs.
 *
 * @throws when the board cannot be loaded or storing the change failed (the room is then discarded and its
 * clients reconnect; nothing of the edit was broadcast).
 */
export async function editBoard(rooms: Rooms, boardId: string, edit: (doc: Y.Doc) => void): Promise<void> {
  const room = await rooms.acquire(boardId);
  try {
    room.doc.transact(() => edit(room.doc), SERVER_ORIGIN);
    await room.whenWritten();
    if (room.failed) throw new Error(`storing the server edit of board ${boardId} failed`);
  } finally {
    rooms.releaseIfEmpty(room);
  }
}
