import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import type { Ladder } from './ladder.js';
import { NOT_OBSERVED } from './ladder.js';
import { parseLadder } from './ladder-loader.js';
import type { LadderDefinition } from './ladder.schema.js';
import { computeGap, evaluateProgress, type EvaluationInput } from './progression.js';

const LEVELS = ['junior', 'mid-level', 'senior', 'architect'] as const;
const TITLES = ['Junior', 'Mid-level', 'Senior', 'Architect'] as const;
const IDS = [
  'scope',
  'craft',
  'delivery',
  'communication',
  'collaboration',
  'mentoring',
  'design',
  'operations',
] as const;
type LevelId = (typeof LEVELS)[number];
type Rating = LevelId | typeof NOT_OBSERVED | undefined;

interface LadderOptions {
  policy?: unknown;
  /** Number of competencies, taken from IDS in order. */
  count?: number;
  /** Competency id -> the level it starts at. */
  start?: Partial<Record<string, LevelId>>;
  /** Level id -> competencies it requires. */
  required?: Partial<Record<LevelId, string[]>>;
  weight?: Partial<Record<string, number>>;
  formerly?: Partial<Record<string, string[]>>;
}

/**
 * A ladder with `count` competencies on one track of four levels, validated by
 * the real loader (JSON is YAML), so every test ladder is one a user could write.
 */
function buildLadder(options: LadderOptions = {}): Ladder {
  const ids = IDS.slice(0, options.count ?? 5);
  const definition = {
    id: 'acme',
    title: 'Acme engineering',
    policy: options.policy ?? { kind: 'coverage' },
    categories: [{ id: 'engineering', title: 'Engineering' }],
    tracks: [
      {
        id: 'ic',
        title: 'Individual contributor',
        levels: LEVELS.map((id, i) => ({
          id,
          title: TITLES[i],
          ...(options.required?.[id] === undefined ? {} : { required: options.required[id] }),
        })),
      },
    ],
    competencies: ids.map((id) => {
      const from = LEVELS.indexOf(options.start?.[id] ?? 'junior');
      return {
        id,
        title: id[0]?.toUpperCase() + id.slice(1),
        category: 'engineering',
        ...(options.weight?.[id] === undefined ? {} : { weight: options.weight[id] }),
        ...(options.formerly?.[id] === undefined ? {} : { formerly: options.formerly[id] }),
        levels: Object.fromEntries(LEVELS.slice(from).map((level) => [level, { expectation: `${id} at ${level}.` }])),
      };
    }),
  };
  return parseLadder(JSON.stringify(definition), 'test-ladder');
}

/** Ratings in competency order; undefined leaves a competency out. */
function rate(...values: Rating[]): Record<string, string> {
  const out: Record<string, string> = {};
  values.forEach((value, i) => {
    const id = IDS[i];
    if (value !== undefined && id !== undefined) out[id] = value;
  });
  return out;
}

function demonstratedId(input: EvaluationInput): string | null {
  return evaluateProgress(input).demonstrated?.id ?? null;
}

function catchDomainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const S = 'senior';
const M = 'mid-level';
const J = 'junior';
const A = 'architect';
const NO = NOT_OBSERVED;

describe('evaluateProgress under the coverage policy (share 0.8, minObserved 3)', () => {
  const ladder = buildLadder();
  it.each<[string, Rating[], string | null]>([
    ['everyone junior', [J, J, J, J, J], 'junior'],
    ['everyone senior', [S, S, S, S, S], 'senior'],
    ['everyone architect', [A, A, A, A, A], 'architect'],
    ['four of five at senior, one a level below', [S, S, S, S, M], 'senior'],
    ['three of five at senior is under 80%', [S, S, S, M, M], 'mid-level'],
    ['one competency two levels below blocks senior', [S, S, S, S, J], 'mid-level'],
    ['two levels below blocks, however high the rest', [A, A, A, A, J], 'mid-level'],
    ['one architect does not lift the rest', [A, M, M, M, M], 'mid-level'],
    ['not observed is ignored, not failed', [S, S, S, NO, NO], 'senior'],
    ['left out is the same as not observed', [S, S, S], 'senior'],
    ['exactly minObserved rated is enough', [J, J, J], 'junior'],
    ['fewer than minObserved shows nothing', [A, A], null],
    ['nothing rated shows nothing', [], null],
    ['all not observed shows nothing', [NO, NO, NO, NO, NO], null],
    ['a split below the share at the first level', [J, J, J, A, A], 'junior'],
    ['three of four observed at senior is under 80%', [S, S, S, M, NO], 'mid-level'],
  ])('%s', (_name, values, expected) => {
    expect(demonstratedId({ ladder, ratings: rate(...values) })).toBe(expected);
  });

  it.each<[number, Rating[], string | null]>([
    [1, [S, S, S, M, M], 'mid-level'],
    [0.6, [S, S, S, M, M], 'senior'],
    [0.5, [S, S, M, M, NO], 'senior'],
    [0.5, [S, M, M, M, NO], 'mid-level'],
    [0.3, [S, M, M, M, M], 'mid-level'],
  ])('share %s with %j shows %s', (share, values, expected) => {
    const custom = buildLadder({ policy: { kind: 'coverage', share, minObserved: 3 } });
    expect(demonstratedId({ ladder: custom, ratings: rate(...values) })).toBe(expected);
  });

  it.each<[number, Rating[], string | null]>([
    [1, [S], 'senior'],
    [1, [], null],
    [5, [S, S, S, S], null],
    [5, [S, S, S, S, S], 'senior'],
  ])('minObserved %s with %j shows %s', (minObserved, values, expected) => {
    const custom = buildLadder({ policy: { kind: 'coverage', minObserved } });
    expect(demonstratedId({ ladder: custom, ratings: rate(...values) })).toBe(expected);
  });
});

describe('evaluateProgress under the all policy', () => {
  const ladder = buildLadder({ policy: { kind: 'all' } });
  it.each<[string, Rating[], string | null]>([
    ['everyone senior', [S, S, S, S, S], 'senior'],
    ['one a level below holds everyone back', [S, S, S, S, M], 'mid-level'],
    ['the lowest rating decides', [A, A, A, A, J], 'junior'],
    ['not observed is ignored', [S, S, S, NO, NO], 'senior'],
    ['too few rated', [S, S], null],
    ['everyone architect', [A, A, A, A, A], 'architect'],
  ])('%s', (_name, values, expected) => {
    expect(demonstratedId({ ladder, ratings: rate(...values) })).toBe(expected);
  });

  it('a blocked level still shows how much of it is met', () => {
    const evaluation = evaluateProgress({ ladder, ratings: rate(S, S, S, J, J) });
    expect(evaluation.demonstrated?.id).toBe('junior');
    expect(evaluation.levels[1]?.met).toBe(false);
    expect(evaluation.levels[1]?.readiness).toBeCloseTo(3 / 5);
  });
});

describe('evaluateProgress under the weighted-average policy', () => {
  const plain = buildLadder({ policy: { kind: 'weighted-average' } });
  it.each<[string, Rating[], string | null, number | null]>([
    ['everyone junior averages 0', [J, J, J, J, J], 'junior', 0],
    ['everyone senior averages 2', [S, S, S, S, S], 'senior', 2],
    ['depth in one competency makes up for another', [A, A, M, M, J], 'mid-level', 1.6],
    ['just under a band stays below it', [S, S, S, S, M], 'mid-level', 1.8],
    ['exactly on a band start reaches it', [A, S, S, S, M], 'senior', 2],
    ['not observed does not drag the average down', [S, S, S, NO, NO], 'senior', 2],
    ['too few rated', [A, A], null, 3],
    ['nothing rated', [], null, null],
  ])('%s', (_name, values, expected, score) => {
    const evaluation = evaluateProgress({ ladder: plain, ratings: rate(...values) });
    expect(evaluation.demonstrated?.id ?? null).toBe(expected);
    if (score === null) expect(evaluation.score).toBeNull();
    else expect(evaluation.score).toBeCloseTo(score);
  });

  it('weighs competencies by their weight', () => {
    const weighted = buildLadder({ policy: { kind: 'weighted-average' }, count: 3, weight: { scope: 3 } });
    const evaluation = evaluateProgress({ ladder: weighted, ratings: rate(A, J, J) });
    expect(evaluation.score).toBeCloseTo((3 * 3 + 0 + 0) / 5);
    expect(evaluation.demonstrated?.id).toBe('mid-level');
  });

  it.each<[string, { level: string; from: number }[], Rating[], string | null, boolean[]]>([
    [
      'bands can be generous',
      [
        { level: 'junior', from: 0 },
        { level: 'mid-level', from: 0.5 },
        { level: 'senior', from: 1.3 },
        { level: 'architect', from: 2.5 },
      ],
      [S, M, M, M, M],
      'mid-level',
      [true, true, false, false],
    ],
    [
      'the first level without a band is the floor',
      [
        { level: 'mid-level', from: 1 },
        { level: 'senior', from: 2 },
      ],
      [J, J, J, J, M],
      'junior',
      [true, false, false, false],
    ],
    [
      'a level between bands comes with the band above it',
      [
        { level: 'junior', from: 0 },
        { level: 'senior', from: 1.5 },
      ],
      [S, S, M, M, NO],
      'senior',
      [true, true, true, false],
    ],
    [
      'a level between bands is not reached below the band above',
      [
        { level: 'junior', from: 0 },
        { level: 'senior', from: 1.5 },
      ],
      [M, M, M, M, M],
      'junior',
      [true, false, false, false],
    ],
    [
      'a level above the last band cannot be reached',
      [
        { level: 'junior', from: 0 },
        { level: 'mid-level', from: 1 },
      ],
      [A, A, A, A, A],
      'mid-level',
      [true, true, false, false],
    ],
    [
      'an average below the first band shows nothing',
      [
        { level: 'junior', from: 0.5 },
        { level: 'mid-level', from: 1 },
      ],
      [J, J, J, J, M],
      null,
      [false, false, false, false],
    ],
  ])('%s', (_name, bands, values, expected, met) => {
    const banded = buildLadder({ policy: { kind: 'weighted-average', bands } });
    const evaluation = evaluateProgress({ ladder: banded, ratings: rate(...values) });
    expect(evaluation.demonstrated?.id ?? null).toBe(expected);
    expect(evaluation.levels.map((l) => l.met)).toEqual(met);
  });

  it('says how far the average is from the first band', () => {
    const banded = buildLadder({ policy: { kind: 'weighted-average', bands: [{ level: 'junior', from: 0.5 }] } });
    const evaluation = evaluateProgress({ ladder: banded, ratings: rate(J, J, J, J, M) });
    expect(evaluation.reason).toBe('The weighted average, 0.2, is below 0.5, where Junior starts.');
    expect(evaluation.levels[0]?.readiness).toBeCloseTo(0.4);
  });

  it('readiness is the average over the band start, at most 1', () => {
    const evaluation = evaluateProgress({ ladder: plain, ratings: rate(S, S, M, M, NO) });
    expect(evaluation.levels.map((l) => l.readiness)).toEqual([1, 1, 0.75, 0.5]);
  });
});

describe('demonstrated, next and reason', () => {
  const ladder = buildLadder();
  it.each<[Rating[], string | null, string | null, string | null]>([
    [[], null, 'junior', 'None of the 5 competencies is rated; 3 are needed before a level can be shown.'],
    [[S], null, 'junior', 'Only 1 of 5 competencies is rated; 3 are needed before a level can be shown.'],
    [[S, S], null, 'junior', 'Only 2 of 5 competencies are rated; 3 are needed before a level can be shown.'],
    [[J, J, J], 'junior', 'mid-level', null],
    [[S, S, S, S, S], 'senior', 'architect', null],
    [[A, A, A, A, A], 'architect', null, null],
  ])('%j: demonstrated %s, next %s', (values, demonstrated, next, reason) => {
    const evaluation = evaluateProgress({ ladder, ratings: rate(...values) });
    expect(evaluation.demonstrated?.id ?? null).toBe(demonstrated);
    expect(evaluation.next?.id ?? null).toBe(next);
    expect(evaluation.reason).toBe(reason);
  });

  it('counts observed and applicable competencies of the track', () => {
    const evaluation = evaluateProgress({ ladder, ratings: rate(S, NO, M) });
    expect(evaluation).toMatchObject({ ladderId: 'acme', policy: 'coverage', observed: 2, applicable: 5, score: null });
    expect(evaluation.track.id).toBe('ic');
    expect(evaluation.levels.map((l) => l.level.id)).toEqual([...LEVELS]);
    expect(evaluation.levels.map((l) => l.index)).toEqual([0, 1, 2, 3]);
  });

  it('a level is met only when every level below it is met', () => {
    const required = buildLadder({ required: { 'mid-level': ['scope'] } });
    const evaluation = evaluateProgress({ ladder: required, ratings: rate(NO, S, S, S, S) });
    expect(evaluation.levels.map((l) => l.met)).toEqual([true, false, false, false]);
    // senior would hold on its own: four of four rated meet it and it requires nothing.
    expect(computeGap({ ladder: buildLadder(), ratings: rate(NO, S, S, S, S) }, 'senior').met).toBe(true);
    expect(evaluation.demonstrated?.id).toBe('junior');
  });

  it('explains a first level that is not met', () => {
    const required = buildLadder({ required: { junior: ['scope'] } });
    const evaluation = evaluateProgress({ ladder: required, ratings: rate(NO, J, J, J, J) });
    expect(evaluation.demonstrated).toBeNull();
    expect(evaluation.reason).toBe('Junior requires "Scope" to be rated at Junior or above; it is not rated.');
  });
});

describe('required competencies', () => {
  const ladder = buildLadder({ required: { senior: ['scope'] } });
  it.each<[string, Rating[], string | null]>([
    ['met when the required competency meets the level', [S, S, S, S, S], 'senior'],
    ['blocked when the required competency is a level below', [M, S, S, S, S], 'mid-level'],
    ['blocked when the required competency is not observed', [NO, S, S, S, S], 'mid-level'],
    ['blocked when the required competency is left out', [undefined, S, S, S, S], 'mid-level'],
    ['not needed for the levels below', [M, M, M, M, M], 'mid-level'],
    ['needed above the level that requires it, too', [M, A, A, A, A], 'mid-level'],
  ])('%s', (_name, values, expected) => {
    expect(demonstratedId({ ladder, ratings: rate(...values) })).toBe(expected);
  });

  it('the gap to the level shows the required competency', () => {
    const gap = computeGap({ ladder, ratings: rate(M, S, S, S, S) }, 'senior');
    expect(gap.met).toBe(false);
    expect(gap.gaps.map((g) => g.id)).toEqual(['scope']);
  });
});

describe('competencies that start above the first level', () => {
  const ladder = buildLadder({ start: { mentoring: 'senior' }, count: 6 });

  it('are not applicable below their first level, whatever they are rated', () => {
    const evaluation = evaluateProgress({ ladder, ratings: rate(J, J, J, J, J, J) });
    const statusOf = (index: number) =>
      evaluation.levels[index]?.competencies.find((c) => c.id === 'mentoring')?.status;
    expect([0, 1, 2, 3].map(statusOf)).toEqual(['not-applicable', 'not-applicable', 'further-below', 'further-below']);
    expect(evaluation.levels[0]?.competencies.find((c) => c.id === 'mentoring')?.expectation).toBeNull();
    expect(evaluation.levels[2]?.competencies.find((c) => c.id === 'mentoring')?.expectation).toEqual({
      expectation: 'mentoring at senior.',
    });
  });

  it.each<[string, Rating[], string | null]>([
    ['a low rating does not block the lower levels', [M, M, M, M, M, J], 'mid-level'],
    ['it counts from its first level on', [S, S, S, S, M, J], 'mid-level'],
    ['it meets its first level like any other', [S, S, S, S, S, S], 'senior'],
    ['not observed, it changes nothing', [S, S, S, S, S, NO], 'senior'],
  ])('%s', (_name, values, expected) => {
    expect(demonstratedId({ ladder, ratings: rate(...values) })).toBe(expected);
  });

  it('reports not-applicable before not-observed', () => {
    const evaluation = evaluateProgress({ ladder, ratings: rate(J, J, J) });
    const mentoring = (index: number) => evaluation.levels[index]?.competencies.find((c) => c.id === 'mentoring');
    expect(mentoring(0)?.status).toBe('not-applicable');
    expect(mentoring(2)?.status).toBe('not-observed');
  });
});

describe('former ids', () => {
  const ladder = buildLadder({ formerly: { scope: ['impact', 'reach'] } });

  it('a rating under a former id counts for the competency', () => {
    const evaluation = evaluateProgress({ ladder, ratings: { impact: 'senior', craft: 'senior', delivery: 'senior' } });
    expect(evaluation.observed).toBe(3);
    expect(evaluation.demonstrated?.id).toBe('senior');
    expect(evaluation.levels[2]?.competencies[0]).toMatchObject({
      id: 'scope',
      status: 'meets',
      rating: { id: 'senior', index: 2 },
    });
  });

  it('evidence under current and former ids adds up', () => {
    const evaluation = evaluateProgress({
      ladder,
      ratings: {},
      evidenceCounts: { impact: 2, reach: 1, scope: 3, craft: 4 },
    });
    expect(evaluation.levels[0]?.competencies.map((c) => c.evidenceCount)).toEqual([6, 4, 0, 0, 0]);
  });

  it('the same rating under an old and a new id is accepted', () => {
    expect(
      demonstratedId({ ladder, ratings: { impact: 'senior', scope: 'Senior', craft: 'senior', delivery: 'senior' } }),
    ).toBe('senior');
  });

  it.each([[{ impact: 'senior', scope: 'junior' }], [{ scope: 'junior', impact: 'senior' }]])(
    'different ratings under an old and a new id are refused, in any order (%j)',
    (ratings) => {
      const error = catchDomainError(() => evaluateProgress({ ladder, ratings }));
      expect(error.code).toBe('rating_invalid');
      expect(error.message).toBe('competency "scope" is rated twice: "senior" as "impact" and "junior" as "scope"');
    },
  );
});

describe('input validation', () => {
  const ladder = buildLadder();
  it.each<[string, () => unknown, string, string | RegExp]>([
    [
      'a rating naming no level',
      () => evaluateProgress({ ladder, ratings: { scope: 'wizard' } }),
      'rating_invalid',
      'rating for "scope" is "wizard", which is not a level of track "ic" (levels: junior, mid-level, senior, architect)',
    ],
    [
      'an empty rating',
      () => evaluateProgress({ ladder, ratings: { scope: '' } }),
      'rating_invalid',
      /rating for "scope" is ""/,
    ],
    [
      'an unknown competency',
      () => evaluateProgress({ ladder, ratings: { charisma: 'senior' } }),
      'competency_not_found',
      /competency "charisma" not found in ladder "acme"/,
    ],
    [
      'an unknown track',
      () => evaluateProgress({ ladder, track: 'manager', ratings: {} }),
      'track_not_found',
      /track "manager"/,
    ],
    [
      'an unknown target level',
      () => computeGap({ ladder, ratings: {} }, 'wizard'),
      'level_not_found',
      /level "wizard" not found in track "ic"/,
    ],
    [
      'a negative evidence count',
      () => evaluateProgress({ ladder, ratings: {}, evidenceCounts: { scope: -1 } }),
      'input_invalid',
      /evidence count for "scope"/,
    ],
    [
      'a fractional evidence count',
      () => evaluateProgress({ ladder, ratings: {}, evidenceCounts: { scope: 1.5 } }),
      'input_invalid',
      /whole number/,
    ],
  ])('%s is refused', (_name, run, code, message) => {
    const error = catchDomainError(run);
    expect(error.code).toBe(code);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('evidence for a competency the ladder no longer has is ignored', () => {
    const evaluation = evaluateProgress({ ladder, ratings: {}, evidenceCounts: { charisma: 3, scope: 1 } });
    expect(evaluation.levels[0]?.competencies[0]?.evidenceCount).toBe(1);
  });

  it.each([['senior'], ['Senior'], ['SENIOR']])('a rating may name a level by title, in any case (%s)', (value) => {
    const evaluation = evaluateProgress({ ladder, ratings: { scope: value, craft: 'senior', delivery: 'senior' } });
    expect(evaluation.levels[2]?.competencies[0]?.rating).toEqual({ id: 'senior', title: 'Senior', index: 2 });
  });
});

describe('tracks', () => {
  const twoTracks: LadderDefinition = {
    id: 'two',
    title: 'Two tracks',
    policy: { kind: 'all', minObserved: 1 },
    categories: [{ id: 'eng', title: 'Engineering' }],
    tracks: [
      {
        id: 'ic',
        title: 'IC',
        levels: [
          { id: 'junior', title: 'Junior' },
          { id: 'senior', title: 'Senior' },
        ],
      },
      {
        id: 'manager',
        title: 'Manager',
        levels: [
          { id: 'lead', title: 'Lead' },
          { id: 'director', title: 'Director' },
        ],
      },
    ],
    competencies: [
      {
        id: 'craft',
        title: 'Craft',
        category: 'eng',
        levels: {
          junior: { expectation: 'a' },
          senior: { expectation: 'b' },
          lead: { expectation: 'c' },
          director: { expectation: 'd' },
        },
      },
      {
        id: 'hiring',
        title: 'Hiring',
        category: 'eng',
        track: 'manager',
        levels: { lead: { expectation: 'e' }, director: { expectation: 'f' } },
      },
    ],
  };

  it('uses the first track by default and the named one otherwise', () => {
    expect(evaluateProgress({ ladder: twoTracks, ratings: { craft: 'senior' } }).demonstrated?.id).toBe('senior');
    const manager = evaluateProgress({
      ladder: twoTracks,
      track: 'manager',
      ratings: { craft: 'director', hiring: 'lead' },
    });
    expect(manager.demonstrated?.id).toBe('lead');
    expect(manager.applicable).toBe(2);
  });

  it('lists only the competencies of the track', () => {
    const ic = evaluateProgress({ ladder: twoTracks, ratings: {} });
    expect(ic.applicable).toBe(1);
    expect(ic.levels[0]?.competencies.map((c) => c.id)).toEqual(['craft']);
  });

  it('refuses a rating for a competency of another track', () => {
    const error = catchDomainError(() => evaluateProgress({ ladder: twoTracks, ratings: { hiring: 'lead' } }));
    expect(error.code).toBe('competency_not_found');
    expect(error.message).toBe('competency "hiring" not found in track "ic"; it belongs to track "manager"');
  });

  it('refuses a level of another track as a rating', () => {
    const error = catchDomainError(() => evaluateProgress({ ladder: twoTracks, ratings: { craft: 'lead' } }));
    expect(error.code).toBe('rating_invalid');
  });
});

describe('computeGap', () => {
  const ladder = buildLadder({ count: 6 });
  const input: EvaluationInput = { ladder, ratings: rate(S, J, M, NO, A, J), evidenceCounts: { craft: 2 } };

  it.each([['senior'], ['Senior'], ['SENIOR']])('finds the level by id or title (%s)', (name) => {
    expect(computeGap(input, name).level.id).toBe('senior');
  });

  it('describes every competency against the target, in ladder order', () => {
    const gap = computeGap(input, 'senior');
    expect(gap.competencies.map((c) => [c.id, c.status, c.stepsBelow])).toEqual([
      ['scope', 'meets', 0],
      ['craft', 'further-below', 2],
      ['delivery', 'one-below', 1],
      ['communication', 'not-observed', 0],
      ['collaboration', 'meets', 0],
      ['mentoring', 'further-below', 2],
    ]);
    expect(gap.competencies[1]).toMatchObject({
      title: 'Craft',
      category: 'engineering',
      evidenceCount: 2,
      expectation: { expectation: 'craft at senior.' },
    });
    expect(gap.competencies[3]?.rating).toBeNull();
    expect(gap.pointsNeeded).toBeUndefined();
  });

  it('lists gaps largest first, ties in ladder order', () => {
    expect(computeGap(input, 'senior').gaps.map((g) => g.id)).toEqual(['craft', 'mentoring', 'delivery']);
    expect(computeGap(input, 'architect').gaps.map((g) => g.id)).toEqual(['craft', 'mentoring', 'delivery', 'scope']);
    expect(computeGap(input, 'junior').gaps).toEqual([]);
  });

  it('readiness is the share of rated competencies that meet the level', () => {
    expect([J, M, S, A].map((level) => computeGap(input, level).readiness)).toEqual([1, 3 / 5, 2 / 5, 1 / 5]);
  });

  it('agrees with the evaluation', () => {
    const evaluation = evaluateProgress(input);
    expect(computeGap(input, 'mid-level')).toEqual(evaluation.levels[1]);
  });
});

describe('evaluateProgress under the points policy', () => {
  const policy = {
    kind: 'points',
    milestones: [
      { id: 'none', points: 0 },
      { id: 'basic', title: 'Basic', points: 1 },
      { id: 'solid', title: 'Solid', points: 3 },
      { id: 'deep', title: 'Deep', points: 6 },
    ],
    thresholds: [
      { level: 'junior', points: 0 },
      { level: 'mid-level', points: 4 },
      { level: 'senior', points: 9 },
      { level: 'architect', points: 15 },
    ],
  };
  const definition = {
    id: 'pts',
    title: 'Points',
    policy,
    categories: [{ id: 'eng', title: 'Engineering' }],
    tracks: [{ id: 'ic', title: 'IC', levels: LEVELS.map((id, i) => ({ id, title: TITLES[i] })) }],
    competencies: ['scope', 'craft', 'delivery'].map((id) => ({
      id,
      title: id,
      category: 'eng',
      levels: {
        basic: { expectation: `${id} basic` },
        solid: { expectation: `${id} solid` },
        deep: { expectation: `${id} deep` },
      },
    })),
  };
  const ladder = parseLadder(JSON.stringify(definition));

  it.each<[Record<string, string>, number, string, number[]]>([
    [{}, 0, 'junior', [0, 4, 9, 15]],
    [{ scope: 'basic', craft: 'basic', delivery: 'basic' }, 3, 'junior', [0, 1, 6, 12]],
    [{ scope: 'solid', craft: 'basic' }, 4, 'mid-level', [0, 0, 5, 11]],
    [{ scope: 'deep', craft: 'solid' }, 9, 'senior', [0, 0, 0, 6]],
    [{ scope: 'deep', craft: 'deep', delivery: 'solid' }, 15, 'architect', [0, 0, 0, 0]],
    [{ scope: 'Deep', craft: 'DEEP', delivery: 'none' }, 12, 'senior', [0, 0, 0, 3]],
    [{ scope: 'deep', craft: NOT_OBSERVED, delivery: 'none' }, 6, 'mid-level', [0, 0, 3, 9]],
  ])('%j scores %s points and shows %s', (ratings, total, level, needed) => {
    const evaluation = evaluateProgress({ ladder, ratings });
    expect(evaluation.score).toBe(total);
    expect(evaluation.demonstrated?.id).toBe(level);
    expect(evaluation.levels.map((l) => l.pointsNeeded)).toEqual(needed);
    expect(evaluation.reason).toBeNull();
  });

  it('needs no minimum of ratings', () => {
    expect(evaluateProgress({ ladder, ratings: { scope: 'deep' } }).demonstrated?.id).toBe('mid-level');
  });

  it('readiness is the total over the threshold', () => {
    const evaluation = evaluateProgress({ ladder, ratings: { scope: 'solid', craft: 'solid' } });
    expect(evaluation.levels.map((l) => l.readiness)).toEqual([1, 1, 6 / 9, 6 / 15]);
    expect(evaluation.levels.map((l) => l.met)).toEqual([true, true, false, false]);
    expect(evaluation.next?.id).toBe('senior');
  });

  it('rates competencies as scored or not observed, with the next milestone to aim for', () => {
    const gap = computeGap({ ladder, ratings: { scope: 'deep', craft: 'basic' } }, 'senior');
    expect(gap.competencies.map((c) => [c.id, c.status, c.stepsBelow, c.expectation?.expectation ?? null])).toEqual([
      ['scope', 'scored', 0, null],
      ['craft', 'scored', 2, 'craft solid'],
      ['delivery', 'not-observed', 0, 'delivery basic'],
    ]);
  });

  it('lists gaps by the points the next milestone earns, most first', () => {
    const gap = computeGap({ ladder, ratings: { scope: 'basic', craft: 'solid', delivery: 'none' } }, 'architect');
    // craft solid->deep +3, scope basic->solid +2, delivery none->basic +1
    expect(gap.gaps.map((g) => g.id)).toEqual(['craft', 'scope', 'delivery']);
    expect(
      computeGap({ ladder, ratings: { scope: 'deep', craft: 'deep', delivery: 'deep' } }, 'architect').gaps,
    ).toEqual([]);
  });

  it('lists no gaps for a level the total already reaches', () => {
    const gap = computeGap({ ladder, ratings: { scope: 'solid', craft: 'solid' } }, 'mid-level');
    expect(gap.met).toBe(true);
    expect(gap.gaps).toEqual([]);
    expect(computeGap({ ladder, ratings: { scope: 'solid', craft: 'solid' } }, 'senior').gaps.length).toBeGreaterThan(
      0,
    );
  });

  it('says why nothing is shown when the first threshold is above zero', () => {
    const higher = parseLadder(
      JSON.stringify({
        ...definition,
        policy: {
          ...policy,
          thresholds: [
            { level: 'junior', points: 2 },
            { level: 'senior', points: 9 },
          ],
        },
      }),
    );
    const evaluation = evaluateProgress({ ladder: higher, ratings: { scope: 'basic' } });
    expect(evaluation.demonstrated).toBeNull();
    expect(evaluation.reason).toBe('1 point so far; Junior starts at 2.');
    // mid-level has no threshold: it comes with senior; architect cannot be reached.
    expect(evaluation.levels.map((l) => l.pointsNeeded)).toEqual([1, 8, 8, undefined]);
  });

  it('refuses a milestone that does not exist', () => {
    const error = catchDomainError(() => evaluateProgress({ ladder, ratings: { scope: 'senior' } }));
    expect(error.code).toBe('rating_invalid');
    expect(error.message).toBe(
      'rating for "scope" is "senior", which is not a milestone of ladder "pts" (milestones: none, basic, solid, deep)',
    );
  });
});
