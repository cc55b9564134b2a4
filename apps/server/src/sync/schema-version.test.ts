import { BOARD_SCHEMA_VERSION, boardToJSON, createFact, listFacts } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  createBoardViaApi,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';
import { CloseCode } from './close-codes';
import { announcedSchema } from './schema-version';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

function client(boardId: string, schema?: string): TestClient {
  if (!server) throw new Error('no server');
  const c = connectClient(server.url, boardId, {
    cookie: server.cookie,
    ...(schema === undefined ? {} : { params: { schema } }),
  });
  clients.push(c);
  return c;
}

async function storedFactTexts(s: TestServer, boardId: string): Promise<string[]> {
  const state = await s.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
  return listFacts(doc)
    .map((f) => f.text)
    .sort();
}

describe('the schema version a client announces (?schema=)', () => {
  it('reads the announcement: a number, missing (unknown), or anything else as 0', () => {
    expect(announcedSchema(new URLSearchParams('schema=2'))).toBe(2);
    expect(announcedSchema(new URLSearchParams(''))).toBeUndefined();
    expect(announcedSchema(new URLSearchParams('schema=twee'))).toBe(0);
    expect(announcedSchema(new URLSearchParams('schema=-1'))).toBe(0);
  });

  it('an older client reads the board, and its first write closes it with 4426, never applied', async () => {
    const s = await startTestServer();
    server = s;
    const boardId = await createBoardViaApi(s, 'Studiedag');
    const current = client(boardId, String(BOARD_SCHEMA_VERSION));
    await waitSynced(current);
    createFact(current.doc, { stepId: 's4', text: 'van de nieuwe versie' });

    const old = client(boardId, String(BOARD_SCHEMA_VERSION - 1));
    const codes: number[] = [];
    old.provider.on('connection-close', (event) => codes.push(event?.code ?? -1));
    await waitSynced(old);
    // Connected and reading: its SyncStep2 (nothing new) is not a write.
    await waitFor(() => listFacts(old.doc).length === 1, 'the old client to read the board');
    expect(boardToJSON(old.doc).title).toBe('Studiedag');
    expect(codes).toEqual([]);

    createFact(old.doc, { stepId: 's4', text: 'van de oude versie' });
    await waitFor(() => codes.length > 0, 'the old client to be closed');
    expect(codes[0]).toBe(CloseCode.CLIENT_OUTDATED);
    expect(old.provider.shouldConnect).toBe(false);

    // The current client and a stock client without the parameter write as usual.
    const stock = client(boardId);
    await waitSynced(stock);
    createFact(stock.doc, { stepId: 's4', text: 'van een gewone client' });
    createFact(current.doc, { stepId: 's4', text: 'nog een van de nieuwe versie' });
    await waitFor(() => listFacts(current.doc).length === 3, 'the stock client’s fact');
    await waitFor(() => s.server.sync.rooms.get(boardId)?.hasUnwrittenChanges === false, 'the writes');
    expect(await storedFactTexts(s, boardId)).toEqual([
      'nog een van de nieuwe versie',
      'van de nieuwe versie',
      'van een gewone client',
    ]);
  });
});
