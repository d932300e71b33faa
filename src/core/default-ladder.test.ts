import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLadder } from './ladder-loader.js';

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
  it('is valid and uses the coverage policy', () => {
    expect(ladder.id).toBe('longhaul');
    expect(ladder.policy).toEqual({ kind: 'coverage', share: 0.8, minObserved: 3 });
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
