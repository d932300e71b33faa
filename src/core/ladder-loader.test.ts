import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError, formatProblem } from './domain-error.js';
import { checkLadderText, hashLadder, parseLadder } from './ladder-loader.js';

const small = readFileSync(new URL('./fixtures/small-ladder.yaml', import.meta.url), 'utf8');

/** Replaces the first occurrence of `from` in the small ladder, failing loudly when it is not there. */
function edit(from: string, to: string, text = small): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

function problemsOf(text: string): string[] {
  const result = checkLadderText(text, 'acme.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('parseLadder', () => {
  it('loads a valid ladder with defaults and a content hash', () => {
    const ladder = parseLadder(small, 'small.yaml');
    expect(ladder.id).toBe('small');
    expect(ladder.policy).toEqual({ kind: 'coverage', share: 0.8, minObserved: 3 });
    expect(ladder.tracks[0]?.levels.map((l) => l.id)).toEqual(['junior', 'senior']);
    expect(ladder.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the hash when only comments and formatting change, and changes it with the content', () => {
    const base = parseLadder(small).hash;
    const reformatted = `# the company ladder\n${small.replace('title: Small test ladder', "title:   'Small test ladder'  # renamed later")}`;
    expect(parseLadder(reformatted).hash).toBe(base);
    expect(parseLadder(edit('Owns a whole service.', 'Owns two services.')).hash).not.toBe(base);
  });

  it.each([
    [
      'YAML syntax',
      edit('title: Small test ladder', 'title: [unclosed'),
      ['acme.yaml:3:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ],
    [
      'an unknown key',
      edit('    title: Scope\n', '    title: Scope\n    colour: blue\n'),
      ['acme.yaml:17:5: unknown key "colour"'],
    ],
    [
      'a missing expectation text',
      edit('        expectation: Owns a whole service.\n', ''),
      ['acme.yaml:23:9: missing required key "expectation"'],
    ],
    [
      'a bad weight',
      edit('    title: Scope\n', '    title: Scope\n    weight: -2\n'),
      ['acme.yaml:17:13: "weight": must be greater than 0'],
    ],
    [
      'a minimum that overflows to infinity',
      edit('title: Small test ladder\n', 'title: Small test ladder\npolicy:\n  kind: coverage\n  minObserved: 1e309\n'),
      ['acme.yaml:5:16: "minObserved" must be a finite number, not a number too large to hold'],
    ],
    [
      'a minimum that is not whole',
      edit('title: Small test ladder\n', 'title: Small test ladder\npolicy:\n  kind: coverage\n  minObserved: 2.5\n'),
      ['acme.yaml:5:16: "minObserved" must be a whole number, not number 2.5'],
    ],
    [
      'a weight that is not a number',
      edit('    title: Scope\n', '    title: Scope\n    weight: heavy\n'),
      ['acme.yaml:17:13: "weight" must be a number, not string "heavy"'],
    ],
    [
      'a duplicate competency id',
      edit('  - id: ops', '  - id: scope'),
      ['acme.yaml:25:9: duplicate competency id "scope" (first used by competency #1)'],
    ],
    [
      'a duplicate YAML key',
      edit('    title: Scope\n', '    title: Scope\n    title: Range\n'),
      ['acme.yaml:17:5: YAML syntax: Map keys must be unique'],
    ],
    [
      'an unknown category',
      edit('    category: craft\n    levels:\n      senior', '    category: crafts\n    levels:\n      senior'),
      ['acme.yaml:27:15: category "crafts" does not exist (categories: craft)'],
    ],
    [
      'an expectation for a level that does not exist',
      edit('      senior:\n        expectation: Keeps', '      principal:\n        expectation: Keeps'),
      [
        'acme.yaml:28:5: competency "ops" has no expectation for any level of track "ic"',
        'acme.yaml:29:7: level "principal" does not exist on track "ic" (levels: junior, senior)',
      ],
    ],
    [
      'a gap in the expectations',
      edit(
        '      senior:\n        expectation: Owns a whole service.\n        signals: [Ran the migration of the billing service.]\n',
        '',
      ),
      ['acme.yaml:18:5: competency "scope" has no expectation for level "senior"'],
    ],
    [
      'an unknown policy kind',
      edit('categories:', 'policy:\n  kind: vibes\ncategories:'),
      ['acme.yaml:4:9: "kind" must be one of "coverage", "all", "points", "weighted-average"'],
    ],
    [
      'a required competency that does not exist',
      edit(
        '      - id: senior\n        title: Senior\n',
        '      - id: senior\n        title: Senior\n        required: [mentoring]\n',
      ),
      ['acme.yaml:14:20: competency "mentoring" does not exist'],
    ],
  ])('reports %s at its line and column', (_name, text, expected) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((message, i) => expect(problems[i]).toContain(message));
  });

  it('reports every problem of a file at once, in file order', () => {
    const text = edit(
      '    title: Scope\n',
      '    title: Scope\n    weight: 0\n    colour: blue\n',
      edit('  - id: ops', '  - id: Ops!'),
    );
    const problems = problemsOf(text);
    expect(problems.map((p) => p.split(': ')[0])).toEqual(['acme.yaml:17:13', 'acme.yaml:18:5', 'acme.yaml:27:9']);
  });

  describe('schema and rule problems in one pass', () => {
    it.each([
      [
        'a bad weight on one competency and an unknown category on another',
        edit(
          '    category: craft\n    levels:\n      senior',
          '    category: crafts\n    levels:\n      senior',
          edit('    title: Scope\n', '    title: Scope\n    weight: -2\n'),
        ),
        [
          'acme.yaml:17:13: "weight": must be greater than 0',
          'acme.yaml:28:15: category "crafts" does not exist (categories: craft)',
        ],
      ],
      [
        'an unknown key and a duplicate id',
        edit('  - id: ops', '  - id: scope', edit('    title: Scope\n', '    title: Scope\n    colour: blue\n')),
        [
          'acme.yaml:17:5: unknown key "colour"',
          'acme.yaml:26:9: duplicate competency id "scope" (first used by competency #1)',
        ],
      ],
      [
        'an empty signal and a gap in the expectations of another competency',
        edit(
          '      senior:\n        expectation: Keeps',
          '      junior:\n        expectation: Keeps',
          edit('[Fixed a bug in a date parser.]', "[Fixed a bug in a date parser., '  ']"),
        ),
        [
          'acme.yaml:21:50: signals[1]: must not be empty',
          'acme.yaml:28:5: competency "ops" has no expectation for level "senior"',
        ],
      ],
      [
        'a broken competency that a level requires: only the schema problem, not a missing competency',
        edit(
          '      - id: senior\n        title: Senior\n',
          '      - id: senior\n        title: Senior\n        required: [ops]\n',
          edit('    title: Operations\n', '    title: Operations\n    weight: 0\n'),
        ),
        ['acme.yaml:28:13: "weight": must be greater than 0'],
      ],
      [
        'a list item removed before one with a rule problem: the rule problem keeps its own line',
        edit(
          '      - id: junior\n        title: Junior\n      - id: senior\n        title: Senior\n',
          '      - id: Junior!\n        title: Junior\n      - id: junior\n        title: Junior\n      - id: senior\n        title: Senior\n        required: [mentoring]\n',
        ),
        ['acme.yaml:10:13: "id"', 'acme.yaml:16:20: competency "mentoring" does not exist'],
      ],
    ])('%s', (_name, text, expected) => {
      const problems = problemsOf(text);
      expect(problems).toHaveLength(expected.length);
      expected.forEach((message, i) => expect(problems[i]).toContain(message));
    });

    it('leaves the rules out when the problem is outside any list, so no rule problem is made up', () => {
      const text = edit('categories:', 'policy:\n  kind: vibes\ncategories:', edit('  - id: ops', '  - id: scope'));
      expect(problemsOf(text)).toEqual([
        'acme.yaml:4:9: "kind" must be one of "coverage", "all", "points", "weighted-average"',
      ]);
    });
  });

  it('throws a DomainError whose message lists the located problems, never a stack', () => {
    const broken = edit(
      '    category: craft\n    levels:\n      junior',
      '    category: none\n    levels:\n      junior',
    );
    const error = (() => {
      try {
        parseLadder(broken, 'ladders/acme.yaml');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ladder_invalid');
    expect((error as DomainError).message).toBe(
      'ladders/acme.yaml: 1 problem in ladder\nladders/acme.yaml:17:15: category "none" does not exist (categories: craft)',
    );
  });

  it('names a list item by its position', () => {
    expect(problemsOf(edit('[Fixed a bug in a date parser.]', "[Fixed a bug in a date parser., '  ']"))).toEqual([
      'acme.yaml:21:50: signals[1]: must not be empty',
    ]);
  });

  it('rejects a file that is not a mapping', () => {
    expect(problemsOf('- just\n- a list\n')).toEqual([
      'acme.yaml:1:1: a ladder file must be a YAML mapping with id, title, categories, tracks and competencies',
    ]);
  });

  it('rejects a former id that is still in use', () => {
    const text = edit('    title: Operations\n', '    title: Operations\n    formerly: [scope]\n');
    expect(problemsOf(text)).toEqual([
      'acme.yaml:27:16: "scope" is still the id of a competency, so it cannot also be a former id of "ops"',
    ]);
  });
});

describe('hashLadder', () => {
  it('ignores the $schema pointer', () => {
    const ladder = parseLadder(small);
    expect(hashLadder({ ...ladder, $schema: '../schema/ladder.schema.json' })).toBe(ladder.hash);
  });
});
