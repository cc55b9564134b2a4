import type { Level, Result } from '@koers/analysis';
import { createChartView, setAnalysisField } from '@koers/board';
import { afterEach, describe, expect, it } from 'vitest';
import { namedDemoSchool } from '../datasets/testing';
import { addStoredChartView } from '../testing/board-fixtures';
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
 * The board's chart views against the real app with the demo school's results: the view is read from the
 * live room or from storage, the analysis runs on the school's rows and only aggregates come back.
 */

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = undefined;
});

const demo = namedDemoSchool({ seed: 11, schoolYears: 2, pupilsPerGroup: 6 });

interface ChartBody {
  boardId: string;
  viewId: string;
  view: { datasetId: string; analysisKind: string; filters: Record<string, unknown>; title: string };
  dataset: { id: string; name: string };
  version: number;
  chart: {
    kind: string;
    title: string;
    schoolYear: string;
    moment: string;
    charts: unknown[];
    data: unknown;
  };
}

async function getChart(s: TestServer, boardId: string, viewId: string, cookie: string) {
  const response = await fetch(`${s.url}/api/boards/${boardId}/views/${viewId}/chart`, {
    headers: { cookie },
  });
  return { status: response.status, text: await response.text() };
}

function expectNoPupilData(text: string): void {
  for (const name of demo.names) expect(text).not.toContain(name);
  for (const id of demo.pupilIds) expect(text).not.toContain(`"${id}"`);
  expect(text).not.toMatch(/"pupilIds?"|"pupilName"/);
}

describe('GET /api/boards/:id/views/:viewId/chart', () => {
  it('answers a view on a live board with its aggregates, and the same after the room unloaded', async () => {
    const s = await startTestServer();
    server = s;
    const leider = await addTestMember(s, s.schoolId, 'ib@school.nl', 'leider');
    const dataset = s.datasets.create({
      schoolId: s.schoolId,
      name: 'Cito 2024-2026',
      sourceFileName: null,
      importedBy: leider.userId,
      results: demo.results,
    });
    const years = dataset.schoolYears;
    const boardId = await createBoardViaApi(s, 'Studiedag');
    const team = connectClient(s.url, boardId, { cookie: leider.cookie });
    clients.push(team);
    await waitSynced(team);
    const subject = dataset.subjects[0] as string;
    setAnalysisField(team.doc, 'schoolYear', years[0] as string);
    const trend = createChartView(team.doc, {
      stepId: 's4',
      datasetId: dataset.id,
      analysisKind: 'trend-jaargroep',
      filters: { subject, grade: 5 },
      title: 'Rekenen groep 5',
    });
    const zorg = createChartView(team.doc, { stepId: 's4', datasetId: dataset.id, analysisKind: 'zorg' });
    await waitFor(
      () => s.server.sync.rooms.get(boardId)?.hasUnwrittenChanges === false,
      'the views to be stored',
    );

    // From the live room.
    const live = await getChart(s, boardId, trend, leider.cookie);
    expect(live.status).toBe(200);
    const body = JSON.parse(live.text) as ChartBody;
    expect(body.view).toEqual({
      datasetId: dataset.id,
      analysisKind: 'trend-jaargroep',
      filters: { subject, grade: 5 },
      title: 'Rekenen groep 5',
    });
    expect(body.dataset).toEqual({ id: dataset.id, name: 'Cito 2024-2026' });
    expect(body.chart.kind).toBe('trend-jaargroep');
    // The year comes from step 1's analysis context when the view sets none.
    expect(body.chart.schoolYear).toBe(years[0]);
    expect(body.chart.charts.length).toBeGreaterThan(0);
    for (const item of body.chart.data as { subject: string; grade: number }[]) {
      expect(item).toMatchObject({ subject, grade: 5 });
    }
    expectNoPupilData(live.text);

    const zorgChart = await getChart(s, boardId, zorg, leider.cookie);
    expect(zorgChart.status).toBe(200);
    const zorgData = (JSON.parse(zorgChart.text) as ChartBody).chart.data as { goals: unknown };
    // Goals are counts, never the goals of individual pupils.
    expect(zorgData.goals).toMatchObject({ total: expect.any(Number), met: expect.any(Number) });
    expectNoPupilData(zorgChart.text);

    // From storage, once nobody is on the board.
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => s.server.sync.rooms.size === 0, 'the room to unload');
    const stored = await getChart(s, boardId, trend, leider.cookie);
    expect(stored.status).toBe(200);
    expect(JSON.parse(stored.text)).toEqual(body);
  });

  it('refuses a view whose dataset belongs to another school, and a view that is not on the board', async () => {
    const s = await startTestServer();
    server = s;
    const leider = await addTestMember(s, s.schoolId, 'ib@school.nl', 'leider');
    const other = s.auth.services.schools.createSchool('Andere school');
    const foreign = s.datasets.create({
      schoolId: other.id,
      name: 'Van een andere school',
      sourceFileName: null,
      importedBy: null,
      results: demo.results,
    });
    const boardId = await createBoardViaApi(s, 'Studiedag');
    const viewId = await addStoredChartView(s.store, boardId, {
      stepId: 's4',
      datasetId: foreign.id,
      analysisKind: 'overzicht',
    });
    const refused = await getChart(s, boardId, viewId, leider.cookie);
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.text)).toEqual({
      error: 'De gegevens van deze grafiek zijn niet (meer) beschikbaar.',
    });
    expectNoPupilData(refused.text);

    const missing = await getChart(s, boardId, 'AAAAAAAAAAAAAAAA', leider.cookie);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({ error: 'Deze grafiek staat niet (meer) op het bord.' });
    const malformed = await getChart(s, boardId, 'geen-id', leider.cookie);
    expect(malformed.status).toBe(404);
  });

  it('narrows a chart to a subgroup: its own numbers, the subgroup named, the whole school’s list of subgroups', async () => {
    const s = await startTestServer();
    server = s;
    const leider = await addTestMember(s, s.schoolId, 'ib@school.nl', 'leider');
    // Six pupils of 5A, Spelling, M 2025-2026: p1–p3 NT2 (scores 10, 20, 30; levels I, II, IV), p4–p6 not
    // (40, 50, 60; IV, V, V); p1 and p4 have the label "dyslexie". Hand-computed: the whole group n = 6,
    // mean 210 / 6 = 35; NT2 n = 3, mean 60 / 3 = 20, levels I 1, II 1, IV 1, marked small (n < 5).
    const rows: [string, number, Level, boolean, string[]][] = [
      ['p1', 10, 'I', true, ['dyslexie']],
      ['p2', 20, 'II', true, []],
      ['p3', 30, 'IV', true, []],
      ['p4', 40, 'IV', false, ['dyslexie']],
      ['p5', 50, 'V', false, []],
      ['p6', 60, 'V', false, []],
    ];
    const dataset = s.datasets.create({
      schoolId: s.schoolId,
      name: 'Klein',
      sourceFileName: null,
      importedBy: leider.userId,
      results: rows.map(([pupilId, score, level, nt2, tags]) =>
        handmadeResult(pupilId, score, level, nt2, tags),
      ),
    });
    const boardId = await createBoardViaApi(s, 'Studiedag');
    const nt2View = await addStoredChartView(s.store, boardId, {
      stepId: 's4',
      datasetId: dataset.id,
      analysisKind: 'normen',
      filters: { subgroup: 'nt2' },
    });
    const wholeView = await addStoredChartView(s.store, boardId, {
      stepId: 's4',
      datasetId: dataset.id,
      analysisKind: 'normen',
    });
    const zorgView = await addStoredChartView(s.store, boardId, {
      stepId: 's4',
      datasetId: dataset.id,
      analysisKind: 'datakwaliteit',
      filters: { subgroup: 'nt2' },
    });

    type NormsBody = ChartBody & {
      subgroups: { id: string; label: string }[];
      chart: {
        data: {
          groups: {
            level: string;
            className: string;
            stats: { n: number; mean: number; levels: object; small: boolean };
          }[];
        };
        charts: { title: string }[];
      };
    };
    const groupOf = (body: NormsBody) =>
      body.chart.data.groups.find((g) => g.level === 'groep' && g.className === '5A')?.stats;

    const narrowed = JSON.parse((await getChart(s, boardId, nt2View, leider.cookie)).text) as NormsBody;
    expect(groupOf(narrowed)).toMatchObject({ n: 3, mean: 20, levels: { I: 1, II: 1, IV: 1 }, small: true });
    expect(narrowed.chart.charts.length).toBeGreaterThan(0);
    for (const chart of narrowed.chart.charts) expect(chart.title).toMatch(/ — subgroep NT2$/);
    expect(narrowed.subgroups).toEqual([
      { id: 'nt2', label: 'NT2' },
      { id: 'label:dyslexie', label: 'dyslexie' },
    ]);

    // The whole school's chart is not affected by the cached subgroup report.
    const whole = JSON.parse((await getChart(s, boardId, wholeView, leider.cookie)).text) as NormsBody;
    expect(groupOf(whole)).toMatchObject({ n: 6, mean: 35, small: false });

    // Data quality is about the whole file: no subgroup filter.
    const quality = await getChart(s, boardId, zorgView, leider.cookie);
    expect(quality.status).toBe(200);
    expect((JSON.parse(quality.text) as ChartBody).chart.title).not.toContain('subgroep');

    // The results API answers the same narrowed report for the laptop's charts.
    const api = await fetch(`${s.url}/api/datasets/${dataset.id}/analysis?subgroup=nt2`, {
      headers: { cookie: leider.cookie },
    });
    const answer = (await api.json()) as {
      subgroup: string;
      report: { resultsVsNorms: { groups: { level: string; className: string; stats: { n: number } }[] } };
    };
    expect(answer.subgroup).toBe('nt2');
    expect(answer.report.resultsVsNorms.groups.find((g) => g.level === 'groep')?.stats.n).toBe(3);
    const refused = await fetch(`${s.url}/api/datasets/${dataset.id}/analysis?subgroup=iedereen`, {
      headers: { cookie: leider.cookie },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'Onbekende subgroep.' });
  });
});

function handmadeResult(pupilId: string, score: number, level: Level, nt2: boolean, tags: string[]): Result {
  return {
    pupilId,
    school: null,
    pupilName: null,
    schoolYear: '2025-2026',
    className: '5A',
    grade: 5,
    subject: 'Spelling',
    moment: 'M',
    testDate: null,
    score,
    level,
    functioneringsniveau: null,
    refLevel: null,
    dl: null,
    dle: null,
    domainScores: null,
    nt2,
    support: false,
    plus: false,
    tags,
    row: 0,
  };
}
