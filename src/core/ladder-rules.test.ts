import { describe, expect, it } from 'vitest';
import { checkLadderRules, type RuleProblem } from './ladder-rules.js';
import type { Competency, LadderDefinition, Level } from './ladder.schema.js';

/*
 * The rules a schema cannot express, one broken at a time on a ladder that
 * otherwise holds together: the path points at what to fix, and the message
 * names what is wrong and what would be right, as a ladder author reads it.
 */

const level = (id: string, extra: Partial<Level> = {}): Level => ({
  id,
  title: id[0]?.toUpperCase() + id.slice(1),
  ...extra,
});
const expects = (...steps: string[]): Competency['levels'] =>
  Object.fromEntries(steps.map((s) => [s, { expectation: `Does the ${s} thing.` }]));

/** Two tracks of three and two levels, a competency for all, one for each track, under the coverage policy. */
function ladder(): LadderDefinition {
  return {
    id: 'rules',
    title: 'Rules',
    policy: { kind: 'coverage', share: 0.8, minObserved: 3 },
    categories: [
      { id: 'craft', title: 'Craft' },
      { id: 'people', title: 'People' },
    ],
    tracks: [
      { id: 'ic', title: 'Individual contributor', levels: [level('junior'), level('mid'), level('senior')] },
      { id: 'manager', title: 'Manager', levels: [level('lead'), level('head')] },
    ],
    competencies: [
      { id: 'scope', title: 'Scope', category: 'craft', levels: expects('junior', 'mid', 'senior', 'lead', 'head') },
      { id: 'design', title: 'Design', category: 'craft', track: 'ic', levels: expects('mid', 'senior') },
      { id: 'hiring', title: 'Hiring', category: 'people', track: 'manager', levels: expects('lead', 'head') },
    ],
  };
}

function broken(edit: (l: LadderDefinition) => void): RuleProblem[] {
  const l = ladder();
  edit(l);
  return checkLadderRules(l);
}

function competency(l: LadderDefinition, id: string): Competency {
  const found = l.competencies.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no competency ${id}`);
  return found;
}

function levelsOf(l: LadderDefinition, track: number): Level[] {
  const found = l.tracks[track];
  if (found === undefined) throw new Error(`no track #${track}`);
  return found.levels;
}

const POINTS: LadderDefinition['policy'] = {
  kind: 'points',
  milestones: [
    { id: 'm1', points: 1 },
    { id: 'm2', points: 3 },
  ],
  thresholds: [
    { level: 'junior', points: 0 },
    { level: 'mid', points: 4 },
  ],
};

/** The same two tracks under the points policy: every competency is rated in milestones. */
function pointsLadder(l: LadderDefinition): void {
  l.policy = structuredClone(POINTS);
  for (const c of l.competencies) c.levels = expects('m1', 'm2');
}

describe('checkLadderRules', () => {
  it('finds nothing wrong with a ladder that holds together, under every policy', () => {
    expect(checkLadderRules(ladder())).toEqual([]);
    expect(broken(pointsLadder)).toEqual([]);
    expect(broken((l) => (l.policy = { kind: 'all', minObserved: 2 }))).toEqual([]);
    expect(
      broken(
        (l) =>
          (l.policy = {
            kind: 'weighted-average',
            minObserved: 3,
            bands: [
              { level: 'junior', from: 0 },
              { level: 'mid', from: 0.9 },
              { level: 'senior', from: 1.8 },
            ],
          }),
      ),
    ).toEqual([]);
  });

  const cases: { name: string; edit: (l: LadderDefinition) => void; problems: RuleProblem[] }[] = [
    {
      name: 'a category id used twice',
      edit: (l) => l.categories.push({ id: 'craft', title: 'Craft again' }),
      problems: [
        {
          path: ['categories', 2, 'id'],
          key: false,
          message: 'duplicate category id "craft" (first used by category #1)',
        },
      ],
    },
    {
      name: 'a track id used twice',
      edit: (l) => l.tracks.push({ id: 'manager', title: 'Manager again', levels: [level('lead'), level('head')] }),
      problems: [
        { path: ['tracks', 2, 'id'], key: false, message: 'duplicate track id "manager" (first used by track #2)' },
      ],
    },
    {
      name: 'a level id used twice on a track',
      edit: (l) => levelsOf(l, 0).push(level('mid')),
      problems: [
        {
          path: ['tracks', 0, 'levels', 3, 'id'],
          key: false,
          message: 'duplicate level id "mid" (first used by level #2)',
        },
      ],
    },
    {
      name: 'a competency id used twice',
      edit: (l) => l.competencies.push({ ...competency(l, 'hiring'), title: 'Hiring again' }),
      problems: [
        {
          path: ['competencies', 3, 'id'],
          key: false,
          message: 'duplicate competency id "hiring" (first used by competency #3)',
        },
      ],
    },
    {
      name: 'a former level id that is still a level of the track',
      edit: (l) => (levelsOf(l, 0)[2] = level('senior', { formerly: ['mid'] })),
      problems: [
        {
          path: ['tracks', 0, 'levels', 2, 'formerly', 0],
          key: false,
          message: '"mid" is still the id of a level, so it cannot also be a former id of "senior"',
        },
      ],
    },
    {
      name: 'a former level id claimed by two levels',
      edit: (l) => {
        levelsOf(l, 0)[1] = level('mid', { formerly: ['intermediate'] });
        levelsOf(l, 0)[2] = level('senior', { formerly: ['expert', 'intermediate'] });
      },
      problems: [
        {
          path: ['tracks', 0, 'levels', 2, 'formerly', 1],
          key: false,
          message: '"intermediate" is already a former id of level "mid"',
        },
      ],
    },
    {
      name: 'a competency in a category that does not exist',
      edit: (l) => (competency(l, 'design').category = 'crafts'),
      problems: [
        {
          path: ['competencies', 1, 'category'],
          key: false,
          message: 'category "crafts" does not exist (categories: craft, people)',
        },
      ],
    },
    {
      name: 'a competency on a track that does not exist',
      edit: (l) => {
        competency(l, 'hiring').track = 'management';
      },
      problems: [
        {
          path: ['competencies', 2, 'track'],
          key: false,
          message: 'track "management" does not exist (tracks: ic, manager)',
        },
      ],
    },
    {
      name: 'a former competency id that is still a competency',
      edit: (l) => (competency(l, 'hiring').formerly = ['recruiting', 'design']),
      problems: [
        {
          path: ['competencies', 2, 'formerly', 1],
          key: false,
          message: '"design" is still the id of a competency, so it cannot also be a former id of "hiring"',
        },
      ],
    },
    {
      name: 'a former competency id claimed by two competencies',
      edit: (l) => {
        competency(l, 'design').formerly = ['architecture'];
        competency(l, 'hiring').formerly = ['architecture'];
      },
      problems: [
        {
          path: ['competencies', 2, 'formerly', 0],
          key: false,
          message: '"architecture" is already a former id of "design"',
        },
      ],
    },
    {
      name: 'an expectation for a level of another track, on a competency of one track',
      edit: (l) => (competency(l, 'design').levels = expects('mid', 'senior', 'lead')),
      problems: [
        {
          path: ['competencies', 1, 'levels', 'lead'],
          key: true,
          message: 'level "lead" does not exist on track "ic" (levels: junior, mid, senior)',
        },
      ],
    },
    {
      name: 'an expectation for a level of no track, on a competency of every track',
      edit: (l) => (competency(l, 'scope').levels = expects('junior', 'mid', 'senior', 'lead', 'head', 'principal')),
      problems: [
        {
          path: ['competencies', 0, 'levels', 'principal'],
          key: true,
          message:
            'level "principal" does not exist on tracks "ic", "manager" (levels: junior, mid, senior, lead, head)',
        },
      ],
    },
    {
      name: 'an expectation for a level under the points policy, where ratings name milestones',
      edit: (l) => {
        pointsLadder(l);
        competency(l, 'hiring').levels = expects('m1', 'm2', 'lead');
      },
      problems: [
        {
          path: ['competencies', 2, 'levels', 'lead'],
          key: true,
          message: 'milestone "lead" does not exist on track "manager" (milestones: m1, m2)',
        },
      ],
    },
    {
      name: 'a competency with no expectation on one of its tracks',
      edit: (l) => (competency(l, 'scope').levels = expects('junior', 'mid', 'senior')),
      problems: [
        {
          path: ['competencies', 0, 'levels'],
          key: true,
          message: 'competency "scope" has no expectation for any level of track "manager"',
        },
      ],
    },
    {
      name: 'a competency with no expectation on a track of a single level',
      edit: (l) => {
        l.tracks[1] = { id: 'manager', title: 'Manager', levels: [level('lead')] };
        competency(l, 'scope').levels = expects('junior', 'mid', 'senior');
        competency(l, 'hiring').levels = expects('lead');
      },
      problems: [
        {
          path: ['competencies', 0, 'levels'],
          key: true,
          message: 'competency "scope" has no expectation for any level of track "manager"',
        },
      ],
    },
    {
      name: 'a competency with no milestone expectation under the points policy',
      edit: (l) => {
        pointsLadder(l);
        competency(l, 'design').levels = {};
      },
      problems: [
        {
          path: ['competencies', 1, 'levels'],
          key: true,
          message: 'competency "design" has no expectation for any milestone of track "ic"',
        },
      ],
    },
    {
      name: 'a gap above the level a competency starts at',
      edit: (l) => (competency(l, 'scope').levels = expects('junior', 'senior', 'lead', 'head')),
      problems: [
        {
          path: ['competencies', 0, 'levels'],
          key: true,
          message:
            'competency "scope" has no expectation for level "mid" (it starts at "junior", so every level above needs one)',
        },
      ],
    },
    {
      name: 'a missing top milestone under the points policy',
      edit: (l) => {
        pointsLadder(l);
        competency(l, 'hiring').levels = expects('m1');
      },
      problems: [
        {
          path: ['competencies', 2, 'levels'],
          key: true,
          message:
            'competency "hiring" has no expectation for milestone "m2" (it starts at "m1", so every milestone above needs one)',
        },
      ],
    },
    {
      name: 'an evidence count on a level under the points policy',
      edit: (l) => {
        pointsLadder(l);
        levelsOf(l, 1)[1] = level('head', { evidence: 2 });
      },
      problems: [
        {
          path: ['tracks', 1, 'levels', 1, 'evidence'],
          key: false,
          message:
            'level "head" sets evidence, but under the points policy ratings name milestones, not levels; set evidence on a competency\'s milestone expectations instead',
        },
      ],
    },
    {
      name: 'a level that requires a competency that does not exist',
      edit: (l) => (levelsOf(l, 1)[1] = level('head', { required: ['hiring', 'budgeting'] })),
      problems: [
        {
          path: ['tracks', 1, 'levels', 1, 'required', 1],
          key: false,
          message: 'competency "budgeting" does not exist',
        },
      ],
    },
    {
      name: 'a level that requires a competency with no expectation there',
      edit: (l) => (levelsOf(l, 0)[0] = level('junior', { required: ['scope', 'design'] })),
      problems: [
        {
          path: ['tracks', 0, 'levels', 0, 'required', 1],
          key: false,
          message: 'competency "design" has no expectation for level "junior", so it cannot be required there',
        },
      ],
    },
  ];

  it.each(cases)('reports $name', ({ edit, problems }) => {
    expect(broken(edit)).toEqual(problems);
  });

  it('allows an evidence count on a level under every policy but points', () => {
    expect(broken((l) => (levelsOf(l, 1)[1] = level('head', { evidence: 2 })))).toEqual([]);
  });
});

describe('checkLadderRules on the numbers of a policy', () => {
  const points = (edit: (p: Extract<LadderDefinition['policy'], { kind: 'points' }>) => void) =>
    broken((l) => {
      pointsLadder(l);
      if (l.policy.kind === 'points') edit(l.policy);
    });
  const bands = (rows: { level: string; from: number }[]) =>
    broken((l) => (l.policy = { kind: 'weighted-average', minObserved: 3, bands: rows }));

  const cases: { name: string; problems: () => RuleProblem[]; expected: RuleProblem[] }[] = [
    {
      name: 'a milestone id used twice',
      problems: () => points((p) => p.milestones.push({ id: 'm2', points: 5 })),
      expected: [
        {
          path: ['policy', 'milestones', 2, 'id'],
          key: false,
          message: 'duplicate milestone id "m2" (first used by milestone #2)',
        },
      ],
    },
    {
      name: 'a milestone that earns fewer points than the one below',
      problems: () => points((p) => (p.milestones[1] = { id: 'm2', points: 0.5 })),
      expected: [
        {
          path: ['policy', 'milestones', 1, 'points'],
          key: false,
          message: 'milestone "m2" earns fewer points (0.5) than the one below it (1)',
        },
      ],
    },
    {
      name: 'a threshold for a level that does not exist',
      problems: () => points((p) => p.thresholds.push({ level: 'principal', points: 9 })),
      expected: [
        {
          path: ['policy', 'thresholds', 2, 'level'],
          key: false,
          message: 'level "principal" does not exist (levels: junior, mid, senior, lead, head)',
        },
      ],
    },
    {
      name: 'thresholds listed from the top down',
      problems: () =>
        points(
          (p) =>
            (p.thresholds = [
              { level: 'mid', points: 4 },
              { level: 'junior', points: 6 },
            ]),
        ),
      expected: [
        {
          path: ['policy', 'thresholds', 1, 'level'],
          key: false,
          message: 'level "junior" must come after "mid": list thresholds from the lowest level up',
        },
      ],
    },
    {
      name: 'a threshold no higher than the one below',
      problems: () => points((p) => p.thresholds.push({ level: 'senior', points: 4 })),
      expected: [
        {
          path: ['policy', 'thresholds', 2, 'points'],
          key: false,
          message: '"points" must be greater than 4, the value for "mid"',
        },
      ],
    },
    {
      name: 'a band for the same level twice',
      problems: () =>
        bands([
          { level: 'junior', from: 0 },
          { level: 'junior', from: 1 },
        ]),
      expected: [
        {
          path: ['policy', 'bands', 1, 'level'],
          key: false,
          message: 'level "junior" must come after "junior": list bands from the lowest level up',
        },
      ],
    },
    {
      name: 'a band that starts where the one below starts',
      problems: () =>
        bands([
          { level: 'junior', from: 0 },
          { level: 'mid', from: 1 },
          { level: 'senior', from: 1 },
        ]),
      expected: [
        {
          path: ['policy', 'bands', 2, 'from'],
          key: false,
          message: '"from" must be greater than 1, the value for "mid"',
        },
      ],
    },
    {
      name: 'a band for an unknown level, and no order problem made up for the band after it',
      problems: () =>
        bands([
          { level: 'junior', from: 0 },
          { level: 'staff', from: 1 },
          { level: 'mid', from: 0.5 },
        ]),
      expected: [
        {
          path: ['policy', 'bands', 1, 'level'],
          key: false,
          message: 'level "staff" does not exist (levels: junior, mid, senior, lead, head)',
        },
      ],
    },
  ];

  it.each(cases)('reports $name', ({ problems, expected }) => {
    expect(problems()).toEqual(expected);
  });

  it('orders levels of different tracks by their place on their own track', () => {
    expect(
      bands([
        { level: 'lead', from: 0 },
        { level: 'mid', from: 1 },
        { level: 'head', from: 1.5 },
        { level: 'senior', from: 2 },
      ]),
    ).toEqual([
      {
        path: ['policy', 'bands', 2, 'level'],
        key: false,
        message: 'level "head" must come after "mid": list bands from the lowest level up',
      },
    ]);
  });
});
