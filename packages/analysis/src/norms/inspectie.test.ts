import { describe, expect, it } from 'vitest';
import type { RefLevel, Result } from '../model';
import { result } from '../test-fixtures';
import { inspectieIndicators, inspectieYear } from './inspectie';

const DOMAINS = ['Begrijpend lezen', 'Spelling', 'Rekenen-Wiskunde'] as const;

/** `pupils` groep 8 pupils × 3 domains; the first `below1F` domain results are <1F, the rest 2F/1S. */
function year(schoolYear: string, pupils: number, below1F: number): Result[] {
  const out: Result[] = [];
  let k = 0;
  for (let p = 0; p < pupils; p++) {
    for (const subject of DOMAINS) {
      const streef: RefLevel = subject === 'Rekenen-Wiskunde' ? '1S' : '2F';
      out.push(
        result({
          pupilId: `${schoolYear}-${p}`,
          schoolYear,
          grade: 8,
          className: '8',
          subject,
          moment: 'M',
          refLevel: k++ < below1F ? '<1F' : streef,
        }),
      );
    }
  }
  return out;
}

describe('Inspectie indicators', () => {
  it('counts pupil × domain results: 9 pupils, 21 of 27 at 1F → 77.78%', () => {
    // 9 pupils × 3 domains = 27 results; 6 below 1F → 21/27 = 0.7778 → 77.78%.
    const y = inspectieYear(year('2025-2026', 9, 6), '2025-2026');
    expect(y).toMatchObject({ pupils: 9, domainResults: 27, at1F: 21 });
    expect(y.pct1F).toBeCloseTo(77.78, 2);
  });

  it('weights the last three years by pupils: (94.44·18 + 92.31·13 + 91.67·12)/43 = 93.02', () => {
    // 18 pupils: 51/54 = 94.44%; 13 pupils: 36/39 = 92.31%; 12 pupils: 33/36 = 91.67%.
    const results = [
      ...year('2023-2024', 18, 3),
      ...year('2024-2025', 13, 3),
      ...year('2025-2026', 12, 3),
      ...year('2022-2023', 10, 30),
    ];
    const ind = inspectieIndicators(results, '2025-2026', { signalering2F1S: 45.5 });
    expect(ind.years.map((y) => y.pct1F)).toEqual([94.44, 92.31, 91.67]);
    expect(ind.pupilsThreeYears).toBe(43);
    expect(ind.threeYear1F).toBe(93.02);
    expect(ind.judgement1F).toBe('voldoende'); // 93.02 ≥ 85
    // All results at or above 1F are 2F/1S in this fixture, so the streef share equals the 1F share.
    expect(ind.threeYearStreef).toBe(93.02);
    expect(ind.judgementStreef).toBe('voldoende');
  });

  it('signals below the signaleringswaarde and is unknown without a school value for 2F/1S', () => {
    const ind = inspectieIndicators(year('2025-2026', 10, 6), '2025-2026');
    // 24/30 = 80% < 85%
    expect(ind.threeYear1F).toBe(80);
    expect(ind.judgement1F).toBe('signaal');
    expect(ind.judgementStreef).toBe('onbekend');
  });

  it('uses only groep 8, the three domains, and the latest moment with a referentieniveau', () => {
    const r = [
      result({ pupilId: 'a', grade: 8, subject: 'Spelling', moment: 'M', refLevel: '<1F' }),
      result({ pupilId: 'a', grade: 8, subject: 'Spelling', moment: 'E', refLevel: '1F' }),
      result({ pupilId: 'a', grade: 8, subject: 'Technisch lezen', moment: 'M', refLevel: '<1F' }),
      result({ pupilId: 'b', grade: 7, subject: 'Spelling', moment: 'E', refLevel: '<1F' }),
    ];
    expect(inspectieYear(r, '2025-2026')).toMatchObject({
      pupils: 1,
      domainResults: 1,
      at1F: 1,
      atStreef: 0,
    });
  });
});
