/**
 * A worker thread holding some of the benchmark's typists: real WebsocketProvider clients, each typing into
 * its own paragraph. Spread over a few threads, so 40 clients are not all queued behind one event loop
 * (in a classroom they are 40 laptops). Times are epoch-based (`timeOrigin + now`) so threads compare.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { appendParagraphs, stepText } from '@koers/board';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { authenticatedWebSocket, type BenchSession } from './sync-auth';

export interface TypistWorkerData {
  wsUrl: string;
  session: BenchSession;
  boardId: string;
  /** Global indices of this worker's typists (names and start offsets). */
  indices: number[];
  typists: number;
  updatesPerSecond: number;
}

/** Messages from the worker. `sent`/`received` carry [key, epochMs] pairs; key = "<clientID>:<clock>". */
export type TypistMessage =
  | { kind: 'ready' }
  | { kind: 'records'; sent: [string, number][]; received: [string, number][] }
  | { kind: 'texts'; texts: string[] };

/** Messages to the worker. */
export type TypistCommand = { kind: 'start' } | { kind: 'stop' } | { kind: 'texts' } | { kind: 'close' };

const data = workerData as TypistWorkerData;
const port = parentPort;
if (!port) throw new Error('run as a worker');

// Every WebsocketProvider adds a process 'exit' listener in Node; this many are expected here.
process.setMaxListeners(data.indices.length + 10);

const now = (): number => performance.timeOrigin + performance.now();
let sent: [string, number][] = [];
let received: [string, number][] = [];
const timers: NodeJS.Timeout[] = [];

const clients = data.indices.map((index) => {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(data.wsUrl, data.boardId, doc, {
    WebSocketPolyfill: authenticatedWebSocket(data.session) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name: `Leerkracht ${index + 1}`, color: '#0b4f6c' });
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.local) return;
    const at = now();
    transaction.afterState.forEach((after, client) => {
      const before = transaction.beforeState.get(client) ?? 0;
      for (let clock = before; clock < after; clock++) received.push([`${client}:${clock}`, at]);
    });
  });
  return { index, doc, provider, text: undefined as Y.XmlText | undefined };
});

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

await waitFor(() => clients.every((c) => c.provider.synced));
for (const client of clients) {
  // Each typist gets her own paragraph (board layout through @koers/board) and types into its text node.
  const fragment = stepText(client.doc, 's9');
  appendParagraphs(fragment, [`Leerkracht ${client.index + 1}: `]);
  client.text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
}
await waitFor(() => clients.every((c) => stepText(c.doc, 's9').length === data.typists));
received = [];
port.postMessage({ kind: 'ready' } satisfies TypistMessage);

const flush = setInterval(() => {
  if (sent.length === 0 && received.length === 0) return;
  port.postMessage({ kind: 'records', sent, received } satisfies TypistMessage);
  sent = [];
  received = [];
}, 250);

port.on('message', (command: TypistCommand) => {
  switch (command.kind) {
    case 'start':
      for (const client of clients) {
        const tick = (): void => {
          const text = client.text;
          if (!text) return;
          const clock = Y.getState(client.doc.store, client.doc.clientID);
          sent.push([`${client.doc.clientID}:${clock}`, now()]);
          text.insert(text.length, 'abcdefghijklmnopqrstuvwxyz'[clock % 26] ?? 'x');
        };
        // Spread the typists over the period instead of all typing in the same millisecond.
        const period = 1000 / data.updatesPerSecond;
        const offset = (client.index * period) / data.typists;
        timers.push(setTimeout(() => timers.push(setInterval(tick, period)), offset));
      }
      return;
    case 'stop':
      for (const timer of timers) clearTimeout(timer);
      return;
    case 'texts':
      port.postMessage({
        kind: 'texts',
        texts: clients.map((c) => stepText(c.doc, 's9').toString()),
      } satisfies TypistMessage);
      return;
    case 'close':
      clearInterval(flush);
      port.postMessage({ kind: 'records', sent, received } satisfies TypistMessage);
      for (const client of clients) {
        client.provider.destroy();
        client.provider.awareness.destroy();
        client.doc.destroy();
      }
      port.close();
      return;
  }
});
