import { appendParagraphs, createFact, stepText } from '@koers/board';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log';
import { startServer } from '../server';
import { FacilitationClient } from '../testing/facilitation-client';
import {
  addTestMember,
  connectClient,
  createBoardViaApi,
  startTestServer,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';
import { SERVER_ORIGIN } from '../sync/origins';
import { MAX_PAYLOAD_BYTES } from './protocol';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let leerkracht: { userId: string; cookie: string };
let leider2: { userId: string; cookie: string };
const open: { close(): void }[] = [];
const clients: TestClient[] = [];
// The stock y-websocket client logs "Unable to compute message" for each session message it ignores.
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => {
  server = await startTestServer();
  leerkracht = await addTestMember(server, server.schoolId, 'anja@test.nl', 'leerkracht');
  leider2 = await addTestMember(server, server.schoolId, 'tweede-leider@test.nl', 'leider');
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

function projectorToken(boardId: string, userId: string): string {
  return server.auth.services.projectorLinks.create({ boardId, schoolId: server.schoolId, createdBy: userId })
    .token;
}

describe('facilitation: who may lead', () => {
  it('only a leider changes the session: a leerkracht’s and a projector’s commands are refused and change nothing', async () => {
    const boardId = await createBoardViaApi(server);
    const leider = await join(boardId, { cookie: server.cookie });
    const anja = await join(boardId, { cookie: leerkracht.cookie });
    const leiderUserId = leider.state!.mine.userId as string;
    const projector = await join(boardId, { projector: projectorToken(boardId, leiderUserId) });

    for (const [t, fields] of [
      ['session.start', {}],
      ['step.go', { stepId: 's4' }],
      ['timer.start', { durationMs: 60_000 }],
      ['vote.start', { stepId: 's9', dotsPerPerson: 3 }],
    ] as const) {
      expect(await anja.command(t, fields)).toMatchObject({ t: 'error', code: 'forbidden' });
      expect(await projector.command(t, fields)).toMatchObject({ t: 'error', code: 'forbidden' });
    }
    expect(server.server.facilitation?.stateOf(boardId)).toMatchObject({ active: false, rev: 0 });

    await leider.ok('session.start', { stepId: 's3' });
    const state = await anja.waitState((s) => s.session.active, 'the session to start');
    expect(state.session).toMatchObject({
      currentStep: 's3',
      leader: { userId: leiderUserId },
      leaderOnline: true,
    });
    expect(state.mine).toMatchObject({ canFacilitate: false, canWrite: true, isLeader: false });
    expect(
      (await projector.waitState((s) => s.session.active, 'the projector to see it')).mine,
    ).toMatchObject({
      userId: null,
      canFacilitate: false,
      canWrite: false,
    });
    // Started, a leerkracht still cannot steer; she can mark herself "klaar", the projector cannot.
    expect(await anja.command('step.go', { stepId: 's5' })).toMatchObject({ t: 'error', code: 'forbidden' });
    expect(await anja.command('ready.set', { ready: true })).toMatchObject({ t: 'ok' });
    expect(await projector.command('ready.set', { ready: true })).toMatchObject({
      t: 'error',
      code: 'forbidden',
    });
    const ready = await leider.waitState((s) => s.session.ready.length === 1, 'the ready mark');
    expect(ready.session.ready).toEqual([
      expect.objectContaining({ userId: leerkracht.userId, name: 'anja' }),
    ]);
    expect(ready.session.currentStep).toBe('s3');
  });

  it('follows the leider: step, follow mode, open/closed steps, spotlight and summon reach every socket, the projector too', async () => {
    const boardId = await createBoardViaApi(server);
    const leider = await join(boardId, { cookie: server.cookie });
    const anja = await join(boardId, { cookie: leerkracht.cookie });
    const projector = await join(boardId, { projector: projectorToken(boardId, leider.state!.mine.userId) });
    await leider.ok('session.start');
    await leider.ok('step.go', { stepId: 's9' });
    await leider.ok('follow.set', { follow: false });
    await leider.ok('step.close', { stepId: 's4' });
    await leider.ok('spotlight.set', { target: { kind: 'record', recordId: 'AAAAAAAAAAAAAAAA' } });
    await leider.ok('summon');
    await leider.ok('summon');
    for (const client of [anja, projector]) {
      const state = await client.waitState((s) => s.session.summon?.id === 2, 'the second summon');
      expect(state.session).toMatchObject({
        currentStep: 's9',
        follow: false,
        closedSteps: ['s4'],
        spotlight: { kind: 'record', recordId: 'AAAAAAAAAAAAAAAA' },
        summon: { id: 2, stepId: 's9' },
      });
    }
    await leider.ok('step.open', { stepId: 's4' });
    await leider.ok('spotlight.clear');
    const state = await projector.waitState((s) => s.session.spotlight === null, 'the spotlight to clear');
    expect(state.session.closedSteps).toEqual([]);
    // Revisions only grow, so a client can drop a late, older state.
    const revs = anja.states.map((s) => s.rev);
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
  });

  it('a timer carries server time: endsAt = serverNow + duration, extended and stopped', async () => {
    const boardId = await createBoardViaApi(server);
    const leider = await join(boardId, { cookie: server.cookie });
    const anja = await join(boardId, { cookie: leerkracht.cookie });
    await leider.ok('session.start');
    const before = Date.now();
    await leider.ok('timer.start', { durationMs: 300_000 });
    const started = await anja.waitState((s) => s.session.timer !== null, 'the timer');
    expect(started.session.timer).toMatchObject({
      durationMs: 300_000,
      startedBy: leider.state!.mine.userId,
    });
    // The server's clock: endsAt − serverNow is what is left, whatever the laptop's clock says.
    expect(started.session.timer.endsAt - started.serverNow).toBeGreaterThan(299_000);
    expect(started.session.timer.endsAt - started.serverNow).toBeLessThanOrEqual(300_000);
    expect(started.serverNow).toBeGreaterThanOrEqual(before);
    await leider.ok('timer.extend', { byMs: 60_000 });
    const extended = await anja.waitState((s) => s.session.timer?.durationMs === 360_000, 'the extension');
    expect(extended.session.timer.endsAt).toBe(started.session.timer.endsAt + 60_000);
    await leider.ok('timer.stop');
    await anja.waitState((s) => s.session.timer === null, 'the timer to stop');
    expect(await leider.command('timer.stop')).toMatchObject({
      t: 'error',
      code: 'invalid',
      message: 'Er loopt geen timer.',
    });
  });
});

describe('facilitation: a role change reaches open sockets', () => {
  it('a leerkracht promoted to leider can lead at once on her open socket, and demoted she no longer can', async () => {
    const boardId = await createBoardViaApi(server);
    const member = await addTestMember(server, server.schoolId, 'wordt-leider@test.nl', 'leerkracht');
    const her = await join(boardId, { cookie: member.cookie });
    expect(await her.command('session.start')).toMatchObject({ t: 'error', code: 'forbidden' });
    const setRole = async (role: string): Promise<void> => {
      const response = await fetch(`${server.url}/api/school/members/${member.userId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: server.cookie, origin: server.url },
        body: JSON.stringify({ role }),
      });
      expect(response.status).toBe(200);
    };

    await setRole('leider');
    await her.waitState((s) => s.mine.canFacilitate === true, 'her new role in her view');
    await her.ok('session.start', { stepId: 's2' });
    await setRole('leerkracht');
    await her.waitState((s) => s.mine.canFacilitate === false, 'her old role back');
    expect(await her.command('step.go', { stepId: 's3' })).toMatchObject({ t: 'error', code: 'forbidden' });
    expect(her.ws.readyState).toBe(her.ws.OPEN);
  });
});

describe('facilitation: the session outlives sockets and the server', () => {
  it('a (re)connecting client gets the full state at once, as its first session message', async () => {
    const boardId = await createBoardViaApi(server);
    const leider = await join(boardId, { cookie: server.cookie });
    await leider.ok('session.start');
    await leider.ok('step.go', { stepId: 's6' });
    await leider.ok('timer.start', { durationMs: 120_000 });
    const late = await join(boardId, { cookie: leerkracht.cookie });
    expect(late.received[0]).toMatchObject({ t: 'state', session: { active: true, currentStep: 's6' } });
    expect(late.received[0]).toMatchObject({ session: { timer: { durationMs: 120_000 } } });
  });

  it('a second leider takes over while the first is disconnected; the first, back, must take over again', async () => {
    const boardId = await createBoardViaApi(server);
    const first = await join(boardId, { cookie: server.cookie });
    const anja = await join(boardId, { cookie: leerkracht.cookie });
    await first.ok('session.start', { stepId: 's3' });
    first.close();
    const gone = await anja.waitState((s) => !s.session.leaderOnline, 'the leader to be gone');
    expect(gone.session).toMatchObject({ active: true, currentStep: 's3' });

    const second = await join(boardId, { cookie: leider2.cookie });
    expect(await second.command('step.go', { stepId: 's4' })).toMatchObject({
      t: 'error',
      code: 'not-leader',
    });
    await second.ok('session.takeOver');
    await second.ok('step.go', { stepId: 's4' });
    const taken = await anja.waitState((s) => s.session.currentStep === 's4', 'the new leader’s step');
    expect(taken.session).toMatchObject({ leader: { userId: leider2.userId }, leaderOnline: true });

    const back = await join(boardId, { cookie: server.cookie });
    expect(back.state!.mine.isLeader).toBe(false);
    expect(await back.command('step.go', { stepId: 's5' })).toMatchObject({ t: 'error', code: 'not-leader' });
    await back.ok('session.takeOver');
    expect((await back.ok('step.go', { stepId: 's5' })).session.currentStep).toBe('s5');
  });

  it('a server restart keeps the session, an open silent round’s drafts and an open vote’s dots', async () => {
    const first = await startTestServer();
    let restarted: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const boardId = await createBoardViaApi(first);
      const teacher = await addTestMember(first, first.schoolId, 'bram@test.nl', 'leerkracht');
      const leider = await FacilitationClient.connect(first.url, boardId, { cookie: first.cookie });
      const bram = await FacilitationClient.connect(first.url, boardId, { cookie: teacher.cookie });
      // A card to vote on, written by the server (as a reveal does).
      const room = first.server.sync.rooms.get(boardId)!;
      let factId = '';
      room.doc.transact(() => {
        factId = createFact(room.doc, { stepId: 's4', text: 'Groep 6 zakt' });
      }, SERVER_ORIGIN);
      await room.whenWritten();
      await leider.ok('session.start', { stepId: 's4' });
      await leider.ok('timer.start', { durationMs: 600_000 });
      await leider.ok('step.close', { stepId: 's3' });
      await leider.ok('silent.start', { stepId: 's4', kinds: ['fact'], anonymous: false });
      await bram.ok('draft.save', { kind: 'fact', text: 'Bram zijn feit' });
      await leider.ok('vote.start', { stepId: 's4', dotsPerPerson: 2 });
      await bram.ok('dot.place', { recordId: factId });
      const before = leider.state!;
      leider.close();
      bram.close();
      await first.close();

      restarted = await startServer(
        { port: 0, host: '127.0.0.1', dataDir: first.dataDir, demo: false, logLevel: 'error' },
        { log: createLogger('error') },
      );
      const again = await FacilitationClient.connect(restarted.url, boardId, { cookie: first.cookie });
      const bramAgain = await FacilitationClient.connect(restarted.url, boardId, { cookie: teacher.cookie });
      open.push(again, bramAgain);
      expect(again.state!.rev).toBe(before.rev);
      expect(again.state!.session).toMatchObject({
        active: true,
        currentStep: 's4',
        closedSteps: ['s3'],
        timer: before.session.timer,
        silent: { id: before.session.silent.id, draftCounts: [{ userId: teacher.userId, count: 1 }] },
        vote: { status: 'open', voterCount: 1 },
      });
      expect(bramAgain.state!.mine).toMatchObject({
        drafts: [expect.objectContaining({ text: 'Bram zijn feit' })],
        dots: [{ recordId: factId, dots: 1 }],
        dotsLeft: 1,
      });
    } finally {
      await restarted?.close();
      await first.stop();
    }
  });
});

describe('facilitation: one socket for document, presence and session', () => {
  it('the stock y-websocket WebsocketProvider keeps syncing the document on the same socket while session messages flow', async () => {
    const boardId = await createBoardViaApi(server);
    const leiderDoc = connectClient(server.url, boardId, { cookie: server.cookie });
    const anjaDoc = connectClient(server.url, boardId, { cookie: leerkracht.cookie });
    clients.push(leiderDoc, anjaDoc);
    await Promise.all([waitSynced(leiderDoc), waitSynced(anjaDoc)]);
    // Session messages on the provider's own socket: the stock client has no handler for them and goes on.
    const seen: number[] = [];
    anjaDoc.provider.ws!.addEventListener('message', (event: { data: unknown }) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      seen.push(bytes[0]!);
    });
    const leider = await join(boardId, { cookie: server.cookie });
    await leider.ok('session.start');
    for (let i = 0; i < 10; i++) {
      await leider.ok('step.go', { stepId: i % 2 ? 's3' : 's4' });
      appendParagraphs(stepText(leiderDoc.doc, 's2'), [`regel ${i}`]);
    }
    appendParagraphs(stepText(anjaDoc.doc, 's2'), ['van Anja']);
    await waitFor(
      () => anjaDoc.text('s2').includes('regel 9') && leiderDoc.text('s2').includes('van Anja'),
      'both edits everywhere',
    );
    expect(seen.filter((type) => type === 5).length).toBeGreaterThanOrEqual(11);
    expect(consoleError).toHaveBeenCalledWith('Unable to compute message');
    expect(anjaDoc.provider.wsconnected).toBe(true);
    expect(leiderDoc.provider.wsconnected).toBe(true);
    expect(anjaDoc.text('s2')).toBe(leiderDoc.text('s2'));
  });
});

describe('facilitation: bad messages are answered, never fatal', () => {
  it('malformed, oversized, wrong-version and unknown commands get an error; a flood is rate limited; the socket and the room carry on', async () => {
    const boardId = await createBoardViaApi(server);
    const leider = await join(boardId, { cookie: server.cookie });
    const doc = connectClient(server.url, boardId, { cookie: leerkracht.cookie });
    clients.push(doc);
    await waitSynced(doc);
    const errors = (): { code: string; message: string }[] =>
      leider.received.filter((m) => m.t === 'error') as { code: string; message: string }[];

    leider.sendRaw('{niet json');
    leider.sendRaw('[1,2,3]');
    // 6,000 characters, but more than 16 KB in UTF-8 (€ is three bytes).
    const euros = JSON.stringify({ v: 1, t: 'state.get', pad: '€'.repeat(6000) });
    expect(euros.length).toBeLessThan(MAX_PAYLOAD_BYTES);
    leider.sendRaw(euros);
    expect(await leider.command('step.go', { stepId: 's99' })).toMatchObject({
      t: 'error',
      code: 'malformed',
    });
    expect(await leider.command('bestaat.niet')).toMatchObject({ t: 'error', code: 'malformed' });
    leider.sendRaw(JSON.stringify({ v: 2, t: 'session.start', id: 'x' }));
    await waitFor(() => errors().length >= 6, 'six errors');
    expect(errors().map((e) => e.code)).toEqual([
      'malformed',
      'malformed',
      'too-large',
      'malformed',
      'malformed',
      'unsupported-version',
    ]);
    expect(errors().every((e) => e.message.length > 0)).toBe(true);
    expect(await leider.command('step.go', { stepId: 's3' })).toMatchObject({
      code: 'no-session',
      message: 'Er loopt geen sessie.',
    });

    // A flood: the first burst is handled, then one "rate-limited" error per second, nothing else.
    for (let i = 0; i < 200; i++) leider.sendRaw(JSON.stringify({ v: 1, t: 'state.get' }));
    await waitFor(() => errors().some((e) => e.code === 'rate-limited'), 'the rate limit');
    expect(errors().filter((e) => e.code === 'rate-limited')).toHaveLength(1);
    expect(leider.ws.readyState).toBe(leider.ws.OPEN);

    // The room is fine: a document edit still goes through, and after a pause commands work again.
    appendParagraphs(stepText(doc.doc, 's2'), ['nog steeds hier']);
    const watcher = connectClient(server.url, boardId, { cookie: server.cookie });
    clients.push(watcher);
    await waitFor(() => watcher.text('s2') === 'nog steeds hier', 'the edit to reach a new client');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await leider.command('session.start')).toMatchObject({ t: 'ok' });
  });
});
