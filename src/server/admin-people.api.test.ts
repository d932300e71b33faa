import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAccount } from '../store/account.repository.js';
import type { PersonRow } from '../store/schema.js';
import { AdminPeoplePage, AdminPerson, ErrorResponse, PeoplePage, TeamPage } from './api-contract.js';
import { buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';
import { createApiToken } from '../services/api-token.service.js';

/*
 * The admin screens' API for people: an admin adds, edits, moves, deactivates
 * and makes admin; every field at fault is named; everyone else is refused
 * with the policy's sentence and nothing changes.
 */

let t: TestServer;
let pat: PersonRow;
let patToken: string;

beforeAll(async () => {
  t = await startTestServer();
  pat = await buildPerson(t.db, { name: 'Pat Doe', email: 'pat@example.com', team: 'Payments' });
  await insertAccount(t.db, { personId: pat.id, passwordHash: null, now: new Date().toISOString() });
  patToken = (await createApiToken(t.db, pat.id, { name: 'test', expiresInDays: 1 }, new Date())).token;
});

afterAll(async () => {
  await t.close();
});

const asPat = (method: string, path: string, body?: unknown) =>
  t.request(method, path, body, { authorization: `Bearer ${patToken}` });

const fieldsOf = (json: unknown) => ErrorResponse.parse(json).error.fields;

describe('POST /api/people', () => {
  it('adds a person with a new team, manager, track and level, and lists them', async () => {
    const response = await t.request('POST', '/api/people', {
      name: 'Kim Park',
      email: 'Kim.Park@example.com',
      team: 'Search',
      managerId: pat.id,
      title: 'Engineer',
      trackId: 'ic',
      levelId: 'senior',
    });
    expect(response.status).toBe(201);
    const kim = AdminPerson.parse(response.json);
    expect(kim).toMatchObject({
      name: 'Kim Park',
      email: 'kim.park@example.com',
      team: 'Search',
      managerId: pat.id,
      trackId: 'ic',
      levelId: 'senior',
      isAdmin: false,
      deactivatedAt: null,
    });
    const teams = TeamPage.parse((await t.request('GET', '/api/teams')).json).items.map((x) => x.name);
    expect(teams).toContain('Search');
    const search = AdminPeoplePage.parse((await t.request('GET', '/api/admin/people?team=Search')).json);
    expect(search.items.map((p) => p.email)).toEqual(['kim.park@example.com']);
  });

  it('names each field at fault: a taken email is a 409 at body.email, unknown manager, track, level a 422', async () => {
    const taken = await t.request('POST', '/api/people', { name: 'Pat Two', email: 'PAT@example.com' });
    expect(taken.status).toBe(409);
    expect(fieldsOf(taken.json)).toEqual([
      { path: 'body.email', message: 'Pat Doe already has the email pat@example.com; each person needs their own' },
    ]);
    const manager = await t.request('POST', '/api/people', { name: 'X', email: 'x@example.com', managerId: 'nobody' });
    expect(manager.status).toBe(422);
    expect(fieldsOf(manager.json)).toEqual([{ path: 'body.managerId', message: 'no person has the id "nobody"' }]);
    const level = await t.request('POST', '/api/people', { name: 'X', email: 'x@example.com', levelId: 'ceo' });
    expect(fieldsOf(level.json).map((f) => f.path)).toEqual(['body.levelId']);
    const shape = await t.request('POST', '/api/people', { name: '', email: 'not an email', team: 'x'.repeat(101) });
    expect(shape.status).toBe(422);
    expect(fieldsOf(shape.json).map((f) => f.path)).toEqual(['body.name', 'body.email', 'body.team']);
    const people = PeoplePage.parse((await t.request('GET', '/api/people?limit=200')).json).items;
    expect(people.map((p) => p.email)).not.toContain('x@example.com');
  });
});

describe('PATCH /api/admin/people/:personId', () => {
  it('moves a person to another team and manager, and refuses a manager that makes a cycle', async () => {
    const lee = await buildPerson(t.db, { name: 'Lee Moss', email: 'lee@example.com', managerId: pat.id });
    const moved = await t.request('PATCH', `/api/admin/people/${pat.id}`, { team: 'Platform', managerId: t.me.id });
    expect(moved.status).toBe(200);
    expect(AdminPerson.parse(moved.json)).toMatchObject({ team: 'Platform', managerId: t.me.id });

    const cycle = await t.request('PATCH', `/api/admin/people/${pat.id}`, { title: 'Lead', managerId: lee.id });
    expect(cycle.status).toBe(422);
    expect(fieldsOf(cycle.json)).toEqual([
      {
        path: 'body.managerId',
        message: 'Lee Moss reports to Pat Doe, so managing them would make the chain go round',
      },
    ]);
    const stored = AdminPerson.parse((await t.request('PATCH', `/api/admin/people/${pat.id}`, {})).json);
    expect(stored.title).not.toBe('Lead');
  });

  it('deactivates and reactivates, and never leaves the organisation without an active admin', async () => {
    const off = AdminPerson.parse((await t.request('PATCH', `/api/admin/people/${pat.id}`, { active: false })).json);
    expect(off.deactivatedAt).not.toBeNull();
    expect((await asPat('GET', '/api/me')).status).toBe(401);
    const on = AdminPerson.parse((await t.request('PATCH', `/api/admin/people/${pat.id}`, { active: true })).json);
    expect(on.deactivatedAt).toBeNull();

    const last = await t.request('PATCH', `/api/admin/people/${t.me.id}`, { isAdmin: false });
    expect(last.status).toBe(409);
    expect(fieldsOf(last.json)).toEqual([
      { path: 'body.isAdmin', message: 'Sam Okafor is the last active admin; make someone else an admin first' },
    ]);
    expect((await t.request('PATCH', `/api/admin/people/${t.me.id}`, { active: false })).status).toBe(409);

    const admin = AdminPerson.parse((await t.request('PATCH', `/api/admin/people/${pat.id}`, { isAdmin: true })).json);
    expect(admin.isAdmin).toBe(true);
    expect((await asPat('GET', '/api/admin/people')).status).toBe(200);
    const back = await t.request('PATCH', `/api/admin/people/${pat.id}`, { isAdmin: false });
    expect(AdminPerson.parse(back.json).isAdmin).toBe(false);
  });

  it('answers 404 for nobody, and names unknown fields', async () => {
    expect((await t.request('PATCH', '/api/admin/people/nobody', { title: 'x' })).status).toBe(404);
    const unknown = await t.request('PATCH', `/api/admin/people/${pat.id}`, { salary: 1 });
    expect(unknown.status).toBe(422);
    expect(fieldsOf(unknown.json).map((f) => f.path)).toEqual(['body.salary']);
  });
});

describe('everyone but an admin', () => {
  it('is refused with the policy sentence, and nothing changes', async () => {
    const sentence =
      'only an admin can change the organisation, and Pat Doe is not one; ask an admin to make the change';
    const calls = [
      asPat('GET', '/api/admin/people'),
      asPat('POST', '/api/people', { name: 'Sneaky', email: 'sneaky@example.com' }),
      asPat('PATCH', `/api/admin/people/${pat.id}`, { isAdmin: true }),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(403);
      expect(ErrorResponse.parse(response.json).error).toEqual({ code: 'forbidden', message: sentence, fields: [] });
    }
    const people = AdminPeoplePage.parse((await t.request('GET', '/api/admin/people?limit=200')).json).items;
    expect(people.map((p) => p.email)).not.toContain('sneaky@example.com');
    expect(people.find((p) => p.id === pat.id)?.isAdmin).toBe(false);
    expect((await t.anonymous('GET', '/api/admin/people')).status).toBe(401);
  });
});
