import { analyseSchool, generateDemoSchool } from '@koers/analysis';
import { boardToJSON, listLinks, migrateBoard, validateBoard } from '@koers/board';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fillDemoCanvas, pctOnI_III, shareText } from './demo-canvas';

const demo = generateDemoSchool({ seed: 2026, school: 'Basisschool De Vlinder (demo)' });
const report = analyseSchool(demo.results, demo.normSet);

function demoBoard(): Y.Doc {
  const doc = new Y.Doc();
  migrateBoard(doc);
  doc.transact(() => fillDemoCanvas(doc, { datasetId: 'demo0dataset0001', report }));
  return doc;
}

describe('the demo board’s typed things', () => {
  it('fill steps 1–10c with valid records and no dangling links', () => {
    const doc = demoBoard();
    expect(validateBoard(doc)).toEqual([]);
    const board = boardToJSON(doc);
    const { canvas, grid } = board;
    expect(board.analysis).toMatchObject({
      datasetId: 'demo0dataset0001',
      schoolYear: report.schoolYear,
      moment: report.moment,
      purpose: 'verbeteren',
    });
    const stepsWith = (records: { stepId: string }[]): string[] =>
      [...new Set(records.map((r) => r.stepId))].sort();
    expect(stepsWith(canvas.chartViews)).toEqual(['s3', 's4', 's5', 's6']);
    expect(stepsWith(canvas.facts)).toEqual(['s3', 's4', 's5', 's6']);
    expect(stepsWith(canvas.sources)).toEqual(['s7']);
    expect(stepsWith(canvas.causes)).toEqual(['s9']);
    expect(stepsWith(canvas.conclusions)).toEqual(['s10a', 's10b', 's10c']);
    expect(grid.columns.map((c) => c.label)).toEqual([
      'Groep 3',
      'Groep 4',
      'Groep 5',
      'Groep 6',
      'Groep 7',
      'Groep 8',
    ]);
    expect(grid.rows).toHaveLength(21); // the 20 explanations of the Kwaliteitskaart + the team's own
    expect(grid.cells.length).toBeGreaterThan(40);
    expect(canvas.causes.filter((c) => c.core)).toHaveLength(2);
    // Every link joins two records that exist.
    const ids = new Set(
      [...canvas.facts, ...canvas.sources, ...canvas.causes, ...canvas.conclusions].map((r) => r.id),
    );
    const links = listLinks(doc);
    expect(links.length).toBeGreaterThanOrEqual(12);
    for (const link of links) {
      expect(ids.has(link.from) && ids.has(link.to)).toBe(true);
    }
  });

  it('reads every fact card’s number from the data: groep 6A begrijpend lezen, counted by hand from the rows', () => {
    const board = boardToJSON(demoBoard());
    const fact = board.canvas.facts.find((f) => f.dataPoint?.key === 'groep:6A|Begrijpend lezen');
    expect(fact).toBeDefined();
    // By hand: the demo rows of that test (this year, this moment, class 6A, begrijpend lezen) with a level
    // on the I–V scale; the share on I, II or III, rounded to a whole percent.
    const rows = demo.results.filter(
      (r) =>
        r.schoolYear === report.schoolYear &&
        r.moment === report.moment &&
        r.className === '6A' &&
        r.subject === 'Begrijpend lezen' &&
        r.level !== null &&
        ['I', 'II', 'III', 'IV', 'V'].includes(r.level),
    );
    const onI_III = rows.filter((r) => ['I', 'II', 'III'].includes(r.level as string)).length;
    expect(fact?.dataPoint).toMatchObject({
      n: rows.length,
      value: Math.round((100 * onI_III) / rows.length),
    });
    expect(fact?.text).toContain(
      `${Math.round((100 * onI_III) / rows.length)}% op niveau I–III (${onI_III} van ${rows.length} leerlingen)`,
    );
    expect(fact?.text).toContain('onder de minimumnorm');
    // With seed 2026 that is 7 + 2 + 2 = 11 of 24 pupils on I–III: 46%.
    expect(fact?.dataPoint).toMatchObject({ n: 24, value: 46 });
  });

  it('groep 7A begrijpend lezen is at 100% because every pupil of the strong cohort is on I–III, not a wrong denominator', () => {
    const row = report.resultsVsNorms.groups.find(
      (r) => r.level === 'groep' && r.className === '7A' && r.subject === 'Begrijpend lezen',
    );
    // By hand from the rows: 25 pupils of 7A made the test, every one of them on level I, II or III.
    const rows = demo.results.filter(
      (r) =>
        r.schoolYear === report.schoolYear &&
        r.moment === report.moment &&
        r.className === '7A' &&
        r.subject === 'Begrijpend lezen',
    );
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => ['I', 'II', 'III'].includes(r.level as string))).toHaveLength(25);
    expect(pctOnI_III(row!)).toEqual({ pct: 100, k: 25, n: 25 });
    const fact = boardToJSON(demoBoard()).canvas.facts.find(
      (f) => f.dataPoint?.key === 'groep:7A|Begrijpend lezen',
    );
    expect(fact?.text).toBe(
      'Groep 7A, begrijpend lezen E7: alle 25 leerlingen op niveau I–III — haalt de ambitienorm',
    );
  });

  it('writes a share with its count, so the denominator shows', () => {
    // 11 of 24 = 45.83…% → 46%; 3 of 4 is a small group.
    expect(shareText({ pct: 46, k: 11, n: 24 })).toBe('46% op niveau I–III (11 van 24 leerlingen)');
    expect(shareText({ pct: 75, k: 3, n: 4 })).toBe('75% op niveau I–III (3 van 4 leerlingen, n < 5)');
    expect(shareText({ pct: 100, k: 25, n: 25 })).toBe('alle 25 leerlingen op niveau I–III');
  });

  it('places the domain charts on Begrijpend lezen, the subject with domain scores (groep 6 on step 5)', () => {
    const views = boardToJSON(demoBoard()).canvas.chartViews.filter((v) => v.analysisKind === 'domeinen');
    expect(views.map((v) => [v.stepId, v.filters]).sort()).toEqual([
      ['s5', { subject: 'Begrijpend lezen', grade: 6 }],
      ['s6', { subject: 'Begrijpend lezen' }],
    ]);
  });

  it('places no empty domain chart when the results have no domain scores', () => {
    const doc = new Y.Doc();
    migrateBoard(doc);
    const withoutDomains = { ...report, patterns: { ...report.patterns, domains: [] } };
    doc.transact(() => fillDemoCanvas(doc, { datasetId: 'demo0dataset0001', report: withoutDomains }));
    const views = boardToJSON(doc).canvas.chartViews;
    expect(views.filter((v) => v.analysisKind === 'domeinen')).toEqual([]);
    expect(views.map((v) => `${v.stepId}:${v.analysisKind}`)).toContain('s5:trend-jaargroep');
  });

  it('holds no pupil id or name of the demo results anywhere', () => {
    const json = JSON.stringify(boardToJSON(demoBoard()));
    const pupils = new Set(
      demo.results.flatMap((r) => [r.pupilId, r.pupilName].filter((v): v is string => !!v)),
    );
    const leaked = [...pupils].filter((p) => p.length >= 4 && json.includes(p));
    expect(leaked).toEqual([]);
  });
});
