import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { MessageType, encodeStatelessMessage } from '../sync/messages';
import { waitFor } from './sync-test-kit';

/** A `state` message as the server sends it (typed loosely: tests look at what arrived). */
export interface StateMessage {
  v: number;
  t: 'state';
  rev: number;
  serverNow: number;
  // Loosely typed on purpose: tests assert on what arrived on the wire, not on what the server's types promise.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  session: Record<string, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mine: Record<string, any>;
}

export type ServerMessage =
  | StateMessage
  | { v: number; t: 'ok'; id: string }
  | { v: number; t: 'error'; id?: string; code: string; message: string };

/**
 * A raw `ws` socket on `/sync/<boardId>` that speaks the facilitation protocol (stateless messages) and
 * ignores the document: what a session-only client (a bench laptop, a test participant) does. Every
 * stateless payload the server sends is kept, in order, in `received` (and its raw text in `payloads`).
 */
export class FacilitationClient {
  readonly received: ServerMessage[] = [];
  readonly payloads: string[] = [];
  /** Every frame's bytes, whatever its type (for secrecy checks over the raw wire). */
  readonly frames: Uint8Array[] = [];
  #nextId = 1;
  closeCode: number | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data);
      this.frames.push(bytes);
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) !== MessageType.STATELESS) return;
      const payload = decoding.readVarString(decoder);
      this.payloads.push(payload);
      this.received.push(JSON.parse(payload) as ServerMessage);
    });
    ws.on('close', (code) => {
      this.closeCode = code;
    });
  }

  /** Connect with a session cookie or a projector token; resolves once the first state arrived. */
  static async connect(
    url: string,
    boardId: string,
    credentials: { cookie?: string; projector?: string },
  ): Promise<FacilitationClient> {
    const query = credentials.projector ? `?projector=${credentials.projector}` : '';
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${boardId}${query}`, {
      headers: credentials.cookie ? { cookie: credentials.cookie } : {},
    });
    const client = new FacilitationClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await waitFor(() => client.state !== undefined, 'the first session state');
    return client;
  }

  /** The latest state received. */
  get state(): StateMessage | undefined {
    for (let i = this.received.length - 1; i >= 0; i--) {
      const message = this.received[i];
      if (message?.t === 'state') return message;
    }
    return undefined;
  }

  get states(): StateMessage[] {
    return this.received.filter((m): m is StateMessage => m.t === 'state');
  }

  /** Send a raw payload (any string) as a stateless message. */
  sendRaw(payload: string): void {
    this.ws.send(encodeStatelessMessage(payload));
  }

  /** Send a command and wait for its `ok` or `error` answer. */
  async command(t: string, fields: Record<string, unknown> = {}): Promise<ServerMessage> {
    const id = `c${this.#nextId++}`;
    this.sendRaw(JSON.stringify({ v: 1, t, id, ...fields }));
    let answer: ServerMessage | undefined;
    await waitFor(() => {
      answer = this.received.find((m) => (m.t === 'ok' || m.t === 'error') && m.id === id);
      return answer !== undefined;
    }, `the answer to ${t}`);
    return answer!;
  }

  /** Send a command that must succeed; throws with the server's message otherwise. */
  async ok(t: string, fields: Record<string, unknown> = {}): Promise<StateMessage> {
    const answer = await this.command(t, fields);
    if (answer.t === 'error') throw new Error(`${t} refused: ${answer.code} ${answer.message}`);
    return this.state!;
  }

  async waitState(check: (state: StateMessage) => boolean, what: string): Promise<StateMessage> {
    await waitFor(() => this.state !== undefined && check(this.state), what);
    return this.state!;
  }

  close(): void {
    this.ws.close();
  }
}
