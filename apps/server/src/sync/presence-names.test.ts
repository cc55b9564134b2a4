import { afterEach, describe, expect, it } from 'vitest';
import {
  addTestMember,
  connectClient,
  createBoardViaApi,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

describe('presence names come from the account', () => {
  it('a forged name (and id) is replaced by the account’s in what the others receive; the rest is kept', async () => {
    const s = await startTestServer();
    server = s;
    const anja = await addTestMember(s, s.schoolId, 'anja@school.nl', 'leerkracht');
    const bram = await addTestMember(s, s.schoolId, 'bram@school.nl', 'leerkracht');
    const boardId = await createBoardViaApi(s, 'Studiedag');
    const anjaClient = connectClient(s.url, boardId, { cookie: anja.cookie });
    const bramClient = connectClient(s.url, boardId, { cookie: bram.cookie });
    clients.push(anjaClient, bramClient);
    await Promise.all([waitSynced(anjaClient), waitSynced(bramClient)]);

    anjaClient.provider.awareness.setLocalStateField('user', {
      name: 'bram',
      id: bram.userId,
      color: '#0b4f6c',
      stepId: 's4',
    });
    const seen = () => bramClient.provider.awareness.getStates().get(anjaClient.doc.clientID)?.user;
    await waitFor(() => seen()?.stepId === 's4', 'anja’s presence at bram');
    expect(seen()).toEqual({ name: 'anja', id: anja.userId, color: '#0b4f6c', stepId: 's4' });
    // The server's own copy (what late joiners get) is stamped too.
    const room = s.server.sync.rooms.get(boardId);
    expect(room?.awareness.getStates().get(anjaClient.doc.clientID)?.user?.name).toBe('anja');

    // A state without a user object gets one: nobody is nameless or someone else.
    anjaClient.provider.awareness.setLocalState({ cursor: 3 });
    await waitFor(
      () => bramClient.provider.awareness.getStates().get(anjaClient.doc.clientID)?.cursor === 3,
      'the new state',
    );
    expect(seen()).toEqual({ name: 'anja', id: anja.userId });
  });
});
