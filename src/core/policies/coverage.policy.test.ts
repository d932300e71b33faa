import { describe, expect, it } from 'vitest';
import type { PolicyLevel } from './common.policy.js';
import { ratingsAt as ratings } from './policy.fixtures.js';
import { judgeCoverage } from './coverage.policy.js';

const LEVELS: PolicyLevel[] = [
  { id: 'junior', title: 'Junior' },
  { id: 'mid', title: 'Mid' },
  { id: 'senior', title: 'Senior', required: ['c1'] },
  { id: 'staff', title: 'Staff' },
];
/** The same levels with nothing required, to look at the share and distance rules alone. */
const UNREQUIRED: PolicyLevel[] = LEVELS.map(({ id, title }) => ({ id, title }));
const RULES = { share: 0.8, minObserved: 3 };

describe('judgeCoverage', () => {
  it.each<[string, (number | null)[], number[], number, boolean, number]>([
    ['all at the level', [1, 1, 1, 1, 1], [], 1, true, 1],
    ['80% at the level, the rest one below', [1, 1, 1, 1, 0], [], 1, true, 0.8],
    ['60% at the level', [1, 1, 1, 0, 0], [], 1, false, 0.6],
    ['one two levels below', [3, 3, 3, 3, 1], [], 3, false, 0.8],
    ['one two levels below, at the level below that', [3, 3, 3, 3, 1], [], 2, true, 0.8],
    ['not observed is ignored', [1, 1, 1, null, null], [], 1, true, 1],
    ['too few observed', [1, 1, null, null, null], [], 0, false, 1],
    ['not applicable is ignored', [1, 1, 1, 1, 0], [0, 0, 0, 0, 3], 1, true, 1],
    ['applicable from its first level on', [1, 1, 1, 1, 0], [0, 0, 0, 0, 1], 1, true, 0.8],
    ['nothing applicable holds vacuously', [0, 0, 0], [3, 3, 3], 1, true, 1],
    ['above the top rating', [3, 3, 3], [], 3, true, 1],
  ])('%s', (_name, positions, first, level, holds, readiness) => {
    const verdict = judgeCoverage(ratings(positions, first), UNREQUIRED, level, RULES);
    expect(verdict.holds).toBe(holds);
    expect(verdict.readiness).toBeCloseTo(readiness);
    expect(verdict.why === null).toBe(holds);
  });

  it.each<[string, (number | null)[], boolean, string | null]>([
    ['required and at the level', [2, 2, 2, 2, 2], true, null],
    ['required and above it', [3, 2, 2, 2, 2], true, null],
    [
      'required and one below',
      [1, 2, 2, 2, 2],
      false,
      'Senior requires "C1" to be rated at Senior or above; it is rated Mid.',
    ],
    [
      'required and not observed',
      [null, 2, 2, 2, 2],
      false,
      'Senior requires "C1" to be rated at Senior or above; it is not rated.',
    ],
  ])('a required competency: %s', (_name, positions, holds, why) => {
    const verdict = judgeCoverage(ratings(positions), LEVELS, 2, RULES);
    expect(verdict.holds).toBe(holds);
    expect(verdict.why).toBe(why);
  });

  it('a required competency the track does not have blocks the level', () => {
    const levels = [{ id: 'junior', title: 'Junior', required: ['elsewhere'] }];
    expect(judgeCoverage(ratings([0, 0, 0]), levels, 0, RULES).why).toBe(
      'Junior requires "elsewhere" to be rated at Junior or above; it is not rated.',
    );
  });

  it.each<[number, (number | null)[], boolean]>([
    [0.3, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0], true],
    [0.3, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], false],
    [0.7, [1, 1, 1, 1, 1, 1, 1, 0, 0, 0], true],
    [1, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0], false],
    [1 / 3, [1, 0, 0], true],
  ])('share %s is reached exactly, without rounding error (%j)', (share, positions, holds) => {
    expect(judgeCoverage(ratings(positions), LEVELS, 1, { share, minObserved: 1 }).holds).toBe(holds);
  });

  it.each<[(number | null)[], number, string]>([
    [[1, null], 0, 'Only 1 of 2 competencies is rated; 3 are needed before a level can be shown.'],
    [[], 0, 'None of the 0 competencies is rated; 3 are needed before a level can be shown.'],
    [[1, 1, 1, 0, 0], 1, '3 of 5 rated competencies that apply at Mid meet it; 4 must (80%).'],
    [[3, 3, 3, 3, 1], 3, '"C5" is rated more than one level below Staff.'],
    [[3, 3, 0, 0, 0], 3, '"C3", "C4" and "C5" are rated more than one level below Staff.'],
    [[3, 0, 0, 0, 0], 3, '"C2", "C3" and 2 more are rated more than one level below Staff.'],
  ])('explains a level that does not hold (%j at %s)', (positions, level, why) => {
    expect(judgeCoverage(ratings(positions), LEVELS, level, RULES).why).toBe(why);
  });
});
