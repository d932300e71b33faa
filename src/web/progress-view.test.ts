import { describe, expect, it } from 'vitest';
import type { CompetencyProgress, Progress } from '../server/api-contract.js';
import {
  blockerLines,
  evidenceShortfall,
  gapCompetencies,
  hasAssessment,
  otherRatings,
  radarAxes,
  readinessPercent,
  statusBadge,
  statusText,
  unobservedCompetencies,
} from './progress-view.js';

const scale = [
  { id: 'junior', title: 'Junior', index: 0 },
  { id: 'mid-level', title: 'Mid-level', index: 1 },
  { id: 'senior', title: 'Senior', index: 2 },
];

function competency(
  id: string,
  status: CompetencyProgress['status'],
  rating: number | null,
  stepsBelow = 0,
  extra: Partial<CompetencyProgress> = {},
): CompetencyProgress {
  const step = rating === null ? null : scale[rating];
  return {
    id,
    title: id.toUpperCase(),
    category: 'craft',
    rating: step === undefined || step === null ? null : step,
    status,
    stepsBelow,
    evidenceCount: 0,
    note: null,
    supported: true,
    evidenceNeeded: 0,
    expectation: null,
    ...extra,
  };
}

function progress(competencies: CompetencyProgress[], gaps: string[], policy = 'coverage'): Progress {
  return {
    ladder: { id: 'l', hash: 'h', track: 'ic', policy },
    assessedAt: '2025-05-01T10:00:00Z',
    assessedAgainst: { ladderId: 'longhaul', ladderHash: 'abc' },
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
      blockers: [],
      rule: 'At least 80% of the rated competencies rated Senior or above.',
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
    [competency('x', 'meets', 2, 0, { supported: false, evidenceNeeded: 2 }), 'Unsupported'],
  ])('%#', (c, expected) => {
    expect(statusText(c)).toBe(expected);
  });

  it('gives an unsupported rating its own badge, and leaves the others as their status', () => {
    expect(statusBadge(competency('x', 'meets', 2, 0, { supported: false }))).toBe('unsupported');
    expect(statusBadge(competency('x', 'meets', 2))).toBe('meets');
    expect(statusBadge(competency('x', 'one-below', 1, 1, { supported: false }))).toBe('one-below');
  });
});

describe('readinessPercent', () => {
  it.each([
    [0, false, 0],
    [0.18, false, 18],
    [0.994, false, 99],
    [0.996, false, 99],
    [1, false, 99],
    [Number.NaN, false, 0],
    [0.5, true, 100],
    [1, true, 100],
  ])('%s (met: %s) reads %s%%', (share, met, expected) => {
    expect(readinessPercent(share, met)).toBe(expected);
  });
});

describe('evidenceShortfall', () => {
  it('says what an unsupported rating lacks, at the target level when it meets it', () => {
    const unsupported = competency('x', 'meets', 2, 0, { supported: false, evidenceNeeded: 2, evidenceCount: 1 });
    expect(evidenceShortfall(unsupported, 'Senior')).toBe(
      'Rated Senior, but a rating needs 2 pieces of evidence to count at Senior; you have 1.',
    );
    const bare = competency('x', 'meets', 2, 0, { supported: false, evidenceNeeded: 1 });
    expect(evidenceShortfall(bare, 'Mid-level')).toBe(
      'Rated Senior, but a rating needs 1 piece of evidence to count at Mid-level; you have none.',
    );
  });

  it('is null for a supported rating and for no rating', () => {
    expect(evidenceShortfall(competency('x', 'meets', 2), 'Senior')).toBeNull();
    expect(evidenceShortfall(competency('x', 'not-observed', null, 0, { supported: false }), 'Senior')).toBeNull();
  });
});

describe('blockerLines', () => {
  it('keeps the engine’s sentences, puts "a lower level is not met" last, and names the competency', () => {
    const lines = blockerLines([
      { code: 'lower-level-not-met', competency: null, message: 'Mid-level is not met yet.' },
      {
        code: 'required-not-rated',
        competency: { id: 'reliability', title: 'Reliability' },
        message: 'Senior requires Reliability to be rated; it is not rated.',
      },
    ]);
    expect(lines).toEqual([
      {
        code: 'required-not-rated',
        competencyId: 'reliability',
        message: 'Senior requires Reliability to be rated; it is not rated.',
      },
      { code: 'lower-level-not-met', competencyId: null, message: 'Mid-level is not met yet.' },
    ]);
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

  it('lists a rating at the target that lacks its evidence after the ones below it', () => {
    const withUnsupported = progress(
      [
        competency('a', 'meets', 2, 0, { supported: false, evidenceNeeded: 2 }),
        competency('b', 'one-below', 1, 1),
        competency('f', 'meets', 2),
      ],
      ['b'],
    );
    expect(gapCompetencies(withUnsupported).map((c) => c.id)).toEqual(['b', 'a']);
    expect(otherRatings(withUnsupported).map((c) => c.id)).toEqual(['f']);
  });

  it('shows every other rated competency, with its note, among the other ratings', () => {
    expect(otherRatings(sample).map((c) => c.id)).toEqual(['a', 'e']);
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
    expect(radarAxes(sample, scale)).toEqual(
      [
        { id: 'a', label: 'A', value: 2, target: 2, valueText: 'Senior', targetText: 'Senior' },
        { id: 'b', label: 'B', value: 1, target: 2, valueText: 'Mid-level', targetText: 'Senior' },
        { id: 'c', label: 'C', value: 0, target: 2, valueText: 'Junior', targetText: 'Senior' },
        { id: 'd', label: 'D', value: null, target: 2, valueText: 'Not observed', targetText: 'Senior' },
        { id: 'e', label: 'E', value: 1, target: null, valueText: 'Mid-level', targetText: 'Not expected' },
      ].map((axis) => ({ ...axis, supported: true, evidenceNeeded: 0 })),
    );
  });

  it('tells the radar which ratings lack the evidence they need', () => {
    const axes = radarAxes(
      progress([competency('a', 'meets', 2, 0, { supported: false, evidenceNeeded: 2 })], []),
      scale,
    );
    expect(axes[0]).toMatchObject({ supported: false, evidenceNeeded: 2 });
  });

  it('draws no target under the points policy', () => {
    const axes = radarAxes(progress([competency('a', 'scored', 1)], [], 'points'), scale);
    expect(axes[0]?.target).toBeNull();
  });
});
