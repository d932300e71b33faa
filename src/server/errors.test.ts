import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssessmentPage, ErrorResponse, Evidence } from './api-contract.js';
import { buildServer } from './app.js';
import { buildEvidence, buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';

let t: TestServer;
let evidenceId = '';

beforeAll(async () => {
  t = await startTestServer();
  evidenceId = (await buildEvidence(t, t.me, { title: 'Kept safe' })).id;
});

afterAll(async () => {
  await t.close();
});

/** Sends exactly these bytes, bypassing fetch's URL normalisation (which would resolve `..` itself). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    // Signed in with the suite's API token, so each case reaches the check it is about.
    const signed = { authorization: `Bearer ${t.token}`, ...headers };
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: signed }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };
const huge = 'x'.repeat(300_000);

/** [what, method, path (with ME for the local person, EV for an evidence id), body or raw text, headers, status, code, field paths]. */
type Case = [string, string, string, unknown, Record<string, string>, number, string, string[]?];

const CASES: Case[] = [
  [
    'a number for a string',
    'POST',
    '/api/people/ME/evidence',
    { title: 7, kind: 'other', competencies: ['quality'] },
    json,
    422,
    'input_invalid',
    ['body.title'],
  ],
  [
    'a string for a list',
    'POST',
    '/api/people/ME/evidence',
    { title: 'x', kind: 'other', competencies: 'quality' },
    json,
    422,
    'input_invalid',
    ['body.competencies'],
  ],
  [
    'wrong item types',
    'POST',
    '/api/people/ME/evidence',
    { title: 'x', kind: 'other', competencies: [1, null] },
    json,
    422,
    'input_invalid',
    ['body.competencies.0', 'body.competencies.1'],
  ],
  [
    'an unknown field',
    'POST',
    '/api/people/ME/evidence',
    { title: 'x', kind: 'other', competencies: ['quality'], admin: true },
    json,
    422,
    'input_invalid',
    ['body.admin'],
  ],
  [
    'a huge title',
    'POST',
    '/api/people/ME/evidence',
    { title: huge, kind: 'other', competencies: ['quality'] },
    json,
    422,
    'input_invalid',
    ['body.title'],
  ],
  [
    'a body over 1 MiB',
    'POST',
    '/api/people/ME/evidence',
    { title: 'x', kind: 'other', competencies: ['quality'], body: huge.repeat(4) },
    json,
    413,
    'payload_too_large',
  ],
  [
    'an impossible date',
    'POST',
    '/api/people/ME/evidence',
    { title: 'x', kind: 'other', competencies: ['quality'], date: '2026-02-30' },
    json,
    422,
    'input_invalid',
    ['body.date'],
  ],
  [
    'a date in another format',
    'POST',
    '/api/people/ME/evidence',
    { title: 'x', kind: 'other', competencies: ['quality'], date: '02/03/2026' },
    json,
    422,
    'input_invalid',
    ['body.date'],
  ],
  [
    'an unknown visibility',
    'POST',
    '/api/people/ME/evidence',
    { title: 'x', kind: 'other', competencies: ['quality'], visibility: 'public' },
    json,
    422,
    'input_invalid',
    ['body.visibility'],
  ],
  ['a JSON array as the body', 'POST', '/api/people/ME/evidence', [], json, 422, 'input_invalid', ['body']],
  ['JSON null as the body', 'POST', '/api/people/ME/evidence', 'null', json, 422, 'input_invalid', ['body']],
  ['malformed JSON', 'POST', '/api/people/ME/evidence', '{"title": ', json, 400, 'malformed_json'],
  ['an empty JSON body', 'POST', '/api/people/ME/evidence', '', json, 400, 'malformed_json'],
  [
    'prototype pollution',
    'POST',
    '/api/people/ME/evidence',
    '{"__proto__": {"admin": true}}',
    json,
    400,
    'malformed_json',
  ],
  [
    'a body that is not JSON',
    'POST',
    '/api/people/ME/evidence',
    'title=x',
    { 'content-type': 'text/plain' },
    415,
    'unsupported_media_type',
  ],
  [
    'an unknown person',
    'POST',
    '/api/people/nobody/evidence',
    { title: 'x', kind: 'other', competencies: ['quality'] },
    json,
    404,
    'person_not_found',
  ],
  ['an unknown evidence id', 'PATCH', '/api/evidence/nope', { title: 'x' }, json, 404, 'evidence_not_found'],
  ['a very long id', 'GET', `/api/people/${'a'.repeat(5_000)}`, undefined, {}, 400, 'bad_request'],
  [
    'a repeated query parameter',
    'GET',
    '/api/people/ME/evidence?kind=incident&kind=design',
    undefined,
    {},
    422,
    'input_invalid',
    ['query.kind'],
  ],
  [
    'a bad date in the query',
    'GET',
    '/api/people/ME/evidence?until=tomorrow',
    undefined,
    {},
    422,
    'input_invalid',
    ['query.until'],
  ],
  ['an unknown track', 'GET', '/api/people/ME/progress?track=', undefined, {}, 422, 'input_invalid', ['query.track']],
  [
    'an empty diff bound',
    'GET',
    '/api/ladders/longhaul/diff?from=&to=',
    undefined,
    {},
    422,
    'input_invalid',
    ['query.from', 'query.to'],
  ],
  [
    'a rating of the wrong type',
    'POST',
    '/api/people/ME/assessments',
    { ratings: { scope: 3 } },
    json,
    422,
    'input_invalid',
    ['body.ratings.scope'],
  ],
  [
    'an unknown assessment kind',
    'POST',
    '/api/people/ME/assessments',
    { kind: 'peer', ratings: { scope: 'senior' } },
    json,
    422,
    'input_invalid',
    ['body.kind'],
  ],
  [
    'no ratings at all',
    'POST',
    '/api/people/ME/assessments',
    { ratings: {} },
    json,
    422,
    'rating_invalid',
    ['body.ratings'],
  ],
  ['an undecodable URL', 'GET', '/api/people/%E0%A4%A', undefined, {}, 400, 'bad_request'],
  ['a method the path lacks', 'PUT', '/api/people/ME', { name: 'x' }, json, 405, 'method_not_allowed'],
  ['an unknown API route', 'GET', '/api/secrets', undefined, { accept: 'text/html' }, 404, 'route_not_found'],
];

describe('hostile input', () => {
  it.each(CASES)('%s', async (_what, method, rawPath, body, headers, status, code, fields) => {
    const path = rawPath.replace('/ME', `/${t.me.id}`).replace('/EV', `/${evidenceId}`);
    const response = await rawRequest(
      method,
      path,
      headers,
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    );
    expect(response.status).toBe(status);
    const error = ErrorResponse.parse(JSON.parse(response.body));
    expect(error.error.code).toBe(code);
    if (fields !== undefined) expect(error.error.fields.map((f) => f.path)).toEqual(fields);
    expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it.each([
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/%00',
    '/.env',
  ])('never serves a file outside the web root: %s', async (path) => {
    const response = await rawRequest('GET', path, { accept: 'application/json' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body).not.toContain('root:');
    expect(response.body).not.toContain('"name": "longhaul"');
  });

  it('says 405 with the methods the path has', async () => {
    const response = await fetch(`${t.url}/api/evidence/${evidenceId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE');
  });
});

describe('failed writes', () => {
  it('leave what was stored as it was', async () => {
    const before = Evidence.parse((await t.request('GET', `/api/evidence/${evidenceId}`)).json);
    const failed = await t.request('PATCH', `/api/evidence/${evidenceId}`, { title: 'Changed', date: '2099-01-01' });
    expect(failed.status).toBe(422);
    expect(Evidence.parse((await t.request('GET', `/api/evidence/${evidenceId}`)).json)).toEqual(before);

    expect(
      (await t.request('POST', `/api/people/${t.me.id}/assessments`, { ratings: { scope: 'senior' } })).status,
    ).toBe(201);
    const assessments = async () =>
      AssessmentPage.parse((await t.request('GET', `/api/people/${t.me.id}/assessments`)).json);
    const kept = await assessments();
    const bad = await t.request('POST', `/api/people/${t.me.id}/assessments`, {
      ratings: { scope: 'junior', design: 'wizard' },
    });
    expect(bad.status).toBe(422);
    expect(await assessments()).toEqual(kept);

    const countBefore = (await t.request('GET', `/api/people/${t.me.id}/evidence`)).json;
    await t.request('POST', `/api/people/${t.me.id}/evidence`, { title: 'x', kind: 'other', competencies: ['nope'] });
    expect((await t.request('GET', `/api/people/${t.me.id}/evidence`)).json).toEqual(countBefore);
  });
});

describe('unexpected failures', () => {
  it('answer 500 internal with a generic sentence, and log the stack', async () => {
    const other = await buildPerson(t.db);
    const broken = await buildEvidence(t, other, { visibility: 'managers' });
    await t.db.updateTable('evidence').set({ links: 'not json' }).where('id', '=', broken.id).execute();

    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const server = await buildServer({ db: t.db, logger: { level: 'error', stream } });
    try {
      const response = await server.inject({
        method: 'GET',
        url: `/api/evidence/${broken.id}`,
        headers: { authorization: `Bearer ${t.token}` },
      });
      expect(response.statusCode).toBe(500);
      const body = ErrorResponse.parse(response.json());
      expect(body.error).toEqual({ code: 'internal', message: expect.stringMatching(/unexpectedly/), fields: [] });
      expect(response.body).not.toContain('column links');
      expect(response.body).not.toMatch(/\.ts:\d+/);
    } finally {
      await server.close();
    }
    const logged = lines.map((l) => JSON.parse(l) as { err?: { stack?: string } });
    expect(logged.some((l) => (l.err?.stack ?? '').includes('column links'))).toBe(true);
  });
});
