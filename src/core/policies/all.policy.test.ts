import { describe, expect, it } from 'vitest';
import { judgeAll } from './all.policy.js';
import type { PolicyLevel } from './common.policy.js';
import { ratingsAt as ratings } from './policy.fixtures.js';

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

  it.each<[(number | null)[], number, string | null]>([
    [[2, 2, 2], 2, null],
    [[2, 2, 1], 2, '"C3" is rated below Senior; every rated competency must meet it.'],
    [[2, 0, 1], 2, '"C2" and "C3" are rated below Senior; every rated competency must meet it.'],
    [[2, null], 0, 'Only 1 of 2 competencies is rated; 3 are needed before a level can be shown.'],
  ])('explains %j at level %s', (positions, level, why) => {
    expect(judgeAll(ratings(positions), LEVELS, level, { minObserved: 3 }).why).toBe(why);
  });
});
