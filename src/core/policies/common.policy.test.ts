import { describe, expect, it } from 'vitest';
import { blockTooFewObserved, formatNumber, listNames, resolveLevelStarts } from './common.policy.js';

const levels = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `l${i}`, title: `L${i}` }));

describe('resolveLevelStarts', () => {
  it.each<[string, number, [string, number][], (number | null)[]]>([
    [
      'every level listed',
      3,
      [
        ['l0', 0],
        ['l1', 2],
        ['l2', 5],
      ],
      [0, 2, 5],
    ],
    [
      'first level left out is the floor',
      3,
      [
        ['l1', 2],
        ['l2', 5],
      ],
      [0, 2, 5],
    ],
    [
      'first level listed above 0 keeps its value',
      2,
      [
        ['l0', 1],
        ['l1', 2],
      ],
      [1, 2],
    ],
    [
      'a gap takes the start of the level above',
      4,
      [
        ['l0', 0],
        ['l3', 9],
      ],
      [0, 9, 9, 9],
    ],
    [
      'levels above the last entry are unreachable',
      4,
      [
        ['l0', 0],
        ['l1', 4],
      ],
      [0, 4, null, null],
    ],
    ['nothing listed: only the floor', 3, [], [0, null, null]],
    [
      'entries of other tracks are ignored',
      2,
      [
        ['x', 1],
        ['l1', 3],
      ],
      [0, 3],
    ],
  ])('%s', (_name, count, entries, expected) => {
    expect(
      resolveLevelStarts(
        levels(count),
        entries.map(([level, value]) => ({ level, value })),
      ),
    ).toEqual(expected);
  });
});

describe('wording', () => {
  it.each<[number, number, number, string]>([
    [0, 1, 1, 'None of the 1 competency is rated; 1 is needed before a level can be shown.'],
    [0, 4, 3, 'None of the 4 competencies is rated; 3 are needed before a level can be shown.'],
    [1, 10, 3, 'Only 1 of 10 competencies is rated; 3 are needed before a level can be shown.'],
    [2, 10, 3, 'Only 2 of 10 competencies are rated; 3 are needed before a level can be shown.'],
  ])('blockTooFewObserved(%s, %s, %s)', (observed, total, min, text) => {
    expect(blockTooFewObserved(observed, total, min)).toEqual({
      code: 'too-few-observed',
      competency: null,
      message: text,
    });
  });

  it.each<[string[], string]>([
    [[], ''],
    [['a'], '"a"'],
    [['a', 'b'], '"a" and "b"'],
    [['a', 'b', 'c'], '"a", "b" and "c"'],
    [['a', 'b', 'c', 'd'], '"a", "b" and 2 more'],
  ])('listNames(%j)', (names, text) => {
    expect(listNames(names)).toBe(text);
  });

  it.each<[number, string]>([
    [2, '2'],
    [1.5, '1.5'],
    [2 / 3, '0.67'],
    [0.1 + 0.2, '0.3'],
  ])('formatNumber(%s)', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});
