import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse } from './api-contract.js';
import { startTestServer, type TestServer } from './test-server.fixtures.js';

/*
 * Requests built to make the server work hard or answer big: huge invalid
 * arrays, thousands of unknown ids. Each must get a small, documented 4xx.
 */

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t.close();
});

/** The response may be larger than its request by this many bytes at most. */
const SMALL_CONSTANT = 8_192;

function evidencePath(): string {
  return `/api/people/${t.me.id}/evidence`;
}

describe('big invalid arrays', () => {
  it('answers 422, not 500, to 125,000 invalid competencies', async () => {
    const body = { title: 'Big', kind: 'other', competencies: Array.from({ length: 125_000 }, () => 1) };
    const response = await t.request('POST', evidencePath(), body);
    expect(response.status).toBe(422);
    const error = ErrorResponse.parse(response.json).error;
    expect(error.fields.length).toBeLessThanOrEqual(21);
    expect(error.fields.some((f) => f.path.startsWith('body.competencies'))).toBe(true);
    expect(response.text.length).toBeLessThan(JSON.stringify(body).length + SMALL_CONSTANT);
  });

  it('answers 404 for an unknown person before it checks the body', async () => {
    const response = await t.request('POST', '/api/people/nobody-here/evidence', { title: 1 });
    expect(response.status).toBe(404);
  });
});

describe('errors are never much larger than the request', () => {
  it('answers a short 422 to 40 unknown competencies, capped at 20 problems and a count of the rest', async () => {
    const competencies = Array.from({ length: 40 }, (_, i) => `unknown-${i}`);
    const body = { title: 'Many', kind: 'other', competencies };
    const response = await t.request('POST', evidencePath(), body);
    expect(response.status).toBe(422);
    const error = ErrorResponse.parse(response.json).error;
    expect(error.fields).toHaveLength(21);
    expect(error.fields[20]?.message).toBe('and 20 more problems');
    // The ladder's competencies are named once at most, not in every problem.
    expect(response.text.split('reliability').length - 1).toBeLessThanOrEqual(2);
    expect(response.text.length).toBeLessThan(JSON.stringify(body).length + SMALL_CONSTANT);
  });

  it('refuses more competencies than the contract allows, naming the field', async () => {
    const body = { title: 'Many', kind: 'other', competencies: Array.from({ length: 250_000 }, () => 'x') };
    const response = await t.request('POST', evidencePath(), body);
    expect(response.status).toBe(422);
    const error = ErrorResponse.parse(response.json).error;
    expect(error.fields.map((f) => f.path)).toContain('body.competencies');
    expect(response.text.length).toBeLessThan(JSON.stringify(body).length + SMALL_CONSTANT);
  });

  it('does not echo a long unknown id in full', async () => {
    const long = 'y'.repeat(200_000);
    const body = { title: 'Long', kind: 'other', competencies: [long] };
    const response = await t.request('POST', evidencePath(), body);
    expect(response.status).toBe(422);
    expect(response.text.length).toBeLessThan(JSON.stringify(body).length + SMALL_CONSTANT);
    expect(response.text.length).toBeLessThan(SMALL_CONSTANT);
  });

  it('caps unknown competencies in assessment ratings and never lists the ladder in each', async () => {
    const ratings = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`nope-${i}`, 'senior']));
    const response = await t.request('POST', `/api/people/${t.me.id}/assessments`, { ratings });
    expect(response.status).toBe(422);
    const error = ErrorResponse.parse(response.json).error;
    expect(error.fields.length).toBeLessThanOrEqual(21);
    expect(error.fields.at(-1)?.message).toMatch(/^and \d+ more problems$/);
    expect(response.text.split('reliability').length - 1).toBeLessThanOrEqual(2);
  });

  it('refuses more links than the contract allows', async () => {
    const links = Array.from({ length: 20_000 }, (_, i) => `https://example.com/${i}`);
    const response = await t.request('POST', evidencePath(), {
      title: 'Linked',
      kind: 'other',
      competencies: ['reliability'],
      links,
    });
    expect(response.status).toBe(422);
    expect(ErrorResponse.parse(response.json).error.fields.map((f) => f.path)).toContain('body.links');
  });

  it('refuses an assessment note of 100 KB', async () => {
    const response = await t.request('POST', `/api/people/${t.me.id}/assessments`, {
      ratings: { reliability: 'not-observed' },
      note: 'n'.repeat(100_000),
    });
    expect(response.status).toBe(422);
    expect(ErrorResponse.parse(response.json).error.fields.map((f) => f.path)).toContain('body.note');
  });
});

describe('input accepted that should not be', () => {
  async function logWith(fields: Record<string, unknown>, headers?: Record<string, string>) {
    return t.request(
      'POST',
      evidencePath(),
      { title: 'Fine', kind: 'other', competencies: ['reliability'], ...fields },
      headers,
    );
  }

  function fieldPaths(json: unknown): string[] {
    return ErrorResponse.parse(json).error.fields.map((f) => f.path);
  }

  it('refuses a lone surrogate in a string, naming the field', async () => {
    const response = await logWith({ body: 'half a pair: \ud800 here' });
    expect(response.status).toBe(422);
    expect(fieldPaths(response.json)).toContain('body.body');
  });

  it('refuses a lone surrogate in an array item and in a record key', async () => {
    const item = await logWith({ links: ['https://example.com/\udc00'] });
    expect(item.status).toBe(422);
    expect(fieldPaths(item.json)).toContain('body.links.0');
    const key = await t.request('POST', `/api/people/${t.me.id}/assessments`, {
      ratings: { reliability: 'not-observed' },
      notes: { 'reli\ud800': 'why' },
    });
    expect(key.status).toBe(422);
    expect(fieldPaths(key.json).some((p) => p.startsWith('body.notes'))).toBe(true);
  });

  it.each(['\u0000', '\u0000\u0000\u0000', ' \t ', '\u0007\u001b\u007f', '\u200b\u200b'])(
    'refuses a title of only NUL, whitespace or control characters (%j)',
    async (title) => {
      const response = await logWith({ title });
      expect(response.status).toBe(422);
      expect(fieldPaths(response.json)).toContain('body.title');
    },
  );

  it('refuses the year 0000', async () => {
    const response = await logWith({ date: '0000-01-01' });
    expect(response.status).toBe(422);
    expect(fieldPaths(response.json)).toContain('body.date');
  });

  it('refuses a body declared in another charset than UTF-8 with 415', async () => {
    const response = await logWith({}, { 'content-type': 'application/json; charset=utf-16' });
    expect(response.status).toBe(415);
    expect(ErrorResponse.parse(response.json).error.code).toBe('unsupported_media_type');
  });

  it('accepts a body declared as charset=utf-8', async () => {
    const response = await logWith({}, { 'content-type': 'application/json; charset=UTF-8' });
    expect(response.status).toBe(201);
  });
});

describe('competency ids that name object properties', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty'])('says ratings.%s is not a competency', async (id) => {
    const response = await t.request('POST', `/api/people/${t.me.id}/assessments`, {
      ratings: { [id]: 'senior' },
      notes: { [id]: 'why' },
    });
    expect(response.status).toBe(422);
    const fields = ErrorResponse.parse(response.json).error.fields;
    expect(fields.map((f) => f.path)).toEqual([`body.ratings.${id}`, `body.notes.${id}`]);
    expect(fields[0]?.message).toContain(`"${id}" is not a competency`);
  });
});
