import { describe, expect, it } from 'vitest';
import {
  competenciesOn,
  competencyTitle,
  findCompetency,
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

describe('the shared rules under the names the screens use', () => {
  it('reads the scale, the competencies of a track and renamed ids from the one shared copy', () => {
    expect(scaleOf(SMALL_LADDER, ic).map((s) => s.id)).toEqual(['one', 'two', 'three']);
    expect(competenciesOn(SMALL_LADDER, ic).map((c) => c.id)).toEqual(['mentoring', 'code']);
    expect(findCompetency(SMALL_LADDER, 'coding')?.id).toBe('code');
  });
});

describe('competencyTitle', () => {
  it('names a competency by title, or by id when the ladder no longer has it', () => {
    expect(competencyTitle(SMALL_LADDER, 'code')).toBe('Code');
    expect(competencyTitle(SMALL_LADDER, 'coding')).toBe('Code');
    expect(competencyTitle(SMALL_LADDER, 'gone')).toBe('gone');
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
