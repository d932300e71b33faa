import { describe, expect, it } from 'vitest';
import { matchRoute, navSectionOf, pathOf, type Route } from './router.js';

describe('matchRoute', () => {
  it.each<[string, Route]>([
    ['/', { name: 'progress' }],
    ['', { name: 'progress' }],
    ['/progress', { name: 'progress' }],
    ['/progress/', { name: 'progress' }],
    ['/ladder', { name: 'ladder' }],
    ['/ladder/compare', { name: 'ladder-compare' }],
    ['/ladder/levels/senior', { name: 'level', levelId: 'senior' }],
    ['/ladder/competencies/time-horizon', { name: 'competency', competencyId: 'time-horizon' }],
    ['/assess', { name: 'assess', competencyId: null }],
    ['/assess/design', { name: 'assess', competencyId: 'design' }],
    ['/evidence', { name: 'evidence-list' }],
    ['/evidence/new', { name: 'evidence-new' }],
    ['/evidence/abc-123/edit', { name: 'evidence-edit', evidenceId: 'abc-123' }],
    ['/history', { name: 'history' }],
    ['/sign-in', { name: 'sign-in' }],
    ['/setup', { name: 'setup' }],
    ['/reset-password', { name: 'reset-password' }],
    ['/settings/security', { name: 'security' }],
    ['/settings/data', { name: 'your-data' }],
    ['/settings/data/access', { name: 'data-access' }],
    ['/admin/audit', { name: 'audit-log' }],
    ['/team', { name: 'team' }],
    ['/people/p-1', { name: 'person-progress', personId: 'p-1' }],
    ['/people/p-1/evidence', { name: 'person-evidence', personId: 'p-1' }],
    ['/people/p-1/history', { name: 'person-history', personId: 'p-1' }],
    ['/admin/import', { name: 'admin-import' }],
    ['/admin/ladder', { name: 'admin-ladder' }],
    ['/admin/settings', { name: 'admin-settings' }],
    ['/admin/people', { name: 'admin-people' }],
    ['/ladder/levels/a%20b', { name: 'level', levelId: 'a b' }],
  ])('%s', (path, expected) => {
    expect(matchRoute(path)).toEqual(expected);
  });

  it.each([
    '/nope',
    '/progress/extra',
    '/ladder/levels',
    '/ladder/other',
    '/assess/design/extra',
    '/evidence/abc',
    '/evidence/abc/delete',
    '/history/1',
    '/admin',
    '/settings/data/other',
    '/people',
    '/people/p-1/assess',
    '/team/extra',
    '/ladder/levels/%E0%A4%A',
  ])('%s is not found', (path) => {
    expect(matchRoute(path)).toEqual({ name: 'not-found' });
  });
});

describe('navSectionOf', () => {
  it('puts the ladder detail pages under Ladder and the evidence form under Evidence', () => {
    expect(navSectionOf({ name: 'competency', competencyId: 'x' })).toBe('ladder');
    expect(navSectionOf({ name: 'evidence-edit', evidenceId: 'x' })).toBe('evidence');
    expect(navSectionOf({ name: 'not-found' })).toBeNull();
  });

  it("puts someone else's screens under Team, where a manager opened them", () => {
    expect(navSectionOf({ name: 'person-progress', personId: 'x' })).toBe('team');
    expect(navSectionOf({ name: 'person-history', personId: 'x' })).toBe('team');
    expect(navSectionOf({ name: 'team' })).toBe('team');
  });
});

describe('pathOf', () => {
  it('escapes each segment and round-trips through matchRoute', () => {
    const path = pathOf('ladder', 'levels', 'a/b c');
    expect(path).toBe('/ladder/levels/a%2Fb%20c');
    expect(matchRoute(path)).toEqual({ name: 'level', levelId: 'a/b c' });
  });
});
