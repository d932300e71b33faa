import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse, PeoplePage, TeamPage, TeamRenamed } from './api-contract.js';
import { buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';

/* Renaming a team from the admin screens: its people move with it, a name taken but for case is refused. */

let t: TestServer;
const teamId = async (name: string) =>
  (await t.db.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await startTestServer();
  await buildPerson(t.db, { name: 'Ann Lee', team: 'Payments' });
  await buildPerson(t.db, { name: 'Bo Chen', team: 'Payments' });
  await buildPerson(t.db, { name: 'Cy Diaz', team: 'Search' });
});

afterAll(async () => {
  await t.close();
});

describe('renaming a team', () => {
  it('renames it, and its people are in it under the new name', async () => {
    const response = await t.request('PATCH', `/api/admin/teams/${await teamId('Payments')}`, {
      name: '  Payments   Platform ',
    });
    expect(response.status, response.text).toBe(200);
    expect(TeamRenamed.parse(response.json).name).toBe('Payments Platform');
    const teams = TeamPage.parse((await t.request('GET', '/api/teams')).json);
    expect(teams.items.map((team) => [team.name, team.members])).toEqual([
      ['Payments Platform', 2],
      ['Search', 1],
    ]);
    const people = PeoplePage.parse((await t.request('GET', '/api/people?team=Payments%20Platform')).json);
    expect(people.items.map((p) => p.name)).toEqual(['Ann Lee', 'Bo Chen']);
  });

  it('refuses a name another team has but for case, an empty one and a team that does not exist', async () => {
    const search = await teamId('Search');
    const taken = await t.request('PATCH', `/api/admin/teams/${search}`, { name: 'payments platform' });
    expect(taken.status).toBe(409);
    expect(ErrorResponse.parse(taken.json).error.fields[0]?.path).toBe('body.name');
    const empty = await t.request('PATCH', `/api/admin/teams/${search}`, { name: '   ' });
    expect(empty.status).toBe(422);
    expect(ErrorResponse.parse(empty.json).error.fields[0]).toMatchObject({
      path: 'body.name',
      message: 'give the team a name',
    });
    const long = await t.request('PATCH', `/api/admin/teams/${search}`, { name: 'x'.repeat(101) });
    expect(ErrorResponse.parse(long.json).error.fields[0]).toMatchObject({
      path: 'body.name',
      message: '101 characters; a team name has at most 100',
    });
    const missing = await t.request('PATCH', '/api/admin/teams/no-such-team', { name: 'Anything' });
    expect(missing.status).toBe(404);
    // Nothing changed.
    const teams = TeamPage.parse((await t.request('GET', '/api/teams')).json);
    expect(teams.items.map((team) => team.name)).toEqual(['Payments Platform', 'Search']);
  });
});
