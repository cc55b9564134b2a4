import { describe, expect, it } from 'vitest';
import { resultsToCanonicalCsv } from '../import/canonical-csv';
import { importCsvText } from '../import/import-results';
import { analyseSchool } from '../run-analysis';
import { generateDemoSchool } from './demo-school';

describe('generateDemoSchool', () => {
  const demo = generateDemoSchool({ seed: 42 });

  it('is deterministic from its seed', () => {
    const again = generateDemoSchool({ seed: 42 });
    expect(again.results).toEqual(demo.results);
    expect(generateDemoSchool({ seed: 7 }).results).not.toEqual(demo.results);
  });

  it('has 8 jaargroepen, 6 school years, M and E, four subjects and the three subgroups', () => {
    const r = demo.results;
    expect(new Set(r.map((x) => x.schoolYear)).size).toBe(6);
    expect([...new Set(r.map((x) => x.moment))].sort()).toEqual(['E', 'M']);
    expect(new Set(r.map((x) => x.subject)).size).toBe(4);
    expect([...new Set(r.map((x) => x.grade))].sort()).toEqual([3, 4, 5, 6, 7, 8]); // tests from groep 3
    expect(r.some((x) => x.nt2) && r.some((x) => x.support) && r.some((x) => x.plus)).toBe(true);
    // ~25 pupils per jaargroep (some cohorts with two parallel classes)
    const m5 = r.filter(
      (x) => x.schoolYear === '2025-2026' && x.moment === 'M' && x.grade === 6 && x.subject === 'Spelling',
    );
    expect(m5.length).toBeGreaterThanOrEqual(20);
  });

  it('plants the documented patterns, and the analysis finds them', () => {
    const report = analyseSchool(demo.results, demo.normSet, { year: '2025-2026', moment: 'E' });
    const spelling6 = report.trendJaargroep.find((t) => t.subject === 'Spelling' && t.grade === 6)!;
    expect(spelling6.trend).toMatchObject({ kind: 'structureel', direction: 'daling' });
    const rekenen4 = report.trendJaargroep.find((t) => t.subject === 'Rekenen-Wiskunde' && t.grade === 4)!;
    expect(
      rekenen4.trend.incidents.map((i) => [rekenen4.points[i.index]?.schoolYear, i.direction]),
    ).toContainEqual(['2022-2023', 'daling']);
    const strong = report.trendLeerlingengroep.find(
      (c) => c.subject === 'Begrijpend lezen' && c.grade === 7,
    )!;
    expect(strong.growthTrend).toMatchObject({ kind: 'structureel', verdict: 'voor' });
    expect(
      report.patterns.subgroups.find((s) => s.subgroup === 'nt2' && s.subject === 'Begrijpend lezen')
        ?.widening,
    ).toBe(true);
    expect(report.zorg.interventions[0]?.effect).toBeGreaterThan(0);
    expect(
      report.signals
        .filter((s) => s.nature === 'structureel')
        .map((s) => s.kind)
        .sort(),
    ).toEqual(['groei-leerlingengroep', 'subgroep-verschil', 'trend-jaargroep']);
  });

  it('gives Begrijpend lezen domain scores, groep 6 behind on Samenvatten, so the domain chart has figures', () => {
    const report = analyseSchool(demo.results, demo.normSet, { year: '2025-2026', moment: 'E' });
    const groep6 = report.patterns.domains.find((d) => d.subject === 'Begrijpend lezen' && d.grade === 6);
    expect(groep6?.domains.map((d) => d.domain)).toEqual(['Samenvatten', 'Verbanden leggen', 'Woordenschat']);
    const mean = (name: string) => groep6?.domains.find((d) => d.domain === name)?.mean as number;
    expect(mean('Samenvatten')).toBeLessThan(mean('Woordenschat') - 5);
    expect(groep6?.chart.series.every((s) => s.points.length === 6)).toBe(true);
    // Only Begrijpend lezen has domains.
    expect(new Set(report.patterns.domains.map((d) => d.subject))).toEqual(new Set(['Begrijpend lezen']));
  });

  it('writes the numbers in its signals the Dutch way: a decimal comma, one decimal at most', () => {
    const report = analyseSchool(demo.results, demo.normSet, { year: '2025-2026', moment: 'E' });
    expect(report.signals.length).toBeGreaterThan(3);
    for (const signal of report.signals) {
      expect(signal.text).not.toMatch(/\d\.\d/);
      expect(signal.text).not.toMatch(/\d,\d\d/);
    }
    const nt2 = report.patterns.subgroups.find(
      (s) => s.subgroup === 'nt2' && s.subject === 'Begrijpend lezen',
    );
    const gap = nt2?.trend.at(-1)?.gap as number;
    // e.g. 19.67 → "19,7"
    const dutch = (Math.round(gap * 10) / 10).toString().replace('.', ',');
    expect(report.signals.map((s) => s.text)).toContainEqual(expect.stringContaining(`(nu ${dutch} punten)`));
  });

  it('round-trips through the canonical CSV without mapping', () => {
    const csv = resultsToCanonicalCsv(demo.results);
    const out = importCsvText(csv);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.columns.unsure).toEqual([]);
    expect(out.columns.unknown).toEqual([]);
    expect(out.results.map((r) => ({ ...r, row: 0 }))).toEqual(demo.results);
  });
});
