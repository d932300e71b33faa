import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findStep, ratingScale } from './ladder.js';
import { diffLadders, formatLadderDiff, type LadderChange } from './ladder-diff.js';
import { checkLadderText, parseLadder } from './ladder-loader.js';
import type { Competency, Expectation, LadderDefinition, Track } from './ladder.schema.js';

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

/** A copy of the small ladder to edit in place: the "after" of a diff. */
function edited(edit: (ladder: LadderDefinition) => void): LadderDefinition {
  const copy = structuredClone(before);
  edit(copy);
  return copy;
}

function trackOf(ladder: LadderDefinition): Track {
  const track = ladder.tracks[0];
  if (track === undefined) throw new Error('no track');
  return track;
}

function competency(ladder: LadderDefinition, id: string): Competency {
  const found = ladder.competencies.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no competency ${id}`);
  return found;
}

function expectation(ladder: LadderDefinition, id: string, level: string): Expectation {
  const found = competency(ladder, id).levels[level];
  if (found === undefined) throw new Error(`no expectation ${id}@${level}`);
  return found;
}

const MANAGER: Track = {
  id: 'manager',
  title: 'Engineering manager',
  levels: [{ id: 'lead', title: 'Team lead' }],
};

describe('what a reviewer of a ladder edit is told', () => {
  const cases: {
    name: string;
    edit: (ladder: LadderDefinition) => void;
    changes: LadderChange[];
    lines: string[];
  }[] = [
    {
      name: 'a track added',
      edit: (l) => l.tracks.push(MANAGER),
      changes: [{ kind: 'track-added', track: 'manager', title: 'Engineering manager' }],
      lines: ['+ track manager "Engineering manager"'],
    },
    {
      name: 'a level added at the top of a track',
      edit: (l) => trackOf(l).levels.push({ id: 'staff', title: 'Staff' }),
      changes: [{ kind: 'level-added', track: 'ic', level: 'staff', title: 'Staff' }],
      lines: ['+ level ic/staff "Staff"'],
    },
    {
      name: 'a level removed',
      edit: (l) => {
        trackOf(l).levels.splice(1, 1);
        for (const c of l.competencies) delete c.levels.senior;
      },
      changes: [
        { kind: 'level-removed', track: 'ic', level: 'senior', title: 'Senior' },
        {
          kind: 'expectation-removed',
          competency: 'scope',
          level: 'senior',
          text: 'Owns a whole service.',
        },
        {
          kind: 'expectation-removed',
          competency: 'ops',
          level: 'senior',
          text: 'Keeps a service healthy in production.',
        },
      ],
      lines: [
        '- level ic/senior "Senior"',
        '- expectation scope@senior: Owns a whole service.',
        '- expectation ops@senior: Keeps a service healthy in production.',
      ],
    },
    {
      name: 'a level given a new title under the same id',
      edit: (l) => {
        const level = trackOf(l).levels[1];
        if (level !== undefined) level.title = 'Senior engineer';
      },
      changes: [{ kind: 'level-retitled', track: 'ic', level: 'senior', from: 'Senior', to: 'Senior engineer' }],
      lines: ['~ level ic/senior title: "Senior" -> "Senior engineer"'],
    },
    {
      name: 'a level renamed through formerly and retitled at once',
      edit: (l) => {
        trackOf(l).levels[1] = { id: 'staff', title: 'Staff', formerly: ['senior'] };
        for (const c of l.competencies) {
          const kept = c.levels.senior;
          delete c.levels.senior;
          if (kept !== undefined) c.levels.staff = kept;
        }
      },
      changes: [
        { kind: 'level-renamed', track: 'ic', level: 'staff', from: 'senior', title: 'Staff' },
        { kind: 'level-retitled', track: 'ic', level: 'staff', from: 'Senior', to: 'Staff' },
        { kind: 'expectation-removed', competency: 'scope', level: 'senior', text: 'Owns a whole service.' },
        { kind: 'expectation-added', competency: 'scope', level: 'staff', text: 'Owns a whole service.' },
        {
          kind: 'expectation-removed',
          competency: 'ops',
          level: 'senior',
          text: 'Keeps a service healthy in production.',
        },
        {
          kind: 'expectation-added',
          competency: 'ops',
          level: 'staff',
          text: 'Keeps a service healthy in production.',
        },
      ],
      lines: [
        '> level ic/senior renamed to staff "Staff"',
        '~ level ic/staff title: "Senior" -> "Staff"',
        '- expectation scope@senior: Owns a whole service.',
        '+ expectation scope@staff: Owns a whole service.',
        '- expectation ops@senior: Keeps a service healthy in production.',
        '+ expectation ops@staff: Keeps a service healthy in production.',
      ],
    },
    {
      name: 'a competency renamed through formerly',
      edit: (l) => {
        const ops = competency(l, 'ops');
        ops.id = 'operations';
        ops.formerly = ['ops'];
      },
      changes: [{ kind: 'competency-renamed', competency: 'operations', from: 'ops', title: 'Operations' }],
      lines: ['> competency ops renamed to operations "Operations"'],
    },
    {
      name: 'a competency whose formerly names no competency of the old version, which is new',
      edit: (l) => l.competencies.push({ ...competency(l, 'ops'), id: 'security', formerly: ['never-was'] }),
      changes: [{ kind: 'competency-added', competency: 'security', title: 'Operations' }],
      lines: ['+ competency security "Operations"'],
    },
    {
      name: 'a competency given a weight',
      edit: (l) => (competency(l, 'scope').weight = 2),
      changes: [{ kind: 'competency-changed', competency: 'scope', field: 'weight', from: '', to: '2' }],
      lines: ['~ competency scope weight: "" -> "2"'],
    },
    {
      name: 'a competency retitled, moved to another category and to one track, and described',
      edit: (l) => {
        l.categories.push({ id: 'people', title: 'People' });
        Object.assign(competency(l, 'ops'), {
          title: 'Running things',
          category: 'people',
          track: 'ic',
          description: 'Keeping services up.',
        });
      },
      changes: [
        { kind: 'competency-changed', competency: 'ops', field: 'title', from: 'Operations', to: 'Running things' },
        { kind: 'competency-changed', competency: 'ops', field: 'category', from: 'craft', to: 'people' },
        { kind: 'competency-changed', competency: 'ops', field: 'track', from: '', to: 'ic' },
        { kind: 'competency-changed', competency: 'ops', field: 'description', from: '', to: 'Keeping services up.' },
      ],
      lines: [
        '~ competency ops title: "Operations" -> "Running things"',
        '~ competency ops category: "craft" -> "people"',
        '~ competency ops track: "" -> "ic"',
        '~ competency ops description: "" -> "Keeping services up."',
      ],
    },
    {
      name: 'an expectation added below where a competency started',
      edit: (l) => (competency(l, 'ops').levels.junior = { expectation: 'Watches the dashboards.' }),
      changes: [{ kind: 'expectation-added', competency: 'ops', level: 'junior', text: 'Watches the dashboards.' }],
      lines: ['+ expectation ops@junior: Watches the dashboards.'],
    },
    {
      name: 'an expectation reworded',
      edit: (l) => (expectation(l, 'scope', 'junior').expectation = 'Works on one module at a time.'),
      changes: [
        {
          kind: 'expectation-changed',
          competency: 'scope',
          level: 'junior',
          field: 'expectation',
          from: 'Works on one function at a time.',
          to: 'Works on one module at a time.',
        },
      ],
      lines: [
        '~ expectation scope@junior',
        '    - Works on one function at a time.',
        '    + Works on one module at a time.',
      ],
    },
    {
      name: 'a signal replaced, and the first not-yet written',
      edit: (l) => {
        const junior = expectation(l, 'scope', 'junior');
        junior.signals = ['Fixed a bug in a time parser.'];
        junior.notYet = ['Only fixes bugs others found.'];
      },
      changes: [
        {
          kind: 'expectation-changed',
          competency: 'scope',
          level: 'junior',
          field: 'signals',
          from: 'Fixed a bug in a date parser.',
          to: 'Fixed a bug in a time parser.',
        },
        {
          kind: 'expectation-changed',
          competency: 'scope',
          level: 'junior',
          field: 'notYet',
          from: '',
          to: 'Only fixes bugs others found.',
        },
      ],
      lines: [
        '~ signals scope@junior',
        '    - Fixed a bug in a date parser.',
        '    + Fixed a bug in a time parser.',
        '~ notYet scope@junior',
        '    + Only fixes bugs others found.',
      ],
    },
    {
      name: 'every signal of a level removed',
      edit: (l) => delete expectation(l, 'scope', 'senior').signals,
      changes: [
        {
          kind: 'expectation-changed',
          competency: 'scope',
          level: 'senior',
          field: 'signals',
          from: 'Ran the migration of the billing service.',
          to: '',
        },
      ],
      lines: ['~ signals scope@senior', '    - Ran the migration of the billing service.'],
    },
    {
      name: 'the policy changed',
      edit: (l) => (l.policy = { kind: 'all', minObserved: 2 }),
      changes: [
        {
          kind: 'policy-changed',
          from: '{"kind":"coverage","share":0.8,"minObserved":3}',
          to: '{"kind":"all","minObserved":2}',
        },
      ],
      lines: ['~ policy: {"kind":"coverage","share":0.8,"minObserved":3} -> {"kind":"all","minObserved":2}'],
    },
  ];

  it.each(cases)('$name', ({ edit, changes, lines }) => {
    const diff = diffLadders(before, edited(edit));
    expect(diff.changes).toEqual(changes);
    const text = formatLadderDiff(diff).split('\n');
    expect(text.slice(1, -1)).toEqual(lines);
    expect(text.at(-1)).toBe(changes.length === 1 ? '1 change' : `${changes.length} changes`);
  });

  it('lists several signals replaced at once one per line', () => {
    const diff = diffLadders(
      before,
      edited((l) => (expectation(l, 'scope', 'junior').signals = ['Wrote the parser tests.', 'Paired on a fix.'])),
    );
    expect(diff.changes).toEqual([
      {
        kind: 'expectation-changed',
        competency: 'scope',
        level: 'junior',
        field: 'signals',
        from: 'Fixed a bug in a date parser.',
        to: 'Wrote the parser tests.\nPaired on a fix.',
      },
    ]);
    expect(formatLadderDiff(diff).split('\n').slice(1, -1)).toEqual([
      '~ signals scope@junior',
      '    - Fixed a bug in a date parser.',
      '    + Wrote the parser tests.',
      '    + Paired on a fix.',
    ]);
    const back = diffLadders(
      edited((l) => (expectation(l, 'scope', 'junior').signals = ['A.', 'B.'])),
      before,
    );
    expect(back.changes).toMatchObject([{ field: 'signals', from: 'A.\nB.', to: 'Fixed a bug in a date parser.' }]);
  });

  it('reports a removed track with its title, and its levels not one by one', () => {
    const withManager = edited((l) => l.tracks.push(MANAGER));
    const diff = diffLadders(withManager, before);
    expect(diff.changes).toEqual([{ kind: 'track-removed', track: 'manager', title: 'Engineering manager' }]);
    expect(formatLadderDiff(diff).split('\n')[1]).toBe('- track manager "Engineering manager"');
  });

  it('reports a removed competency with its title', () => {
    const diff = diffLadders(
      before,
      edited((l) => (l.competencies = l.competencies.filter((c) => c.id !== 'ops'))),
    );
    expect(diff.changes).toEqual([{ kind: 'competency-removed', competency: 'ops', title: 'Operations' }]);
    expect(formatLadderDiff(diff).split('\n')[1]).toBe('- competency ops "Operations"');
  });

  it('reports a level added between two others as added, not as the others reordered', () => {
    const diff = diffLadders(
      before,
      edited((l) => trackOf(l).levels.splice(1, 0, { id: 'mid', title: 'Mid-level' })),
    );
    expect(diff.changes).toEqual([{ kind: 'level-added', track: 'ic', level: 'mid', title: 'Mid-level' }]);
  });

  it('reports the order of the levels kept through a rename, in their new ids', () => {
    const renamedAndSwapped = edited((l) => {
      const track = trackOf(l);
      track.levels = [
        { id: 'staff', title: 'Senior', formerly: ['principal', 'senior'] },
        { id: 'junior', title: 'Junior' },
      ];
    });
    const changes = diffLadders(before, renamedAndSwapped).changes;
    expect(changes).toContainEqual({
      kind: 'level-renamed',
      track: 'ic',
      level: 'staff',
      from: 'senior',
      title: 'Senior',
    });
    expect(changes).toContainEqual({
      kind: 'levels-reordered',
      track: 'ic',
      from: ['junior', 'senior'],
      to: ['senior', 'junior'],
    });
    expect(formatLadderDiff(diffLadders(before, renamedAndSwapped))).toContain(
      '~ levels of ic reordered: junior, senior -> senior, junior',
    );
  });

  it('names both versions in the heading, with the first twelve characters of each hash', () => {
    const diff = diffLadders(
      { ...before, hash: 'aaaaaaaaaaaabbbb' },
      { ...edited((l) => (l.id = 'small-v2')), hash: 'ccccccccccccdddd' },
    );
    expect(diff.from).toEqual({ id: 'small', hash: 'aaaaaaaaaaaabbbb' });
    expect(diff.to).toEqual({ id: 'small-v2', hash: 'ccccccccccccdddd' });
    expect(formatLadderDiff(diff)).toBe('ladder small (aaaaaaaaaaaa) -> small-v2 (cccccccccccc)\nno changes');
    const unhashed = { ...before, hash: undefined };
    expect(formatLadderDiff(diffLadders(unhashed, unhashed))).toBe('ladder small -> small\nno changes');
  });
});
