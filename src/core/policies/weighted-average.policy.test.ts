import { describe, expect, it } from 'vitest';
import type { LevelRating, PolicyLevel } from './common.policy.js';
import { blockerRows, unsupported } from './policy.fixtures.js';
import { computeWeightedAverage, judgeWeightedAverage } from './weighted-average.policy.js';

const LEVELS: PolicyLevel[] = ['l0', 'l1', 'l2', 'l3'].map((id) => ({ id, title: id.toUpperCase() }));

function ratings(rows: [position: number | null, weight?: number, first?: number][]): LevelRating[] {
  return rows.map(([position, weight = 1, first = 0], i) => ({
    id: `c${i}`,
    title: `C${i}`,
    position,
    firstIndex: first,
    weight,
  }));
}

describe('computeWeightedAverage', () => {
  it.each<[string, [number | null, number?, number?][], number | null]>([
    ['nothing rated', [], null],
    ['only not observed', [[null], [null]], null],
    ['equal weights', [[0], [1], [2], [3]], 1.5],
    [
      'weights pull toward the heavy competency',
      [
        [3, 3],
        [0, 1],
      ],
      2.25,
    ],
    [
      'fractional weights',
      [
        [2, 0.5],
        [0, 0.5],
      ],
      1,
    ],
    ['not observed is left out, not counted as 0', [[2], [2], [null]], 2],
    ['a competency that does not apply yet still counts', [[0, 1, 3], [2]], 1],
  ])('%s', (_name, rows, expected) => {
    const average = computeWeightedAverage(ratings(rows));
    if (expected === null) expect(average).toBeNull();
    else expect(average).toBeCloseTo(expected);
  });
});

describe('judgeWeightedAverage', () => {
  it.each<
    [string, { level: string; from: number }[] | undefined, [number | null, number?][], boolean[], (number | null)[]]
  >([
    [
      'default bands: each level from its position',
      undefined,
      [[2], [1], [2]],
      [true, true, false, false],
      [0, 1, 2, 3],
    ],
    ['default bands: exactly on a position', undefined, [[2], [2], [2]], [true, true, true, false], [0, 1, 2, 3]],
    [
      'custom bands',
      [
        { level: 'l0', from: 0 },
        { level: 'l1', from: 0.5 },
        { level: 'l2', from: 1 },
        { level: 'l3', from: 2 },
      ],
      [[1], [1], [1]],
      [true, true, true, false],
      [0, 0.5, 1, 2],
    ],
    [
      'a first level without a band is the floor',
      [{ level: 'l1', from: 1 }],
      [[0], [0], [0]],
      [true, false, false, false],
      [0, 1, null, null],
    ],
    [
      'a level between bands starts with the band above',
      [
        { level: 'l0', from: 0 },
        { level: 'l2', from: 1.5 },
      ],
      [[1], [2], [2]],
      [true, true, true, false],
      [0, 1.5, 1.5, null],
    ],
    [
      'bands of another track are ignored',
      [
        { level: 'other', from: 0 },
        { level: 'l1', from: 1 },
      ],
      [[1], [1], [1]],
      [true, true, false, false],
      [0, 1, null, null],
    ],
    ['too few rated', undefined, [[3], [3]], [false, false, false, false], [0, 1, 2, 3]],
  ])('%s', (_name, bands, rows, holds, starts) => {
    const outcome = judgeWeightedAverage(ratings(rows), LEVELS, { minObserved: 3, bands });
    expect(outcome.verdicts.map((v) => v.holds)).toEqual(holds);
    expect(outcome.starts).toEqual(starts);
  });

  it.each<[[number | null][], number[]]>([
    [
      [[1], [1], [1]],
      [1, 1, 0.5, 1 / 3],
    ],
    [
      [[3], [3], [3]],
      [1, 1, 1, 1],
    ],
    [
      [[0], [0], [0]],
      [1, 0, 0, 0],
    ],
    [
      [[null], [null], [null]],
      [0, 0, 0, 0],
    ],
  ])('readiness for %j is the average over the band start', (rows, readiness) => {
    const outcome = judgeWeightedAverage(ratings(rows), LEVELS, { minObserved: 3 });
    outcome.verdicts.forEach((v, i) => expect(v.readiness).toBeCloseTo(readiness[i] ?? NaN));
  });

  it.each<[[number | null][], number, [string, string | null, string][]]>([
    [[[1], [1], [1]], 1, []],
    [[[1], [1], [0]], 1, [['average-below', null, 'The weighted average, 0.67, is below 1, where L1 starts.']]],
    [
      [[1], [null], [null]],
      0,
      [['too-few-observed', null, 'Only 1 of 3 competencies is rated; 3 are needed before a level can be shown.']],
    ],
  ])('names the blockers of %j at level %s', (rows, level, blockers) => {
    const outcome = judgeWeightedAverage(ratings(rows), LEVELS, { minObserved: 3 });
    expect(blockerRows(outcome.verdicts[level]?.blockers ?? [])).toEqual(blockers);
  });

  it('names a level that no band reaches', () => {
    const outcome = judgeWeightedAverage(ratings([[3], [3], [3]]), LEVELS, {
      minObserved: 3,
      bands: [{ level: 'l0', from: 0 }],
    });
    expect(blockerRows(outcome.verdicts[1]?.blockers ?? [])).toEqual([
      ['average-below', null, 'L1 has no band in the policy, so no average reaches it.'],
    ]);
  });

  it('names every rating that counts lower for want of evidence, since evidence would raise the average', () => {
    const rows = ratings([[2], [2], [0]]).map((r, i) => (i === 2 ? unsupported(r, 2, 0, [0, 1, 1, 1]) : r));
    const outcome = judgeWeightedAverage(rows, LEVELS, { minObserved: 3 });
    expect(outcome.average).toBeCloseTo(4 / 3);
    expect(blockerRows(outcome.verdicts[2]?.blockers ?? [])).toEqual([
      ['average-below', null, 'The weighted average, 1.33, is below 2, where L2 starts.'],
      [
        'not-enough-evidence',
        'c2',
        '"C2" is rated L2 with 0 pieces of evidence; it needs 1 to count at L2, so it counts as L0.',
      ],
    ]);
    expect(outcome.verdicts[1]?.blockers).toEqual([]);
  });
});
