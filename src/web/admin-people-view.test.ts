import { describe, expect, it } from 'vitest';
import type { AdminPerson } from '../server/api-contract.js';
import {
  adminPeopleHref,
  createBody,
  deactivationQuestion,
  describeState,
  editBody,
  EMPTY_PERSON_FORM,
  formOf,
  levelsFor,
  readTeamFilter,
  searchPeople,
} from './admin-people-view.js';

const person = (overrides: Partial<AdminPerson> = {}): AdminPerson => ({
  id: 'kim',
  name: 'Kim Park',
  email: 'kim@example.com',
  team: 'Payments',
  title: null,
  managerId: 'mia',
  createdAt: '2026-11-01T09:00:00.000Z',
  timeZone: null,
  trackId: 'ic',
  levelId: 'senior',
  isAdmin: false,
  deactivatedAt: null,
  ...overrides,
});

const LADDER = {
  tracks: [
    {
      id: 'ic',
      levels: [
        { id: 'junior', title: 'Junior' },
        { id: 'senior', title: 'Senior' },
      ],
    },
    { id: 'mgmt', levels: [{ id: 'lead', title: 'Team lead' }] },
  ],
} as unknown as Parameters<typeof levelsFor>[0];

describe('the add form', () => {
  it('sends the name and email trimmed and leaves out what is empty', () => {
    expect(createBody({ ...EMPTY_PERSON_FORM, name: ' Kim ', email: 'kim@example.com ', team: '  ' })).toEqual({
      name: 'Kim',
      email: 'kim@example.com',
    });
    expect(
      createBody({ ...EMPTY_PERSON_FORM, name: 'Kim', email: 'k@x.org', managerId: 'mia', levelId: 'senior' }),
    ).toEqual({ name: 'Kim', email: 'k@x.org', managerId: 'mia', levelId: 'senior' });
  });
});

describe('the edit form', () => {
  it('sends only what changed, and an emptied field as null', () => {
    const kim = person();
    expect(editBody(kim, formOf(kim))).toEqual({});
    expect(editBody(kim, { ...formOf(kim), team: 'Search', managerId: '' })).toEqual({
      team: 'Search',
      managerId: null,
    });
    expect(editBody(kim, { ...formOf(kim), name: 'Kim Lee ', title: 'Staff engineer' })).toEqual({
      name: 'Kim Lee',
      title: 'Staff engineer',
    });
  });

  it('starts from the stored person, with empty inputs for what is not set', () => {
    expect(formOf(person({ email: null, team: null, managerId: null, trackId: null, levelId: null }))).toEqual({
      ...EMPTY_PERSON_FORM,
      name: 'Kim Park',
    });
  });
});

describe('the list', () => {
  it('finds people by name or email without case or accents', () => {
    const people = [person(), person({ id: 'jose', name: 'José Ortiz', email: 'jose@example.com' })];
    expect(searchPeople(people, 'JOSE').map((p) => p.id)).toEqual(['jose']);
    expect(searchPeople(people, 'kim@').map((p) => p.id)).toEqual(['kim']);
    expect(searchPeople(people, '  ')).toHaveLength(2);
    expect(searchPeople(people, 'nobody')).toEqual([]);
  });

  it('keeps the team filter in the address bar', () => {
    expect(adminPeopleHref('Platform & Ops')).toBe('/admin/people?team=Platform+%26+Ops');
    expect(adminPeopleHref(null)).toBe('/admin/people');
    expect(readTeamFilter('?team=Platform+%26+Ops')).toBe('Platform & Ops');
    expect(readTeamFilter('')).toBeNull();
  });

  it('says whether someone is active, since when deactivated, and admin', () => {
    expect(describeState(person())).toBe('Active');
    expect(describeState(person({ isAdmin: true }))).toBe('Active · admin');
    expect(describeState(person({ deactivatedAt: '2026-11-20T10:00:00.000Z' }))).toBe('Deactivated 2026-11-20');
  });

  it('offers the levels of the chosen track, else of the first track', () => {
    expect(levelsFor(LADDER, 'mgmt').map((l) => l.id)).toEqual(['lead']);
    expect(levelsFor(LADDER, '').map((l) => l.id)).toEqual(['junior', 'senior']);
  });

  it('asks before deactivating, saying what stays', () => {
    expect(deactivationQuestion('Kim Park')).toBe(
      'Deactivate Kim Park? They can no longer sign in; everything they recorded stays, and you can reactivate them later.',
    );
  });
});
