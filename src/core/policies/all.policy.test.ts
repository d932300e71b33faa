import { describe, expect, it } from 'vitest';
import { judgeAll } from './all.policy.js';
import type { PolicyLevel } from './common.policy.js';
import { blockerRows, ratingsAt as ratings, unsupported } from './policy.fixtures.js';

const LEVELS: PolicyLevel[] = [
  { id: 'junior', title: 'Junior' },
  { id: 'mid', title: 'Mid' },
  { id: 'senior', title: 'Senior' },
];

describe('judgeAll', () => {
  it.each<[string, (number | null)[], number[], number, boolean, number]>([
    ['all at the level', [1, 1, 1], [], 1, true, 1],
    ['all above the level', [2, 2, 2], [], 1, true, 1],
    ['one below fails', [1, 1, 1, 0], [], 1, false, 0.75],
    ['one below a level that does not apply to it', [1, 1, 1, 0], [0, 0, 0, 2], 1, true, 1],
    ['not observed is ignored', [1, 1, 1, null], [], 1, true, 1],
    ['too few observed', [2, 2, null], [], 0, false, 1],
    ['nothing observed', [null, null, null], [], 0, false, 0],
    ['nothing applicable holds vacuously', [0, 0, 0], [2, 2, 2], 1, true, 1],
  ])('%s', (_name, positions, first, level, holds, readiness) => {
    const verdict = judgeAll(ratings(positions, first), LEVELS, level, { minObserved: 3 });
    expect(verdict.holds).toBe(holds);
    expect(verdict.readiness).toBeCloseTo(readiness);
  });

  it.each<[(number | null)[], number, [string, string | null, string][]]>([
    [[2, 2, 2], 2, []],
    [[2, 2, 1], 2, [['below-level', 'c3', '"C3" is rated Mid, below Senior; every rated competency must meet it.']]],
    [
      [2, 0, 1],
      2,
      [
        ['below-level', 'c2', '"C2" is rated Junior, below Senior; every rated competency must meet it.'],
        ['below-level', 'c3', '"C3" is rated Mid, below Senior; every rated competency must meet it.'],
      ],
    ],
    [
      [2, null],
      0,
      [['too-few-observed', null, 'Only 1 of 2 competencies is rated; 3 are needed before a level can be shown.']],
    ],
  ])('names the blockers of %j at level %s', (positions, level, blockers) => {
    expect(blockerRows(judgeAll(ratings(positions), LEVELS, level, { minObserved: 3 }).blockers)).toEqual(blockers);
  });

  it('a rating that counts lower for want of evidence is named for its evidence', () => {
    const rows = ratings([2, 2, 1]).map((r, i) => (i === 2 ? unsupported(r, 2, 1, [0, 1, 2]) : r));
    expect(blockerRows(judgeAll(rows, LEVELS, 2, { minObserved: 3 }).blockers)).toEqual([
      [
        'not-enough-evidence',
        'c3',
        '"C3" is rated Senior with 1 piece of evidence; it needs 2 to count at Senior, so it counts as Mid.',
      ],
    ]);
    expect(judgeAll(rows, LEVELS, 1, { minObserved: 3 }).holds).toBe(true);
  });
});
