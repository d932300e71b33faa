import { describe, expect, it } from 'vitest';
import type { Problem } from '../core/domain-error.js';
import {
  capProblems,
  MAX_REPORTED_PROBLEMS,
  moreProblemsMessage,
  problemsError,
  quoteInput,
  shortKey,
} from './problems.js';

/*
 * How an error reports a list of problems and quotes a person's input back:
 * small whatever was sent, and still saying how much was wrong.
 */

const problems = (count: number): Problem[] =>
  Array.from({ length: count }, (_, i) => ({ path: ['items', i], message: `item ${i} is wrong` }));

describe('capProblems', () => {
  it('keeps a list of up to twenty problems as it is', () => {
    expect(MAX_REPORTED_PROBLEMS).toBe(20);
    expect(capProblems(problems(20))).toEqual(problems(20));
    expect(capProblems([])).toEqual([]);
  });

  it('keeps the first twenty of a longer list and counts the rest in one last problem', () => {
    const capped = capProblems(problems(21));
    expect(capped).toHaveLength(21);
    expect(capped.slice(0, 20)).toEqual(problems(20));
    expect(capped[20]).toEqual({ path: [], message: 'and 1 more problem' });
    expect(capProblems(problems(1_520)).at(-1)).toEqual({ path: [], message: 'and 1,500 more problems' });
  });

  it('does not change the list it was given', () => {
    const list = problems(25);
    capProblems(list);
    expect(list).toHaveLength(25);
  });
});

describe('moreProblemsMessage', () => {
  it.each([
    [1, 'and 1 more problem'],
    [2, 'and 2 more problems'],
    [12_345, 'and 12,345 more problems'],
  ])('%i: %s', (count, message) => {
    expect(moreProblemsMessage(count)).toBe(message);
  });
});

describe('quoting input', () => {
  it('quotes short input whole and long input cut at sixty characters', () => {
    expect(quoteInput('speed')).toBe('"speed"');
    expect(quoteInput('a"b')).toBe('"a\\"b"');
    expect(quoteInput('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
    expect(quoteInput('x'.repeat(61))).toBe(`"${'x'.repeat(60)}…"`);
  });

  it('shortens a key of a path the same way, without quotes', () => {
    expect(shortKey('scope')).toBe('scope');
    expect(shortKey('k'.repeat(60))).toBe('k'.repeat(60));
    expect(shortKey('k'.repeat(61))).toBe(`${'k'.repeat(60)}…`);
  });
});

describe('problemsError', () => {
  it('puts each problem on a line of the message, by path, and keeps them as fields', () => {
    const error = problemsError('rating_invalid', [
      { path: ['ratings', 'scope'], message: 'is not a level' },
      { path: [], message: 'rate at least one competency' },
    ]);
    expect(error.code).toBe('rating_invalid');
    expect(error.message).toBe('ratings.scope: is not a level\nrate at least one competency');
    expect(error.problems).toEqual([
      { path: ['ratings', 'scope'], message: 'is not a level' },
      { path: [], message: 'rate at least one competency' },
    ]);
  });

  it('caps a long list in the fields and the message alike', () => {
    const error = problemsError('input_invalid', problems(30));
    expect(error.code).toBe('input_invalid');
    expect(error.problems).toHaveLength(21);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('items.0: item 0 is wrong');
    expect(lines[20]).toBe('and 10 more problems');
  });
});
