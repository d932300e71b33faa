import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLadder } from '../core/ladder-loader.js';
import { DEFAULT_LADDER_FILE } from '../services/ladder-files.js';
import { activateLadder } from '../services/workspace.service.js';
import {
  Assessment,
  AssessmentPage,
  ErrorResponse,
  Evidence,
  EvidencePage,
  History,
  Ladder,
  LadderDiff,
  LadderVersionPage,
  Me,
  PeoplePage,
  Person,
  Progress,
} from './api-contract.js';
import { buildServer } from './app.js';
import { buildEvidence, buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t.close();
});

const NOT_SHARED = 'this evidence is not shared with you; only its author decides who sees it';

/** Expects an error response of this status and code, and returns its body. */
function expectError(response: { status: number; json: unknown }, status: number, code: string): ErrorResponse {
  expect(response.status).toBe(status);
  const body = ErrorResponse.parse(response.json);
  expect(body.error.code).toBe(code);
  return body;
}

describe('GET /api/me', () => {
  it('says who is signed in, how, and that they are an admin; a token needs no CSRF token', async () => {
    const response = await t.request('GET', '/api/me');
    expect(response.status).toBe(200);
    const me = Me.parse(response.json);
    expect(me).toMatchObject({
      mode: 'token',
      isAdmin: true,
      person: { id: t.me.id, name: 'Sam Okafor' },
      ladder: { id: 'longhaul' },
    });
    expect(me.notice).toBeNull();
    expect(me.csrfToken).toBeNull();
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('echoes a well-formed x-request-id so logs and clients can be matched', async () => {
    const response = await t.request('GET', '/api/me', undefined, { 'x-request-id': 'trace-42' });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
  });
});

describe('ladders', () => {
  it('lists versions, serves the active ladder, one version by hash prefix, and the diff of two', async () => {
    const list = LadderVersionPage.parse((await t.request('GET', '/api/ladders')).json).items;
    expect(list).toEqual([expect.objectContaining({ id: 'longhaul', hash: t.ladder.ladder.hash, active: true })]);

    const active = Ladder.parse((await t.request('GET', '/api/ladders/active')).json);
    expect(active.hash).toBe(t.ladder.ladder.hash);
    expect(active.tracks[0]?.levels.map((l) => l.id)).toEqual(['junior', 'mid-level', 'senior', 'architect']);
    // Every level carries its rule in words, generated from the policy.
    expect(active.tracks[0]?.levels.find((l) => l.id === 'architect')?.rule).toBe(
      'At least 80% of the rated competencies that apply at Architect rated Architect or above, none more than one level below; "Design and trade-offs" and "Technology judgement" rated Architect or above; at least 6 competencies rated; each rating needs 3 pieces of evidence to count at Architect; every lower level met.',
    );

    const short = t.ladder.ladder.hash.slice(0, 8);
    const version = Ladder.parse((await t.request('GET', `/api/ladders/longhaul/versions/${short}`)).json);
    expect(version.hash).toBe(t.ladder.ladder.hash);
    expectError(await t.request('GET', '/api/ladders/longhaul/versions/ffffffffffff'), 404, 'ladder_not_found');
    expectError(await t.request('GET', `/api/ladders/nope/versions/${short}`), 404, 'ladder_not_found');

    const same = LadderDiff.parse(
      (await t.request('GET', `/api/ladders/longhaul/diff?from=${short}&to=${short}`)).json,
    );
    expect(same.changes).toEqual([]);
    const missing = expectError(await t.request('GET', '/api/ladders/longhaul/diff?from=abc'), 422, 'input_invalid');
    expect(missing.error.fields.map((f) => f.path)).toEqual(['query.to']);
  });
});

describe('people', () => {
  it('lists everyone or one team, and shows one profile', async () => {
    const ada = await buildPerson(t.db, { name: 'Ada Team', team: 'Platform-people' });
    const people = PeoplePage.parse((await t.request('GET', '/api/people')).json).items;
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([t.me.id, ada.id]));
    const team = PeoplePage.parse((await t.request('GET', '/api/people?team=Platform-people')).json).items;
    expect(team.map((p) => p.name)).toEqual(['Ada Team']);
    expect(Person.parse((await t.request('GET', `/api/people/${ada.id}`)).json)).toMatchObject({
      name: 'Ada Team',
      team: 'Platform-people',
    });
    expectError(await t.request('GET', '/api/people/no-such-person'), 404, 'person_not_found');
  });
});

describe('evidence', () => {
  it('logs evidence (201) and lists it newest first, filtered by competency, kind and dates', async () => {
    const me = await startTestServer();
    try {
      const log = (body: object) => me.request('POST', `/api/people/${me.me.id}/evidence`, body);
      const first = await log({
        title: 'Fixed the flaky deploy',
        kind: 'delivery',
        competencies: ['quality'],
        date: '2026-01-10',
      });
      expect(first.status).toBe(201);
      expect(Evidence.parse(first.json)).toMatchObject({
        personId: me.me.id,
        visibility: 'private',
        competencyIds: ['quality'],
        ladderHash: me.ladder.ladder.hash,
      });
      await log({
        title: 'Paged and fixed checkout',
        kind: 'incident',
        competencies: ['reliability', 'debugging'],
        date: '2026-02-01',
      });
      await log({ title: 'Mentored a new joiner', kind: 'mentoring', competencies: ['mentoring'], date: '2026-03-01' });

      const titles = async (query: string) =>
        EvidencePage.parse((await me.request('GET', `/api/people/${me.me.id}/evidence${query}`)).json).items.map(
          (e) => e.title,
        );
      expect(await titles('')).toEqual(['Mentored a new joiner', 'Paged and fixed checkout', 'Fixed the flaky deploy']);
      expect(await titles('?competency=debugging')).toEqual(['Paged and fixed checkout']);
      expect(await titles('?kind=delivery')).toEqual(['Fixed the flaky deploy']);
      expect(await titles('?since=2026-01-15&until=2026-02-28')).toEqual(['Paged and fixed checkout']);
      const bad = expectError(
        await me.request('GET', `/api/people/${me.me.id}/evidence?since=yesterday&competency=nope`),
        422,
        'input_invalid',
      );
      expect(bad.error.fields.map((f) => f.path)).toEqual(['query.competency']);
      const badDate = expectError(
        await me.request('GET', `/api/people/${me.me.id}/evidence?since=2026-02-30`),
        422,
        'input_invalid',
      );
      expect(badDate.error.fields.map((f) => f.path)).toEqual(['query.since']);
    } finally {
      await me.close();
    }
  });

  it('reports every field at fault, with its path, and stores nothing', async () => {
    const response = await t.request('POST', `/api/people/${t.me.id}/evidence`, {
      title: ' ',
      kind: 'heroics',
      competencies: ['reliability', 'juggling'],
      date: '2099-01-01',
      links: ['https://ok.example.com', 'ftp://nope'],
    });
    const body = expectError(response, 422, 'input_invalid');
    expect(body.error.fields.map((f) => f.path)).toEqual([
      'body.title',
      'body.kind',
      'body.competencies.1',
      'body.date',
      'body.links.1',
    ]);
    const list = EvidencePage.parse((await t.request('GET', `/api/people/${t.me.id}/evidence?kind=design`)).json).items;
    expect(list).toEqual([]);
  });

  it('refuses a body over 20,000 characters with a field error, on create and on edit', async () => {
    const tooLong = 'x'.repeat(20_001);
    const created = expectError(
      await t.request('POST', `/api/people/${t.me.id}/evidence`, {
        title: 'Wrote up the outage',
        kind: 'incident',
        competencies: ['reliability'],
        body: tooLong,
      }),
      422,
      'input_invalid',
    );
    expect(created.error.fields).toEqual([
      { path: 'body.body', message: 'the body is 20,001 characters; keep it to 20,000 and link to anything longer' },
    ]);
    const atLimit = await t.request('POST', `/api/people/${t.me.id}/evidence`, {
      title: 'Wrote up the outage',
      kind: 'incident',
      competencies: ['reliability'],
      body: 'x'.repeat(20_000),
    });
    expect(atLimit.status).toBe(201);
    const id = Evidence.parse(atLimit.json).id;
    const edited = expectError(
      await t.request('PATCH', `/api/evidence/${id}`, { body: tooLong }),
      422,
      'input_invalid',
    );
    expect(edited.error.fields.map((f) => f.path)).toEqual(['body.body']);
    expect(Evidence.parse((await t.request('GET', `/api/evidence/${id}`)).json).body).toHaveLength(20_000);
  });

  it("shows a manager their report's evidence shared with managers, refuses the private, and refuses writes", async () => {
    const other = await buildPerson(t.db, { name: 'Priya Private', managerId: t.me.id });
    const shared = await buildEvidence(t, other, { title: 'Shared design review', visibility: 'managers' });
    const secret = await buildEvidence(t, other, { title: 'Private reflection', visibility: 'private' });

    const listed = EvidencePage.parse((await t.request('GET', `/api/people/${other.id}/evidence`)).json).items;
    expect(listed.map((e) => e.title)).toEqual(['Shared design review']);
    expect(Evidence.parse((await t.request('GET', `/api/evidence/${shared.id}`)).json).title).toBe(
      'Shared design review',
    );
    const refused = expectError(await t.request('GET', `/api/evidence/${secret.id}`), 403, 'forbidden');
    expect(refused.error.message).toBe(NOT_SHARED);
    expect(JSON.stringify(refused)).not.toContain('Private reflection');

    expectError(await t.request('PATCH', `/api/evidence/${shared.id}`, { title: 'Hijacked' }), 403, 'forbidden');
    expectError(
      await t.request('PATCH', `/api/evidence/${shared.id}`, { visibility: 'people', sharedWith: [t.me.id] }),
      403,
      'forbidden',
    );
    expectError(await t.request('DELETE', `/api/evidence/${shared.id}`), 403, 'forbidden');
    expectError(
      await t.request('POST', `/api/people/${other.id}/evidence`, {
        title: 'For you',
        kind: 'other',
        competencies: ['quality'],
      }),
      403,
      'forbidden',
    );
    expect(Evidence.parse((await t.request('GET', `/api/evidence/${shared.id}`)).json).title).toBe(
      'Shared design review',
    );
  });

  it('edits only the fields sent, and checks them like a new piece', async () => {
    const mine = await buildEvidence(t, t.me, {
      title: 'Draft title',
      visibility: 'private',
      competencies: ['reliability'],
    });
    const edited = await t.request('PATCH', `/api/evidence/${mine.id}`, {
      title: 'Final title',
      competencies: ['design'],
    });
    expect(edited.status).toBe(200);
    expect(Evidence.parse(edited.json)).toMatchObject({
      title: 'Final title',
      competencyIds: ['design'],
      visibility: 'private',
      date: mine.date,
    });
    const bad = expectError(
      await t.request('PATCH', `/api/evidence/${mine.id}`, { date: '2030-01-01', kind: 'x' }),
      422,
      'input_invalid',
    );
    expect(bad.error.fields.map((f) => f.path)).toEqual(['body.kind', 'body.date']);
    expect(Evidence.parse((await t.request('GET', `/api/evidence/${mine.id}`)).json).title).toBe('Final title');
  });

  it('deletes undoably: gone from lists and counts (204), back with restore', async () => {
    const me = await startTestServer();
    try {
      const piece = await buildEvidence(me, me.me, { title: 'Ran the game day', competencies: ['reliability'] });
      const count = async () =>
        Progress.parse((await me.request('GET', `/api/people/${me.me.id}/progress`)).json).target.competencies.find(
          (c) => c.id === 'reliability',
        )?.evidenceCount;
      expect(await count()).toBe(1);

      const deleted = await me.request('DELETE', `/api/evidence/${piece.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expectError(await me.request('GET', `/api/evidence/${piece.id}`), 404, 'evidence_not_found');
      expectError(await me.request('DELETE', `/api/evidence/${piece.id}`), 404, 'evidence_not_found');
      expectError(await me.request('PATCH', `/api/evidence/${piece.id}`, { title: 'x' }), 404, 'evidence_not_found');
      expect((await me.request('GET', `/api/people/${me.me.id}/evidence`)).json).toEqual({
        items: [],
        nextCursor: null,
      });
      expect(await count()).toBe(0);

      const restored = await me.request('POST', `/api/evidence/${piece.id}/restore`);
      expect(restored.status).toBe(200);
      expect(Evidence.parse(restored.json)).toEqual(piece);
      expect((await me.request('POST', `/api/evidence/${piece.id}/restore`)).status).toBe(200);
      expect(await count()).toBe(1);
      expectError(await me.request('POST', '/api/evidence/no-such-id/restore'), 404, 'evidence_not_found');
    } finally {
      await me.close();
    }
  });

  it("refuses to restore someone else's deleted evidence", async () => {
    const other = await buildPerson(t.db);
    const piece = await buildEvidence(t, other, { visibility: 'managers' });
    const { deleteEvidence } = await import('../services/evidence.service.js');
    await deleteEvidence(t.db, piece.id);
    expectError(await t.request('POST', `/api/evidence/${piece.id}/restore`), 403, 'forbidden');
  });
});

describe('evidence audience', () => {
  /** Requests as another person, with an API token of theirs. */
  async function as(person: { id: string }) {
    const { createApiToken } = await import('../services/api-token.service.js');
    // An account without a password: enough to hold a token.
    await t.db
      .insertInto('accounts')
      .values({ personId: person.id, passwordHash: null, isDemo: 0, createdAt: new Date().toISOString() })
      .execute();
    const { token } = await createApiToken(t.db, person.id, { name: 'audience', expiresInDays: 1 }, new Date());
    return (method: string, path: string, body?: unknown) =>
      t.anonymous(method, path, body, { authorization: `Bearer ${token}` });
  }
  const titlesOf = (response: { json: unknown }) => EvidencePage.parse(response.json).items.map((e) => e.title);

  it('lets managers up the chain see what is shared with managers, and nobody else, admins included', async () => {
    // Sam (an admin) manages Lead, who manages Dev; Peer reports to nobody in that chain.
    const lead = await buildPerson(t.db, { name: 'Lead Lin', managerId: t.me.id });
    const dev = await buildPerson(t.db, { name: 'Dev Diaz', managerId: lead.id });
    const peer = await buildPerson(t.db, { name: 'Peer Park' });
    const piece = await buildEvidence(t, dev, { title: 'Shipped the queue', visibility: 'managers' });
    await buildEvidence(t, dev, { title: 'Diary', visibility: 'private' });

    const asLead = await as(lead);
    const asPeer = await as(peer);
    expect(titlesOf(await asLead('GET', `/api/people/${dev.id}/evidence`))).toEqual(['Shipped the queue']);
    // The skip level sees it too.
    expect(titlesOf(await t.request('GET', `/api/people/${dev.id}/evidence`))).toEqual(['Shipped the queue']);
    expect(titlesOf(await asPeer('GET', `/api/people/${dev.id}/evidence`))).toEqual([]);
    expect(expectError(await asPeer('GET', `/api/evidence/${piece.id}`), 403, 'forbidden').error.message).toBe(
      NOT_SHARED,
    );
    // Being an admin is not being in the chain.
    const lone = await buildPerson(t.db, { name: 'Lone Lee' });
    const theirs = await buildEvidence(t, lone, { title: 'Not for admins', visibility: 'managers' });
    expect(titlesOf(await t.request('GET', `/api/people/${lone.id}/evidence`))).toEqual([]);
    expect(expectError(await t.request('GET', `/api/evidence/${theirs.id}`), 403, 'forbidden').error.message).toBe(
      NOT_SHARED,
    );
  });

  it('shows evidence shared with named people to them only, with their names, and the author changes it', async () => {
    const author = await buildPerson(t.db, { name: 'Ava Author' });
    const mentor = await buildPerson(t.db, { name: 'Mo Mentor' });
    const bystander = await buildPerson(t.db, { name: 'Bea Bystander' });
    const asAuthor = await as(author);
    const asMentor = await as(mentor);
    const asBystander = await as(bystander);

    const created = await asAuthor('POST', `/api/people/${author.id}/evidence`, {
      title: 'Paired on the parser',
      kind: 'mentoring',
      competencies: ['quality'],
      visibility: 'people',
      sharedWith: [mentor.id, t.me.id],
    });
    expect(created.status).toBe(201);
    const piece = Evidence.parse(created.json);
    expect(piece.visibility).toBe('people');
    expect(piece.sharedWith).toEqual([
      { id: mentor.id, name: 'Mo Mentor' },
      { id: t.me.id, name: 'Sam Okafor' },
    ]);

    expect(titlesOf(await asMentor('GET', `/api/people/${author.id}/evidence`))).toEqual(['Paired on the parser']);
    expect(Evidence.parse((await asMentor('GET', `/api/evidence/${piece.id}`)).json).sharedWith).toHaveLength(2);
    expect(titlesOf(await asBystander('GET', `/api/people/${author.id}/evidence`))).toEqual([]);
    expectError(await asBystander('GET', `/api/evidence/${piece.id}`), 403, 'forbidden');
    // A named person may read, not change who else reads.
    expectError(await asMentor('PATCH', `/api/evidence/${piece.id}`, { sharedWith: [bystander.id] }), 403, 'forbidden');

    // The author narrows it to the mentor, then makes it private: the audience goes with it.
    const narrowed = await asAuthor('PATCH', `/api/evidence/${piece.id}`, { sharedWith: [mentor.id] });
    expect(Evidence.parse(narrowed.json).sharedWith).toEqual([{ id: mentor.id, name: 'Mo Mentor' }]);
    expectError(await t.request('GET', `/api/evidence/${piece.id}`), 403, 'forbidden');
    const hidden = await asAuthor('PATCH', `/api/evidence/${piece.id}`, { visibility: 'private' });
    expect(Evidence.parse(hidden.json)).toMatchObject({ visibility: 'private', sharedWith: [] });
    expect(titlesOf(await asMentor('GET', `/api/people/${author.id}/evidence`))).toEqual([]);
  });

  it("refuses 'shared', naming the values to use instead", async () => {
    const refused = expectError(
      await t.request('POST', `/api/people/${t.me.id}/evidence`, {
        title: 'Old client',
        kind: 'other',
        competencies: ['quality'],
        visibility: 'shared',
      }),
      422,
      'input_invalid',
    );
    expect(refused.error.fields).toEqual([
      { path: 'body.visibility', message: expect.stringMatching(/"managers".*"people"/) },
    ]);
  });

  it('names each person of the audience at fault, by position', async () => {
    const friend = await buildPerson(t.db, { name: 'Fay Friend' });
    const gone = await buildPerson(t.db, { name: 'Gus Gone' });
    await t.db
      .updateTable('people')
      .set({ deactivatedAt: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', gone.id)
      .execute();
    const log = (extra: Record<string, unknown>) =>
      t.request('POST', `/api/people/${t.me.id}/evidence`, {
        title: 'Audience checks',
        kind: 'other',
        competencies: ['quality'],
        ...extra,
      });
    const before = titlesOf(await t.request('GET', `/api/people/${t.me.id}/evidence?limit=200`));

    const bad = expectError(
      await log({ visibility: 'people', sharedWith: [friend.id, friend.id, t.me.id, 'no-such-person', gone.id] }),
      422,
      'input_invalid',
    );
    expect(bad.error.fields).toEqual([
      { path: 'body.sharedWith.1', message: expect.stringContaining('named twice') },
      { path: 'body.sharedWith.2', message: expect.stringContaining('author') },
      { path: 'body.sharedWith.3', message: 'no person has the id "no-such-person"' },
      { path: 'body.sharedWith.4', message: expect.stringContaining('Gus Gone is deactivated') },
    ]);
    const paths = async (extra: Record<string, unknown>) =>
      expectError(await log(extra), 422, 'input_invalid').error.fields.map((f) => f.path);
    expect(await paths({ visibility: 'people' })).toEqual(['body.sharedWith']);
    expect(await paths({ visibility: 'people', sharedWith: [] })).toEqual(['body.sharedWith']);
    expect(await paths({ visibility: 'managers', sharedWith: [friend.id] })).toEqual(['body.sharedWith']);
    expect(await paths({ visibility: 'people', sharedWith: Array.from({ length: 51 }, (_, i) => `p${i}`) })).toEqual([
      'body.sharedWith',
    ]);
    expect(titlesOf(await t.request('GET', `/api/people/${t.me.id}/evidence?limit=200`))).toEqual(before);
  });
});

describe('assessments', () => {
  it('records a self-assessment of yourself only', async () => {
    const other = await buildPerson(t.db);
    const mine = await t.request('POST', `/api/people/${t.me.id}/assessments`, { ratings: { scope: 'mid-level' } });
    expect(mine.status).toBe(201);
    expect(Assessment.parse(mine.json)).toMatchObject({ kind: 'self', personId: t.me.id, assessorId: t.me.id });
    const refused = expectError(
      await t.request('POST', `/api/people/${other.id}/assessments`, { ratings: { scope: 'senior' } }),
      403,
      'forbidden',
    );
    expect(refused.error.message).toMatch(/self-assessment/);
  });

  it('records a manager assessment only of your direct reports', async () => {
    const report = await buildPerson(t.db, { managerId: t.me.id });
    const boss = await buildPerson(t.db);
    const notMine = await buildPerson(t.db, { managerId: boss.id });
    const body = { kind: 'manager', ratings: { scope: 'senior' }, note: 'Strong quarter' };

    const recorded = await t.request('POST', `/api/people/${report.id}/assessments`, body);
    expect(recorded.status).toBe(201);
    expect(Assessment.parse(recorded.json)).toMatchObject({
      kind: 'manager',
      assessorId: t.me.id,
      note: 'Strong quarter',
    });
    expectError(await t.request('POST', `/api/people/${notMine.id}/assessments`, body), 403, 'forbidden');
    expectError(await t.request('POST', `/api/people/${t.me.id}/assessments`, body), 403, 'forbidden');

    const listed = AssessmentPage.parse(
      (await t.request('GET', `/api/people/${report.id}/assessments?kind=manager`)).json,
    ).items;
    expect(listed).toHaveLength(1);
    expect((await t.request('GET', `/api/people/${report.id}/assessments?kind=self`)).json).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it("keeps others' ratings from peers, and shows them up the management chain", async () => {
    const skip = await buildPerson(t.db, { managerId: (await buildPerson(t.db, { managerId: t.me.id })).id });
    const peer = await buildPerson(t.db);
    for (const path of ['assessments', 'progress', 'history']) {
      expectError(await t.request('GET', `/api/people/${peer.id}/${path}`), 403, 'forbidden');
      expect((await t.request('GET', `/api/people/${skip.id}/${path}`)).status).toBe(200);
    }
  });

  it('names the rating at fault', async () => {
    const response = await t.request('POST', `/api/people/${t.me.id}/assessments`, {
      ratings: { scope: 'wizard', juggling: 'senior' },
      track: 'ic',
    });
    const body = expectError(response, 422, 'rating_invalid');
    expect(body.error.fields.map((f) => f.path)).toEqual(['body.ratings.scope', 'body.ratings.juggling']);
    const track = expectError(
      await t.request('POST', `/api/people/${t.me.id}/assessments`, { ratings: { scope: 'senior' }, track: 'nope' }),
      422,
      'input_invalid',
    );
    expect(track.error.fields.map((f) => f.path)).toEqual(['body.track']);
  });
});

/**
 * Logs `pieces` pieces of evidence, each for every competency of the default
 * ladder, so ratings up to the level that asks that many count where they are rated.
 */
async function backEveryCompetency(server: TestServer, pieces: number): Promise<void> {
  const competencies = server.ladder.ladder.competencies.map((c) => c.id);
  for (let i = 0; i < pieces; i++) await buildEvidence(server, server.me, { competencies, title: `Piece ${i + 1}` });
}

describe('progress', () => {
  it('targets the next level, and the gap shrinks after a better assessment', async () => {
    const me = await startTestServer();
    try {
      const progress = async (query = '') =>
        Progress.parse((await me.request('GET', `/api/people/${me.me.id}/progress${query}`)).json);
      await backEveryCompetency(me, 1);
      const base = {
        scope: 'mid-level',
        autonomy: 'mid-level',
        reliability: 'mid-level',
        mentoring: 'mid-level',
        debugging: 'junior',
        design: 'junior',
      };
      expect((await me.request('POST', `/api/people/${me.me.id}/assessments`, { ratings: base })).status).toBe(201);
      const before = await progress();
      expect(before.demonstrated?.id).toBe('junior');
      expect(before.target.level.id).toBe('mid-level');
      expect(before.target.gaps).toEqual(['debugging', 'design']);

      await me.request('POST', `/api/people/${me.me.id}/assessments`, { ratings: { debugging: 'mid-level' } });
      const after = await progress('?target=mid-level');
      expect(after.target.gaps).toEqual(['design']);
      expect(after.target.readiness).toBeGreaterThan(before.target.readiness);
      expect(after.assessedAt).not.toBe(before.assessedAt);
      // Five of six observed competencies now meet Mid-level, the 80% the default ladder asks.
      expect(after.demonstrated?.id).toBe('mid-level');
      expect((await progress()).target.level.id).toBe('senior');

      const senior = await progress('?target=Senior');
      expect(senior.target.level).toEqual({ id: 'senior', title: 'Senior' });
      expect(senior.target.competencies.find((c) => c.id === 'scope')?.expectation?.expectation).toMatch(/\w/);
      const bad = expectError(
        await me.request('GET', `/api/people/${me.me.id}/progress?target=wizard`),
        422,
        'input_invalid',
      );
      expect(bad.error.fields.map((f) => f.path)).toEqual(['query.target']);
    } finally {
      await me.close();
    }
  });

  it('names what blocks a level: Senior with Reliability not rated is not met, and never 100%', async () => {
    const me = await startTestServer();
    try {
      await backEveryCompetency(me, 2);
      const ratings = Object.fromEntries(
        me.ladder.ladder.competencies.map((c) => [c.id, c.id === 'reliability' ? 'not-observed' : 'senior']),
      );
      expect((await me.request('POST', `/api/people/${me.me.id}/assessments`, { ratings })).status).toBe(201);
      const response = await me.request('GET', `/api/people/${me.me.id}/progress?target=senior`);
      const progress = Progress.parse(response.json);
      expect(progress.demonstrated?.id).toBe('mid-level');
      expect(progress.target.met).toBe(false);
      expect(progress.target.readiness).toBeLessThan(1);
      expect(progress.target.blockers).toEqual([
        {
          code: 'required-not-rated',
          competency: { id: 'reliability', title: 'Reliability and blast radius' },
          message: 'Senior requires "Reliability and blast radius" to be rated at Senior or above; it is not rated.',
        },
      ]);
      expect(progress.target.rule).toContain('"Reliability and blast radius" rated Senior or above');
      const senior = progress.levels.find((l) => l.id === 'senior');
      expect(senior).toMatchObject({ met: false, blockers: progress.target.blockers, rule: progress.target.rule });
      expect(progress.levels.find((l) => l.id === 'mid-level')).toMatchObject({ met: true, blockers: [] });
      expect(progress.target.competencies.find((c) => c.id === 'scope')).toMatchObject({
        supported: true,
        evidenceNeeded: 2,
        evidenceCount: 2,
      });
    } finally {
      await me.close();
    }
  });

  it('marks a rating without the evidence it needs as unsupported, and names it as a blocker', async () => {
    const me = await startTestServer();
    try {
      await backEveryCompetency(me, 1);
      const ratings = Object.fromEntries(me.ladder.ladder.competencies.map((c) => [c.id, 'senior']));
      await me.request('POST', `/api/people/${me.me.id}/assessments`, { ratings });
      const progress = Progress.parse((await me.request('GET', `/api/people/${me.me.id}/progress`)).json);
      expect(progress.demonstrated?.id).toBe('mid-level');
      expect(progress.target.level.id).toBe('senior');
      expect(progress.target.competencies.find((c) => c.id === 'design')).toMatchObject({
        status: 'meets',
        supported: false,
        evidenceNeeded: 2,
        evidenceCount: 1,
      });
      expect(progress.target.blockers.map((b) => b.code)).toEqual([
        'share-not-reached',
        ...me.ladder.ladder.competencies.map(() => 'not-enough-evidence'),
      ]);
      expect(progress.target.blockers[1]?.message).toBe(
        '"Reliability and blast radius" is rated Senior with 1 piece of evidence; it needs 2 to count at Senior, so it counts as Mid-level.',
      );
    } finally {
      await me.close();
    }
  });

  it('targets the top level at the top', async () => {
    const me = await startTestServer();
    try {
      const top = Object.fromEntries(me.ladder.ladder.competencies.map((c) => [c.id, 'architect']));
      await backEveryCompetency(me, 3);
      await me.request('POST', `/api/people/${me.me.id}/assessments`, { ratings: top });
      const progress = Progress.parse((await me.request('GET', `/api/people/${me.me.id}/progress`)).json);
      expect(progress.demonstrated?.id).toBe('architect');
      expect(progress.next).toBeNull();
      expect(progress.target).toMatchObject({ level: { id: 'architect' }, met: true, gaps: [] });
    } finally {
      await me.close();
    }
  });
});

describe('history', () => {
  it('applies the evidence rule with the evidence the viewer may count: shared only, for a manager', async () => {
    const me = await startTestServer();
    try {
      const report = await buildPerson(me.db, { managerId: me.me.id });
      const competencies = me.ladder.ladder.competencies.map((c) => c.id);
      await buildEvidence(me, report, { competencies, visibility: 'private' });
      const ratings = Object.fromEntries(competencies.map((id) => [id, 'mid-level']));
      const recorded = await me.request('POST', `/api/people/${report.id}/assessments`, { kind: 'manager', ratings });
      expect(recorded.status).toBe(201);
      const levelShown = async () =>
        History.parse((await me.request('GET', `/api/people/${report.id}/history`)).json).items[0]?.demonstrated?.id ??
        null;
      // The private piece is the report's own: their manager's view does not count it, so Mid-level lacks evidence.
      expect(await levelShown()).toBe('junior');
      await buildEvidence(me, report, { competencies, visibility: 'managers' });
      expect(await levelShown()).toBe('mid-level');
    } finally {
      await me.close();
    }
  });

  it("gives back each rating's note, in history and in progress, and drops it when the rating is given anew without", async () => {
    const me = await startTestServer();
    try {
      const assess = (body: unknown) => me.request('POST', `/api/people/${me.me.id}/assessments`, body);
      await assess({ ratings: { scope: 'mid-level', design: 'junior' }, notes: { scope: 'Took over billing.' } });
      await assess({ ratings: { design: 'mid-level' } });
      await assess({ ratings: { design: 'mid-level' }, notes: { design: 'Wrote the retry design.' } });
      await assess({ ratings: { scope: 'mid-level' } });

      const history = History.parse((await me.request('GET', `/api/people/${me.me.id}/history`)).json);
      const notesOf = (id: string) =>
        oldestFirst(history).map((e) => e.ratings.find((r) => r.competencyId === id)?.note ?? null);
      expect(notesOf('scope')).toEqual(['Took over billing.', 'Took over billing.', 'Took over billing.', null]);
      expect(notesOf('design')).toEqual([null, null, 'Wrote the retry design.', 'Wrote the retry design.']);

      const progress = Progress.parse((await me.request('GET', `/api/people/${me.me.id}/progress`)).json);
      const noteOf = (id: string) => progress.target.competencies.find((c) => c.id === id)?.note;
      expect(noteOf('design')).toBe('Wrote the retry design.');
      expect(noteOf('scope')).toBeNull();
    } finally {
      await me.close();
    }
  });

  it('reads every assessment against the ladder version it was made with, even after a ladder edit', async () => {
    const me = await startTestServer();
    try {
      const ratings = {
        scope: 'mid-level',
        autonomy: 'mid-level',
        reliability: 'mid-level',
        debugging: 'mid-level',
        mentoring: 'mid-level',
        communication: 'mid-level',
      };
      await backEveryCompetency(me, 1);
      await me.request('POST', `/api/people/${me.me.id}/assessments`, { ratings });
      const oldHash = me.ladder.ladder.hash;

      // The organisation renames Mid-level and demands every observed competency: a stricter, different ladder.
      const text = readFileSync(DEFAULT_LADDER_FILE, 'utf8')
        .replace('title: Mid-level', 'title: Intermediate')
        .replace('kind: coverage\n  share: 0.8', 'kind: coverage\n  share: 1');
      const edited = parseLadder(text, 'edited.yaml');
      expect(edited.hash).not.toBe(oldHash);
      await activateLadder(me.db, { ladder: edited, text, displayPath: 'edited.yaml' });

      await me.request('POST', `/api/people/${me.me.id}/assessments`, { ratings: { design: 'junior' } });
      const history = History.parse((await me.request('GET', `/api/people/${me.me.id}/history`)).json);
      expect(oldestFirst(history).map((e) => [e.ladderHash, e.demonstrated?.title ?? null])).toEqual([
        [oldHash, 'Mid-level'],
        [edited.hash, 'Junior'],
      ]);
      expect(oldestFirst(history)[0]?.ratings.find((r) => r.competencyId === 'scope')).toEqual({
        competencyId: 'scope',
        title: expect.any(String),
        level: { id: 'mid-level', title: 'Mid-level' },
        index: 1,
        note: null,
      });
      expect(oldestFirst(history)[1]?.ratings.find((r) => r.competencyId === 'scope')?.level?.title).toBe(
        'Intermediate',
      );

      const versions = LadderVersionPage.parse((await me.request('GET', '/api/ladders')).json).items;
      expect(versions.map((v) => [v.hash, v.active])).toEqual([
        [oldHash, false],
        [edited.hash, true],
      ]);
      const diff = LadderDiff.parse(
        (
          await me.request(
            'GET',
            `/api/ladders/longhaul/diff?from=${oldHash.slice(0, 10)}&to=${edited.hash.slice(0, 10)}`,
          )
        ).json,
      );
      expect(diff.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['level-retitled', 'policy-changed']));
    } finally {
      await me.close();
    }
  });
});

describe('probes', () => {
  it('says the process is up and the database answers, and 503 with the reason when it does not', async () => {
    expect(await t.request('GET', '/healthz')).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect(await t.request('GET', '/readyz')).toMatchObject({ status: 200, json: { status: 'ok' } });

    const other = await startTestServer();
    await other.db.destroy();
    const down = await other.request('GET', '/readyz');
    const body = expectError(down, 503, 'not_ready');
    expect(body.error.message).toMatch(/^the database does not answer: /);
    expect((await other.request('GET', '/healthz')).status).toBe(200);
    await other.server.close();
  });
});

describe('logs and metrics', () => {
  it('counts requests by route and status, and times them and the database queries', async () => {
    await t.request('GET', '/api/me');
    await t.request('GET', '/api/people/nobody');
    const response = await t.request('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.text).toMatch(
      /^longhaul_http_requests_total\{method="GET",route="\/api\/me",status="200"\} [1-9]\d*$/m,
    );
    expect(response.text).toMatch(
      /^longhaul_http_requests_total\{method="GET",route="\/api\/people\/:personId",status="404"\} [1-9]\d*$/m,
    );
    expect(response.text).toMatch(
      /^longhaul_http_request_duration_seconds_bucket\{method="GET",route="\/api\/me",le="\+Inf"\} \d+$/m,
    );
    expect(response.text).toMatch(
      /^longhaul_http_request_duration_seconds_count\{method="GET",route="\/api\/me"\} \d+$/m,
    );
    expect(response.text).toMatch(/^longhaul_db_query_duration_seconds_count\{operation="select"\} [1-9]\d*$/m);
  });

  it('writes one JSON line per request with its id, route, status and duration', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const server = await buildServer({ db: t.db, logger: { level: 'info', stream } });
    try {
      const response = await server.inject({
        method: 'GET',
        url: `/api/people/${t.me.id}`,
        headers: { 'x-request-id': 'abc-1', authorization: `Bearer ${t.token}` },
      });
      expect(response.statusCode).toBe(200);
    } finally {
      await server.close();
    }
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({
        reqId: 'abc-1',
        route: '/api/people/:personId',
        status: 200,
        durationMs: expect.any(Number),
        msg: 'request completed',
      }),
    );
  });
});

/** History comes newest first, a page at a time; these tests read one page oldest first, as the chart does. */
function oldestFirst(history: History): History['items'] {
  return [...history.items].reverse();
}
