import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../services/api-token.service.js';
import { insertAccount } from '../store/account.repository.js';
import { updatePerson } from '../store/people.repository.js';
import type { PersonRow } from '../store/schema.js';
import { ReportPage } from './api-contract.js';
import { buildEvidence, buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';

/*
 * The team page's API: a manager's reports with the level their ratings show,
 * the readiness for the next level and when they were last assessed; the
 * whole tree for a skip level; paging; deactivated people left out; and only
 * shared evidence counted, as the manager sees it.
 */

let t: TestServer;
let sky: PersonRow;
let mia: PersonRow;
let pat: PersonRow;
let quinn: PersonRow;
const tokens: Record<string, string> = {};

async function withAccount(name: string, managerId: string | null): Promise<PersonRow> {
  const person = await buildPerson(t.db, {
    name,
    managerId,
    email: `${name.split(' ')[0]?.toLowerCase()}@team.example`,
  });
  await insertAccount(t.db, { personId: person.id, passwordHash: null, now: new Date().toISOString() });
  tokens[person.id] = (await createApiToken(t.db, person.id, { name: 'team', expiresInDays: 1 }, new Date())).token;
  return person;
}

async function reportsOf(viewer: PersonRow, manager: PersonRow, query = '') {
  const response = await t.anonymous('GET', `/api/people/${manager.id}/reports${query}`, undefined, {
    authorization: `Bearer ${tokens[viewer.id] ?? ''}`,
  });
  expect(response.status, response.text).toBe(200);
  return ReportPage.parse(response.json);
}

async function selfAssess(person: PersonRow, ratings: Record<string, string>) {
  const response = await t.anonymous(
    'POST',
    `/api/people/${person.id}/assessments`,
    { kind: 'self', ratings },
    { authorization: `Bearer ${tokens[person.id] ?? ''}` },
  );
  expect(response.status, response.text).toBe(201);
}

beforeAll(async () => {
  t = await startTestServer();
  sky = await withAccount('Sky Lane', null);
  mia = await withAccount('Mia Chen', sky.id);
  pat = await withAccount('Pat Doe', mia.id);
  quinn = await withAccount('Quinn Roe', mia.id);
  const gone = await withAccount('Gil Gone', mia.id);
  await updatePerson(t.db, gone.id, { deactivatedAt: '2026-11-01T00:00:00.000Z' });
  const ladder = t.ladder.ladder;
  const everything = (level: string) => Object.fromEntries(ladder.competencies.map((c) => [c.id, level]));
  await selfAssess(pat, everything('mid-level'));
  for (const competency of ladder.competencies.slice(0, 3)) {
    await buildEvidence(t, pat, { competencies: [competency.id], visibility: 'managers' });
  }
});

afterAll(async () => {
  await t.close();
});

describe("a manager's team", () => {
  it('lists the direct reports by name, each with level, readiness and last assessment; deactivated people left out', async () => {
    const page = await reportsOf(mia, mia);
    expect(page.items.map((r) => r.person.name)).toEqual(['Pat Doe', 'Quinn Roe']);
    const [patRow, quinnRow] = page.items;
    expect(patRow?.depth).toBe(1);
    expect(patRow?.assessedAt).not.toBeNull();
    expect(patRow?.next).not.toBeNull();
    expect(patRow?.readiness).toBeGreaterThanOrEqual(0);
    expect(patRow?.readiness).toBeLessThanOrEqual(1);
    // Quinn never assessed themself: no level, and nothing to be ready for yet.
    expect(quinnRow?.assessedAt).toBeNull();
    expect(quinnRow?.demonstrated).toBeNull();
    expect(quinnRow?.readiness).toBe(0);
  });

  it('gives a skip level the whole tree with scope=all, nearest first, and their direct reports without it', async () => {
    expect((await reportsOf(sky, sky)).items.map((r) => r.person.name)).toEqual(['Mia Chen']);
    const all = await reportsOf(sky, sky, '?scope=all');
    expect(all.items.map((r) => [r.person.name, r.depth])).toEqual([
      ['Mia Chen', 1],
      ['Pat Doe', 2],
      ['Quinn Roe', 2],
    ]);
    // And the skip level may open the manager's team page too.
    expect((await reportsOf(sky, mia)).items).toHaveLength(2);
  });

  it('pages with a cursor, without repeating or skipping anyone', async () => {
    const first = await reportsOf(sky, sky, '?scope=all&limit=2');
    expect(first.items.map((r) => r.person.name)).toEqual(['Mia Chen', 'Pat Doe']);
    expect(first.nextCursor).not.toBeNull();
    const second = await reportsOf(sky, sky, `?scope=all&limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((r) => r.person.name)).toEqual(['Quinn Roe']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a scope it does not know, naming the field', async () => {
    const response = await t.anonymous('GET', `/api/people/${mia.id}/reports?scope=everyone`, undefined, {
      authorization: `Bearer ${tokens[mia.id] ?? ''}`,
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('query.scope');
  });

  it('refuses a peer and the person themself, saying whose team it is', async () => {
    for (const viewer of [pat, quinn]) {
      const response = await t.anonymous('GET', `/api/people/${mia.id}/reports`, undefined, {
        authorization: `Bearer ${tokens[viewer.id] ?? ''}`,
      });
      expect(response.status).toBe(403);
      expect(response.text).toContain('the team of Mia Chen is visible to them and their managers only');
    }
  });
});
