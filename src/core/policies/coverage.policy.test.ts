import { describe, expect, it } from 'vitest';
import type { PolicyLevel } from './common.policy.js';
import { blockerRows, ratingsAt as ratings, unsupported } from './policy.fixtures.js';
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
    expect(verdict.blockers.length === 0).toBe(holds);
  });

  it.each<[string, (number | null)[], [string, string | null, string][]]>([
    ['required and at the level', [2, 2, 2, 2, 2], []],
    ['required and above it', [3, 2, 2, 2, 2], []],
    [
      'required and one below',
      [1, 2, 2, 2, 2],
      [['required-below', 'c1', 'Senior requires "C1" to be rated at Senior or above; it is rated Mid.']],
    ],
    [
      'required and not observed',
      [null, 2, 2, 2, 2],
      [['required-not-rated', 'c1', 'Senior requires "C1" to be rated at Senior or above; it is not rated.']],
    ],
    [
      'required, not observed, and everything else too',
      [null, null, null, null, null],
      [
        ['too-few-observed', null, 'None of the 5 competencies is rated; 3 are needed before a level can be shown.'],
        ['required-not-rated', 'c1', 'Senior requires "C1" to be rated at Senior or above; it is not rated.'],
      ],
    ],
  ])('a required competency: %s', (_name, positions, blockers) => {
    const verdict = judgeCoverage(ratings(positions), LEVELS, 2, RULES);
    expect(verdict.holds).toBe(blockers.length === 0);
    expect(blockerRows(verdict.blockers)).toEqual(blockers);
  });

  it('a required competency the track does not have blocks the level', () => {
    const levels = [{ id: 'junior', title: 'Junior', required: ['elsewhere'] }];
    expect(blockerRows(judgeCoverage(ratings([0, 0, 0]), levels, 0, RULES).blockers)).toEqual([
      [
        'required-not-rated',
        'elsewhere',
        'Junior requires "elsewhere" to be rated at Junior or above; it is not rated.',
      ],
    ]);
  });

  it('every share meeting the level is not enough while a required competency is missing (readiness stays the share)', () => {
    const verdict = judgeCoverage(ratings([null, 2, 2, 2, 2]), LEVELS, 2, RULES);
    expect(verdict.holds).toBe(false);
    expect(verdict.readiness).toBe(1);
    expect(verdict.blockers.map((b) => b.code)).toEqual(['required-not-rated']);
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

  it.each<[(number | null)[], number, [string, string | null, string][]]>([
    [
      [1, null],
      0,
      [['too-few-observed', null, 'Only 1 of 2 competencies is rated; 3 are needed before a level can be shown.']],
    ],
    [
      [],
      0,
      [['too-few-observed', null, 'None of the 0 competencies is rated; 3 are needed before a level can be shown.']],
    ],
    [
      [1, 1, 1, 0, 0],
      1,
      [['share-not-reached', null, '3 of 5 rated competencies that apply at Mid meet it; 4 must (80%).']],
    ],
    [[3, 3, 3, 3, 1], 3, [['too-far-below', 'c5', '"C5" is rated Mid, more than one level below Staff.']]],
    [
      [3, 3, 0, 0, 0],
      3,
      [
        ['too-far-below', 'c3', '"C3" is rated Junior, more than one level below Staff.'],
        ['too-far-below', 'c4', '"C4" is rated Junior, more than one level below Staff.'],
        ['too-far-below', 'c5', '"C5" is rated Junior, more than one level below Staff.'],
        ['share-not-reached', null, '2 of 5 rated competencies that apply at Staff meet it; 4 must (80%).'],
      ],
    ],
  ])('names every blocker of a level that does not hold (%j at %s)', (positions, level, blockers) => {
    expect(blockerRows(judgeCoverage(ratings(positions), LEVELS, level, RULES).blockers)).toEqual(blockers);
  });

  describe('the evidence rule', () => {
    const NEEDS = [0, 1, 2, 3];
    it.each<[string, number, number, [string, string | null, string][]]>([
      [
        'a required competency rated at the level counts lower without its evidence',
        1,
        2,
        [
          [
            'not-enough-evidence',
            'c1',
            '"C1" is rated Senior with 1 piece of evidence; it needs 2 to count at Senior, so it counts as Mid.',
          ],
        ],
      ],
      [
        'and more than one level lower with none',
        0,
        2,
        [
          [
            'not-enough-evidence',
            'c1',
            '"C1" is rated Senior with 0 pieces of evidence; it needs 2 to count at Senior, so it counts as Junior.',
          ],
        ],
      ],
    ])('%s', (_name, evidence, level, blockers) => {
      const rows = ratings([evidence === 0 ? 0 : 1, 2, 2, 2, 2]).map((r, i) =>
        i === 0 ? unsupported(r, 2, evidence, NEEDS) : r,
      );
      expect(blockerRows(judgeCoverage(rows, LEVELS, level, RULES).blockers)).toEqual(blockers);
    });

    it('names each rating that would close the share with its evidence, once', () => {
      const rows = ratings([1, 1, 1, 1, 1]).map((r, i) => (i < 2 ? unsupported(r, 2, 1, NEEDS) : r));
      expect(
        blockerRows(
          judgeCoverage(rows, LEVELS.slice(0, 2).concat([{ id: 'senior', title: 'Senior' }]), 2, RULES).blockers,
        ),
      ).toEqual([
        ['share-not-reached', null, '0 of 5 rated competencies that apply at Senior meet it; 4 must (80%).'],
        [
          'not-enough-evidence',
          'c1',
          '"C1" is rated Senior with 1 piece of evidence; it needs 2 to count at Senior, so it counts as Mid.',
        ],
        [
          'not-enough-evidence',
          'c2',
          '"C2" is rated Senior with 1 piece of evidence; it needs 2 to count at Senior, so it counts as Mid.',
        ],
      ]);
    });

    it('a rating without the evidence for any level counts at none, and is named for the distance rule', () => {
      const rows = ratings([2, 2, 2, 2, -1]).map((r, i) => (i === 4 ? unsupported(r, 1, 0, [1, 1, 2]) : r));
      expect(blockerRows(judgeCoverage(rows, UNREQUIRED, 1, RULES).blockers)).toEqual([
        [
          'not-enough-evidence',
          'c5',
          '"C5" is rated Mid with 0 pieces of evidence; it needs 1 to count at Mid, so it counts at no level.',
        ],
      ]);
    });

    it('a rating far below for want of evidence is told what the level itself asks, as the gap view says', () => {
      const rows = ratings([2, 2, 2, 2, 0]).map((r, i) => (i === 4 ? unsupported(r, 2, 0, NEEDS) : r));
      expect(blockerRows(judgeCoverage(rows, UNREQUIRED, 2, RULES).blockers)).toEqual([
        [
          'not-enough-evidence',
          'c5',
          '"C5" is rated Senior with 0 pieces of evidence; it needs 2 to count at Senior, so it counts as Junior.',
        ],
      ]);
    });
  });
});
