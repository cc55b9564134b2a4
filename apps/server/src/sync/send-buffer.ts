import type { WebSocket } from 'ws';

/**
 * How long a socket closed for a full send buffer may keep that buffer. Its close frame queues behind the
 * data it did not read, so it rarely arrives; after this the socket is terminated and its buffer freed
 * (the client then sees 1006 instead of 1013, and reconnects just the same).
 */
export const SEND_BUFFER_CLOSE_GRACE_MS = 2000;

/**
 * Whether `message` may be queued on `ws` without its send buffer passing `maxBufferedBytes`. An empty
 * buffer always takes one message, however large: the SyncStep2 of a big board must reach a new client.
 * `ws.bufferedAmount` counts what Node holds for the socket beyond what the kernel took, so it grows
 * exactly when the peer stops reading.
 */
export function fitsSendBuffer(ws: WebSocket, message: Uint8Array, maxBufferedBytes: number): boolean {
  const buffered = ws.bufferedAmount;
  return buffered === 0 || buffered + message.byteLength <= maxBufferedBytes;
}

/** After a close for a full buffer: terminate the socket if the close handshake has not ended in time. */
export function terminateAfterGrace(ws: WebSocket, graceMs = SEND_BUFFER_CLOSE_GRACE_MS): void {
  const timer = setTimeout(() => ws.terminate(), graceMs);
  timer.unref();
  ws.once('close', () => clearTimeout(timer));
}
