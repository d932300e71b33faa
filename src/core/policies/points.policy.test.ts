import { describe, expect, it } from 'vitest';
import type { PolicyLevel } from './common.policy.js';
import { findNextMilestone, judgePoints } from './points.policy.js';

const LEVELS: PolicyLevel[] = ['l0', 'l1', 'l2', 'l3'].map((id) => ({ id, title: id.toUpperCase() }));
const THRESHOLDS = [
  { level: 'l0', points: 0 },
  { level: 'l1', points: 5 },
  { level: 'l2', points: 11 },
  { level: 'l3', points: 17 },
];

describe('judgePoints', () => {
  it.each<[number[], number, boolean[], number[]]>([
    [[], 0, [true, false, false, false], [0, 5, 11, 17]],
    [[0, 0, 0], 0, [true, false, false, false], [0, 5, 11, 17]],
    [[1, 3], 4, [true, false, false, false], [0, 1, 7, 13]],
    [[3, 1, 1], 5, [true, true, false, false], [0, 0, 6, 12]],
    [[6, 3, 1], 10, [true, true, false, false], [0, 0, 1, 7]],
    [[6, 3, 1, 1], 11, [true, true, true, false], [0, 0, 0, 6]],
    [[20, 20], 40, [true, true, true, true], [0, 0, 0, 0]],
  ])('points %j total %s', (points, total, holds, needed) => {
    const outcome = judgePoints(points, LEVELS, { thresholds: THRESHOLDS });
    expect(outcome.total).toBe(total);
    expect(outcome.verdicts.map((v) => v.holds)).toEqual(holds);
    expect(outcome.pointsNeeded).toEqual(needed);
  });

  it('readiness is the total over the threshold, at most 1', () => {
    const outcome = judgePoints([4], LEVELS, { thresholds: THRESHOLDS });
    expect(outcome.verdicts.map((v) => v.readiness)).toEqual([1, 4 / 5, 4 / 11, 4 / 17]);
  });

  it('a level without a threshold comes with the one above, or never', () => {
    const outcome = judgePoints([7], LEVELS, {
      thresholds: [
        { level: 'l0', points: 2 },
        { level: 'l2', points: 7 },
      ],
    });
    expect(outcome.starts).toEqual([2, 7, 7, null]);
    expect(outcome.verdicts.map((v) => v.holds)).toEqual([true, true, true, false]);
    expect(outcome.pointsNeeded).toEqual([0, 0, 0, null]);
    expect(outcome.verdicts[3]?.blockers).toEqual([
      {
        code: 'points-below',
        competency: null,
        message: 'L3 has no points threshold in the policy, so no total reaches it.',
      },
    ]);
  });

  it.each<[number[], string]>([
    [[], '0 points so far; L0 starts at 3.'],
    [[1], '1 point so far; L0 starts at 3.'],
    [[1, 1], '2 points so far; L0 starts at 3.'],
  ])('explains a total of %j below the first threshold', (points, why) => {
    expect(judgePoints(points, LEVELS, { thresholds: [{ level: 'l0', points: 3 }] }).verdicts[0]?.blockers).toEqual([
      { code: 'points-below', competency: null, message: why },
    ]);
  });
});

describe('findNextMilestone', () => {
  const milestones = [
    { id: 'm0', index: 0, points: 0 },
    { id: 'm1', index: 1, points: 1 },
    { id: 'm2', index: 2, points: 3 },
    { id: 'm2b', index: 3, points: 3 },
    { id: 'm3', index: 4, points: 6 },
  ];
  it.each<[string, number | null, string | null]>([
    ['not observed aims at the first milestone that earns points', null, 'm1'],
    ['from the lowest milestone', 0, 'm1'],
    ['the next one up', 1, 'm2'],
    ['skips a milestone that earns nothing more', 2, 'm3'],
    ['from the skipped one', 3, 'm3'],
    ['none above the top', 4, null],
  ])('%s', (_name, index, expected) => {
    const current = index === null ? null : (milestones[index] ?? null);
    expect(findNextMilestone(milestones, current)?.id ?? null).toBe(expected);
  });

  it('not observed aims at the first milestone when it already earns points', () => {
    expect(
      findNextMilestone(
        [
          { id: 'a', index: 0, points: 2 },
          { id: 'b', index: 1, points: 4 },
        ],
        null,
      )?.id,
    ).toBe('a');
  });
});
