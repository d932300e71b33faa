import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdmin } from '../services/org.service.js';
import { ErrorResponse, ImportPlan, PeoplePage, TeamPage } from './api-contract.js';
import { startTestServer, type TestServer } from './test-server.fixtures.js';

/*
 * The organisation over HTTP: only an admin imports, a wrong file is a 422
 * whose fields point at body.csv with each problem's line and column, and the
 * teams list follows what was imported.
 */

const EXAMPLE = readFileSync(new URL('../../examples/people.csv', import.meta.url), 'utf8');
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t.close();
});

describe('POST /api/org/import', () => {
  it('lets an admin plan with a dry run, writing nothing, and then import', async () => {
    const dry = await t.request('POST', '/api/org/import', { csv: EXAMPLE, dryRun: true });
    expect(dry.status).toBe(200);
    const plan = ImportPlan.parse(dry.json);
    expect(plan).toMatchObject({ dryRun: true, applied: false, teamsCreated: ['Payments', 'Search'], notInFile: 1 });
    expect(plan.added).toHaveLength(8);
    expect(TeamPage.parse((await t.request('GET', '/api/teams')).json).items).toEqual([]);

    const done = ImportPlan.parse((await t.request('POST', '/api/org/import', { csv: EXAMPLE })).json);
    expect(done).toMatchObject({ applied: true, dryRun: false });
    const teams = TeamPage.parse((await t.request('GET', '/api/teams')).json).items;
    expect(teams.map((team) => [team.name, team.members])).toEqual([
      ['Payments', 4],
      ['Search', 3],
    ]);

    const again = ImportPlan.parse((await t.request('POST', '/api/org/import', { csv: EXAMPLE })).json);
    expect(again).toMatchObject({ added: [], updated: [], unchanged: 8, teamsCreated: [] });
  });

  it('answers 422 with every problem at body.csv, located in the file, and writes nothing', async () => {
    const before = (await t.request('GET', '/api/people')).json;
    const response = await t.request('POST', '/api/org/import', {
      fileName: 'org.csv',
      csv: 'email,name,team,manager_email,track,level\nnew@example.com,New,,x@y.org,,\nnew2@example.com,,,,ic,senior\n',
    });
    expect(response.status).toBe(422);
    const body = ErrorResponse.parse(response.json);
    expect(body.error.code).toBe('input_invalid');
    expect(body.error.message.split('\n')[0]).toBe('org.csv: 2 problems; nothing was imported');
    expect(body.error.fields).toEqual([
      {
        path: 'body.csv',
        message: 'org.csv:2:4: column manager_email: no one in the file or the organisation has the email "x@y.org"',
      },
      { path: 'body.csv', message: 'org.csv:3:2: column name: empty; every person needs a name' },
    ]);
    expect((await t.request('GET', '/api/people')).json).toEqual(before);
  });

  it('refuses a body that is not the contract, naming the field', async () => {
    const response = await t.request('POST', '/api/org/import', { csv: 42, dryRun: 'yes' });
    expect(response.status).toBe(422);
    const fields = ErrorResponse.parse(response.json).error.fields.map((f) => f.path);
    expect(fields).toEqual(['body.csv', 'body.dryRun']);
    const long = await t.request('POST', '/api/org/import', { csv: 'x'.repeat(1_000_001) });
    expect(long.status).toBe(422);
    expect(ErrorResponse.parse(long.json).error.fields).toEqual([
      {
        path: 'body.csv',
        message:
          'the file has 1,000,001 characters; the API takes at most 1,000,000: import a larger file with longhaul org import',
      },
    ]);
  });

  it('refuses anyone but an admin with 403 and a sentence, writing nothing', async () => {
    await setAdmin(t.db, t.me.id, false);
    try {
      const response = await t.request('POST', '/api/org/import', {
        csv: 'email,name,team,manager_email,track,level\nsomeone@example.com,Someone,,,,\n',
      });
      expect(response.status).toBe(403);
      const body = ErrorResponse.parse(response.json);
      expect(body.error).toEqual({
        code: 'forbidden',
        message:
          'only an admin can change the organisation, and Sam Okafor is not one; ask an admin to make the change',
        fields: [],
      });
      const people = PeoplePage.parse((await t.request('GET', '/api/people?limit=200')).json).items;
      expect(people.map((p) => p.email)).not.toContain('someone@example.com');
      // Teams stay readable to everyone.
      expect((await t.request('GET', '/api/teams')).status).toBe(200);
    } finally {
      await setAdmin(t.db, t.me.id, true);
    }
  });
});
