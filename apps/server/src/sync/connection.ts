import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import type { Logger } from '../log';
import { CLOSE_REASON, CloseCode } from './close-codes';
import { MessageType } from './messages';
import { QueryThrottle } from './query-throttle';
import type { Room } from './room';
import { fitsSendBuffer, terminateAfterGrace } from './send-buffer';

/** What the upgrade decided about this socket. */
export interface ConnectionAccess {
  /** Read-only sockets may read and show presence, but their document updates are dropped. */
  readOnly: boolean;
  /** `role` is the member's role at the upgrade (`leider`/`leerkracht`); absent for a projector link. */
  user?: { id: string; name?: string; sessionId?: string; role?: string } | undefined;
}

/** Per-socket limits set by the server's configuration. */
export interface ConnectionLimits {
  /** Close the socket when more than this waits unread in its send buffer (`SYNC_MAX_BUFFERED_BYTES`). */
  maxBufferedBytes: number;
}

let nextConnectionId = 1;

/**
 * One client socket on one board. Decodes y-protocols messages and hands them to its room; any decoding
 * error closes this socket only (MALFORMED_MESSAGE), never the room or other sockets.
 */
export class Connection {
  readonly id = nextConnectionId++;
  readonly ws: WebSocket;
  readonly boardId: string;
  readonly readOnly: boolean;
  readonly user: ConnectionAccess['user'];
  /** The awareness client ids this socket introduced, removed from the room when it leaves. */
  readonly awarenessIds = new Set<number>();
  /** Every awareness client id this socket ever set or removed (for MAX_PRESENCE_IDS_PER_SOCKET). */
  readonly touchedAwarenessIds = new Set<number>();
  /** What was actually handed to the socket (for tests and metrics). */
  readonly sent = { messages: 0, bytes: 0, awarenessAnswers: 0 };
  /** The query of the upgrade URL (y-websocket's `params`, e.g. `schema`), for the extensions. */
  readonly params: URLSearchParams;
  /** Cleared on every ping, set by the pong: a socket that stays false for a whole interval is dead. */
  alive = true;
  room: Room | undefined;

  readonly #log: Logger;
  readonly #limits: ConnectionLimits;
  readonly #queries = new QueryThrottle(() => {
    if (!this.room || this.isClosed) return;
    this.sent.awarenessAnswers++;
    this.room.sendAwarenessTo(this);
  });
  #closed = false;

  constructor(
    ws: WebSocket,
    boardId: string,
    access: ConnectionAccess,
    log: Logger,
    limits: ConnectionLimits,
    params: URLSearchParams = new URLSearchParams(),
  ) {
    this.ws = ws;
    this.params = params;
    this.boardId = boardId;
    this.readOnly = access.readOnly;
    this.user = access.user;
    this.#log = log;
    this.#limits = limits;
  }

  get isClosed(): boolean {
    return this.#closed || this.ws.readyState !== WebSocket.OPEN;
  }

  /**
   * Queue a message on the socket. Every message to a client goes through here (SyncStep1/2, broadcast
   * updates, presence), so this is where a socket that does not read is cut off: once its send buffer
   * would pass `maxBufferedBytes` it is closed with SEND_BUFFER_FULL and nothing more is queued.
   */
  send(message: Uint8Array): void {
    if (this.isClosed) return;
    if (!fitsSendBuffer(this.ws, message, this.#limits.maxBufferedBytes)) {
      this.#log.warn('socket does not read; closing it', {
        connection: this.id,
        bufferedBytes: this.ws.bufferedAmount,
        messageBytes: message.byteLength,
      });
      this.close(CloseCode.SEND_BUFFER_FULL, CLOSE_REASON.SEND_BUFFER_FULL);
      terminateAfterGrace(this.ws);
      return;
    }
    this.sent.messages++;
    this.sent.bytes += message.byteLength;
    this.ws.send(message);
  }

  /**
   * Handle one incoming message. Returns normally for every well-formed message; anything that cannot be
   * decoded closes the socket with MALFORMED_MESSAGE.
   */
  receive(data: Uint8Array, isBinary: boolean): void {
    const room = this.room;
    if (!room || this.#closed) return;
    try {
      if (!isBinary) throw new Error('text frame');
      // A private copy: `ws` may hand us a view into a larger pooled buffer, and a forged length prefix
      // would then read neighbouring bytes instead of failing.
      this.#handle(room, new Uint8Array(data));
    } catch (error) {
      this.#log.warn('malformed sync message; closing socket', {
        connection: this.id,
        bytes: data.byteLength,
        error: error instanceof Error ? error.message : String(error),
      });
      this.close(CloseCode.MALFORMED_MESSAGE, CLOSE_REASON.MALFORMED_MESSAGE);
    }
  }

  #handle(room: Room, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          // Read-only sockets still get the board: answering SyncStep1 is how they read it.
          room.replySyncStep1(payload, this);
        } else if (
          syncType === syncProtocol.messageYjsSyncStep2 ||
          syncType === syncProtocol.messageYjsUpdate
        ) {
          if (this.readOnly) return; // dropped, never applied, stored or broadcast
          room.applyClientUpdate(payload, this);
        } else {
          throw new Error(`unknown sync message type ${syncType}`);
        }
        return;
      }
      case MessageType.AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        const allowed = room.allowAwareness(update, this);
        if (allowed) room.applyAwareness(allowed, this);
        return;
      }
      case MessageType.STATELESS: {
        const payload = decoding.readVarString(decoder);
        expectEnd(decoder);
        room.receiveStateless(payload, this);
        return;
      }
      case MessageType.QUERY_AWARENESS:
        expectEnd(decoder);
        this.#queries.request(); // at most one answer per QUERY_AWARENESS_INTERVAL_MS
        return;
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  /** Close with a named code and detach from the room at once (not waiting for the close handshake). */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    this.detach();
  }

  /** Leave the room (idempotent); called on close and on the socket's own 'close' event. */
  detach(): void {
    this.#closed = true;
    this.#queries.stop();
    const room = this.room;
    this.room = undefined;
    room?.remove(this);
  }
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
}
