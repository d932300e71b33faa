import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { findLevel, findTrack, requireCompetency } from './ladder.js';
import { parseLadder } from './ladder-loader.js';

/*
 * Finding a track, a level or a competency by what a person types: the first
 * track when none is named, a level by its title in any case, a competency by
 * a former id; and when nothing matches, an error that names what exists.
 */

const text = readFileSync(new URL('./fixtures/small-ladder.yaml', import.meta.url), 'utf8');
const ladder = parseLadder(
  text
    .replace('  - id: ops\n', '  - id: operations\n    formerly: [ops]\n')
    .replace(
      'competencies:\n',
      '  - id: em\n    title: Engineering manager\n    levels:\n      - id: lead\n        title: Team lead\ncompetencies:\n',
    )
    .replace(
      '    category: craft\n    levels:\n      junior:',
      '    category: craft\n    track: ic\n    levels:\n      junior:',
    )
    .replace(
      '        expectation: Keeps a service healthy in production.\n',
      '        expectation: Keeps a service healthy in production.\n      lead:\n        expectation: Runs the on-call rota.\n',
    ),
  'small.yaml',
);

function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('findTrack', () => {
  it('finds a track by id, and the first track when none is named', () => {
    expect(findTrack(ladder, 'em').title).toBe('Engineering manager');
    expect(findTrack(ladder).id).toBe('ic');
  });

  it('names the tracks there are when the id is unknown', () => {
    const error = thrown(() => findTrack(ladder, 'staff'));
    expect(error.code).toBe('track_not_found');
    expect(error.message).toBe('track "staff" not found in ladder "small" (tracks: ic, em)');
  });
});

describe('findLevel', () => {
  const ic = findTrack(ladder, 'ic');

  it.each([
    ['senior', 'senior'],
    ['Senior', 'senior'],
    ['JUNIOR', 'junior'],
  ])('finds %s as the level %s', (typed, id) => {
    expect(findLevel(ic, typed).id).toBe(id);
  });

  it('names the levels of the track when nothing matches', () => {
    const error = thrown(() => findLevel(ic, 'Team lead'));
    expect(error.code).toBe('level_not_found');
    expect(error.message).toBe('level "Team lead" not found in track "ic" (levels: junior, senior)');
  });
});

describe('requireCompetency', () => {
  it('finds a competency by its id or a former one', () => {
    expect(requireCompetency(ladder, 'scope').title).toBe('Scope');
    expect(requireCompetency(ladder, 'ops').id).toBe('operations');
  });

  it('names the competencies there are when the id is unknown', () => {
    const error = thrown(() => requireCompetency(ladder, 'speed'));
    expect(error.code).toBe('competency_not_found');
    expect(error.message).toBe('competency "speed" not found in ladder "small" (competencies: scope, operations)');
  });
});
