import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boardToJSON, type StepId } from '@koers/board';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Config } from '../config';
import { createLogger } from '../log';
import { startServer, type RunningServer, type StartOptions } from '../server';

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'koers-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real server on an ephemeral port with its own data dir; quiet logs unless LOG_LEVEL is set. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: StartOptions = {},
): Promise<RunningServer & { dataDir: string; stop: () => Promise<void> }> {
  const temp = tempDir();
  const level = (process.env.TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'error';
  const running = await startServer(
    { port: 0, host: '127.0.0.1', dataDir: temp.dir, demo: false, logLevel: level, ...overrides },
    { log: createLogger(level), ...options },
  );
  return {
    ...running,
    dataDir: temp.dir,
    stop: async () => {
      await running.close();
      temp.remove();
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The plain text of a step, as the board package reads it. */
  text(stepId: StepId): string;
  destroy(): void;
}

/** A stock y-websocket client, as the web app builds it (BroadcastChannel off: every client must go via the server). */
export function connectClient(
  baseUrl: string,
  boardId: string,
  options: { params?: Record<string, string>; doc?: Y.Doc } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    ...(options.params ? { params: options.params } : {}),
  });
  return {
    doc,
    provider,
    text: (stepId) => boardToJSON(doc).steps.find((s) => s.id === stepId)?.text ?? '',
    destroy: () => {
      provider.destroy();
      provider.awareness.destroy();
      doc.destroy();
    },
  };
}

/** Poll until `check` returns true (or throw after `timeoutMs` with `what` in the message). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function waitSynced(client: TestClient): Promise<void> {
  await waitFor(() => client.provider.synced, 'the client to sync');
}

/** Create a board over REST and return its id. */
export async function createBoardViaApi(baseUrl: string, title = 'Testbord'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`creating a board failed: ${response.status}`);
  const body = (await response.json()) as { board: { id: string } };
  return body.board.id;
}

/** A raw WebSocket on `/sync/<boardId>` for sending hand-made (or broken) frames. */
export async function openRawSocket(baseUrl: string, boardId: string): Promise<WebSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/sync/${boardId}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** Resolves with the close code the server sent. */
export function closeCodeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(-1);
    ws.once('close', (code) => resolve(code));
  });
}
