import { describe, expect, it } from 'vitest';
import {
  appliesAt,
  competenciesOf,
  expectationAt,
  findStep,
  firstStepIndex,
  groupByCategory,
  ratingScale,
  resolveCompetency,
} from './ladder.js';

interface TestCompetency {
  id: string;
  title: string;
  category: string;
  track?: string;
  formerly?: string[];
  levels: Record<string, { expectation: string }>;
}

const mentoring: TestCompetency = {
  id: 'mentoring',
  title: 'Mentoring',
  category: 'people',
  levels: { two: { expectation: 'Mentors one person.' }, three: { expectation: 'Mentors a team.' } },
};
const code: TestCompetency = {
  id: 'code',
  title: 'Code',
  category: 'craft',
  formerly: ['coding'],
  levels: { one: { expectation: 'Writes code.' }, two: { expectation: 'Writes good code.' } },
};
const hiring: TestCompetency = {
  id: 'hiring',
  title: 'Hiring',
  category: 'people',
  track: 'mgr',
  levels: { lead: { expectation: 'Hires.' } },
};
const ic = {
  id: 'ic',
  levels: [
    { id: 'one', title: 'One' },
    { id: 'two', title: 'Two', formerly: ['second'] },
    { id: 'three', title: 'Three' },
  ],
};
const mgr = { id: 'mgr', levels: [{ id: 'lead', title: 'Lead' }] };

/** Two tracks, three levels, one competency that starts at the second level and one of the other track only. */
const ladder = {
  policy: { kind: 'coverage' },
  categories: [
    { id: 'craft', title: 'Craft' },
    { id: 'people', title: 'People', description: 'Working with others.' },
  ],
  tracks: [ic, mgr],
  competencies: [mentoring, code, hiring],
};

describe('ratingScale', () => {
  it("is the track's levels, with the ids they had before a rename", () => {
    expect(ratingScale(ladder, ic)).toEqual([
      { id: 'one', title: 'One', index: 0 },
      { id: 'two', title: 'Two', index: 1, formerly: ['second'] },
      { id: 'three', title: 'Three', index: 2 },
    ]);
  });

  it('is the milestones, with their points, on a points ladder; a milestone without a title is named by its id', () => {
    const points = {
      policy: {
        kind: 'points',
        milestones: [
          { id: 'm0', points: 0 },
          { id: 'm1', title: 'Milestone 1', points: 3 },
        ],
      },
    };
    expect(ratingScale(points, ic)).toEqual([
      { id: 'm0', title: 'm0', index: 0, points: 0 },
      { id: 'm1', title: 'Milestone 1', index: 1, points: 3 },
    ]);
  });
});

describe('findStep', () => {
  const scale = ratingScale(ladder, ic);
  it.each([
    ['two', 'two'],
    ['TWO', 'two'],
    ['second', 'two'],
    ['four', undefined],
  ])('%s names %s', (name, expected) => {
    expect(findStep(scale, name)?.id).toBe(expected);
  });
});

describe('competenciesOf', () => {
  it('leaves out those of another track, in ladder order', () => {
    expect(competenciesOf(ladder, ic).map((c) => c.id)).toEqual(['mentoring', 'code']);
    expect(competenciesOf(ladder, mgr).map((c) => c.id)).toEqual(['mentoring', 'code', 'hiring']);
  });
});

describe('resolveCompetency', () => {
  it('finds a competency by its id or by an id it had before a rename', () => {
    expect(resolveCompetency(ladder, 'code')?.title).toBe('Code');
    expect(resolveCompetency(ladder, 'coding')?.title).toBe('Code');
    expect(resolveCompetency(ladder, 'gone')).toBeUndefined();
  });
});

describe('applicability', () => {
  it('has no expectation below the step a competency starts at', () => {
    expect(expectationAt(mentoring, 'one')).toBeUndefined();
    expect(expectationAt(mentoring, 'two')).toEqual({ expectation: 'Mentors one person.' });
    expect(appliesAt(mentoring, 'one')).toBe(false);
    expect(appliesAt(mentoring, 'three')).toBe(true);
  });

  it('does not mistake an inherited property for an expectation', () => {
    expect(appliesAt(code, 'constructor')).toBe(false);
    expect(appliesAt(code, 'toString')).toBe(false);
  });

  it('finds the first step where a competency applies, or -1', () => {
    const scale = ratingScale(ladder, ic);
    expect(firstStepIndex(mentoring, scale)).toBe(1);
    expect(firstStepIndex(code, scale)).toBe(0);
    expect(firstStepIndex(code, ratingScale(ladder, mgr))).toBe(-1);
  });
});

describe('groupByCategory', () => {
  it('groups by category in the ladder order, not the competency order', () => {
    const groups = groupByCategory(ladder, competenciesOf(ladder, ic));
    expect(groups.map((g) => [g.category.id, g.competencies.map((c) => c.id)])).toEqual([
      ['craft', ['code']],
      ['people', ['mentoring']],
    ]);
    expect(groups[1]?.category.description).toBe('Working with others.');
  });

  it('puts competencies of a category the ladder does not list under Other, last', () => {
    const ghost: TestCompetency = { id: 'x', title: 'X', category: 'ghost', levels: {} };
    const groups = groupByCategory(ladder, [ghost, code]);
    expect(groups.map((g) => g.category.title)).toEqual(['Craft', 'Other']);
  });
});
