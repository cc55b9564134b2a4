import { describe, expect, it } from 'vitest';
import {
  gradeFromClass,
  parseDate,
  parseLevel,
  parseMoment,
  parseNumber,
  parseRefLevel,
  parseSchoolYear,
} from './parse-values';

const value = <T>(p: { ok: true; value: T } | { ok: false; message: string }): T | string =>
  p.ok ? p.value : p.message;

describe('cell parsers', () => {
  it('reads numbers with a decimal comma or point, nothing else', () => {
    expect(['45', '45,5', '45.5', ' -3 ', '1.234,5', '4 5', ''].map((s) => value(parseNumber(s)))).toEqual([
      45,
      45.5,
      45.5,
      -3,
      "'1.234,5' is geen getal",
      "'4 5' is geen getal",
      "'' is geen getal",
    ]);
  });

  it('reads levels I–V (I+ as I) and A–E in any case', () => {
    expect(['I+', 'iii', 'V', 'c', 'VI'].map((s) => value(parseLevel(s)))).toEqual([
      'I',
      'III',
      'V',
      'C',
      "'VI' is geen geldig niveau (I–V of A–E)",
    ]);
  });

  it('reads moments as letters, words or test labels', () => {
    expect(['M', 'eind', 'B8', 'e 5'].map((s) => value(parseMoment(s)))).toEqual([
      { moment: 'M', grade: null },
      { moment: 'E', grade: null },
      { moment: 'B', grade: 8 },
      { moment: 'E', grade: 5 },
    ]);
  });

  it('reads school years in the common spellings', () => {
    expect(
      ['2025-2026', '2025/2026', '25-26', '2025-26', '2025-2027'].map((s) => value(parseSchoolYear(s))),
    ).toEqual([
      '2025-2026',
      '2025-2026',
      '2025-2026',
      '2025-2026',
      "'2025-2027' is geen schooljaar (zoals 2025-2026)",
    ]);
  });

  it('reads Dutch and ISO dates, with a time, and Excel serial days', () => {
    // Excel day 46049 = 2026-01-27 (day 25569 is 1970-01-01; 46049 − 25569 = 20480 days).
    expect(
      [
        '27-01-2026',
        '27/1/2026',
        '27-1-26',
        '2026-01-27T10:00:00',
        '27-01-2026 08:30',
        '46049',
        '29-02-2025',
      ].map((s) => value(parseDate(s))),
    ).toEqual([
      '2026-01-27',
      '2026-01-27',
      '2026-01-27',
      '2026-01-27',
      '2026-01-27',
      '2026-01-27',
      "'29-02-2025' is geen geldige datum (dd-mm-jjjj)",
    ]);
  });

  it('reads referentieniveaus and derives a jaargroep from a class name', () => {
    expect(['1f', '2F', '1S', '<1F', 'onder 1F', '3F'].map((s) => value(parseRefLevel(s)))).toEqual([
      '1F',
      '2F',
      '1S',
      '<1F',
      '<1F',
      "'3F' is geen referentieniveau (<1F, 1F, 2F of 1S)",
    ]);
    expect(['5A', 'groep 7', '8', '5/6', 'Kikkers'].map(gradeFromClass)).toEqual([5, 7, 8, null, null]);
  });
});
