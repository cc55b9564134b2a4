import { appendParagraphs, stepText } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import { exited, freePort, spawnServer, type ChildServer } from '../testing/child-server';
import { DEMO_PASSWORD, DEMO_USERS } from '../schools/seed-demo-school';
import {
  connectClient,
  createBoardViaApi,
  loginViaApi,
  tempDir,
  waitFor,
  waitSynced,
  type TestClient,
} from '../testing/sync-test-kit';

const clients: TestClient[] = [];
const children: ChildServer[] = [];
const dirs: { remove: () => void }[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const child of children.splice(0)) {
    child.process.kill('SIGKILL');
    await exited(child.process);
  }
  for (const dir of dirs.splice(0)) dir.remove();
});

function lines(text: string): string[] {
  return text.split('\n').filter(Boolean);
}

describe('a server killed with SIGKILL mid-sentence', () => {
  it('loses nothing that reached it, and the writer’s offline edits merge after the restart', async () => {
    const data = tempDir();
    dirs.push(data);
    const port = await freePort();
    // The demo school gives the real process a leider to log in as.
    const env = { DATA_DIR: data.dir, PORT: String(port), DEMO: 'true' };
    const first = await spawnServer(env);
    children.push(first);
    const cookie = await loginViaApi(first.url, DEMO_USERS[0]!.email, DEMO_PASSWORD);
    const boardId = await createBoardViaApi({ url: first.url, cookie }, 'Studiedag');

    const teacher = connectClient(first.url, boardId, { cookie });
    const colleague = connectClient(first.url, boardId, { cookie });
    clients.push(teacher, colleague);
    await Promise.all([waitSynced(teacher), waitSynced(colleague)]);

    // The teacher keeps typing while the server dies under her.
    let typed = 0;
    const typing = setInterval(() => {
      typed++;
      appendParagraphs(stepText(teacher.doc, 's9'), [`regel ${typed}`]);
    }, 10);
    try {
      await waitFor(() => lines(colleague.text('s9')).length >= 40, 'the colleague to see 40 lines');
      // Everything the colleague has seen was broadcast, so it was committed first.
      const seenBeforeKill = lines(colleague.text('s9'));
      first.process.kill('SIGKILL');
      await exited(first.process);

      // She goes on typing while the server is down (the "wifi drops" case).
      await new Promise((resolve) => setTimeout(resolve, 200));
      clearInterval(typing);
      const allTyped = lines(teacher.text('s9'));
      expect(allTyped.length).toBeGreaterThan(seenBeforeKill.length);

      const second = await spawnServer(env);
      children.push(second);
      // The session is in the database, so it survives the restart.
      const fresh = connectClient(second.url, boardId, { cookie });
      clients.push(fresh);
      await waitSynced(fresh);
      // Straight from storage (the teacher may not have reconnected yet): nothing acknowledged is missing.
      const restored = lines(fresh.text('s9'));
      for (const line of seenBeforeKill) expect(restored).toContain(line);

      // Once the teacher's provider reconnects, her unsent lines merge in.
      await waitFor(
        () => lines(fresh.text('s9')).length === allTyped.length,
        'the offline lines to merge',
        20_000,
      );
      expect(lines(fresh.text('s9')).sort()).toEqual([...allTyped].sort());
    } finally {
      clearInterval(typing);
    }
  });
});
