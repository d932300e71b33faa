import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError, formatProblem } from './domain-error.js';
import { checkLadderText, parseLadder } from './ladder-loader.js';
import { countingIndex, describeLevelRule, evidenceNeeds } from './level-rule.js';

const LEVELS = [
  ['junior', 'Junior'],
  ['mid', 'Mid'],
  ['senior', 'Senior'],
] as const;

/** A three-level ladder with two competencies (design starts at Mid), under any policy. */
function ladderWith(policy: unknown, levels: Partial<Record<string, Record<string, unknown>>> = {}, design = {}) {
  return parseLadder(
    JSON.stringify({
      id: 'acme',
      title: 'Acme',
      policy,
      categories: [{ id: 'eng', title: 'Engineering' }],
      tracks: [{ id: 'ic', title: 'IC', levels: LEVELS.map(([id, title]) => ({ id, title, ...levels[id] })) }],
      competencies: [
        {
          id: 'scope',
          title: 'Scope',
          category: 'eng',
          levels: Object.fromEntries(LEVELS.map(([id]) => [id, { expectation: `scope ${id}` }])),
        },
        {
          id: 'design',
          title: 'Design and trade-offs',
          category: 'eng',
          levels: { mid: { expectation: 'design mid' }, senior: { expectation: 'design senior', ...design } },
        },
      ],
    }),
    'acme.yaml',
  );
}

const POINTS = {
  kind: 'points',
  milestones: [
    { id: 'm0', points: 0 },
    { id: 'm1', points: 2 },
  ],
  thresholds: [
    { level: 'mid', points: 3 },
    { level: 'senior', points: 4 },
  ],
};

describe('describeLevelRule', () => {
  it.each<[string, unknown, Partial<Record<string, Record<string, unknown>>>, Record<string, unknown>, string, string]>(
    [
      [
        'coverage at the first level',
        { kind: 'coverage', share: 0.75, minObserved: 2 },
        {},
        {},
        'junior',
        'At least 75% of the rated competencies that apply at Junior rated Junior or above; at least 2 competencies rated.',
      ],
      [
        'coverage with a required competency and evidence',
        { kind: 'coverage', share: 0.8, minObserved: 6 },
        { mid: { evidence: 1 }, senior: { required: ['design'], evidence: 2 } },
        {},
        'senior',
        'At least 80% of the rated competencies that apply at Senior rated Senior or above, none more than one level below; "Design and trade-offs" rated Senior or above; at least 6 competencies rated; each rating needs 2 pieces of evidence to count at Senior; every lower level met.',
      ],
      [
        'coverage: a level inherits the evidence of the one below, a competency may differ',
        { kind: 'coverage' },
        { mid: { evidence: 1 } },
        { evidence: 3 },
        'senior',
        'At least 80% of the rated competencies that apply at Senior rated Senior or above, none more than one level below; at least 3 competencies rated; each rating needs 1 piece of evidence to count at Senior ("Design and trade-offs" 3); every lower level met.',
      ],
      [
        'coverage: only one competency asks for evidence',
        { kind: 'coverage', minObserved: 1 },
        {},
        { evidence: 2 },
        'senior',
        'At least 80% of the rated competencies that apply at Senior rated Senior or above, none more than one level below; at least 1 competency rated; a rating needs evidence to count at Senior: "Design and trade-offs" 2 pieces of evidence; every lower level met.',
      ],
      [
        'all',
        { kind: 'all', minObserved: 4 },
        {},
        {},
        'mid',
        'Every rated competency that applies at Mid rated Mid or above; at least 4 competencies rated; every lower level met.',
      ],
      [
        'weighted-average with default bands',
        { kind: 'weighted-average', minObserved: 3 },
        {},
        {},
        'senior',
        'A weighted average of the ratings of at least 2 (counting Junior 0, Mid 1, Senior 2); at least 3 competencies rated.',
      ],
      [
        'weighted-average: the floor',
        { kind: 'weighted-average' },
        {},
        {},
        'junior',
        'Any weighted average of the ratings (Junior is the floor); at least 3 competencies rated.',
      ],
      [
        'weighted-average: a level no band reaches',
        { kind: 'weighted-average', bands: [{ level: 'mid', from: 1.5 }] },
        {},
        {},
        'senior',
        'No weighted average reaches Senior: the policy gives it no band; at least 3 competencies rated.',
      ],
      ['points: the floor', POINTS, {}, {}, 'junior', 'Any points total (Junior is the floor).'],
      [
        'points: a level between thresholds',
        POINTS,
        {},
        {},
        'mid',
        'A total of at least 3 points, each competency earning the points of the milestone it is rated at.',
      ],
      [
        'points',
        POINTS,
        {},
        {},
        'senior',
        'A total of at least 4 points, each competency earning the points of the milestone it is rated at.',
      ],
    ],
  )('%s', (_name, policy, levels, design, level, rule) => {
    const definition =
      (policy as { kind: string }).kind === 'points' ? pointsLadder() : ladderWith(policy, levels, design);
    expect(describeLevelRule(definition, 'ic', level)).toBe(rule);
  });

  it('states the evidence milestones ask for on a points ladder', () => {
    expect(describeLevelRule(pointsLadder(2), 'ic', 'senior')).toBe(
      'A total of at least 4 points, each competency earning the points of the milestone it is rated at; a rating counts at a milestone only with the evidence its expectation asks for (1 competency asks for some).',
    );
  });

  it('follows the ladder: change a number and the sentence changes with it', () => {
    const before = describeLevelRule(ladderWith({ kind: 'coverage', minObserved: 3 }), 'ic', 'mid');
    const after = describeLevelRule(ladderWith({ kind: 'coverage', minObserved: 5 }), 'ic', 'mid');
    expect(before).toContain('at least 3 competencies rated');
    expect(after).toContain('at least 5 competencies rated');
  });

  it('states the rule of every level of the default ladder', () => {
    const ladder = parseLadder(
      readFileSync(new URL('../../ladders/longhaul.yaml', import.meta.url), 'utf8'),
      'ladders/longhaul.yaml',
    );
    expect(describeLevelRule(ladder, undefined, 'senior')).toBe(
      'At least 80% of the rated competencies that apply at Senior rated Senior or above, none more than one level below; "Reliability and blast radius" rated Senior or above; at least 6 competencies rated; each rating needs 2 pieces of evidence to count at Senior; every lower level met.',
    );
  });

  it('refuses a level that is not on the track', () => {
    expect(() => describeLevelRule(ladderWith({ kind: 'all' }), 'ic', 'wizard')).toThrow(DomainError);
  });
});

/** The points ladder of the table; `evidence` sets the evidence of design's top milestone. */
function pointsLadder(evidence?: number) {
  return parseLadder(
    JSON.stringify({
      id: 'pts',
      title: 'Points',
      policy: POINTS,
      categories: [{ id: 'eng', title: 'Engineering' }],
      tracks: [{ id: 'ic', title: 'IC', levels: LEVELS.map(([id, title]) => ({ id, title })) }],
      competencies: [
        {
          id: 'design',
          title: 'Design',
          category: 'eng',
          levels: { m1: { expectation: 'design m1', ...(evidence === undefined ? {} : { evidence }) } },
        },
      ],
    }),
  );
}

describe('evidenceNeeds and countingIndex', () => {
  it.each<[Partial<Record<string, Record<string, unknown>>>, Record<string, unknown>, string, number[]]>([
    [{}, {}, 'scope', [0, 0, 0]],
    [{ mid: { evidence: 1 } }, {}, 'scope', [0, 1, 1]],
    [{ mid: { evidence: 2 }, senior: { evidence: 1 } }, {}, 'scope', [0, 2, 1]],
    [{ mid: { evidence: 1 } }, { evidence: 4 }, 'design', [0, 1, 4]],
  ])('levels %j, design override %j: %s needs %j', (levels, design, id, needs) => {
    const ladder = ladderWith({ kind: 'coverage' }, levels, design);
    const competency = ladder.competencies.find((c) => c.id === id);
    const track = ladder.tracks[0];
    expect(competency && track && evidenceNeeds(ladder, track, competency)).toEqual(needs);
  });

  it.each<[number[], number, number, number]>([
    [[0, 1, 2], 2, 2, 2],
    [[0, 1, 2], 2, 1, 1],
    [[0, 1, 2], 2, 0, 0],
    [[1, 1, 2], 2, 0, -1],
    [[0, 3, 1], 2, 1, 2],
    [[0, 3, 2], 2, 1, 0],
  ])('needs %j, rated %s with %s pieces: counts at %s', (needs, rated, count, index) => {
    expect(countingIndex(needs, rated, count)).toBe(index);
  });
});

describe('the evidence rule in the ladder file', () => {
  const base = readFileSync(new URL('./fixtures/small-ladder.yaml', import.meta.url), 'utf8');

  it('is accepted on levels and on expectations', () => {
    const text = base
      .replace(/(\n {6}- id: senior\n {8}title: Senior\n)/, '$1        evidence: 2\n')
      .replace('signals: [Ran the migration of the billing service.]\n', '$&        evidence: 3\n');
    expect(text.match(/evidence: \d/g)).toHaveLength(2);
    const check = checkLadderText(text, 'acme.yaml');
    expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
    expect(check.ok && check.ladder.tracks[0]?.levels[1]?.evidence).toBe(2);
  });

  it.each<[string, string]>([
    ['-1', '"evidence": must not be negative'],
    ['1.5', '"evidence" must be a whole number, not number 1.5'],
  ])('refuses evidence: %s with a located message', (value, message) => {
    const text = base.replace(/(\n {6}- id: senior\n {8}title: Senior\n)/, `$1        evidence: ${value}\n`);
    const check = checkLadderText(text, 'acme.yaml');
    const problems = check.ok ? [] : check.problems.filter((p) => p.path.at(-1) === 'evidence').map(formatProblem);
    expect(problems).toEqual([`acme.yaml:14:19: ${message}`]);
  });

  it('refuses a level evidence rule on a points ladder, where ratings name milestones', () => {
    const text = readFileSync(new URL('../../ladders/examples/snowflake.yaml', import.meta.url), 'utf8');
    const edited = text.replace(
      "- { id: '1.2', title: Engineer I }",
      "- { id: '1.2', title: Engineer I, evidence: 1 }",
    );
    expect(edited).not.toBe(text);
    const check = checkLadderText(edited, 'snowflake.yaml');
    const problems = check.ok ? [] : check.problems.map(formatProblem);
    expect(problems).toEqual([expect.stringContaining('under the points policy ratings name milestones')]);
  });
});
