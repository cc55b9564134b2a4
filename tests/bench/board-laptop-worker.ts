/**
 * A worker thread holding some of bench:board's 30 laptops during the typing phase: real WebsocketProvider
 * clients that each edit a cause card every second and record when they receive every remote change (a
 * 30-laptop classroom is 30 CPUs; one event loop would queue all 30 behind each other and measure itself).
 * Times are epoch-based (`timeOrigin + now`) so threads compare.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BOARD_SCHEMA_VERSION, listCauses, updateCause } from '@koers/board';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { authenticatedWebSocket, type BenchSession } from './sync-auth';

export interface LaptopWorkerData {
  wsUrl: string;
  session: BenchSession;
  boardId: string;
  laptops: number;
  /** Only changes by this Yjs client (the typist) are reported. */
  typistClientId: number;
}

/** `received` holds [clock, epochMs] of the typist's changes as this worker's laptops got them. */
export type LaptopMessage = { kind: 'ready' } | { kind: 'received'; received: [number, number][] };
export type LaptopCommand = { kind: 'start' } | { kind: 'stop' };

const data = workerData as LaptopWorkerData;
const port = parentPort;
if (!port) throw new Error('run as a worker');
process.setMaxListeners(data.laptops + 10);

const now = (): number => performance.timeOrigin + performance.now();
let received: [number, number][] = [];
const timers: NodeJS.Timeout[] = [];

const laptops = Array.from({ length: data.laptops }, () => {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(data.wsUrl, data.boardId, doc, {
    WebSocketPolyfill: authenticatedWebSocket(data.session) as unknown as typeof globalThis.WebSocket,
    params: { schema: String(BOARD_SCHEMA_VERSION) },
    disableBc: true,
  });
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.local) return;
    const after = transaction.afterState.get(data.typistClientId);
    if (after === undefined) return;
    const at = now();
    const before = transaction.beforeState.get(data.typistClientId) ?? 0;
    for (let clock = before; clock < after; clock++) received.push([clock, at]);
  });
  return { doc, provider };
});

while (!laptops.every((l) => l.provider.synced)) await new Promise((resolve) => setTimeout(resolve, 20));
port.postMessage({ kind: 'ready' } satisfies LaptopMessage);

const flush = setInterval(() => {
  if (received.length === 0) return;
  port.postMessage({ kind: 'received', received } satisfies LaptopMessage);
  received = [];
}, 200);

port.on('message', (command: LaptopCommand) => {
  if (command.kind === 'start') {
    laptops.forEach(({ doc }, i) => {
      const causes = listCauses(doc).map((c) => c.id);
      let k = 0;
      // Staggered, so the 30 edits per second do not all land in the same millisecond.
      const start = setTimeout(
        () => {
          timers.push(
            setInterval(() => {
              const id = causes[(i * 7 + k++) % causes.length];
              if (id) updateCause(doc, id, { text: `Aangepast door laptop ${i} (${k})` });
            }, 1000),
          );
        },
        (i * 1000) / data.laptops,
      );
      timers.push(start);
    });
  } else {
    for (const timer of timers) clearInterval(timer);
    clearInterval(flush);
    if (received.length > 0) port.postMessage({ kind: 'received', received } satisfies LaptopMessage);
    for (const { provider, doc } of laptops) {
      provider.destroy();
      doc.destroy();
    }
    port.close();
  }
});
