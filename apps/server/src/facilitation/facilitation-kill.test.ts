import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../schools/seed-demo-school';
import { exited, freePort, spawnServer, type ChildServer } from '../testing/child-server';
import { FacilitationClient } from '../testing/facilitation-client';
import { createBoardViaApi, loginViaApi, tempDir } from '../testing/sync-test-kit';

const children: ChildServer[] = [];
const open: FacilitationClient[] = [];
const dirs: { remove: () => void }[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const child of children.splice(0)) {
    child.process.kill('SIGKILL');
    await exited(child.process);
  }
  for (const dir of dirs.splice(0)) dir.remove();
});

describe('a server killed with SIGKILL mid-session', () => {
  it('keeps every acknowledged session change and draft (the store survives a process crash without an fsync per change)', async () => {
    const data = tempDir();
    dirs.push(data);
    const env = { DATA_DIR: data.dir, PORT: String(await freePort()), DEMO: 'true' };
    const first = await spawnServer(env);
    children.push(first);
    const cookie = await loginViaApi(first.url, DEMO_USERS[0]!.email, DEMO_PASSWORD);
    const boardId = await createBoardViaApi({ url: first.url, cookie }, 'Studiedag');

    const leider = await FacilitationClient.connect(first.url, boardId, { cookie });
    open.push(leider);
    await leider.ok('session.start', { stepId: 's3' });
    await leider.ok('timer.start', { durationMs: 900_000 });
    await leider.ok('silent.start', { stepId: 's9', kinds: ['cause'], anonymous: true });
    await leider.ok('draft.save', { kind: 'cause', text: 'Mijn eigen oorzaak', polarity: 'positief' });
    // The last acknowledged change: navigation is sent before it is stored, and stored before the "ok".
    const last = await leider.ok('step.go', { stepId: 's9' });
    first.process.kill('SIGKILL');
    await exited(first.process);

    const second = await spawnServer(env);
    children.push(second);
    const again = await FacilitationClient.connect(second.url, boardId, { cookie });
    open.push(again);
    expect(again.state!.rev).toBe(last.rev);
    expect(again.state!.session).toMatchObject({
      active: true,
      currentStep: 's9',
      timer: last.session.timer,
      silent: { stepId: 's9', anonymous: true },
    });
    expect(again.state!.mine.drafts).toEqual([
      expect.objectContaining({ kind: 'cause', text: 'Mijn eigen oorzaak', polarity: 'positief' }),
    ]);
  });
});
