import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findStep, ratingScale } from './ladder.js';
import { diffLadders, formatLadderDiff } from './ladder-diff.js';
import { checkLadderText, parseLadder } from './ladder-loader.js';

const small = readFileSync(new URL('./fixtures/small-ladder.yaml', import.meta.url), 'utf8');
const before = parseLadder(small, 'before.yaml');

function after(edit: (text: string) => string) {
  return parseLadder(edit(small), 'after.yaml');
}

describe('diffLadders', () => {
  it('finds no changes between a ladder and itself', () => {
    expect(diffLadders(before, before).changes).toEqual([]);
    expect(formatLadderDiff(diffLadders(before, before))).toMatch(/no changes$/);
  });

  it('reports a level whose id changed but lists the old one in formerly as a rename, not a removal', () => {
    const renamed = after((t) =>
      t
        .replace(
          '      - id: senior\n        title: Senior\n',
          '      - id: staff\n        title: Staff\n        formerly: [senior]\n',
        )
        .replaceAll('      senior:\n', '      staff:\n'),
    );
    const kinds = diffLadders(before, renamed).changes.map((c) => c.kind);
    expect(kinds).toContain('level-renamed');
    expect(kinds).not.toContain('level-removed');
    expect(kinds).not.toContain('level-added');
    expect(formatLadderDiff(diffLadders(before, renamed))).toContain('> level ic/senior renamed to staff "Staff"');
  });

  it('lets a rating made with the old level id find the renamed level', () => {
    const renamed = after((t) =>
      t
        .replace(
          '      - id: senior\n        title: Senior\n',
          '      - id: staff\n        title: Staff\n        formerly: [senior]\n',
        )
        .replaceAll('      senior:\n', '      staff:\n'),
    );
    const track = renamed.tracks[0];
    if (track === undefined) throw new Error('no track');
    expect(findStep(ratingScale(renamed, track), 'senior')?.id).toBe('staff');
  });

  it('reports added and removed levels and competencies, and changed signals item by item', () => {
    const changed = after((t) =>
      t
        .replace('  - id: ops\n    title: Operations\n', '  - id: security\n    title: Security\n')
        .replace(
          'signals: [Ran the migration of the billing service.]',
          'signals: [Ran the migration of the billing service., Wrote the runbook.]',
        ),
    );
    const changes = diffLadders(before, changed).changes;
    expect(changes).toContainEqual({ kind: 'competency-added', competency: 'security', title: 'Security' });
    expect(changes).toContainEqual({ kind: 'competency-removed', competency: 'ops', title: 'Operations' });
    expect(changes).toContainEqual({
      kind: 'expectation-changed',
      competency: 'scope',
      level: 'senior',
      field: 'signals',
      from: '',
      to: 'Wrote the runbook.',
    });
    expect(formatLadderDiff(diffLadders(before, changed))).toContain('    + Wrote the runbook.');
  });

  it('reports reordered levels', () => {
    const track = before.tracks[0];
    if (track === undefined) throw new Error('no track');
    const reordered = { ...before, tracks: [{ ...track, levels: [...track.levels].reverse() }] };
    expect(diffLadders(before, reordered).changes).toEqual([
      { kind: 'levels-reordered', track: 'ic', from: ['junior', 'senior'], to: ['senior', 'junior'] },
    ]);
  });
});

describe('level renames in the file', () => {
  it('refuses a former level id that is still a level', () => {
    const result = checkLadderText(
      small.replace('        title: Senior\n', '        title: Senior\n        formerly: [junior]\n'),
      'x.yaml',
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => p.message)).toEqual([
        '"junior" is still the id of a level, so it cannot also be a former id of "senior"',
      ]);
  });
});
