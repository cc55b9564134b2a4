/**
 * `pnpm bench:facilitation`: the facilitation channel under a study day's load, measured from outside.
 *
 * One board, 40 laptops (raw sockets speaking the session protocol, each its own leerkracht account, joined
 * through a team invite link) and a projector socket (a projector link) follow the leider. Measured:
 * 1. goToStep: the leider's `step.go` sent → each of the 41 followers (and the leider) has the new state,
 *    over STEPS step changes, paced as a person clicks (the server limits a socket to 10 commands/s).
 * 2. vote close: 40 laptops each place a dot on a revealed card, the leider closes the vote → the projector
 *    socket has the result, over VOTES votes.
 * 3. reveal: 40 drafts (one per laptop) → the leider's "Onthullen" → the projector has the new state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { STEP_IDS } from '@koers/board';
import { joinTeam, percentile, post, SessionSocket, sleep, summary, waitFor } from './facilitation-clients';
import { createBenchLeider, loginAsBenchLeider } from './sync-auth';
import { cpuMeter, cpuPressureMeter, rssBytes, spawnServer, stopServer } from './sync-process';

const LAPTOPS = Number(process.env.BENCH_LAPTOPS ?? 40);
const STEPS = Number(process.env.BENCH_STEPS ?? 100);
const VOTES = Number(process.env.BENCH_VOTES ?? 20);
/** Between two commands of the leider: a person clicking, within the server's 10/s per socket. */
const PACE_MS = 150;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface RunResult {
  stepP50: number;
  stepP99: number;
  revealMs: number;
  closeP50: number;
  closeP99: number;
  slowInServer: number;
  slowestInServerMs: number;
  cpu: number;
  rssMb: number;
  cpuPressure: number | undefined;
}

async function run(index: number): Promise<RunResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'koers-bench-facilitation-'));
  createBenchLeider(dataDir);
  const server = await spawnServer(dataDir);
  const sockets: SessionSocket[] = [];
  try {
    const leiderSession = await loginAsBenchLeider(server.url);
    const team = (await post(server.url, leiderSession, '/api/school/invites', {
      kind: 'team',
      maxUses: LAPTOPS,
    })) as {
      token: string;
    };
    const teacherCookies: string[] = [];
    for (let i = 0; i < LAPTOPS; i++) teacherCookies.push(await joinTeam(server.url, team.token, i));
    const { board } = (await post(server.url, leiderSession, '/api/boards', {
      title: 'Bench: facilitatie',
    })) as {
      board: { id: string };
    };
    const { token } = (await post(
      server.url,
      leiderSession,
      `/api/boards/${board.id}/projector-links`,
      {},
    )) as {
      token: string;
    };
    const origin = leiderSession.origin;
    const leider = await SessionSocket.open(server.url, board.id, { cookie: leiderSession.cookie, origin });
    const laptops: SessionSocket[] = [];
    for (let i = 0; i < LAPTOPS; i++) {
      laptops.push(await SessionSocket.open(server.url, board.id, { cookie: teacherCookies[i]!, origin }));
    }
    const projector = await SessionSocket.open(server.url, board.id, { origin }, `?projector=${token}`);
    sockets.push(leider, ...laptops, projector);
    const followers = [...laptops, projector];

    await leider.command('session.start', { stepId: 's1' });
    await sleep(PACE_MS);
    const cpu = cpuMeter(server.pid);
    const pressure = cpuPressureMeter();
    // The server logs every command that took > 20 ms inside it (store with fsync + send to all sockets).
    const slowInServer: number[] = [];
    // Warnings go to stderr (which spawnServer also echoes); read them from there.
    server.child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.includes('"slow facilitation command"') || !line.includes('"step.go"')) continue;
        slowInServer.push(Number((JSON.parse(line) as { ms: number }).ms));
      }
    });

    // 1. goToStep fan-out.
    const stepLatency: number[] = [];
    const slowestPerStep: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const target = STEP_IDS[(i + 1) % STEP_IDS.length]!;
      const arrivals: number[] = [];
      const offs = followers.map((socket) =>
        socket.onState((state, at) => {
          if (state.session.currentStep === target) arrivals.push(at);
        }),
      );
      const sentAt = performance.now();
      leider.send('step.go', { stepId: target });
      await waitFor(() => arrivals.length >= followers.length, `step ${target} on every socket`);
      for (const off of offs) off();
      const latencies = arrivals.map((at) => at - sentAt);
      stepLatency.push(...latencies);
      slowestPerStep.push(Math.max(...latencies));
      await sleep(PACE_MS);
    }
    const cpuSteps = cpu();

    // 3. reveal of a silent round: one draft per laptop.
    await leider.command('silent.start', { stepId: 's9', kinds: ['cause'], anonymous: true });
    await Promise.all(
      laptops.map((laptop, i) => laptop.command('draft.save', { kind: 'cause', text: `Oorzaak ${i}` })),
    );
    let revealArrived = 0;
    const offReveal = projector.onState((state, at) => {
      if (state.session.lastReveal && revealArrived === 0) revealArrived = at;
    });
    const revealSent = performance.now();
    leider.send('silent.reveal');
    await waitFor(() => revealArrived > 0, 'the reveal on the projector');
    offReveal();
    const revealMs = revealArrived - revealSent;
    const cards = projector.state!.session.lastReveal!.recordIds;
    await sleep(PACE_MS);

    // 2. vote close → result on the projector.
    const closeLatency: number[] = [];
    for (let v = 0; v < VOTES; v++) {
      await leider.command('vote.start', { stepId: 's9', dotsPerPerson: 3 });
      await Promise.all(
        laptops.map((laptop, i) =>
          laptop.command('dot.place', { recordId: cards[(i * 7 + v) % cards.length] }),
        ),
      );
      let arrived = 0;
      const off = projector.onState((state, at) => {
        if (state.session.vote?.status === 'closed' && arrived === 0) arrived = at;
      });
      const sentAt = performance.now();
      leider.send('vote.close');
      await waitFor(() => arrived > 0, 'the result on the projector');
      off();
      closeLatency.push(arrived - sentAt);
      await sleep(PACE_MS * 2);
    }

    const rss = rssBytes(server.pid);
    const sortedSteps = [...stepLatency].sort((a, b) => a - b);
    const sortedCloses = [...closeLatency].sort((a, b) => a - b);
    const result: RunResult = {
      stepP50: percentile(sortedSteps, 50),
      stepP99: percentile(sortedSteps, 99),
      revealMs,
      closeP50: percentile(sortedCloses, 50),
      closeP99: percentile(sortedCloses, 99),
      slowInServer: slowInServer.length,
      slowestInServerMs: slowInServer.length ? Math.max(...slowInServer) : 0,
      cpu: cpuSteps,
      rssMb: rss / 1e6,
      cpuPressure: pressure(),
    };
    console.log(
      `run ${index}: goToStep → ${followers.length} followers ${summary(stepLatency)}; slowest follower per step ${summary(slowestPerStep)}`,
    );
    console.log(
      `run ${index}: reveal ${revealMs.toFixed(1)} ms; vote close ${summary(closeLatency)}; step.go > 20 ms in the server: ${result.slowInServer}/${STEPS} (max ${result.slowestInServerMs.toFixed(1)} ms); CPU pressure ${result.cpuPressure?.toFixed(0) ?? '?'}%`,
    );
    return result;
  } finally {
    for (const socket of sockets) socket.ws.close();
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const results: RunResult[] = [];
for (let i = 1; i <= RUNS; i++) results.push(await run(i));
const med = (pick: (r: RunResult) => number): string => median(results.map(pick)).toFixed(1);
const pressures = results.map((r) => r.cpuPressure).filter((p): p is number => p !== undefined);
console.log('');
console.log(
  `medians of ${RUNS} runs (${LAPTOPS} laptops + projector following the leider, ${STEPS} steps, ${VOTES} votes):`,
);
console.log(
  `  goToStep → every socket        p50 ${med((r) => r.stepP50)} ms, p99 ${med((r) => r.stepP99)} ms (target p99 < 100 ms)`,
);
console.log(`  reveal of ${LAPTOPS} drafts → projector ${med((r) => r.revealMs)} ms`);
console.log(
  `  vote close → result on projector p50 ${med((r) => r.closeP50)} ms, p99 ${med((r) => r.closeP99)} ms`,
);
console.log(
  `  step.go > 20 ms inside the server: ${results.map((r) => r.slowInServer).join(', ')} of ${STEPS} per run`,
);
console.log(
  `  server CPU ${med((r) => r.cpu)}% of one core, RSS ${med((r) => r.rssMb)} MB; load average ${loadavg()[0]?.toFixed(1)}`,
);
console.log(
  `  machine CPU pressure (PSI, share of time something waited for a CPU): ${pressures.map((p) => `${p.toFixed(0)}%`).join(', ') || 'unknown'}`,
);
