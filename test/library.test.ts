import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeGap, DomainError, evaluateProgress, parseLadder } from '../src/index.js';

/** The example in docs/library.md, run as written, so the docs cannot drift from the code. */
describe('the library example', () => {
  const file = new URL('../ladders/longhaul.yaml', import.meta.url);
  const ladder = parseLadder(readFileSync(file, 'utf8'), 'ladders/longhaul.yaml');
  const ratings = {
    scope: 'senior',
    autonomy: 'mid-level',
    reliability: 'senior',
    debugging: 'senior',
    design: 'mid-level',
    mentoring: 'not-observed',
  };
  const evidenceCounts = { reliability: 4, debugging: 2 };

  it('evaluates ratings to a level and a next level', () => {
    const result = evaluateProgress({ ladder, ratings, evidenceCounts });
    expect(result.demonstrated?.title).toBe('Mid-level');
    expect(result.next?.title).toBe('Senior');
  });

  it('lists the gap to a chosen level', () => {
    const gap = computeGap({ ladder, ratings, evidenceCounts }, 'senior');
    expect(gap.gaps.map((c) => `${c.title}: ${c.status}`)).toEqual([
      'Autonomy and direction: one-below',
      'Design and trade-offs: one-below',
    ]);
  });

  it('throws a DomainError with a located message for a broken ladder', () => {
    expect(() => parseLadder('id: broken\n', 'broken.yaml')).toThrow(DomainError);
    expect(() => parseLadder('id: broken\n', 'broken.yaml')).toThrow('broken.yaml:1:1: missing required key "title"');
  });
});
