import { describe, expect, it } from 'vitest';
import type { Level } from '../model';
import { statsOf } from '../stats';
import { result } from '../test-fixtures';
import { NormIndex, evaluateNorm } from './evaluate';
import type { Norm } from './norm-set';
import { parseNormSet } from './parse-norms';

const I_III: Level[] = ['I', 'II', 'III'];

/** 10 pupils with the given levels and scores. */
function group(levels: Level[], scores: number[]) {
  return statsOf(levels.map((level, i) => result({ pupilId: `p${i}`, level, score: scores[i] ?? null })));
}

const norm: Norm = {
  subject: '*',
  minimum: [{ kind: 'share-at-levels', levels: I_III, atLeast: 50 }],
  streef: [
    { kind: 'share-at-levels', levels: I_III, atLeast: 60 },
    { kind: 'share-at-levels', levels: ['V'], atMost: 10 },
  ],
  ambitie: [{ kind: 'mean-score', atLeast: 50 }],
};

describe('evaluateNorm', () => {
  it('reaches streef when every streef criterion holds: 7/10 at I–III = 70% ≥ 60, 1/10 at V = 10% ≤ 10', () => {
    const s = group(
      ['I', 'I', 'II', 'II', 'III', 'III', 'III', 'IV', 'IV', 'V'],
      [40, 40, 40, 40, 40, 40, 40, 40, 40, 40],
    );
    const e = evaluateNorm(norm, s);
    // ambitie needs mean ≥ 50; the mean is 40.
    expect(e.status).toBe('streef');
    expect(e.criteria.map((c) => [c.tier, c.value, c.n, c.met])).toEqual([
      ['minimum', 70, 10, true],
      ['streef', 70, 10, true],
      ['streef', 10, 10, true],
      ['ambitie', 40, 10, false],
    ]);
  });

  it('stays at minimum when one streef criterion fails: 2/10 at V = 20% > 10', () => {
    const s = group(['I', 'I', 'II', 'II', 'III', 'III', 'IV', 'IV', 'V', 'V'], []);
    expect(evaluateNorm(norm, s).status).toBe('minimum'); // 6/10 = 60% ≥ 50 but V 20% > 10
  });

  it('is below minimum at 4/10 = 40% < 50 at I–III', () => {
    expect(
      evaluateNorm(norm, group(['I', 'II', 'III', 'III', 'IV', 'IV', 'IV', 'IV', 'V', 'V'], [])).status,
    ).toBe('onder-minimum');
  });

  it('does not climb past a tier that cannot be evaluated (no scores for the mean)', () => {
    const s = group(['I', 'I', 'II', 'II', 'III', 'III', 'III', 'III', 'IV', 'IV'], []);
    const e = evaluateNorm(norm, s);
    expect(e.status).toBe('streef');
    expect(e.criteria[3]).toMatchObject({ tier: 'ambitie', value: null, n: 0, met: null });
  });

  it("is 'onbekend' when the minimum cannot be judged (levels A–E against an I–V norm)", () => {
    expect(evaluateNorm(norm, group(['A', 'B', 'C'], [])).status).toBe('onbekend');
  });

  it("is 'geen-norm' without a norm", () => {
    expect(evaluateNorm(null, group(['I'], [])).status).toBe('geen-norm');
  });

  it('judges ≥ z% at 2F/1S on referentieniveaus: 2 of 3 = 66.7% ≥ 65', () => {
    const s = statsOf([
      result({ pupilId: 'a', refLevel: '2F' }),
      result({ pupilId: 'b', refLevel: '1S' }),
      result({ pupilId: 'c', refLevel: '1F' }),
    ]);
    expect(
      evaluateNorm({ subject: '*', minimum: [{ kind: 'share-at-ref', ref: '2F/1S', atLeast: 65 }] }, s)
        .status,
    ).toBe('minimum');
  });
});

describe('NormIndex', () => {
  it('picks the most specific norm and the zorg norm for zorgleerlingen', () => {
    const all: Norm = { subject: '*', minimum: [] };
    const spelling: Norm = { subject: 'Spelling', grades: [5], minimum: [] };
    const zorg: Norm = { subject: '*', group: 'zorg', minimum: [] };
    const idx = new NormIndex({ version: 1, norms: [all, spelling, zorg] });
    expect(idx.find('Spelling', 5, 'M')).toBe(spelling);
    expect(idx.find('Spelling', 6, 'M')).toBe(all);
    expect(idx.find('Spelling', 5, 'M', 'zorg')).toBe(zorg);
    expect(new NormIndex({ version: 1, norms: [all] }).find('Spelling', 5, 'M', 'zorg')).toBe(all);
  });
});

describe('parseNormSet', () => {
  it('accepts the documented format and names every problem', () => {
    expect(parseNormSet({ version: 1, norms: [norm], inspectie: { signalering2F1S: 45.5 } }).ok).toBe(true);
    const bad = parseNormSet({
      version: 2,
      norms: [
        {
          subject: 'Spelling',
          grades: [9],
          minimum: [{ kind: 'share-at-levels', levels: ['X'], atLeast: 50 }, { kind: 'median' }],
        },
      ],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors).toEqual([
        'version: 1 verwacht',
        'norms[0].grades: jaargroepen 1–8 verwacht',
        'norms[0].minimum[0].levels: lijst van niveaus (I–V of A–E) verwacht',
        "norms[0].minimum[1].kind: onbekend soort norm 'median' (share-at-levels, mean-score, share-at-ref)",
      ]);
    const tables = parseNormSet({
      version: 1,
      norms: [],
      goals: [
        {
          pupilId: 'p',
          subject: 'Spelling',
          from: { schoolYear: '2025', moment: 'M' },
          to: { schoolYear: '2025-2026', moment: 'E' },
          targetGrowth: 5,
        },
      ],
      interventions: [{ name: 'RT', subject: 'Spelling', pupilIds: ['p'], startDate: '1-9-2025' }],
      bouwen: [{ name: 'onderbouw', grades: [0, 1] }],
    });
    expect(tables.ok ? [] : tables.errors).toEqual([
      'goals[0]: pupilId, subject, from en to ({ schoolYear: "2025-2026", moment: "M" }) verwacht',
      'interventions[0]: name, subject, pupilIds en startDate (jjjj-mm-dd) verwacht',
      'bouwen[0]: name en grades (1–8) verwacht',
    ]);
  });
});
