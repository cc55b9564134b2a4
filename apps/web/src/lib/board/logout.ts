import { openBoardSessions } from './board-session.svelte';
import { DeviceCopies, browserStorage, deleteDatabase, deviceCopyName } from './device-copies';

/** How long logout waits for the server to confirm the open boards' last edits before asking. */
export const LOGOUT_SEND_WAIT_MS = 3000;

/**
 * Before logging out: send the open boards' last edits and wait (a short while) for the server's
 * confirmation. Returns the boards of this account whose copy on the device still holds unconfirmed edits
 * (open or not): the caller asks whether to wait or to log out and keep them here for the next login.
 */
export async function sendBeforeLogout(userId: string, waitMs = LOGOUT_SEND_WAIT_MS): Promise<string[]> {
  await Promise.all(openBoardSessions().map((session) => session.sendNow(waitMs)));
  return new DeviceCopies(browserStorage(), userId).unsent();
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
