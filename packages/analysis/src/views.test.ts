import { describe, expect, it } from 'vitest';
import { generateDemoSchool } from './demo/demo-school';
import { analyseSchool } from './run-analysis';
import { ANALYSIS_KINDS, analysisView, withoutPupilData } from './views';

describe('analysis views', () => {
  const demo = generateDemoSchool({ seed: 42 });
  const report = analyseSchool(demo.results, demo.normSet, { year: '2025-2026', moment: 'E' });

  it('narrows one analysis to a subject and jaargroep, with its chart', () => {
    const v = analysisView(report, 'trend-jaargroep', { subject: 'Spelling', grade: 6 });
    expect(v.title).toBe('Trend per jaargroep');
    expect(v.charts).toHaveLength(1);
    expect(v.charts[0]?.title).toBe('Trend Spelling E6: groep 6 over de schooljaren');
    expect(v.charts[0]?.series[0]?.points).toHaveLength(6);
  });

  it('answers every kind', () => {
    for (const kind of ANALYSIS_KINDS) expect(analysisView(report, kind).kind).toBe(kind);
  });

  it('removes every pupil id for the projector and keeps the counts', () => {
    const safe = withoutPupilData(report);
    const text = JSON.stringify(safe);
    for (const id of new Set(demo.results.map((r) => r.pupilId)))
      expect(text.includes(`"${id}"`)).toBe(false);
    expect(safe.dataQuality.totals).toEqual(report.dataQuality.totals);
    expect(safe.zorg.goalsSummary.total).toBe(report.zorg.goals.length);
    // The original still has them (for the IB-er).
    expect(report.dataQuality.missing.some((m) => m.pupilIds.length > 0)).toBe(true);
  });
});
