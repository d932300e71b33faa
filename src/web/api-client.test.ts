import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, messageOf, type FetchLike } from './api-client.js';

interface Call {
  url: string;
  method: string;
  body: unknown;
  headers: Record<string, string>;
}

/** A fake fetch that records each call and answers from a list. */
function fakeFetch(...answers: Array<Response | Error>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({
      url,
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('no answer left');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('api client', () => {
  it('builds paths under the base, escaping ids and leaving out empty filters', async () => {
    const { fetch, calls } = fakeFetch(json(200, []), json(200, {}), json(200, {}));
    const client = createApiClient(fetch);
    await client.listEvidence('p/1', { kind: 'design', competency: '', since: '2025-01-01', until: '' });
    await client.getProgress('p1', 'senior');
    await client.getProgress('p1', null);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/people/p%2F1/evidence?kind=design&since=2025-01-01',
      '/api/people/p1/progress?target=senior',
      '/api/people/p1/progress',
    ]);
  });

  it('sends JSON bodies with their content type', async () => {
    const { fetch, calls } = fakeFetch(json(201, { id: 'e1' }));
    const client = createApiClient(fetch);
    const created = await client.createEvidence('p1', { title: 'x', kind: 'design', competencies: ['design'] });
    expect(created).toEqual({ id: 'e1' });
    expect(calls[0]).toMatchObject({
      url: '/api/people/p1/evidence',
      method: 'POST',
      body: { title: 'x', kind: 'design', competencies: ['design'] },
      headers: { 'content-type': 'application/json' },
    });
  });

  it('accepts 204 without a body', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    await expect(createApiClient(fetch).deleteEvidence('e1')).resolves.toBeUndefined();
    expect(calls[0]).toMatchObject({ url: '/api/evidence/e1', method: 'DELETE' });
  });

  it("turns the server's error body into an ApiError with its fields", async () => {
    const body = {
      error: {
        code: 'input_invalid',
        message: 'The evidence has problems.',
        fields: [{ path: 'body.date', message: 'must not be in the future' }],
      },
    };
    const { fetch } = fakeFetch(json(400, body));
    const error = await createApiClient(fetch)
      .createEvidence('p1', { title: '', kind: 'x', competencies: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'input_invalid', message: 'The evidence has problems.' });
    expect((error as ApiError).fields).toEqual(body.error.fields);
    expect(messageOf(error)).toBe('The evidence has problems.');
  });

  it('words an error without a body, and a server that cannot be reached, itself', async () => {
    const { fetch } = fakeFetch(
      new Response('<html>Bad gateway</html>', { status: 502 }),
      new TypeError('fetch failed'),
    );
    const client = createApiClient(fetch);
    await expect(client.getMe()).rejects.toMatchObject({ status: 502, code: 'http_error' });
    await expect(client.getMe()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('never shows a stack or a raw error message for errors that are not the API', () => {
    const message = messageOf(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(message).not.toContain('undefined');
    expect(message).toMatch(/went wrong/);
  });

  it('counts changes and tells subscribers, but not for reads or failures', async () => {
    const { fetch } = fakeFetch(
      json(200, {}),
      json(201, { id: 'a1' }),
      json(400, { error: { code: 'input_invalid', message: 'no', fields: [] } }),
      json(200, { id: 'e1' }),
    );
    const client = createApiClient(fetch);
    let heard = 0;
    const stop = client.onChange(() => {
      heard += 1;
    });
    await client.getMe();
    await client.createAssessment('p1', { ratings: { design: 'senior' } });
    await client.createAssessment('p1', { ratings: {} }).catch(() => undefined);
    stop();
    await client.restoreEvidence('e1');
    expect(client.changeCount()).toBe(2);
    expect(heard).toBe(1);
  });
});
