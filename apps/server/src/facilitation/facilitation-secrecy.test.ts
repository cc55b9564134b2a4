import {
  boardToJSON,
  createCause,
  createFact,
  createVoteResult,
  listFacts,
  listVoteResults,
} from '@koers/board';
import * as decoding from 'lib0/decoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../db/sqlite';
import { createLogger } from '../log';
import { CloseCode } from '../sync/close-codes';
import { SqliteBoardStore } from '../storage/sqlite-board-store';
import { MessageType } from '../sync/messages';
import { SERVER_ORIGIN } from '../sync/origins';
import { FacilitationClient } from '../testing/facilitation-client';
import { facilitationExtension } from './facilitation-extension';
import { SessionStore } from './session-store';
import {
  addTestMember,
  connectClient,
  createBoardViaApi,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';

/**
 * Secrecy against a client that reads everything: a stock y-websocket peer (a member) that keeps the whole
 * document and logs every frame, awareness and stateless message alike, must learn nothing of another
 * person's drafts or dots before the reveal or the close; the leider gets counts only.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let anja: { userId: string; cookie: string };
let carla: { userId: string; cookie: string };
let bram: { userId: string; cookie: string };
const open: { close(): void }[] = [];
const clients: TestClient[] = [];
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => {
  server = await startTestServer();
  anja = await addTestMember(server, server.schoolId, 'anja@test.nl', 'leerkracht');
  carla = await addTestMember(server, server.schoolId, 'carla@test.nl', 'leerkracht');
  bram = await addTestMember(server, server.schoolId, 'bram@test.nl', 'leerkracht');
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  consoleError.mockRestore();
  await server.stop();
});

async function join(
  boardId: string,
  credentials: { cookie?: string; projector?: string },
): Promise<FacilitationClient> {
  const client = await FacilitationClient.connect(server.url, boardId, credentials);
  open.push(client);
  return client;
}

/** Bram's laptop: the stock WebsocketProvider with a tap on its socket that logs every frame it receives. */
async function eavesdropper(boardId: string): Promise<{
  client: TestClient;
  /** Everything received, as text: sync, awareness and stateless frames alike. */
  wire: () => string;
  /** The stateless payloads only. */
  stateless: string[];
}> {
  const client = connectClient(server.url, boardId, { cookie: bram.cookie });
  clients.push(client);
  const frames: Uint8Array[] = [];
  const stateless: string[] = [];
  const tap = (event: { data: unknown }): void => {
    const bytes = new Uint8Array(event.data as ArrayBuffer);
    frames.push(bytes);
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) === MessageType.STATELESS)
      stateless.push(decoding.readVarString(decoder));
  };
  // Tap every socket the provider opens (it opens a new one on each reconnect), once.
  const tapped = new WeakSet<object>();
  const tapCurrent = (): void => {
    const ws = client.provider.ws;
    if (!ws || tapped.has(ws)) return;
    tapped.add(ws);
    ws.addEventListener('message', tap);
  };
  client.provider.on('status', tapCurrent);
  tapCurrent();
  await waitSynced(client);
  await waitFor(() => stateless.length > 0, 'the peer to get the session state');
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return { client, wire: () => frames.map((f) => decoder.decode(f)).join('\n'), stateless };
}

/** Cards written by the server into the room's document (as a reveal does). */
async function serverWrites(boardId: string, write: (doc: import('yjs').Doc) => string[]): Promise<string[]> {
  const room = server.server.sync.rooms.get(boardId)!;
  let ids: string[] = [];
  room.doc.transact(() => {
    ids = write(room.doc);
  }, SERVER_ORIGIN);
  await room.whenWritten();
  return ids;
}

describe('silent writing ("Stil schrijven") is secret until the reveal', () => {
  it('a peer reading the whole document and every message learns nothing of others’ drafts, the leider only counts; the reveal brings all cards in one update, with names', async () => {
    const boardId = await createBoardViaApi(server);
    const leider = await join(boardId, { cookie: server.cookie });
    const peer = await eavesdropper(boardId);
    const writerA = await join(boardId, { cookie: anja.cookie });
    const writerC = await join(boardId, { cookie: carla.cookie });
    const projector = await join(boardId, {
      projector: server.auth.services.projectorLinks.create({
        boardId,
        schoolId: server.schoolId,
        createdBy: leider.state!.mine.userId,
      }).token,
    });
    await leider.ok('session.start', { stepId: 's4' });
    await leider.ok('silent.start', { stepId: 's4', kinds: ['fact'], anonymous: false });
    await waitFor(() => peer.stateless.some((p) => p.includes('"silent":{')), 'the peer to see the round');
    const peerMessagesBefore = peer.stateless.length;

    const first = await writerA.ok('draft.save', { kind: 'fact', text: 'GEHEIM-anja-1 groep 6 zakt' });
    await writerA.ok('draft.save', { kind: 'fact', text: 'GEHEIM-anja-2 rekenen daalt' });
    const draftId = first.mine.drafts[0].id as string;
    await writerA.ok('draft.save', { draftId, kind: 'fact', text: 'GEHEIM-anja-1b groep 6 zakt twee jaar' });
    await writerC.ok('draft.save', { kind: 'fact', text: 'GEHEIM-carla-1 lezen stijgt' });
    // Editing or deleting someone else's draft answers as if it did not exist.
    expect(await writerC.command('draft.delete', { draftId })).toMatchObject({ t: 'error', code: 'invalid' });
    expect(await writerC.command('draft.save', { draftId, kind: 'fact', text: 'overgenomen' })).toMatchObject(
      {
        t: 'error',
      },
    );
    // A cause in a fact round, or an empty card, is refused with a Dutch reason.
    expect(await writerC.command('draft.save', { kind: 'cause', text: 'oorzaak' })).toMatchObject({
      message: 'In deze ronde schrijf je een ander soort kaart.',
    });
    expect(await writerC.command('draft.save', { kind: 'fact', text: '   ' })).toMatchObject({
      message: 'Schrijf eerst iets op.',
    });

    const counted = await leider.waitState(
      (s) => s.session.silent?.draftCounts?.length === 2,
      'the leider to see the counts',
    );
    expect(counted.session.silent.draftCounts).toEqual([
      { userId: anja.userId, name: 'anja', count: 2 },
      { userId: carla.userId, name: 'carla', count: 1 },
    ]);
    expect(writerA.state!.mine.drafts.map((d: { text: string }) => d.text)).toEqual([
      'GEHEIM-anja-1b groep 6 zakt twee jaar',
      'GEHEIM-anja-2 rekenen daalt',
    ]);
    // Carla sees her own draft and nothing of Anja's.
    expect(writerC.payloads.join('\n')).toContain('GEHEIM-carla-1');
    expect(writerC.payloads.join('\n')).not.toContain('GEHEIM-anja');

    // Let any stray message arrive, then read everything the others received.
    await writerA.ok('state.get');
    expect(peer.wire()).not.toContain('GEHEIM');
    expect(JSON.stringify(boardToJSON(peer.client.doc))).not.toContain('GEHEIM');
    expect(peer.stateless.join('\n')).not.toContain('draftCounts');
    expect(peer.stateless.join('\n')).not.toContain(anja.userId);
    // Not even the rhythm of writing: the peer got no message at all while the others wrote.
    expect(peer.stateless.length).toBe(peerMessagesBefore);
    expect(leider.frames.map((f) => new TextDecoder().decode(f)).join('\n')).not.toContain('GEHEIM');
    expect(projector.payloads.join('\n')).not.toContain('GEHEIM');
    expect(projector.payloads.join('\n')).not.toContain('draftCounts');

    // Reveal: every card appears in ONE document update.
    const secretsPerUpdate: number[] = [];
    peer.client.doc.on('update', () => {
      secretsPerUpdate.push(
        listFacts(peer.client.doc, 's4').filter((f) => f.text.startsWith('GEHEIM')).length,
      );
    });
    await leider.ok('silent.reveal');
    await waitFor(() => secretsPerUpdate.includes(3), 'the revealed cards on the peer');
    expect(secretsPerUpdate.filter((n) => n > 0)[0]).toBe(3);
    const facts = listFacts(peer.client.doc, 's4');
    expect(facts.map((f) => f.text)).toEqual([
      'GEHEIM-anja-1b groep 6 zakt twee jaar',
      'GEHEIM-anja-2 rekenen daalt',
      'GEHEIM-carla-1 lezen stijgt',
    ]);
    const revealed = await projector.waitState((s) => s.session.lastReveal !== null, 'the reveal');
    expect(revealed.session.silent).toBeNull();
    expect(revealed.session.lastReveal).toMatchObject({
      stepId: 's4',
      anonymous: false,
      recordIds: facts.map((f) => f.id),
    });
    expect(revealed.session.lastReveal.authors).toEqual({
      [facts[0]!.id]: 'anja',
      [facts[1]!.id]: 'anja',
      [facts[2]!.id]: 'carla',
    });
    // The drafts are gone from the server; who wrote what is kept for named reveals.
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM facilitation_drafts').get()).toEqual({ n: 0 });
    expect(
      server.db.prepare('SELECT user_id FROM facilitation_authors WHERE record_id = ?').get(facts[2]!.id),
    ).toEqual({
      user_id: carla.userId,
    });
  });

  it('an anonymous reveal shows no names and keeps no author anywhere; a cancelled round leaves nothing', async () => {
    const boardId = await createBoardViaApi(server);
    const leider = await join(boardId, { cookie: server.cookie });
    const writer = await join(boardId, { cookie: anja.cookie });
    await leider.ok('session.start');
    await leider.ok('silent.start', { stepId: 's9', kinds: ['cause'], anonymous: false });
    await writer.ok('draft.save', { kind: 'cause', text: 'Te weinig inoefening', polarity: 'negatief' });
    await leider.ok('silent.reveal', { anonymous: true });
    const state = await writer.waitState((s) => s.session.lastReveal !== null, 'the reveal');
    expect(state.session.lastReveal.anonymous).toBe(true);
    expect(state.session.lastReveal.authors).toBeUndefined();
    expect(writer.payloads.at(-1)).not.toContain('anja');
    const recordId = (state.session.lastReveal.recordIds as string[])[0]!;
    expect(
      server.db.prepare('SELECT COUNT(*) AS n FROM facilitation_authors WHERE record_id = ?').get(recordId),
    ).toEqual({
      n: 0,
    });

    await leider.ok('silent.start', { stepId: 's9', kinds: ['cause'], anonymous: true });
    await writer.ok('draft.save', { kind: 'cause', text: 'Nooit getoond' });
    await leider.ok('silent.cancel');
    const watcher = connectClient(server.url, boardId, { cookie: server.cookie });
    clients.push(watcher);
    await waitSynced(watcher);
    expect(JSON.stringify(boardToJSON(watcher.doc))).not.toContain('Nooit getoond');
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM facilitation_drafts').get()).toEqual({ n: 0 });
  });
});

describe('the blind vote is blind until it closes', () => {
  it('nobody, the leider included, sees the distribution while it is open (only how many voted); on close it is in the state and the document', async () => {
    const boardId = await createBoardViaApi(server);
    const leider = await join(boardId, { cookie: server.cookie });
    const peer = await eavesdropper(boardId);
    const voterA = await join(boardId, { cookie: anja.cookie });
    const voterC = await join(boardId, { cookie: carla.cookie });
    const projector = await join(boardId, {
      projector: server.auth.services.projectorLinks.create({
        boardId,
        schoolId: server.schoolId,
        createdBy: leider.state!.mine.userId,
      }).token,
    });
    const [c1, c2, c3, elsewhere] = (await serverWrites(boardId, (doc) => [
      createCause(doc, { text: 'Weinig inoefening', polarity: 'negatief' }),
      createCause(doc, { text: 'Veel invallers', polarity: 'negatief' }),
      createCause(doc, { text: 'Sterk team', polarity: 'positief' }),
      createFact(doc, { stepId: 's4', text: 'Een feit van stap 4' }),
    ])) as [string, string, string, string];
    await waitFor(() => listFacts(peer.client.doc, 's4').length === 1, 'the cards on the peer');
    await leider.ok('session.start', { stepId: 's9' });
    await leider.ok('vote.start', {
      stepId: 's9',
      dotsPerPerson: 3,
      question: 'Welke oorzaken nemen we mee?',
    });

    await voterA.ok('dot.place', { recordId: c1 });
    await voterA.ok('dot.place', { recordId: c1 });
    await voterA.ok('dot.place', { recordId: c2 });
    expect(await voterA.command('dot.place', { recordId: c3 })).toMatchObject({
      t: 'error',
      message: 'Je hebt al je 3 stippen geplaatst.',
    });
    await voterC.ok('dot.place', { recordId: c2 });
    await voterC.ok('dot.place', { recordId: c3 });
    await voterC.ok('dot.remove', { recordId: c3 });
    expect(await voterC.command('dot.place', { recordId: elsewhere })).toMatchObject({
      message: 'Op deze kaart kun je in deze stemming niet stemmen.',
    });
    expect(await voterC.command('dot.remove', { recordId: c1 })).toMatchObject({
      message: 'Op deze kaart staat geen stip van jou.',
    });
    // The projector cannot vote.
    expect(await projector.command('dot.place', { recordId: c1 })).toMatchObject({ code: 'forbidden' });

    expect(voterA.state!.mine).toMatchObject({
      dots: [
        { recordId: c1, dots: 2 },
        { recordId: c2, dots: 1 },
      ],
      dotsLeft: 0,
    });
    expect(voterC.state!.mine).toMatchObject({ dots: [{ recordId: c2, dots: 1 }], dotsLeft: 2 });
    const counting = await leider.waitState(
      (s) => s.session.vote?.voterCount === 2,
      'the leider to see two voters',
    );
    expect(counting.session.vote).not.toHaveProperty('result');
    // The dots exist only on the server.
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM facilitation_dots').get()).toEqual({ n: 3 });

    await voterA.ok('state.get');
    for (const [who, payloads] of [
      ['leider', leider.payloads],
      ['peer', peer.stateless],
      ['projector', projector.payloads],
      ['carla', voterC.payloads],
    ] as const) {
      const seen = payloads.join('\n');
      expect(seen, who).not.toContain('tallies');
      expect(seen, who).not.toContain('"result"');
      // Nobody else's dots: Anja's card c1 (only she voted on it) appears in nobody else's messages.
      expect(seen, who).not.toContain(c1);
    }
    expect(peer.wire()).not.toContain('tallies');
    expect(listVoteResults(peer.client.doc)).toEqual([]);

    await leider.ok('vote.close');
    const expected = [
      { recordId: c1, dots: 2 },
      { recordId: c2, dots: 2 },
    ].sort((a, b) => b.dots - a.dots || a.recordId.localeCompare(b.recordId));
    for (const client of [leider, projector, voterC]) {
      const closed = await client.waitState((s) => s.session.vote?.status === 'closed', 'the result');
      expect(closed.session.vote.result).toMatchObject({ tallies: expected, voters: 2 });
    }
    await waitFor(
      () => listVoteResults(peer.client.doc, 's9').length === 1,
      'the result in the peer’s document',
    );
    expect(listVoteResults(peer.client.doc, 's9')[0]).toMatchObject({
      voteId: leider.state!.session.vote.id,
      question: 'Welke oorzaken nemen we mee?',
      dotsPerPerson: 3,
      voters: 2,
      tallies: expected,
    });
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM facilitation_dots').get()).toEqual({ n: 0 });
    // Closed, the dots stay put.
    expect(await voterA.command('dot.remove', { recordId: c1 })).toMatchObject({
      message: 'Er loopt geen stemming.',
    });
  });
});

/** A session store on its own in-memory database (with the boards table its rows refer to). */
function sessionStoreInMemory(): SessionStore {
  const db = openDatabase(':memory:');
  new SqliteBoardStore(db);
  return new SessionStore(db);
}

describe('a vote result is the server’s to write', () => {
  it('a client creating a voteResult record (or rewriting its counts) is refused with 4422 and nothing is stored; its other cards go through', async () => {
    // Facilitation alone (no update guard), so its own check is what refuses.
    const alone = await startTestServer(
      {},
      {
        syncExtensions: [
          facilitationExtension({
            store: sessionStoreInMemory(),
            log: createLogger('error'),
          }),
        ],
      },
    );
    try {
      const boardId = await createBoardViaApi(alone);
      const honest = connectClient(alone.url, boardId, { cookie: alone.cookie });
      const member = await addTestMember(alone, alone.schoolId, 'vervalser@test.nl', 'leerkracht');
      const forger = connectClient(alone.url, boardId, { cookie: member.cookie });
      clients.push(honest, forger);
      await Promise.all([waitSynced(honest), waitSynced(forger)]);
      const factId = createFact(honest.doc, { stepId: 's9', text: 'Een eerlijke kaart' });
      await waitFor(() => listFacts(forger.doc, 's9').length === 1, 'the honest card to arrive');

      let closeCode = 0;
      forger.provider.ws!.addEventListener('close', (event: { code: number }) => {
        closeCode = event.code;
      });
      createVoteResult(forger.doc, {
        stepId: 's9',
        voteId: 'nep',
        question: 'Vervalst',
        dotsPerPerson: 3,
        voters: 30,
        tallies: [{ recordId: factId, dots: 99 }],
      });
      await waitFor(() => closeCode !== 0, 'the forger’s socket to close');
      expect(closeCode).toBe(CloseCode.UPDATE_REFUSED);
      await alone.server.sync.rooms.get(boardId)?.whenWritten();
      const stored = await alone.store.loadBoardState(boardId);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]));
      expect(listVoteResults(doc)).toEqual([]);
      expect(listFacts(doc, 's9').map((f) => f.text)).toEqual(['Een eerlijke kaart']);
      expect(listVoteResults(honest.doc)).toEqual([]);
    } finally {
      await alone.stop();
    }
  });
});
