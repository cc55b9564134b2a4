import { describe, expect, it } from 'vitest';
import { analyseSchool } from './run-analysis';
import { inSubgroup, labelSubgroup, subgroupFilterApplies, subgroupsOfReport } from './subgroup-filter';
import { result } from './test-fixtures';
import { analysisView } from './views';
import type { Level } from './model';

/**
 * Six pupils of group 5A, Spelling, M 2025-2026. Pupils 1–3 are NT2 (scores 10, 20, 30; levels I, II, IV),
 * pupils 4–6 are not (40, 50, 60; IV, V, V). Pupils 1 and 4 have the label "dyslexie"; pupil 6 is plus.
 * Hand-computed: the whole group n = 6, mean (10+…+60)/6 = 35, levels I 1, II 1, IV 2, V 2; the NT2 pupils
 * n = 3, mean (10+20+30)/3 = 20, levels I 1, II 1, IV 1, a small group (n < 5); "dyslexie" n = 2, mean 25.
 */
const pupils: [string, number, Level, boolean, string[]][] = [
  ['p1', 10, 'I', true, ['dyslexie']],
  ['p2', 20, 'II', true, []],
  ['p3', 30, 'IV', true, []],
  ['p4', 40, 'IV', false, ['dyslexie']],
  ['p5', 50, 'V', false, []],
  ['p6', 60, 'V', false, []],
];
const results = pupils.map(([pupilId, score, level, nt2, tags]) =>
  result({ pupilId, score, level, nt2, tags, plus: pupilId === 'p6' }),
);

function groupStats(report: ReturnType<typeof analyseSchool>) {
  const row = report.resultsVsNorms.groups.find((g) => g.level === 'groep' && g.className === '5A');
  return row?.stats;
}

describe('a chart narrowed to a subgroup', () => {
  it('analyses only the subgroup’s results: n, mean, levels and the small-group mark are its own', () => {
    const whole = groupStats(analyseSchool(results));
    expect(whole).toMatchObject({ n: 6, mean: 35, levels: { I: 1, II: 1, IV: 2, V: 2 }, small: false });

    const nt2 = analyseSchool(results, undefined, { subgroup: 'nt2' });
    expect(groupStats(nt2)).toMatchObject({ n: 3, mean: 20, levels: { I: 1, II: 1, IV: 1 }, small: true });
    expect(nt2.data.pupils).toBe(3);

    const dyslexie = analyseSchool(results, undefined, { subgroup: 'label:dyslexie' });
    expect(groupStats(dyslexie)).toMatchObject({ n: 2, mean: 25, small: true });
  });

  it('keeps the overview’s cell counts to the subgroup', () => {
    const view = analysisView(analyseSchool(results, undefined, { subgroup: 'plus' }), 'overzicht');
    const text = JSON.stringify(view.data);
    // One plus pupil: every count in the overview is 1.
    expect(text).toMatch(/"n":1\b/);
    expect(text).not.toMatch(/"n":[2-9]\b/);
  });

  it('knows who belongs to which subgroup, per result', () => {
    const [p1, , , p4, , p6] = results;
    expect(inSubgroup(p1!, 'nt2')).toBe(true);
    expect(inSubgroup(p4!, 'nt2')).toBe(false);
    expect(inSubgroup(p4!, 'label:dyslexie')).toBe(true);
    expect(inSubgroup(p6!, 'plus')).toBe(true);
    expect(inSubgroup(p6!, 'ondersteuning')).toBe(false);
  });

  it('lists the subgroups the data holds, with their Dutch names and no pupils', () => {
    expect(subgroupsOfReport(analyseSchool(results))).toEqual([
      { id: 'nt2', label: 'NT2' },
      { id: 'plus', label: 'Plusgroep' },
      { id: 'label:dyslexie', label: 'dyslexie' },
    ]);
  });

  it('applies to the school’s charts and the subgroup comparison, not to zorg or data quality', () => {
    for (const kind of ['overzicht', 'normen', 'trend-jaargroep', 'domeinen', 'subgroepen'] as const)
      expect(subgroupFilterApplies(kind)).toBe(true);
    for (const kind of ['zorg', 'datakwaliteit', 'signalen'] as const)
      expect(subgroupFilterApplies(kind)).toBe(false);
  });

  it('names the subgroup in every chart title', () => {
    const view = labelSubgroup(analysisView(analyseSchool(results), 'normen'), 'nt2');
    expect(view.charts.length).toBeGreaterThan(0);
    for (const chart of view.charts) expect(chart.title).toMatch(/ — subgroep NT2$/);
  });
});
