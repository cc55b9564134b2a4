import { m } from '../i18n';

/**
 * What the board page says when the server ended the sync socket for good (apps/server/src/sync/close-codes.ts),
 * what the user can do about it, and what happens to her copy on this device.
 *
 * Only 44xx codes end a socket for good (the y-websocket client stops reconnecting and `closedCode` is set).
 * Every other code, such as 1013 "try again later" (the server's send buffer was full) or 1011 (storing
 * failed), is a reconnect the client does by itself: the connection status shows "reconnecting" for a moment
 * and nothing stays on screen, so {@link closeReason} has nothing to say about them.
 */
export type CloseAction =
  /** The page handles it itself: 4401 goes to the login page, 4404 and 4426 have their own screens. */
  | 'own-screen'
  /** Reload the page (a new connection; the copy on this device is kept and sent again). */
  | 'reload'
  /** Set the copy on this device aside and load the board from the server (4422: the copy holds a refused edit). */
  | 'set-aside'
  /** Nothing to do here but go back to the board list. */
  | 'back';

export interface CloseReason {
  code: number;
  action: CloseAction;
  /** The heading (role="alert"). */
  title: string;
  /** What the user can do. */
  advice: string;
  /** What happens to the edits on this device, said honestly. */
  localCopy: string;
}

/** Codes the page shows in its own way (login, not found, outdated page). */
const OWN_SCREEN = new Set([4401, 4404, 4426]);

/** What to tell the user about a socket the server closed for good; null for a code the client retries. */
export function closeReason(code: number | null): CloseReason | null {
  if (code === null || code < 4400 || code > 4499) return null;
  if (OWN_SCREEN.has(code)) return { code, action: 'own-screen', title: '', advice: '', localCopy: '' };
  switch (code) {
    // A Yjs client id this page writes with was introduced by another account: typically another login in
    // another tab of this browser. A reload opens the copy of whoever is logged in now.
    case 4409:
      return {
        code,
        action: 'reload',
        title: m.board_closed_4409_title(),
        advice: m.board_closed_4409_advice(),
        localCopy: m.board_closed_4409_copy(),
      };
    // The board's stored state cannot be loaded on the server: only an administrator can help.
    case 4410:
      return {
        code,
        action: 'reload',
        title: m.board_closed_4410_title(),
        advice: m.board_closed_4410_advice(),
        localCopy: m.board_closed_kept_copy(),
      };
    // The presence state (name, caret) was too large, or one socket spoke for too many client ids.
    case 4413:
      return {
        code,
        action: 'reload',
        title: m.board_closed_4413_title(),
        advice: m.board_closed_4413_advice(),
        localCopy: m.board_closed_kept_copy(),
      };
    // An edit was refused (the server's update guard). It stays in the copy on this device and would be sent
    // (and refused) again on every reconnect, so the way out is to set the copy aside.
    case 4422:
      return {
        code,
        action: 'set-aside',
        title: m.board_closed_4422_title(),
        advice: m.board_closed_4422_advice(),
        localCopy: m.board_closed_4422_copy(),
      };
    // A message the server could not read: a new page starts a clean connection.
    case 4400:
      return {
        code,
        action: 'reload',
        title: m.board_closed_4400_title(),
        advice: m.board_closed_4400_advice(),
        localCopy: m.board_closed_kept_copy(),
      };
    // 4403, and any code this version does not know: access was taken away.
    default:
      return {
        code,
        action: 'back',
        title: m.board_access_lost(),
        advice: m.board_closed_access_advice(),
        localCopy: m.board_closed_kept_copy(),
      };
  }
}
