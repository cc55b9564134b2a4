import { describe, expect, it } from 'vitest';
import { generateDemoSchool } from './demo/demo-school';
import { ANALYSIS_REPORT_VERSION, analyseBoard, analyseSchool } from './run-analysis';

describe('analyseSchool / analyseBoard', () => {
  const a = generateDemoSchool({ seed: 1, schoolYears: 3, pupilsPerGroup: 10, school: 'A' });
  const b = generateDemoSchool({ seed: 2, schoolYears: 3, pupilsPerGroup: 10, school: 'B' });

  it('defaults to the latest school year and its latest moment', () => {
    const r = analyseSchool(a.results, a.normSet);
    expect(r).toMatchObject({
      version: ANALYSIS_REPORT_VERSION,
      school: 'A',
      schoolYear: '2025-2026',
      moment: 'E',
    });
    expect(analyseSchool(a.results, a.normSet, { year: '2024-2025' }).moment).toBe('E');
    expect(
      analyseSchool(a.results, a.normSet, { year: '2024-2025', moment: 'M' }).overview.rows[0]?.cells[0]
        ?.test,
    ).toBe('M3');
  });

  it('analyses every school of a board separately and summarises them', () => {
    const board = analyseBoard([...a.results, ...b.results], a.normSet, { year: '2025-2026', moment: 'M' });
    expect(board.reports.map((r) => [r.school, r.data.results])).toEqual([
      ['A', a.results.length],
      ['B', b.results.length],
    ]);
    expect(board.schools.map((s) => s.school)).toEqual(['A', 'B']);
    expect(board.schools[0]?.belowMinimum).toBe(board.reports[0]?.overview.statusCounts['onder-minimum']);
  });

  it('returns an empty but well-formed report for no data', () => {
    const r = analyseSchool([]);
    expect(r.overview.rows).toEqual([]);
    expect(r.signals).toEqual([]);
    expect(r.inspectie.judgement1F).toBe('onbekend');
  });
});
