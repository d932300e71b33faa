import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLadder } from './ladder-loader.js';
import { evaluateProgress } from './progression.js';

const text = readFileSync(new URL('../../ladders/longhaul.yaml', import.meta.url), 'utf8');
const ladder = parseLadder(text, 'ladders/longhaul.yaml');
const track = ladder.tracks[0];
const levelIds = ['junior', 'mid-level', 'senior', 'architect'];

const competencyIds = [
  'scope',
  'autonomy',
  'reliability',
  'debugging',
  'design',
  'technology',
  'mentoring',
  'communication',
  'time-horizon',
  'complexity',
];

/** Distinctive phrases of the source essay: the ladder carries its ideas in its own words. */
const seedPhrases = [
  'It works on my machine',
  'tea leaves',
  'shiny distraction',
  'pager from going off',
  'force multiplier',
];

/** The whole file, comments included, with line breaks folded so a phrase split across lines still matches. */
const prose = text.replace(/\s+/g, ' ').toLowerCase();

describe('the default ladder (ladders/longhaul.yaml)', () => {
  it('is valid and uses the coverage policy, with more than half the competencies rated', () => {
    expect(ladder.id).toBe('longhaul');
    expect(ladder.policy).toEqual({ kind: 'coverage', share: 0.8, minObserved: 6 });
    expect(ladder.competencies).toHaveLength(11);
  });

  it('asks for evidence behind a rating from Mid-level up, more at each level', () => {
    expect(track?.levels.map((l) => l.evidence ?? 0)).toEqual([0, 1, 2, 3]);
  });

  it('has the four individual-contributor levels in order', () => {
    expect(ladder.tracks.map((t) => t.id)).toEqual(['ic']);
    expect(track?.levels.map((l) => [l.id, l.title])).toEqual([
      ['junior', 'Junior'],
      ['mid-level', 'Mid-level'],
      ['senior', 'Senior'],
      ['architect', 'Architect'],
    ]);
  });

  it('gives every level but the last a summary and signs of readiness', () => {
    for (const level of track?.levels.slice(0, -1) ?? []) {
      expect(level.summary, level.id).toBeTruthy();
      expect(level.readiness?.length ?? 0, level.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('has the competencies other code relies on', () => {
    expect(ladder.competencies.length).toBeGreaterThanOrEqual(9);
    expect(ladder.competencies.map((c) => c.id)).toEqual(expect.arrayContaining(competencyIds));
  });

  it.each(ladder.competencies.flatMap((c) => levelIds.map((level) => [c.id, level] as const)))(
    '%s at %s has an expectation, signals and notYet',
    (id, level) => {
      const expectation = ladder.competencies.find((c) => c.id === id)?.levels[level];
      expect(expectation?.expectation).toBeTruthy();
      expect(expectation?.signals?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(expectation?.notYet?.length ?? 0).toBeGreaterThanOrEqual(1);
    },
  );

  it('never repeats an expectation', () => {
    const all = ladder.competencies.flatMap((c) => Object.values(c.levels).map((e) => e.expectation));
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(seedPhrases)('does not copy the seed phrase "%s"', (phrase) => {
    expect(prose).not.toContain(phrase.toLowerCase());
  });
});

describe('the default ladder rests levels on evidence', () => {
  const ARCHITECT = ['scope', 'autonomy', 'design', 'technology', 'reliability'];
  const codes = (level: { blockers: { code: string; competency: { id: string } | null }[] }) =>
    level.blockers.map((b) => [b.code, b.competency?.id ?? null]);

  it.each<[number, string[]]>([
    [4, ['design', 'technology', 'scope', 'autonomy']],
    [5, ['design', 'technology', 'scope', 'autonomy', 'reliability']],
  ])('%s self-ratings at Architect with no evidence demonstrate nothing, and name why', (count, named) => {
    const ratings = Object.fromEntries(ARCHITECT.slice(0, count).map((id) => [id, 'architect']));
    const evaluation = evaluateProgress({ ladder, ratings });
    expect(evaluation.demonstrated).toBeNull();
    expect(evaluation.reason).toBe(
      `Only ${count} of 11 competencies are rated; 6 are needed before a level can be shown.`,
    );
    expect(evaluation.levels.every((l) => !l.met && l.readiness < 1)).toBe(true);
    const architect = evaluation.levels[3];
    expect(architect && codes(architect)).toEqual([
      ['too-few-observed', null],
      ['share-not-reached', null],
      ...named.map((id) => ['not-enough-evidence', id]),
      ['lower-level-not-met', null],
    ]);
    expect(architect?.competencies.find((c) => c.id === 'design')).toMatchObject({
      supported: false,
      evidenceNeeded: 3,
      evidenceCount: 0,
    });
  });

  it('six bare self-ratings at Architect show Junior at most: every higher level needs evidence', () => {
    const ratings = Object.fromEntries([...ARCHITECT, 'debugging'].map((id) => [id, 'architect']));
    const evaluation = evaluateProgress({ ladder, ratings });
    expect(evaluation.demonstrated?.id).toBe('junior');
    expect(evaluation.levels[1]?.blockers.map((b) => b.code)).toEqual(
      expect.arrayContaining(['share-not-reached', 'not-enough-evidence']),
    );
    expect(evaluation.levels[1]?.blockers[0]?.message).toBe(
      '0 of 6 rated competencies that apply at Mid-level meet it; 5 must (80%).',
    );
  });

  it('the same six ratings with three pieces of evidence each demonstrate Architect', () => {
    const ids = [...ARCHITECT, 'debugging'];
    const evaluation = evaluateProgress({
      ladder,
      ratings: Object.fromEntries(ids.map((id) => [id, 'architect'])),
      evidenceCounts: Object.fromEntries(ids.map((id) => [id, 3])),
    });
    expect(evaluation.demonstrated?.id).toBe('architect');
    expect(evaluation.levels.every((l) => l.blockers.length === 0)).toBe(true);
  });

  it('two pieces each reach Senior, not Architect, and Architect names the evidence it lacks', () => {
    const ids = [...ARCHITECT, 'debugging'];
    const evaluation = evaluateProgress({
      ladder,
      ratings: Object.fromEntries(ids.map((id) => [id, 'architect'])),
      evidenceCounts: Object.fromEntries(ids.map((id) => [id, 2])),
    });
    expect(evaluation.demonstrated?.id).toBe('senior');
    expect(evaluation.levels[3]?.blockers[0]?.code).toBe('share-not-reached');
    expect(evaluation.levels[3]?.blockers[1]).toEqual({
      code: 'not-enough-evidence',
      competency: { id: 'design', title: 'Design and trade-offs' },
      message:
        '"Design and trade-offs" is rated Architect with 2 pieces of evidence; it needs 3 to count at Architect, so it counts as Senior.',
    });
  });
});
