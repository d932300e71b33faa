import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLadder } from './ladder-loader.js';
import { computeGap, evaluateProgress } from './progression.js';
import { propertyRuns } from '../shared/property-runs.fixtures.js';

const file = new URL('../../ladders/examples/snowflake.yaml', import.meta.url);
const ladder = parseLadder(readFileSync(file, 'utf8'), 'ladders/examples/snowflake.yaml');

/** Snowflake's sixteen tracks, in its order: Longhaul's competencies. */
const TRACKS = [
  'mobile',
  'web-client',
  'foundations',
  'servers',
  'project-management',
  'communication',
  'craft',
  'initiative',
  'career-development',
  'org-design',
  'wellbeing',
  'accomplishment',
  'mentorship',
  'evangelism',
  'recruiting',
  'community',
] as const;

/**
 * Snowflake's published rule, written out again without the engine: a
 * milestone earns 0, 1, 3, 6, 12 or 20 points, the points are added up and
 * the level is the highest one whose threshold the total reaches.
 */
const MILESTONE_POINTS = [0, 1, 3, 6, 12, 20];
const THRESHOLDS: [string, number][] = [
  ['1.1', 0],
  ['1.2', 5],
  ['1.3', 11],
  ['2.1', 17],
  ['2.2', 23],
  ['2.3', 29],
  ['3.1', 36],
  ['3.2', 43],
  ['3.3', 50],
  ['4.1', 58],
  ['4.2', 66],
  ['4.3', 74],
  ['5.1', 90],
  ['5.2', 110],
  ['5.3', 135],
];

function referenceTotal(milestones: readonly number[]): number {
  return milestones.reduce((sum, m) => sum + (MILESTONE_POINTS[m] ?? NaN), 0);
}

function referenceLevel(milestones: readonly number[]): string {
  const total = referenceTotal(milestones);
  let level = '';
  for (const [id, points] of THRESHOLDS) if (total >= points) level = id;
  return level;
}

function ratingsOf(milestones: readonly number[]): Record<string, string> {
  return Object.fromEntries(TRACKS.map((id, i) => [id, String(milestones[i] ?? 0)]));
}

/**
 * Milestones for the first `n` competencies that add up to exactly `total`
 * (greedy, largest milestone first), the rest at 0.
 */
function milestonesFor(total: number): number[] {
  const out: number[] = [];
  let left = total;
  for (let i = 0; i < TRACKS.length; i++) {
    const m = [5, 4, 3, 2, 1, 0].find((k) => (MILESTONE_POINTS[k] ?? Infinity) <= left) ?? 0;
    out.push(m);
    left -= MILESTONE_POINTS[m] ?? 0;
  }
  if (left !== 0) throw new Error(`cannot make ${total} points from 16 milestones`);
  return out;
}

describe('the Snowflake example ladder', () => {
  it("has Snowflake's shape: 16 competencies in 4 categories, milestones 0..5, 15 levels", () => {
    expect(ladder.policy.kind).toBe('points');
    expect(ladder.competencies.map((c) => c.id)).toEqual([...TRACKS]);
    expect(ladder.categories.map((c) => c.id)).toEqual(['building', 'executing', 'supporting', 'strengthening']);
    expect(ladder.competencies.map((c) => c.category)).toEqual(
      ['building', 'executing', 'supporting', 'strengthening'].flatMap((c) => [c, c, c, c]),
    );
    expect(ladder.tracks).toHaveLength(1);
    expect(ladder.tracks[0]?.levels.map((l) => l.id)).toEqual(THRESHOLDS.map(([id]) => id));
    if (ladder.policy.kind === 'points') {
      expect(ladder.policy.milestones.map((m) => [m.id, m.points])).toEqual(
        MILESTONE_POINTS.map((p, i) => [String(i), p]),
      );
      expect(ladder.policy.thresholds.map((t) => [t.level, t.points])).toEqual(THRESHOLDS);
    }
    for (const competency of ladder.competencies) {
      expect(Object.keys(competency.levels).sort()).toEqual(['1', '2', '3', '4', '5']);
    }
  });

  it.each<[string, string]>([
    ['1.1', 'Engineer I'],
    ['1.3', 'Engineer I'],
    ['2.1', 'Engineer II'],
    ['2.3', 'Engineer II'],
    ['3.1', 'Senior Engineer'],
    ['4.2', 'Staff Engineer'],
    ['5.3', 'Principal Engineer'],
  ])('level %s is titled %s', (id, title) => {
    expect(ladder.tracks[0]?.levels.find((l) => l.id === id)?.title).toBe(title);
  });
});

describe('Snowflake levels from milestones', () => {
  it('matches the reference rule for any milestones on the sixteen competencies', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 16, maxLength: 16 }), (milestones) => {
        const evaluation = evaluateProgress({ ladder, ratings: ratingsOf(milestones) });
        expect(evaluation.score).toBe(referenceTotal(milestones));
        expect(evaluation.demonstrated?.id).toBe(referenceLevel(milestones));
      }),
      propertyRuns(2000),
    );
  });

  it.each<[string, number[], number, string]>([
    ['all zero', Array(16).fill(0), 0, '1.1'],
    ['all at milestone 5', Array(16).fill(5), 320, '5.3'],
    ['all at milestone 1', Array(16).fill(1), 16, '1.3'],
    ['all at milestone 2', Array(16).fill(2), 48, '3.2'],
    ['all at milestone 3', Array(16).fill(3), 96, '5.1'],
    ['one competency at 5, the rest 0', [5, ...Array(15).fill(0)], 20, '2.1'],
    ['the building competencies at 4', [4, 4, 4, 4, ...Array(12).fill(0)], 48, '3.2'],
  ])('%s: %s points, level %s', (_name, milestones, total, level) => {
    expect(referenceTotal(milestones)).toBe(total);
    const evaluation = evaluateProgress({ ladder, ratings: ratingsOf(milestones) });
    expect(evaluation.score).toBe(total);
    expect(evaluation.demonstrated?.id).toBe(level);
  });

  it.each(THRESHOLDS.map(([id, points], i) => [id, points, THRESHOLDS[i - 1]?.[0] ?? null] as const))(
    'level %s is reached at exactly %s points, not one point below',
    (id, points, previous) => {
      const at = evaluateProgress({ ladder, ratings: ratingsOf(milestonesFor(points)) });
      expect(at.score).toBe(points);
      expect(at.demonstrated?.id).toBe(id);
      if (points > 0) {
        const below = evaluateProgress({ ladder, ratings: ratingsOf(milestonesFor(points - 1)) });
        expect(below.score).toBe(points - 1);
        expect(below.demonstrated?.id ?? null).toBe(previous);
      }
    },
  );

  it('not rated counts as milestone 0', () => {
    const evaluation = evaluateProgress({ ladder, ratings: { mobile: '4', servers: '2' } });
    expect(evaluation.score).toBe(15);
    expect(evaluation.demonstrated?.id).toBe('1.3');
    expect(evaluation.observed).toBe(2);
    expect(evaluation.next?.id).toBe('2.1');
  });

  it('shows the points missing and the most valuable next milestones', () => {
    const gap = computeGap({ ladder, ratings: { mobile: '4', servers: '2', craft: '3', mentorship: '5' } }, '4.1');
    expect(gap.pointsNeeded).toBe(58 - (12 + 3 + 6 + 20));
    expect(gap.gaps.slice(0, 2).map((g) => [g.id, g.expectation?.expectation])).toEqual([
      ['mobile', 'Sets the direction of mobile engineering across the organisation.'],
      ['craft', 'Raises engineering quality across several teams.'],
    ]);
    expect(gap.gaps.map((g) => g.id)).not.toContain('mentorship');
  });

  it('finds a level by its title: the first level of that title', () => {
    expect(computeGap({ ladder, ratings: {} }, 'staff engineer').level.id).toBe('4.1');
  });
});
