import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import { saveLadderVersion } from '../store/ladder.repository.js';
import { ErrorResponse, PersonParams } from './api-contract.js';
import { toErrorReply } from './error-response.js';
import { startTestServer, type TestServer } from './test-server.fixtures.js';
import { checkInput } from './validation.js';

let t: TestServer;
/** A prefix of the active ladder's hash that a second stored version shares, so it names no single version. */
let ambiguous = '';

beforeAll(async () => {
  t = await startTestServer();
  const { hash } = t.ladder.ladder;
  ambiguous = hash.slice(0, 16);
  const twin = `${ambiguous}${hash.slice(16).replace(/./g, (c) => (c === '0' ? '1' : '0'))}`;
  await saveLadderVersion(t.db, { ladderId: 'longhaul', hash: twin, title: 'A twin', sourceYaml: 'id: longhaul\n' });
});

afterAll(async () => {
  await t.close();
});

async function fieldsOf(path: string): Promise<string[]> {
  const response = await t.request('GET', path);
  expect(response.status, response.text).toBe(422);
  return ErrorResponse.parse(response.json).error.fields.map((f) => f.path);
}

describe('field paths of errors', () => {
  it('names a path parameter a service refuses as params.<name>, not query.<name>', async () => {
    expect(await fieldsOf(`/api/ladders/longhaul/versions/${ambiguous}`)).toEqual(['params.hash']);
  });

  it('names a query parameter a service refuses as query.<name> on a route that also has path parameters', async () => {
    const full = t.ladder.ladder.hash;
    expect(await fieldsOf(`/api/ladders/longhaul/diff?from=${ambiguous}&to=${full}`)).toEqual(['query.from']);
    expect(await fieldsOf(`/api/ladders/longhaul/diff?from=${full}&to=${ambiguous}`)).toEqual(['query.to']);
  });

  it('names a path parameter that fails its schema as params.<name>', () => {
    const checked = checkInput(PersonParams, { personId: '' }, 'params');
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.fields.map((f) => f.path)).toEqual(['params.personId']);
  });

  it('asks the locator where each problem of a domain error came from', () => {
    const error = new DomainError('input_invalid', 'two problems', [
      { path: ['hash'], message: 'ambiguous' },
      { path: ['title'], message: 'empty' },
    ]);
    const reply = toErrorReply(error, ([first]) => (first === 'hash' ? 'params' : 'body'));
    expect(reply.status).toBe(422);
    expect(reply.body.error.fields).toEqual([
      { path: 'params.hash', message: 'ambiguous' },
      { path: 'body.title', message: 'empty' },
    ]);
  });
});
