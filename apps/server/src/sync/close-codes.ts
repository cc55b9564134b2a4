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
  /**
   * The socket did not read what we sent: more than `SYNC_MAX_BUFFERED_BYTES` waited in its send buffer.
   * "Try again later" on purpose: a slow laptop on bad wifi reconnects and resyncs from its state vector.
   */
  SEND_BUFFER_FULL: 1013,
  /** A message could not be decoded as a y-protocols sync or awareness message. */
  MALFORMED_MESSAGE: 4400,
  /** The upgrade carried no valid session. */
  UNAUTHORIZED: 4401,
  /** The user may not open this board. */
  FORBIDDEN: 4403,
  /** There is no board with this id. */
  BOARD_NOT_FOUND: 4404,
  /**
   * A presence (awareness) state above 8 KiB, or a socket speaking for more client ids than a few tabs'
   * worth (see presence-limits.ts). Permanent: the client would resend the same state on every reconnect.
   */
  PRESENCE_TOO_LARGE: 4413,
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
  /**
   * The update used a Yjs client id that another account introduced on this board (sync/client-ledger.ts):
   * authorship must stay with the account that wrote first. Nothing of it was applied. Permanent.
   */
  CLIENT_ID_TAKEN: 4409,
  /**
   * The client announced (`?schema=`) an older board schema than the board's and tried to write: it may read,
   * but its writes could lose fields it does not know. Nothing of it was applied. Permanent: the web app asks
   * to reload the page ("Vernieuw de pagina").
   */
  CLIENT_OUTDATED: 4426,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

/** Close reasons are short and English (they show up in logs and dev tools, not in the UI). */
export const CLOSE_REASON: Record<CloseCodeName, string> = {
  SERVER_SHUTDOWN: 'server shutting down',
  MESSAGE_TOO_LARGE: 'message too large',
  STORAGE_FAILURE: 'storage failure',
  SEND_BUFFER_FULL: 'send buffer full',
  MALFORMED_MESSAGE: 'malformed message',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  BOARD_NOT_FOUND: 'board not found',
  PRESENCE_TOO_LARGE: 'presence too large',
  BOARD_UNAVAILABLE: 'board unavailable',
  UPDATE_REFUSED: 'update refused',
  CLIENT_ID_TAKEN: 'client id taken',
  CLIENT_OUTDATED: 'client outdated, reload',
};
