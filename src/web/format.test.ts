import { describe, expect, it } from 'vitest';
import { formatDate, formatPercent, formatShortDate, isIsoDate, pluralise, toIsoDate } from './format.js';

describe('formatDate', () => {
  it.each([
    ['2025-03-01', '1 March 2025'],
    ['2024-12-31', '31 December 2024'],
  ])('writes the calendar date %s as %s whatever the zone', (input, expected) => {
    expect(formatDate(input)).toBe(expected);
  });

  it('writes a timestamp in the given zone', () => {
    expect(formatDate('2025-06-30T23:30:00Z', 'UTC')).toBe('30 June 2025');
    expect(formatDate('2025-06-30T23:30:00Z', 'Europe/London')).toBe('1 July 2025');
  });

  it('leaves text that is not a date alone', () => {
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('formatShortDate', () => {
  it('abbreviates the month', () => {
    expect(formatShortDate('2025-09-03')).toBe('3 Sept 2025');
    expect(formatShortDate('2025-03-03T12:00:00Z', 'UTC')).toBe('3 Mar 2025');
  });
});

describe('toIsoDate', () => {
  it('uses the local calendar date, padded', () => {
    expect(toIsoDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});

describe('formatPercent', () => {
  it.each([
    [0, '0%'],
    [0.456, '46%'],
    [1, '100%'],
    [1.4, '100%'],
    [-0.2, '0%'],
    [Number.NaN, '0%'],
  ])('writes %s as %s', (share, expected) => {
    expect(formatPercent(share)).toBe(expected);
  });
});

describe('pluralise', () => {
  it('picks the singular only for one', () => {
    expect(pluralise(0, 'item')).toBe('0 items');
    expect(pluralise(1, 'item')).toBe('1 item');
    expect(pluralise(2, 'competency', 'competencies')).toBe('2 competencies');
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2025-02-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-2-3', false],
    ['', false],
  ])('%s -> %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});
