import { appendParagraphs, stepText } from '@koers/board';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { sendUpdate } from '../testing/forged-updates';
import {
  closeCodeOf,
  connectClient,
  createBoardViaApi,
  openRawSocket,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';
import * as Y from 'yjs';
import type { SyncExtension } from './hooks';
import { MessageType } from './messages';
import { updateGuard } from './update-guard';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

describe('sync extensions', () => {
  it('are called in order at connect, stateless message, update and disconnect; a refusal closes with its code', async () => {
    const calls: string[] = [];
    const recorder: SyncExtension = {
      name: 'recorder',
      onConnect: ({ connection }) => calls.push(`connect ${connection.id}`),
      onDisconnect: ({ connection }) => calls.push(`disconnect ${connection.id}`),
      onStatelessMessage: ({ payload }) => calls.push(`stateless ${payload}`),
      beforeApply: ({ update }) => {
        calls.push('beforeApply');
        // Refuses updates that write step 9 (an example rule), with a code of its own.
        const probe = new Y.Doc();
        Y.applyUpdate(probe, update);
        return probe.share.has('text:s9') ? { code: 4499, reason: 'no step 9' } : undefined;
      },
    };
    const throwing: SyncExtension = {
      name: 'throwing',
      onConnect: () => {
        throw new Error('a broken extension');
      },
    };
    const s = await startTestServer({}, { syncExtensions: [updateGuard(), recorder, throwing] });
    server = s;
    const boardId = await createBoardViaApi(s);
    const anja = connectClient(s.url, boardId, { cookie: s.cookie });
    clients.push(anja);
    await waitSynced(anja);
    expect(calls[0]).toMatch(/^connect \d+$/);

    const ws = await openRawSocket(s, boardId);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.STATELESS);
    encoding.writeVarString(encoder, '{"fase":"stap 4"}');
    ws.send(encoding.toUint8Array(encoder));
    await waitFor(() => calls.includes('stateless {"fase":"stap 4"}'), 'the stateless message');
    expect(anja.provider.wsconnected).toBe(true); // the throwing onConnect took nothing down

    appendParagraphs(stepText(anja.doc, 's4'), ['mag']);
    await waitFor(() => calls.includes('beforeApply'), 'the update to pass the hooks');
    const forbidden = new Y.Doc();
    appendParagraphs(stepText(forbidden, 's9'), ['mag niet']);
    const closed = closeCodeOf(ws);
    sendUpdate(ws, Y.encodeStateAsUpdate(forbidden));
    expect(await closed).toBe(4499);
    await waitFor(() => calls.some((call) => call.startsWith('disconnect')), 'the disconnect');
  });
});
