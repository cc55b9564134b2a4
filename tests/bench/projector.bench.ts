/**
 * `pnpm bench:projector`: the leider's step change → every screen has moved, the projector measured in a real
 * browser (the target: p99 < 250 ms including rendering in the browser for the projector; < 100 ms
 * for the socket message).
 *
 * One board, LAPTOPS laptops (raw session sockets, each its own leerkracht account) and a projector socket
 * follow the leider; beside them a real Chromium opens the projector page with a projector link (1920×1080,
 * as the room's screen) and follows the session. For each of CHANGES step changes, paced as a person clicks:
 * - socket: `step.go` sent → the new state on every socket (the slowest of them per change, and all of them);
 * - browser: `step.go` sent → the projector page shows the new step (its `main[data-step]` and heading) and
 *   the next frame after it has run, i.e. the change is painted. Node and the page share the machine's clock:
 *   both times are `performance.timeOrigin + performance.now()`.
 * Needs the built web app (`pnpm run build`): the server serves apps/web/build.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { STEP_IDS, stepDefinition, type StepId } from '@koers/board';
import { joinTeam, post, SessionSocket, sleep, summary, waitFor } from './facilitation-clients';
import { createBenchLeider, loginAsBenchLeider } from './sync-auth';
import { cpuPressureMeter, spawnServer, stopServer } from './sync-process';

const LAPTOPS = Number(process.env.BENCH_LAPTOPS ?? 40);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 50);
/** Between two step changes: the leider talks about a step before she moves on; the page settles. */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 400);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const webBuild = path.resolve(import.meta.dirname, '../../apps/web/build');

if (!existsSync(path.join(webBuild, 'index.html'))) {
  console.warn(
    `(no ${webBuild}/index.html: run \`pnpm run build\` first if the projector page does not load)`,
  );
}

const wallNow = (): number => performance.timeOrigin + performance.now();

const dataDir = mkdtempSync(path.join(tmpdir(), 'koers-bench-projector-'));
createBenchLeider(dataDir);
const server = await spawnServer(dataDir);
const sockets: SessionSocket[] = [];
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const leiderSession = await loginAsBenchLeider(server.url);
  const team = (await post(server.url, leiderSession, '/api/school/invites', {
    kind: 'team',
    maxUses: LAPTOPS,
  })) as { token: string };
  const cookies: string[] = [];
  for (let i = 0; i < LAPTOPS; i++) cookies.push(await joinTeam(server.url, team.token, i));
  const { board } = (await post(server.url, leiderSession, '/api/boards', { title: 'Bench: projector' })) as {
    board: { id: string };
  };
  const link = (await post(server.url, leiderSession, `/api/boards/${board.id}/projector-links`, {})) as {
    token: string;
    url: string;
  };
  const origin = leiderSession.origin;
  const leider = await SessionSocket.open(server.url, board.id, { cookie: leiderSession.cookie, origin });
  const followers: SessionSocket[] = [];
  for (let i = 0; i < LAPTOPS; i++) {
    followers.push(await SessionSocket.open(server.url, board.id, { cookie: cookies[i]!, origin }));
  }
  followers.push(await SessionSocket.open(server.url, board.id, { origin }, `?projector=${link.token}`));
  sockets.push(leider, ...followers);

  await leider.command('session.start', { stepId: 's1' });
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(`${server.url}/borden/${board.id}/projector?projector=${link.token}`);
  await page.waitForSelector('main[data-step="s1"] h1', { timeout: 30_000 });
  await sleep(1000);

  const pressure = cpuPressureMeter();
  const socketAll: number[] = [];
  const socketSlowest: number[] = [];
  const browserPainted: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    // Every step in turn (Stappenplan and Handelen): long steps with charts and short ones.
    const target: StepId = STEP_IDS[(i + 1) % STEP_IDS.length]!;
    const title = stepDefinition(target).title;
    // The page watches for the step before the leider moves, so no change is missed.
    // (A string, not a function: tsx would add its `__name` helper, which the page does not have.)
    await page.evaluate(`(() => {
      const step = ${JSON.stringify(target)};
      const heading = ${JSON.stringify(title)};
      window.__moved = new Promise((resolve) => {
        const shown = () => {
          const main = document.querySelector('main[data-step]');
          return main?.dataset.step === step && main.querySelector('h1')?.textContent?.trim() === heading;
        };
        const done = () =>
          requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now())));
        if (shown()) return done();
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          done();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    })()`);
    const arrivals: number[] = [];
    const offs = followers.map((socket) =>
      socket.onState((state, at) => {
        if (state.session.currentStep === target) arrivals.push(at);
      }),
    );
    const sentWall = wallNow();
    const sentAt = performance.now();
    leider.send('step.go', { stepId: target });
    await waitFor(() => arrivals.length >= followers.length, `step ${target} on every socket`);
    for (const off of offs) off();
    const latencies = arrivals.map((at) => at - sentAt);
    socketAll.push(...latencies);
    socketSlowest.push(Math.max(...latencies));
    const painted = (await page.evaluate('window.__moved')) as number;
    browserPainted.push(painted - sentWall);
    await sleep(PACE_MS);
  }

  console.log(
    `${CHANGES} step changes, ${LAPTOPS} laptop sockets + a projector socket + a Chromium projector page (1920×1080):`,
  );
  console.log(`  socket: state on every socket          ${summary(socketAll)}`);
  console.log(`  socket: slowest socket per change      ${summary(socketSlowest)} (target p99 < 100 ms)`);
  console.log(`  browser: projector page painted        ${summary(browserPainted)} (target p99 < 250 ms)`);
  console.log(
    `  load average ${loadavg()[0]?.toFixed(1)}; CPU pressure (PSI) ${pressure()?.toFixed(0) ?? '?'}% of the time something waited for a CPU`,
  );
} finally {
  for (const socket of sockets) socket.ws.close();
  await browser.close();
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
