import { describe, expect, it } from 'vitest';
import type { CompetencyProgress, Progress } from '../server/api-contract.js';
import { gapCompetencies, hasAssessment, radarAxes, statusText, unobservedCompetencies } from './progress-view.js';

const scale = [
  { id: 'junior', title: 'Junior', index: 0 },
  { id: 'mid-level', title: 'Mid-level', index: 1 },
  { id: 'senior', title: 'Senior', index: 2 },
];

function competency(id: string, status: CompetencyProgress['status'], rating: number | null, stepsBelow = 0) {
  const step = rating === null ? null : scale[rating];
  return {
    id,
    title: id.toUpperCase(),
    category: 'craft',
    rating: step === undefined || step === null ? null : step,
    status,
    stepsBelow,
    evidenceCount: 0,
    expectation: null,
  } satisfies CompetencyProgress;
}

function progress(competencies: CompetencyProgress[], gaps: string[], policy = 'coverage'): Progress {
  return {
    ladder: { id: 'l', hash: 'h', track: 'ic', policy },
    assessedAt: '2025-05-01T10:00:00Z',
    demonstrated: { id: 'mid-level', title: 'Mid-level' },
    next: { id: 'senior', title: 'Senior' },
    reason: null,
    observed: 3,
    applicable: 4,
    score: null,
    levels: [],
    target: {
      level: { id: 'senior', title: 'Senior' },
      met: false,
      readiness: 0.5,
      pointsNeeded: null,
      competencies,
      gaps,
    },
  };
}

const sample = progress(
  [
    competency('a', 'meets', 2),
    competency('b', 'one-below', 1, 1),
    competency('c', 'further-below', 0, 2),
    competency('d', 'not-observed', null),
    competency('e', 'not-applicable', 1),
  ],
  ['c', 'b'],
);

describe('statusText', () => {
  it.each([
    [competency('x', 'meets', 2), 'Meets'],
    [competency('x', 'one-below', 1, 1), 'One level below'],
    [competency('x', 'further-below', 0, 2), '2 levels below'],
    [competency('x', 'further-below', 0, 3), '3 levels below'],
    [competency('x', 'not-observed', null), 'Not observed'],
    [competency('x', 'not-applicable', null), 'Not expected at this level'],
  ])('%#', (c, expected) => {
    expect(statusText(c)).toBe(expected);
  });
});

describe('gap list', () => {
  it("follows the server's ranking, largest gap first", () => {
    expect(gapCompetencies(sample).map((c) => c.id)).toEqual(['c', 'b']);
  });

  it('still lists a competency below the target that the ranking missed', () => {
    expect(gapCompetencies({ ...sample, target: { ...sample.target, gaps: ['c'] } }).map((c) => c.id)).toEqual([
      'c',
      'b',
    ]);
  });

  it('lists the unobserved separately', () => {
    expect(unobservedCompetencies(sample).map((c) => c.id)).toEqual(['d']);
  });
});

describe('hasAssessment', () => {
  it('is false until the first assessment', () => {
    expect(hasAssessment(sample)).toBe(true);
    expect(hasAssessment({ ...sample, assessedAt: null })).toBe(false);
  });
});

describe('radarAxes', () => {
  it('puts my rating against the target level, leaving out what is not observed or not expected', () => {
    expect(radarAxes(sample, scale)).toEqual([
      { id: 'a', label: 'A', value: 2, target: 2, valueText: 'Senior', targetText: 'Senior' },
      { id: 'b', label: 'B', value: 1, target: 2, valueText: 'Mid-level', targetText: 'Senior' },
      { id: 'c', label: 'C', value: 0, target: 2, valueText: 'Junior', targetText: 'Senior' },
      { id: 'd', label: 'D', value: null, target: 2, valueText: 'Not observed', targetText: 'Senior' },
      { id: 'e', label: 'E', value: 1, target: null, valueText: 'Mid-level', targetText: 'Not expected' },
    ]);
  });

  it('draws no target under the points policy', () => {
    const axes = radarAxes(progress([competency('a', 'scored', 1)], [], 'points'), scale);
    expect(axes[0]?.target).toBeNull();
  });
});
