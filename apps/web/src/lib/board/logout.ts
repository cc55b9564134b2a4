import { syncUrl } from '$lib/api';
import { BoardSession, openBoardSessions } from './board-session.svelte';
import { DeviceCopies, browserStorage, deleteDatabase, deviceCopyName } from './device-copies';

/** How long logout waits for the server to confirm the boards' last edits before asking. */
export const LOGOUT_SEND_WAIT_MS = 3000;

/**
 * Before logging out: send this account's unconfirmed edits and wait (a short while) for the server's
 * confirmation: the open boards', and those of copies whose board is not open (edited offline, then left),
 * which are opened for the moment. Returns the boards whose copy still holds unconfirmed edits: the caller
 * asks whether to wait or to log out and keep them here for the next login.
 */
export async function sendBeforeLogout(userId: string, waitMs = LOGOUT_SEND_WAIT_MS): Promise<string[]> {
  const copies = new DeviceCopies(browserStorage(), userId);
  const open = openBoardSessions();
  const openIds = new Set(open.map((session) => session.boardId));
  const opened = copies
    .unsent()
    .filter((boardId) => !openIds.has(boardId))
    .map((boardId) => new BoardSession({ boardId, syncUrl: syncUrl(), userId }));
  try {
    await Promise.all(
      [...open, ...opened].map(async (session) => {
        // The copy's edits count as unconfirmed only once loaded from IndexedDB.
        await session.local?.whenSynced;
        return session.sendNow(waitMs);
      }),
    );
  } finally {
    for (const session of opened) session.destroy();
  }
  return copies.unsent();
}

/**
 * After logging out (the board pages are left, so their copies are closed): delete this account's copies
 * the server has entirely. Copies with unconfirmed edits stay for her next login; being hers alone, they are
 * never loaded under another account.
 */
export async function deleteConfirmedCopies(userId: string): Promise<void> {
  const copies = new DeviceCopies(browserStorage(), userId);
  for (const boardId of copies.confirmed()) {
    try {
      await deleteDatabase(deviceCopyName(userId, boardId));
      copies.forget(boardId);
    } catch {
      // Left for the next logout; it holds nothing the server lacks.
    }
  }
}
