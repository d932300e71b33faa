import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Assessment,
  AssessmentPage,
  AuditPage,
  Evidence,
  History,
  ImportPlan,
  Ladder,
  LadderDiff,
  LadderVersion,
  LadderVersionPage,
  Me,
  PeoplePage,
  Progress,
} from '../server/api-contract.js';
import {
  buildPerson,
  sessionCookieOf,
  startTestServer,
  TEST_EMAIL,
  TEST_PASSWORD,
  type TestServer,
} from '../server/test-server.fixtures.js';
import { ApiError, createApiClient, messageOf, type ApiClient } from './api-client.js';

/*
 * The client against the real server (the one the HTTP suites use): every
 * call must reach a route that exists, send what the route accepts, and turn
 * the server's real answers (bodies, 204s, error bodies with field paths) into
 * what the screens use. Only the failures a server cannot produce on purpose
 * (a body that is not JSON, no server at all) are played by a tiny stand-in.
 */

let t: TestServer;
let client: ApiClient;

/** fetch with a cookie jar of one cookie, as a browser keeps the session cookie for the page. */
function browserLikeFetch(): (input: string, init?: RequestInit) => Promise<Response> {
  let cookie: string | undefined;
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (cookie !== undefined) headers.set('cookie', `longhaul_session=${cookie}`);
    const response = await fetch(input, { ...init, headers });
    const set = response.headers.getSetCookie().find((line) => line.startsWith('longhaul_session='));
    if (set !== undefined) cookie = sessionCookieOf(response.headers);
    return response;
  };
}

beforeAll(async () => {
  t = await startTestServer();
  client = createApiClient(browserLikeFetch(), `${t.url}/api`);
  // Signed in as the web app is: the session cookie, and the CSRF token on every change.
  await client.signIn(TEST_EMAIL, TEST_PASSWORD);
});

afterAll(async () => {
  await t.close();
});

const NO_FILTERS = { kind: '', competency: '', since: '', until: '' };

/** The ApiError a call fails with; fails the test when it succeeds. */
async function failureOf(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client against the server', () => {
  it('signs in, sends the CSRF token with changes, signs out, and tells listeners when the server says so', async () => {
    const fresh = createApiClient(browserLikeFetch(), `${t.url}/api`);
    let signedOut = 0;
    fresh.onSignedOut(() => {
      signedOut += 1;
    });
    await expect(fresh.getMe()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(signedOut).toBe(1);
    // A wrong password is the form's to show, at its field: not a "signed out" event.
    await expect(fresh.signIn(TEST_EMAIL, 'not the right password')).rejects.toMatchObject({
      status: 401,
      fields: [{ path: 'body.password' }],
    });
    expect(signedOut).toBe(1);
    await fresh.signIn(TEST_EMAIL, TEST_PASSWORD);
    const token = await fresh.createToken({ name: 'from the client', expiresInDays: 1 });
    expect(token.token).toMatch(/^lh_/);
    expect((await fresh.listTokens()).items.find((listed) => listed.id === token.id)).not.toHaveProperty('token');
    await fresh.revokeToken(token.id);
    expect((await fresh.listSessions()).items.filter((session) => session.current)).toHaveLength(1);
    await fresh.signOut();
    await expect(fresh.getMe()).rejects.toMatchObject({ status: 401 });
    expect(signedOut).toBe(2);
  });

  it('reads who is using Longhaul, the ladder and progress in the shapes of the contract', async () => {
    const me = Me.parse(await client.getMe());
    expect(me.person.id).toBe(t.me.id);
    const ladder = Ladder.parse(await client.getActiveLadder());
    expect(ladder.hash).toBe(t.ladder.ladder.hash);

    const towardSenior = Progress.parse(await client.getProgress(t.me.id, 'senior'));
    expect(towardSenior.target?.level.id).toBe('senior');
    const towardNext = Progress.parse(await client.getProgress(t.me.id, null));
    expect(towardNext.target?.level.id).toBe(ladder.tracks[0]?.levels[0]?.id);
    History.parse(await client.getHistory(t.me.id));
    expect(AssessmentPage.parse(await client.listAssessments(t.me.id))).toEqual({ items: [], nextCursor: null });
  });

  it('logs, edits, deletes and restores evidence, and reads it back the way the server stored it', async () => {
    const changesBefore = client.changeCount();
    const created = Evidence.parse(
      await client.createEvidence(t.me.id, {
        title: 'Ran the payout incident review',
        kind: 'incident',
        competencies: ['reliability'],
        date: '2026-03-02',
      }),
    );
    expect(created).toMatchObject({
      personId: t.me.id,
      title: 'Ran the payout incident review',
      visibility: 'private',
    });

    const updated = Evidence.parse(await client.updateEvidence(created.id, { visibility: 'managers' }));
    expect(updated).toMatchObject({ id: created.id, visibility: 'managers' });
    expect((await client.getEvidence(created.id)).visibility).toBe('managers');

    // The people picker searches the directory, then shares with whom it picked.
    const mentor = await buildPerson(t.db, { name: 'Mia Mentor' });
    const directory = PeoplePage.parse(await client.listPeople({ limit: 200 }));
    expect(directory.items.map((p) => p.id)).toContain(mentor.id);
    const named = Evidence.parse(
      await client.updateEvidence(created.id, { visibility: 'people', sharedWith: [mentor.id] }),
    );
    expect(named.sharedWith).toEqual([{ id: mentor.id, name: 'Mia Mentor' }]);

    await expect(client.deleteEvidence(created.id)).resolves.toBeUndefined();
    const gone = await failureOf(client.getEvidence(created.id));
    expect(gone).toMatchObject({ status: 404, code: 'evidence_not_found' });

    const restored = Evidence.parse(await client.restoreEvidence(created.id));
    expect(restored.id).toBe(created.id);
    expect((await client.listEvidence(t.me.id)).items.map((e) => e.id)).toContain(created.id);
    expect(client.changeCount() - changesBefore).toBe(5);
  });

  it('sends filters the server understands and leaves empty ones out', async () => {
    await client.createEvidence(t.me.id, { title: 'Design doc', kind: 'design', competencies: ['design'] });
    await client.createEvidence(t.me.id, {
      title: 'Old review',
      kind: 'review',
      competencies: ['quality'],
      date: '2025-01-05',
    });
    const designs = await client.listEvidence(t.me.id, { ...NO_FILTERS, kind: 'design' });
    expect(designs.items.map((e) => e.title)).toEqual(['Design doc']);
    const recent = await client.listEvidence(t.me.id, { ...NO_FILTERS, since: '2026-01-01' });
    expect(recent.items.map((e) => e.title)).not.toContain('Old review');
    expect((await client.listEvidence(t.me.id, NO_FILTERS)).items.map((e) => e.title)).toContain('Old review');
  });

  it('reads a list a page at a time, following the cursor to the end', async () => {
    for (const title of ['First', 'Second', 'Third']) {
      await client.createEvidence(t.me.id, { title, kind: 'mentoring', competencies: ['mentoring'] });
    }
    const mentoring = { ...NO_FILTERS, kind: 'mentoring' };
    const first = await client.listEvidence(t.me.id, mentoring, { limit: 2 });
    expect(first.items.map((e) => e.title)).toEqual(['Third', 'Second']);
    expect(first.nextCursor).not.toBeNull();
    const rest = await client.listEvidence(t.me.id, mentoring, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(rest.items.map((e) => e.title)).toEqual(['First']);
    expect(rest.nextCursor).toBeNull();
    const history = await client.getHistory(t.me.id, { limit: 1 });
    expect(history).toEqual({ items: [], nextCursor: null });
  });

  it('deletes a person with the email typed again, and reads the audit log and who has looked', async () => {
    const leaver = await buildPerson(t.db, { name: 'Lee Leaver', email: 'lee.leaver@example.com' });
    const wrong = await failureOf(client.deletePerson(leaver.id, 'someone@example.com'));
    expect(wrong).toMatchObject({ status: 422, code: 'input_invalid' });
    expect(wrong.fields.map((f) => f.path)).toEqual(['body.confirmEmail']);
    await client.deletePerson(leaver.id, 'Lee.Leaver@example.com');
    const filters = { actor: '', subject: leaver.id, action: 'deletePerson', from: '', to: '' };
    const log = AuditPage.parse(await client.listAuditEvents(filters, { limit: 5 }));
    // The refused attempt changed nothing and so left no event; the deletion left one, ids only.
    expect(log.items.map((e) => [e.action, e.outcome, e.via, e.subjectName])).toEqual([
      ['deletePerson', 'allowed', 'web', null],
    ]);
    const mine = AuditPage.parse(await client.listPersonAudit(t.me.id));
    expect(mine.items.every((e) => e.actorId !== t.me.id)).toBe(true);
  });

  it('checks a people file without a change, imports it as one, and reports a wrong file at body.csv', async () => {
    const before = client.changeCount();
    const csv = 'email,name,team,manager_email,track,level\nada.client@example.com,Ada Client,Platform,,ic,senior\n';
    const dry = ImportPlan.parse(await client.importOrganisation({ csv, dryRun: true, fileName: 'team.csv' }));
    expect(dry).toMatchObject({ source: 'team.csv', applied: false, teamsCreated: ['Platform'] });
    expect(client.changeCount()).toBe(before);
    const done = ImportPlan.parse(await client.importOrganisation({ csv, fileName: 'team.csv' }));
    expect(done).toMatchObject({ applied: true, added: [{ email: 'ada.client@example.com', line: 2 }] });
    expect(client.changeCount()).toBe(before + 1);
    const wrong = await failureOf(client.importOrganisation({ csv: 'email,name\nnot-an-email,X\n', dryRun: true }));
    expect(wrong.status).toBe(422);
    expect(wrong.fields.every((f) => f.path === 'body.csv' && f.message.startsWith('people.csv:'))).toBe(true);
  });

  it('lists ladder versions, diffs two, and makes one active, escaping the ladder id', async () => {
    const { hash } = t.ladder.ladder;
    const versions = LadderVersionPage.parse(await client.listLadderVersions({ limit: 5 })).items;
    expect(versions.map((v) => [v.id, v.hash, v.active])).toEqual([['longhaul', hash, true]]);
    const diff = LadderDiff.parse(await client.diffLadderVersions('longhaul', hash.slice(0, 8), hash));
    expect(diff.changes).toEqual([]);
    const before = client.changeCount();
    const active = LadderVersion.parse(await client.activateLadderVersion('longhaul', hash.slice(0, 12)));
    expect(active).toMatchObject({ hash, active: true });
    expect(client.changeCount()).toBe(before + 1);
    expect(await failureOf(client.activateLadderVersion('longhaul', 'ffffffff'))).toMatchObject({
      status: 404,
      code: 'ladder_not_found',
    });
    expect(await failureOf(client.activateLadderVersion('long/haul', hash))).toMatchObject({ status: 404 });
    const wrong = await failureOf(client.storeLadderVersion({ yaml: 'id: x\ntitle: [', fileName: 'x.yaml' }));
    expect(wrong).toMatchObject({ status: 422, code: 'ladder_invalid' });
    expect(wrong.fields.every((f) => f.path === 'body.yaml' && f.message.startsWith('x.yaml:'))).toBe(true);
  });

  it('escapes ids, so an id with a slash is an unknown piece of evidence rather than another route', async () => {
    const error = await failureOf(client.getEvidence('a/b'));
    expect(error).toMatchObject({ status: 404, code: 'evidence_not_found' });
  });

  it("turns the server's refusal into an ApiError with the server's sentence and its field paths", async () => {
    const error = await failureOf(
      client.createEvidence(t.me.id, { title: 'Later', kind: 'design', competencies: ['design'], date: '2099-01-01' }),
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('input_invalid');
    expect(error.fields.map((f) => f.path)).toEqual(['body.date']);
    expect(error.message).toMatch(/date/);
    expect(messageOf(error)).toBe(error.message);
    const unknown = await failureOf(client.getProgress(t.me.id, 'astronaut'));
    expect(unknown).toMatchObject({ status: 422, code: 'input_invalid' });
    expect(unknown.fields.map((f) => f.path)).toEqual(['query.target']);
  });

  it('counts only changes that succeeded, and tells subscribers until they stop listening', async () => {
    let heard = 0;
    const stop = client.onChange(() => {
      heard += 1;
    });
    const before = client.changeCount();
    await client.getMe();
    const recorded = Assessment.parse(await client.createAssessment(t.me.id, { ratings: { design: 'mid-level' } }));
    expect(recorded.kind).toBe('self');
    await failureOf(client.createAssessment(t.me.id, { ratings: { design: 'astronaut' } }));
    stop();
    await client.createAssessment(t.me.id, { ratings: { design: 'junior' } });
    expect(client.changeCount() - before).toBe(2);
    expect(heard).toBe(1);
  });
});

describe('api client when there is no API to talk to', () => {
  let standIn: Server;
  let standInUrl = '';

  beforeAll(async () => {
    // Answers like a proxy in front of a stopped server: HTML, not the API's error body.
    standIn = createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    const address = standIn.address();
    standInUrl = typeof address === 'object' && address !== null ? `http://127.0.0.1:${address.port}` : '';
  });

  afterAll(async () => {
    await new Promise((resolve) => standIn.close(resolve));
  });

  it('words an answer without the error body itself', async () => {
    const proxied = createApiClient((input, init) => fetch(input, init), `${standInUrl}/api`);
    const error = await failureOf(proxied.getMe());
    expect(error).toMatchObject({ status: 502, code: 'http_error', message: 'The server answered with status 502.' });
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failureOf(
      createApiClient((input, init) => fetch(input, init), `http://127.0.0.1:${port}/api`).getMe(),
    );
    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect(messageOf(error)).toMatch(/Could not reach the Longhaul server/);
  });

  it('never shows a stack or a raw error message for errors that are not the API', () => {
    const message = messageOf(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(message).not.toContain('undefined');
    expect(message).toMatch(/went wrong/);
  });
});
