/**
 * A small hand-made school for the chart tests (not exported). Spelling M 2025-2026:
 *   5A: a1 score 100 level I, a2 110 III, a3 120 IV      → I–III 2/3 = 66.67%, mean 110, n 3 (small)
 *   5B: b1 130 II, b2 140 V                               → I–III 1/2 = 50%,    mean 135, n 2 (small)
 *   groep 5 (all five)                                    → I–III 3/5 = 60%,    mean 600/5 = 120, n 5
 *   6A (groep 6): c1 200 I, c2 210 II, c3 220 IV, c4 230 V → I–III 2/4 = 50%,  mean 860/4 = 215, n 4 (small)
 * Norms: minimum ≥ 50% at I–III, streef ≥ 60% (for every grade unless `grade6Streef` says otherwise).
 */
import type { Level } from '../model';
import { parseNormSet } from '../norms/parse-norms';
import { analyseSchool, type AnalysisReport } from '../run-analysis';
import { result } from '../test-fixtures';

const ROWS: [string, string, number, number, Level][] = [
  ['a1', '5A', 5, 100, 'I'],
  ['a2', '5A', 5, 110, 'III'],
  ['a3', '5A', 5, 120, 'IV'],
  ['b1', '5B', 5, 130, 'II'],
  ['b2', '5B', 5, 140, 'V'],
  ['c1', '6A', 6, 200, 'I'],
  ['c2', '6A', 6, 210, 'II'],
  ['c3', '6A', 6, 220, 'IV'],
  ['c4', '6A', 6, 230, 'V'],
];

const shareI_III = (atLeast: number) => [{ kind: 'share-at-levels', levels: ['I', 'II', 'III'], atLeast }];

export function fixtureReport(options: { grade6Streef?: number } = {}): AnalysisReport {
  const norms: unknown[] = [{ subject: '*', minimum: shareI_III(50), streef: shareI_III(60) }];
  if (options.grade6Streef !== undefined)
    norms.push({
      subject: '*',
      grades: [6],
      minimum: shareI_III(50),
      streef: shareI_III(options.grade6Streef),
    });
  const parsed = parseNormSet({ version: 1, norms });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const results = ROWS.map(([pupilId, className, grade, score, level]) =>
    result({ pupilId, className, grade, score, level }),
  );
  return analyseSchool(results, parsed.normSet);
}
