/**
 * Every WebSocket close code the sync endpoint uses, in one place. Codes 4000–4999 are ours (the range the
 * WebSocket spec leaves to applications); the 1xxx codes are the standard ones with their standard meaning.
 * The stock y-websocket 3.1 client treats 4400–4499 as permanent (it stops reconnecting and emits `closed`)
 * and reconnects after any other code, so every "try again" code stays outside that range. A socket that
 * stops answering pings is terminated without a close frame (it would not receive one).
 */
export const CloseCode = {
  /** The server is shutting down or restarting; reconnect later. */
  SERVER_SHUTDOWN: 1001,
  /** A message was larger than `SYNC_MAX_MESSAGE_BYTES` (sent by `ws` itself when `maxPayload` is exceeded). */
  MESSAGE_TOO_LARGE: 1009,
  /** Storing an update failed; nothing of it was broadcast. The client resends it when it reconnects. */
  STORAGE_FAILURE: 1011,
  /** A message could not be decoded as a y-protocols sync or awareness message. */
  MALFORMED_MESSAGE: 4400,
  /** The upgrade carried no valid session. */
  UNAUTHORIZED: 4401,
  /** The user may not open this board. */
  FORBIDDEN: 4403,
  /** There is no board with this id. */
  BOARD_NOT_FOUND: 4404,
  /**
   * The board's stored state cannot be loaded (its data is kept; an admin can run `pnpm koers board repair`).
   * Permanent on purpose: a stock client would otherwise retry every few seconds forever.
   */
  BOARD_UNAVAILABLE: 4410,
  /**
   * A well-formed update was refused before it was applied (sync/update-guard.ts or another `beforeApply`
   * extension): it would leave pending data, exceeds a limit, or does not fit the board layout. Nothing of it
   * was applied, stored or relayed. Permanent: resending the same update would be refused again.
   */
  UPDATE_REFUSED: 4422,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

/** Close reasons are short and English (they show up in logs and dev tools, not in the UI). */
export const CLOSE_REASON: Record<CloseCodeName, string> = {
  SERVER_SHUTDOWN: 'server shutting down',
  MESSAGE_TOO_LARGE: 'message too large',
  STORAGE_FAILURE: 'storage failure',
  MALFORMED_MESSAGE: 'malformed message',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  BOARD_NOT_FOUND: 'board not found',
  BOARD_UNAVAILABLE: 'board unavailable',
  UPDATE_REFUSED: 'update refused',
};
