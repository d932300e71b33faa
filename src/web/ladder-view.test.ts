import { describe, expect, it } from 'vitest';
import type { Ladder } from '../server/api-contract.js';
import {
  competenciesOn,
  competencyTitle,
  expectationAt,
  findCompetency,
  groupByCategory,
  nextLevel,
  orderLevels,
  previousLevel,
  scaleOf,
  trackOf,
  windowAround,
} from './ladder-view.js';
import { SMALL_LADDER } from './test-fixtures.js';

const ic = trackOf(SMALL_LADDER, 'ic');

describe('trackOf', () => {
  it('finds a track by id and falls back to the first', () => {
    expect(trackOf(SMALL_LADDER, 'mgr').id).toBe('mgr');
    expect(trackOf(SMALL_LADDER, 'unknown').id).toBe('ic');
    expect(trackOf(SMALL_LADDER).id).toBe('ic');
  });
});

describe('scaleOf', () => {
  it("is the track's levels", () => {
    expect(scaleOf(SMALL_LADDER, ic)).toEqual([
      { id: 'one', title: 'One', index: 0 },
      { id: 'two', title: 'Two', index: 1 },
      { id: 'three', title: 'Three', index: 2 },
    ]);
  });

  it('is the milestones on a points ladder', () => {
    const points: Ladder = {
      ...SMALL_LADDER,
      policy: {
        kind: 'points',
        milestones: [
          { id: 'm0', points: 0 },
          { id: 'm1', title: 'Milestone 1', points: 1 },
        ],
        thresholds: [{ level: 'one', points: 0 }],
      },
    };
    expect(scaleOf(points, ic).map((s) => s.title)).toEqual(['m0', 'Milestone 1']);
  });
});

describe('competencies', () => {
  it('leaves out those of another track', () => {
    expect(competenciesOn(SMALL_LADDER, ic).map((c) => c.id)).toEqual(['mentoring', 'code']);
    expect(competenciesOn(SMALL_LADDER, trackOf(SMALL_LADDER, 'mgr')).map((c) => c.id)).toEqual([
      'mentoring',
      'code',
      'hiring',
    ]);
  });

  it('groups by category in the ladder order, not the competency order', () => {
    const groups = groupByCategory(SMALL_LADDER, competenciesOn(SMALL_LADDER, ic));
    expect(groups.map((g) => [g.category.id, g.competencies.map((c) => c.id)])).toEqual([
      ['craft', ['code']],
      ['people', ['mentoring']],
    ]);
  });

  it('puts competencies of an unknown category under Other', () => {
    const ladder: Ladder = {
      ...SMALL_LADDER,
      competencies: [{ id: 'x', title: 'X', category: 'ghost', levels: {} }],
    };
    expect(groupByCategory(ladder, ladder.competencies).map((g) => g.category.title)).toEqual(['Other']);
  });

  it('finds a competency by a former id and names unknown ones by id', () => {
    expect(findCompetency(SMALL_LADDER, 'coding')?.id).toBe('code');
    expect(competencyTitle(SMALL_LADDER, 'code')).toBe('Code');
    expect(competencyTitle(SMALL_LADDER, 'gone')).toBe('gone');
  });

  it('has no expectation below the level a competency starts at', () => {
    const mentoring = findCompetency(SMALL_LADDER, 'mentoring');
    expect(mentoring && expectationAt(mentoring, 'one')).toBeUndefined();
    expect(mentoring && expectationAt(mentoring, 'two')?.expectation).toBe('Mentors one person.');
  });
});

describe('windowAround', () => {
  it.each([
    [4, 1, [0, 1, 2]],
    [4, 2, [1, 2, 3]],
    [4, 0, [0, 1, 2]],
    [4, 3, [1, 2, 3]],
    [4, -1, [0, 1, 2]],
    [4, 9, [1, 2, 3]],
    [2, 1, [0, 1]],
    [1, 0, [0]],
    [0, 0, []],
  ])('a scale of %s centred on %s shows %j', (length, centre, expected) => {
    expect(windowAround(length, centre)).toEqual(expected);
  });

  it('widens to any size', () => {
    expect(windowAround(10, 5, 5)).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('level order', () => {
  it('puts the lower level first whatever order they come in', () => {
    expect(orderLevels(ic, 'three', 'one')).toMatchObject({ lower: { id: 'one' }, higher: { id: 'three' } });
    expect(orderLevels(ic, 'one', 'nope')).toBeNull();
  });

  it('knows the neighbours of a level', () => {
    expect(nextLevel(ic, 'one')?.id).toBe('two');
    expect(nextLevel(ic, 'three')).toBeUndefined();
    expect(previousLevel(ic, 'two')?.id).toBe('one');
    expect(previousLevel(ic, 'one')).toBeUndefined();
    expect(nextLevel(ic, 'nope')).toBeUndefined();
  });
});
