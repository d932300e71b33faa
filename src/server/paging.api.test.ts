import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/paging.js';
import {
  ApiTokenPage,
  AssessmentPage,
  ErrorResponse,
  EvidencePage,
  History,
  LadderVersionPage,
  PeoplePage,
  SessionPage,
  TeamPage,
} from './api-contract.js';
import type { OpenApiDocument } from './openapi-document.js';
import { buildEvidence, buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';

/*
 * Every list of the API comes a page at a time: a client walks it with the
 * cursor, sees each item once, and can never ask for an unbounded page.
 */

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t.close();
});

/** Reads every page of a list through the API, `limit` at a time, and returns the items and the number of requests. */
async function walk<T>(
  path: string,
  parse: (json: unknown) => { items: T[]; nextCursor: string | null },
  limit: number,
): Promise<{ items: T[]; requests: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let requests = 0;
  do {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) query.set('cursor', cursor);
    const response = await t.request('GET', `${path}${path.includes('?') ? '&' : '?'}${query.toString()}`);
    expect(response.status).toBe(200);
    const page = parse(response.json);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    requests += 1;
  } while (cursor !== null && requests < 100);
  return { items, requests };
}

function fieldsOf(response: { status: number; json: unknown }): string[] {
  expect(response.status).toBe(422);
  return ErrorResponse.parse(response.json).error.fields.map((f) => f.path);
}

describe('evidence pages', () => {
  it('walks a long list newest first, each piece once, ties on one date included', async () => {
    const owner = await buildPerson(t.db, { name: 'Paged Owner', managerId: t.me.id });
    const logged: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      // Five pieces share each date, so the cursor must tell apart pieces of the same day.
      const day = String(1 + Math.floor(i / 5)).padStart(2, '0');
      logged.push((await buildEvidence(t, owner, { title: `piece ${i}`, date: `2026-04-${day}` })).id);
    }
    const { items, requests } = await walk(`/api/people/${owner.id}/evidence`, (j) => EvidencePage.parse(j), 4);
    expect(requests).toBe(6);
    expect(items.map((e) => e.id)).toHaveLength(23);
    expect(new Set(items.map((e) => e.id))).toEqual(new Set(logged));
    const dates = items.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());

    const first = EvidencePage.parse((await t.request('GET', `/api/people/${owner.id}/evidence`)).json);
    expect(first.items).toHaveLength(23);
    expect(first.nextCursor).toBeNull();
  });

  it('gives a full page by default and keeps the filters across pages', async () => {
    const owner = await buildPerson(t.db, { name: 'Busy Owner', managerId: t.me.id });
    for (let i = 0; i < DEFAULT_PAGE_SIZE + 5; i += 1) {
      await buildEvidence(t, owner, {
        title: `review ${i}`,
        kind: i % 2 === 0 ? 'review' : 'design',
        competencies: ['quality'],
      });
    }
    const page = EvidencePage.parse((await t.request('GET', `/api/people/${owner.id}/evidence`)).json);
    expect(page.items).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(page.nextCursor).not.toBeNull();
    const reviews = await walk(`/api/people/${owner.id}/evidence?kind=review`, (j) => EvidencePage.parse(j), 10);
    expect(reviews.items).toHaveLength(28);
    expect(reviews.items.every((e) => e.kind === 'review')).toBe(true);
  });

  it('does not repeat or skip a piece when one is logged between two pages', async () => {
    const owner = await buildPerson(t.db, { name: 'Moving Owner', managerId: t.me.id });
    for (let i = 0; i < 6; i += 1) await buildEvidence(t, owner, { title: `old ${i}`, date: '2026-01-10' });
    const first = EvidencePage.parse((await t.request('GET', `/api/people/${owner.id}/evidence?limit=3`)).json);
    await buildEvidence(t, owner, { title: 'logged meanwhile', date: '2026-05-01' });
    const second = EvidencePage.parse(
      (await t.request('GET', `/api/people/${owner.id}/evidence?limit=3&cursor=${first.nextCursor ?? ''}`)).json,
    );
    const seen = [...first.items, ...second.items].map((e) => e.title);
    expect(new Set(seen).size).toBe(6);
    expect(seen).not.toContain('logged meanwhile');
  });

  it("shows a manager only their report's evidence shared with managers, page after page", async () => {
    const owner = await buildPerson(t.db, { name: 'Private Owner', managerId: t.me.id });
    for (let i = 0; i < 5; i += 1) {
      await buildEvidence(t, owner, { title: `p${i}`, visibility: i % 2 === 0 ? 'managers' : 'private' });
    }
    const { items } = await walk(`/api/people/${owner.id}/evidence`, (j) => EvidencePage.parse(j), 1);
    expect(items.map((e) => e.visibility)).toEqual(['managers', 'managers', 'managers']);
  });
});

describe('refused page requests', () => {
  it.each([
    ['0', 'query.limit'],
    [String(MAX_PAGE_SIZE + 1), 'query.limit'],
    ['ten', 'query.limit'],
    ['-1', 'query.limit'],
    ['2.5', 'query.limit'],
  ])('refuses limit=%s, naming %s', async (limit, field) => {
    expect(fieldsOf(await t.request('GET', `/api/people/${t.me.id}/evidence?limit=${limit}`))).toEqual([field]);
    expect(fieldsOf(await t.request('GET', `/api/people?limit=${limit}`))).toEqual([field]);
  });

  it('accepts the largest page and no larger', async () => {
    expect((await t.request('GET', `/api/people?limit=${MAX_PAGE_SIZE}`)).status).toBe(200);
  });

  it.each([
    ['made up', 'bm90IGEgY3Vyc29y'],
    ['not base64url', '!!!'],
    ['far too long', 'A'.repeat(5_000)],
  ])('refuses a cursor that is %s, naming query.cursor', async (_what, cursor) => {
    const response = await t.request('GET', `/api/people/${t.me.id}/evidence?cursor=${cursor}`);
    expect(fieldsOf(response)).toEqual(['query.cursor']);
    expect(response.text.length).toBeLessThan(2_000);
  });

  it("refuses one list's cursor on another list", async () => {
    for (let i = 0; i < 3; i += 1) await buildPerson(t.db);
    const people = PeoplePage.parse((await t.request('GET', '/api/people?limit=1')).json);
    expect(people.nextCursor).not.toBeNull();
    const response = await t.request('GET', `/api/people/${t.me.id}/evidence?cursor=${people.nextCursor ?? ''}`);
    expect(fieldsOf(response)).toEqual(['query.cursor']);
    expect(ErrorResponse.parse(response.json).error.message).toContain('nextCursor of the previous page');
  });

  it('names a bad date and a bad cursor in one answer', async () => {
    const response = await t.request('GET', `/api/people/${t.me.id}/evidence?since=soon&cursor=abc`);
    expect(fieldsOf(response).sort()).toEqual(['query.cursor', 'query.since']);
  });
});

describe('the other lists', () => {
  it('pages the directory in name order, each person once', async () => {
    for (const name of ['Östen Berg', 'aaron Ames', 'Zelda Zu']) await buildPerson(t.db, { name, team: 'Paging' });
    const everyone = await walk('/api/people', (j) => PeoplePage.parse(j), 7);
    expect(new Set(everyone.items.map((p) => p.id)).size).toBe(everyone.items.length);
    const team = await walk('/api/people?team=Paging', (j) => PeoplePage.parse(j), 1);
    expect(team.items.map((p) => p.name)).toEqual(['aaron Ames', 'Östen Berg', 'Zelda Zu']);
  });

  it('pages assessments and history newest first, the same assessments in both', async () => {
    for (const rating of ['junior', 'mid-level', 'senior', 'junior', 'mid-level']) {
      const recorded = await t.request('POST', `/api/people/${t.me.id}/assessments`, { ratings: { design: rating } });
      expect(recorded.status).toBe(201);
    }
    const assessments = await walk(`/api/people/${t.me.id}/assessments`, (j) => AssessmentPage.parse(j), 2);
    expect(assessments.requests).toBe(3);
    const ratings = assessments.items.map((a) => a.ratings.find((r) => r.competencyId === 'design')?.rating);
    expect(ratings).toEqual(['mid-level', 'junior', 'senior', 'mid-level', 'junior']);
    const history = await walk(`/api/people/${t.me.id}/history`, (j) => History.parse(j), 2);
    expect(history.items.map((h) => h.assessmentId)).toEqual(assessments.items.map((a) => a.id));
  });

  it('pages the teams in name order, accents and case folded', async () => {
    for (const team of ['Zeta', 'alpha', 'Émigrés']) await buildPerson(t.db, { team });
    const teams = await walk('/api/teams', (j) => TeamPage.parse(j), 1);
    const names = teams.items.map((team) => team.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => ['Zeta', 'alpha', 'Émigrés'].includes(n))).toEqual(['alpha', 'Émigrés', 'Zeta']);
  });

  it("pages a person's API tokens, newest first, each once", async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const created = await t.request('POST', '/api/tokens', { name: `script ${i}`, expiresInDays: 1 });
      expect(created.status).toBe(201);
      made.push((created.json as { id: string }).id);
    }
    const tokens = await walk('/api/tokens', (j) => ApiTokenPage.parse(j), 2);
    const ids = tokens.items.map((token) => token.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => made.includes(id))).toEqual([...made].reverse());
  });

  it('pages the sessions and refuses a bad limit there too', async () => {
    const sessions = await walk('/api/sessions', (j) => SessionPage.parse(j), 1);
    expect(sessions.items.length).toBeGreaterThanOrEqual(0);
    expect(fieldsOf(await t.request('GET', '/api/sessions?limit=0'))).toEqual(['query.limit']);
    expect(fieldsOf(await t.request('GET', '/api/tokens?cursor=nope'))).toEqual(['query.cursor']);
  });

  it('pages the ladder versions', async () => {
    const versions = LadderVersionPage.parse((await t.request('GET', '/api/ladders?limit=1')).json);
    expect(versions.items.map((v) => v.hash)).toEqual([t.ladder.ladder.hash]);
    expect(versions.nextCursor).toBeNull();
  });
});

describe('the OpenAPI document', () => {
  it('states the page size bounds on every list operation, and finds each of them', async () => {
    const document = (await t.request('GET', '/api/openapi.json')).json as OpenApiDocument;
    const seen: string[] = [];
    const lists = [
      'listEvidence',
      'listPeople',
      'listAssessments',
      'getHistory',
      'listLadderVersions',
      'listTeams',
      'listPeopleForAdmin',
      'listSessions',
      'listApiTokens',
    ];
    for (const [, operations] of Object.entries(document.paths)) {
      for (const operation of Object.values(
        operations as Record<string, { operationId?: string; parameters?: unknown[] }>,
      )) {
        if (!lists.includes(operation.operationId ?? '')) continue;
        const names = (operation.parameters ?? []).map((p) => (p as { name: string }).name);
        expect(names, operation.operationId).toEqual(expect.arrayContaining(['limit', 'cursor']));
        const limit = (operation.parameters ?? []).find((p) => (p as { name: string }).name === 'limit') as {
          description?: string;
        };
        expect(limit.description).toContain(`1 to ${MAX_PAGE_SIZE}`);
        seen.push(operation.operationId ?? '');
      }
    }
    expect(seen.sort()).toEqual([...lists].sort());
  });
});
