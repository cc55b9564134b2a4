/**
 * Builders for small hand-made fixtures in tests. Not exported from the package.
 */
import type { Result } from './model';

/** A result with sensible defaults; override what the test is about. */
export function result(over: Partial<Result> & Pick<Result, 'pupilId'>): Result {
  return {
    school: null,
    pupilName: null,
    schoolYear: '2025-2026',
    className: '5A',
    grade: 5,
    subject: 'Spelling',
    moment: 'M',
    testDate: null,
    score: null,
    level: null,
    functioneringsniveau: null,
    refLevel: null,
    dl: null,
    dle: null,
    domainScores: null,
    nt2: false,
    support: false,
    plus: false,
    tags: [],
    row: 0,
    ...over,
  };
}
