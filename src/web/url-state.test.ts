import { describe, expect, it } from 'vitest';
import {
  evidenceQuery,
  hasEvidenceFilters,
  hrefWith,
  NO_EVIDENCE_FILTERS,
  readComparison,
  readEvidenceFilters,
  readParam,
} from './url-state.js';

describe('hrefWith', () => {
  it('leaves out empty values and keeps the order given', () => {
    expect(hrefWith('/evidence', { kind: 'design', competency: '', since: null, until: undefined, x: 'a b' })).toBe(
      '/evidence?kind=design&x=a+b',
    );
  });

  it('returns the bare path when nothing is set', () => {
    expect(hrefWith('/progress', { target: '' })).toBe('/progress');
    expect(hrefWith('/progress')).toBe('/progress');
  });
});

describe('readParam', () => {
  it('treats an empty value as absent', () => {
    expect(readParam('?target=', 'target')).toBeNull();
    expect(readParam('?target=senior', 'target')).toBe('senior');
    expect(readParam('', 'target')).toBeNull();
  });
});

describe('evidence filters', () => {
  it('round-trip through the query string', () => {
    const filters = { kind: 'incident', competency: 'reliability', since: '2025-01-01', until: '2025-06-30' };
    expect(readEvidenceFilters(evidenceQuery(filters))).toEqual(filters);
  });

  it('read as "any" when missing', () => {
    expect(readEvidenceFilters('?unrelated=1')).toEqual(NO_EVIDENCE_FILTERS);
    expect(evidenceQuery(NO_EVIDENCE_FILTERS)).toBe('');
  });

  it('say whether any is set', () => {
    expect(hasEvidenceFilters(NO_EVIDENCE_FILTERS)).toBe(false);
    expect(hasEvidenceFilters({ ...NO_EVIDENCE_FILTERS, until: '2025-01-01' })).toBe(true);
  });
});

describe('readComparison', () => {
  const levels = ['junior', 'mid-level', 'senior', 'architect'];

  it.each([
    ['?from=mid-level&to=senior', { from: 'mid-level', to: 'senior' }],
    ['?from=architect&to=junior', { from: 'architect', to: 'junior' }],
    ['', { from: 'junior', to: 'mid-level' }],
    ['?from=senior', { from: 'senior', to: 'architect' }],
    ['?from=architect', { from: 'architect', to: 'architect' }],
    ['?to=senior', { from: 'mid-level', to: 'senior' }],
    ['?to=junior', { from: 'junior', to: 'junior' }],
    ['?from=principal&to=wizard', { from: 'junior', to: 'mid-level' }],
  ])('%s', (search, expected) => {
    expect(readComparison(search, levels)).toEqual(expected);
  });

  it('copes with a one-level track', () => {
    expect(readComparison('', ['only'])).toEqual({ from: 'only', to: 'only' });
  });
});
