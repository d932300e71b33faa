import { describe, expect, it } from 'vitest';
import { errorFor, hasFieldErrors, mapFieldErrors, NO_FIELD_ERRORS, splitFieldPath } from './field-errors.js';

const inputs = ['title', 'kind', 'date', 'competencies', 'links', 'body', 'visibility'];

describe('splitFieldPath', () => {
  it.each([
    ['body.competencies.1', ['competencies', '1']],
    ['body.date', ['date']],
    ['query.since', ['since']],
    ['title', ['title']],
    ['body', []],
    ['', []],
  ])('%s', (path, expected) => {
    expect(splitFieldPath(path)).toEqual(expected);
  });
});

describe('mapFieldErrors', () => {
  it('puts each problem under the input its path names', () => {
    const errors = mapFieldErrors(
      [
        { path: 'body.date', message: 'must not be in the future' },
        { path: 'body.competencies', message: 'name at least one competency' },
        { path: 'body.title', message: 'must not be empty' },
      ],
      inputs,
    );
    expect(errors.byField).toEqual({
      date: ['must not be in the future'],
      competencies: ['name at least one competency'],
      title: ['must not be empty'],
    });
    expect(errors.general).toEqual([]);
  });

  it('names the item of a list input when told how', () => {
    const errors = mapFieldErrors(
      [
        { path: 'body.links.1', message: 'must be an http(s) URL' },
        { path: 'body.competencies.0', message: 'is not on the ladder' },
      ],
      inputs,
      { describeItem: { links: (i) => `Line ${i + 1}` } },
    );
    expect(errorFor(errors, 'links')).toBe('Line 2: must be an http(s) URL');
    expect(errorFor(errors, 'competencies')).toBe('is not on the ladder');
  });

  it('follows aliases and joins several messages for one input', () => {
    const errors = mapFieldErrors(
      [
        { path: 'body.competencyIds.0', message: 'unknown competency "x"' },
        { path: 'body.competencyIds.1', message: 'unknown competency "y"' },
      ],
      inputs,
      { aliases: { competencyIds: 'competencies' } },
    );
    expect(errorFor(errors, 'competencies')).toBe('unknown competency "x" unknown competency "y"');
  });

  it('keeps problems no input claims for the summary, with their path', () => {
    const errors = mapFieldErrors(
      [
        { path: 'body.colour', message: 'is not a known field' },
        { path: '', message: 'the body must be JSON' },
      ],
      inputs,
    );
    expect(errors.byField).toEqual({});
    expect(errors.general).toEqual(['body.colour: is not a known field', 'the body must be JSON']);
    expect(hasFieldErrors(errors)).toBe(true);
  });

  it('reports nothing for no problems', () => {
    expect(hasFieldErrors(mapFieldErrors([], inputs))).toBe(false);
    expect(hasFieldErrors(NO_FIELD_ERRORS)).toBe(false);
    expect(errorFor(NO_FIELD_ERRORS, 'title')).toBeUndefined();
  });
});
