import { analyseSchool, generateDemoSchool } from '@koers/analysis';
import {
  LESOBSERVATIE,
  actionProblems,
  boardToJSON,
  migrateBoard,
  validateBoard,
  type BoardJSON,
} from '@koers/board';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_USERS } from '../schools/seed-demo-school';
import { loginViaApi, startTestServer } from '../testing/sync-test-kit';
import { DEMO_PASSWORD } from '../schools/seed-demo-school';
import { effectFromResults } from './demo-handelen';
import { DEMO_PREVIOUS_BOARD_TITLE } from './demo-previous-cycle';
import { DEMO_BOARD_TITLE } from './seed-demo';

/**
 * The demo as a newcomer gets it (DEMO=true on the real server): the previous cycle's board and the demo
 * board carried over from it, with Handelen 1–4 filled and a report that reads like a real one.
 */

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let cookie: string;
let current: BoardJSON;
let previous: BoardJSON;
let currentId: string;
let previousId: string;
const demo = generateDemoSchool({ seed: 2026, school: 'Basisschool De Vlinder (demo)' });
const report = analyseSchool(demo.results, demo.normSet);

async function stored(boardId: string): Promise<BoardJSON> {
  const state = await server.store.loadBoardState(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates([...(state.snapshot ? [state.snapshot] : []), ...state.updates]));
  expect(validateBoard(doc)).toEqual([]);
  migrateBoard(doc);
  return boardToJSON(doc);
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  cookie = await loginViaApi(server.url, DEMO_USERS[0]!.email, DEMO_PASSWORD);
  const { boards } = (await (await fetch(`${server.url}/api/boards`, { headers: { cookie } })).json()) as {
    boards: { id: string; title: string }[];
  };
  currentId = boards.find((b) => b.title === DEMO_BOARD_TITLE)!.id;
  previousId = boards.find((b) => b.title === DEMO_PREVIOUS_BOARD_TITLE)!.id;
  current = await stored(currentId);
  previous = await stored(previousId);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const ownerIds = () => DEMO_USERS.map((u) => server.auth.schools.findUserByEmail(u.email)!.id);

describe('the demo boards', () => {
  it('the demo board was carried over from the previous cycle: exactly its two open actions, with their origin', () => {
    expect(current.source).toEqual({ boardId: previousId, title: DEMO_PREVIOUS_BOARD_TITLE });
    const open = previous.canvas.actions.filter((a) => !a.done && a.effect !== 'ja');
    expect(open.map((a) => a.what)).toEqual([
      'Dagelijks hardop modelen van leesstrategieën in groep 5',
      'Leesaanpak invoeren in groep 6: materialen en een startbijeenkomst',
    ]);
    const carried = current.canvas.actions.filter((a) => a.carriedFrom !== null);
    expect(carried.map((a) => [a.what, a.carriedFrom])).toEqual(
      open.map((a) => [a.what, { boardId: previousId, recordId: a.id }]),
    );
    // The previous board's open research question came along.
    expect(current.canvas.causes.map((c) => c.text)).toContain(
      'Of NT2-leerlingen de langere teksten van de leesaanpak begrijpen, weten we nog niet.',
    );
    expect(current.steps.find((s) => s.id === 's2')?.text).toContain('Minimumnorm: 75%');
  });

  it('answers "effect vastgesteld?" on the carried actions from the demo results (groep 5 deels, groep 6 nee)', () => {
    const carried = current.canvas.actions.filter((a) => a.carriedFrom !== null);
    for (const action of carried) {
      const rows = report.resultsVsNorms.groups.filter(
        (r) => r.level === 'groep' && r.grade === action.focusGrade && r.subject === action.focusSubject,
      );
      const expected = effectFromResults(rows)!;
      expect(action.effect).toBe(expected.effect);
      expect(action.effectNote).toContain(expected.note);
    }
    // By hand with seed 2026 (E 2025-2026, begrijpend lezen): 5A 16/25 = 64% and 5B 18/24 = 75% (minimum);
    // 6A 11/24 = 46%, below the minimum.
    expect(carried.map((a) => a.effect)).toEqual(['deels', 'nee']);
    expect(carried[1]!.effectNote).toContain('groep 6A: 46% op I–III, onder de minimumnorm');
  });

  it('has concrete actions owned by the demo accounts, group plans, team learning, an observation and borging', () => {
    const own = current.canvas.actions.filter((a) => a.carriedFrom === null);
    expect(own).toHaveLength(4);
    const [leider, leerkracht] = ownerIds();
    expect(new Set(own.map((a) => a.ownerId))).toEqual(new Set([leider, leerkracht]));
    for (const action of own) {
      expect(actionProblems(action)).toEqual([]);
      expect(action.horizon).not.toBeNull();
      expect(action.specifiek).not.toBe('');
      expect(action.monitorHow).not.toBe('');
      expect(action.links.filter((l) => l.relation === 'beantwoordt').length).toBeGreaterThanOrEqual(2);
    }
    // Group plans of groep 6 from its levels: counts that add up to the class's pupils with a level.
    const groep6 = report.resultsVsNorms.groups.filter(
      (r) => r.level === 'groep' && r.grade === 6 && r.subject === 'Begrijpend lezen',
    );
    expect(
      current.canvas.groupPlans.map((p) => [
        p.groupLabel,
        (p.basis ?? 0) + (p.intensief ?? 0) + (p.verdiept ?? 0),
      ]),
    ).toEqual(groep6.map((r) => [`Groep ${r.className}`, r.stats.nIV]));
    expect(current.canvas.teamLearning).toHaveLength(2);
    expect(current.canvas.teamLearning[0]!.forms).toEqual(['intervisie', 'lesbezoeken']);
    const observation = current.checks.lesobservatie.filter((i) => i.status !== null);
    expect(observation.length).toBe(9);
    expect(observation.length).toBeLessThanOrEqual(LESOBSERVATIE.length);
    expect(current.checks.lesobservatie.find((i) => i.key === '4')).toMatchObject({ status: 'nee' });
    expect(current.canvas.borging.map((b) => b.anchoredIn)).toEqual([
      ['leerlijnen', 'afspraken'],
      ['beleid', 'cultuur'],
    ]);
  });

  it('exports a report with every section filled, the owners by name, the effect, and no pupil names', async () => {
    const response = await fetch(`${server.url}/api/boards/${currentId}/export?format=md`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    const md = await response.text();
    expect(md).not.toMatch(/Niets gemarkeerd|Geen acties/);
    for (const user of DEMO_USERS) expect(md).toContain(user.name);
    expect(md).toContain('Leesaanpak volledig invoeren in groep 6');
    expect(md).toContain('Hardop modelen van leesstrategieën, zoals in groep 5 en 7');
    expect(md).toContain('Een overdracht van de leesaanpak bij elke wisseling van leraren of invaller.');
    const names = new Set(
      demo.results.map((r) => r.pupilName).filter((n): n is string => !!n && n.length >= 4),
    );
    expect([...names].filter((n) => md.includes(n))).toEqual([]);
    expect(md).toContain(
      'Overgenomen van het vorige bord. Effect vastgesteld: nee — Nieuwe resultaten: groep 6A: 46% op I–III',
    );
  });
});
