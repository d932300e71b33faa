import { describe, expect, it } from 'vitest';
import {
  datesAsInput,
  errorFor,
  formatDateAsInput,
  hasFieldErrors,
  mapFieldErrors,
  NO_FIELD_ERRORS,
  splitFieldPath,
} from './field-errors.js';

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

describe('dates in errors, as the date input shows them', () => {
  it.each([
    ['en-US', '03/11/2026'],
    ['en-GB', '11/03/2026'],
    ['de-DE', '11.03.2026'],
  ])('writes 2026-03-11 in %s as %s', (locale, shown) => {
    expect(formatDateAsInput('2026-03-11', locale)).toBe(shown);
  });

  it('never shifts a calendar day, whatever the zone', () => {
    expect(formatDateAsInput('1900-01-01', 'en-US')).toBe('01/01/1900');
  });

  it('rewrites every date of a message and leaves the rest', () => {
    expect(datesAsInput('2026-03-12 is in the future; evidence records what already happened', 'en-GB')).toBe(
      '12/03/2026 is in the future; evidence records what already happened',
    );
    expect(datesAsInput('"tomorrow" is not a date; use YYYY-MM-DD', 'en-GB')).toBe(
      '"tomorrow" is not a date; use YYYY-MM-DD',
    );
  });

  it('rewrites only the messages of the inputs it is told to', () => {
    const errors = mapFieldErrors(
      [
        { path: 'body.date', message: '2026-03-12 is in the future' },
        { path: 'body.links.0', message: '"ftp://x/2026-03-12" is not an http(s) URL' },
      ],
      inputs,
      { rewrite: { date: (m) => datesAsInput(m, 'en-US') } },
    );
    expect(errorFor(errors, 'date')).toBe('03/12/2026 is in the future');
    expect(errorFor(errors, 'links')).toBe('"ftp://x/2026-03-12" is not an http(s) URL');
  });
});
