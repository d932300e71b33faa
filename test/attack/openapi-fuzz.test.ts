import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse } from '../../src/server/api-contract.js';
import { buildEvidence, startTestServer, type TestServer } from '../../src/server/test-server.fixtures.js';

/*
 * Fuzzes every operation the served OpenAPI document lists with generated bad
 * requests: wrong types, missing and extra fields, huge strings and arrays,
 * deep nesting, unicode edge cases, prototype keys, SQL and HTML fragments and
 * bad content types. Nothing here names a route: a new operation in the
 * document is fuzzed as soon as it is served. A second part speaks malformed
 * HTTP on a raw socket.
 *
 * Asserted for every request: no 5xx; every error in the documented shape;
 * an error no larger than max(4 × the request, 8 KB); and a refused write
 * leaves the person's evidence, assessments and record as they were.
 */

const SOAK = process.env.LONGHAUL_SOAK === '1';
/** Generated requests per operation and run. */
const RUNS_PER_OPERATION = SOAK ? 400 : 40;
const SEED = 20261201;
const ERROR_FLOOR_BYTES = 8 * 1024;
const ERROR_FACTOR = 4;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  example?: unknown;
  schema?: Schema;
}

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  example?: unknown;
  examples?: unknown[];
  minimum?: number;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { schema: Schema; example?: unknown };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: RequestBody }>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RequestBody {
  content?: Record<string, { schema?: Schema; example?: unknown }>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

let test: TestServer;
let doc: OpenApiDocument;
let operations: Operation[] = [];
/** Real values for path parameters, so requests reach the handler behind the 404s. */
const known: Record<string, string> = {};
/** Requests sent by the generated part, reported at the end of the file. */
let sent = 0;
/** How many generated requests got each status, so a run shows the fuzzer got past the front door. */
const statuses = new Map<number, number>();

beforeAll(async () => {
  test = await startTestServer();
  const served = await test.request('GET', '/api/openapi.json');
  expect(served.status).toBe(200);
  doc = served.json as OpenApiDocument;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => {
        const json = op.requestBody?.content?.['application/json'];
        return {
          method: method.toUpperCase(),
          path,
          parameters: op.parameters ?? [],
          ...(json?.schema === undefined ? {} : { body: { schema: json.schema, example: json.example } }),
        };
      }),
  );
  const active = (await test.request('GET', '/api/ladders/active')).json as { id: string; hash: string };
  const evidence = await buildEvidence(test, test.me);
  Object.assign(known, {
    personId: test.me.id,
    id: test.me.id,
    evidenceId: evidence.id,
    ladderId: active.id,
    hash: active.hash,
    from: active.hash,
    to: active.hash,
  });
});

afterAll(async () => {
  await test?.close();
  const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
  console.info(`openapi-fuzz: ${sent} generated requests over ${operations.length} operations: ${byStatus.join(' ')}`);
});

function resolve(schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let i = 0; i < 10 && current.$ref !== undefined; i += 1) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = doc.components?.schemas?.[name] ?? {};
  }
  return current;
}

/** A plausible valid value for a schema, from its example, enum or type. */
function sample(schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.examples?.[0] !== undefined) return s.examples[0];
  if (s.const !== undefined) return s.const;
  if (s.enum?.[0] !== undefined) return s.enum[0];
  const first = s.anyOf?.[0] ?? s.oneOf?.[0] ?? s.allOf?.[0];
  if (first !== undefined) return sample(first, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (depth > 5) return null;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]));
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      return s.format === 'date' ? '2026-03-02' : 'text';
    default:
      return null;
  }
}

const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    "'; DROP TABLE evidence; --",
    '" OR 1=1 --',
    "1' UNION SELECT * FROM people --",
    '<script>window.__pwned=1</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF lone',
    '\u202Eevil\u202C',
    '\u200F\u200E',
    '\uFEFF',
    '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦',
    '../../etc/passwd',
    '%00',
    '%E0%A4%A',
    '__proto__',
    'constructor',
    'toString',
    '-1',
    '1e309',
    'NaN',
    '9999-99-99',
    '2026-02-30',
    'null',
  ),
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.constantFrom(1_000, 10_000, 200_000).map((n) => 'x'.repeat(n)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, [], {}),
  fc.constantFrom(1_000, 20_000).map((n) => Array.from({ length: n }, () => 'reliability')),
  fc.array(hostileText, { maxLength: 5 }),
  fc.constantFrom(50, 500).map((depth) => {
    let v: unknown = 'deep';
    for (let i = 0; i < depth; i += 1) v = { a: v };
    return v;
  }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'x'), fc.constant({ polluted: true })),
);

/** A body: the example with fields removed, retyped or added, or something else entirely. */
function bodyArbitrary(op: Operation): fc.Arbitrary<unknown> {
  const base = (op.body?.example ?? sample(op.body?.schema)) as Record<string, unknown> | null;
  const keys = base !== null && typeof base === 'object' ? Object.keys(base) : [];
  const edited = fc
    .record({
      drop: fc.subarray(keys),
      replace: fc.dictionary(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), hostileValue, { maxKeys: 3 }),
      extra: fc.dictionary(
        fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'personId', 'createdAt'), hostileText),
        hostileValue,
        { maxKeys: 2 },
      ),
    })
    .map(({ drop, replace, extra }) => {
      const out: Record<string, unknown> = {};
      for (const key of keys) if (!drop.includes(key)) out[key] = base?.[key];
      for (const [k, v] of Object.entries(replace)) out[k] = v;
      for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true });
      return out;
    });
  return fc.oneof({ weight: 4, arbitrary: edited }, { weight: 1, arbitrary: hostileValue });
}

interface Generated {
  path: string;
  query: string;
  body: string | undefined;
  contentType: string | undefined;
}

/** Percent-encodes a path segment; a lone surrogate is sent as the bytes of U+FFFD rather than refused here. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

function requestArbitrary(op: Operation): fc.Arbitrary<Generated> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValue = (p: Parameter) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(String(p.example ?? known[p.name] ?? 'x')) },
      { weight: 2, arbitrary: hostileText },
    );
  const queryValue = (p: Parameter) =>
    fc.option(
      fc.oneof(
        fc.constant([String(p.example ?? known[p.name] ?? sample(p.schema) ?? '')]),
        hostileText.map((text) => [text]),
        fc.constant(['a', 'b']),
      ),
      { nil: undefined },
    );
  const rawBody = fc.oneof(
    { weight: 6, arbitrary: bodyArbitrary(op).map((b) => JSON.stringify(b) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{', '{"title":', 'null', '"', '[1,2', '\u0000', '{"a":1}{"b":2}', '\uFEFF{}'),
    },
    { weight: 1, arbitrary: fc.constantFrom(2_000, 20_000).map((n) => '['.repeat(n) + ']'.repeat(n)) },
  );
  const withBody = op.body !== undefined || op.method !== 'GET';
  return fc.record({
    path: fc.tuple(...pathParams.map(pathValue)).map((values) => {
      let path = op.path;
      pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, encodeSegment(values[i] ?? ''))));
      return path;
    }),
    query: fc
      .tuple(
        fc.tuple(...queryParams.map(queryValue)),
        fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'limit'), hostileText), hostileText, {
          maxKeys: 2,
        }),
      )
      .map(([values, extra]) => {
        const search = new URLSearchParams();
        queryParams.forEach((p, i) => {
          const v = values[i];
          for (const item of v ?? []) search.append(p.name, item);
        });
        for (const [k, v] of Object.entries(extra)) search.append(k, v);
        const text = search.toString();
        return text === '' ? '' : `?${text}`;
      }),
    body: withBody ? fc.option(rawBody, { nil: undefined, freq: 5 }) : fc.constant(undefined),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          undefined,
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/xml',
          'application/json, text/html',
          '',
        ),
      },
    ),
  });
}

/** What a refused write must leave untouched: the person, their evidence and assessments. */
async function snapshot(): Promise<string> {
  const me = test.me.id;
  const parts = await Promise.all(
    [
      `/api/people/${me}`,
      `/api/people/${me}/evidence?limit=200`,
      `/api/people/${me}/assessments?limit=200`,
      '/api/people?limit=200',
    ].map(async (path) => {
      const response = await fetch(test.url + path, { headers: { authorization: `Bearer ${test.token}` } });
      return `${path} ${response.status} ${await response.text()}`;
    }),
  );
  return parts.join('\n');
}

async function send(op: Operation, request: Generated): Promise<{ status: number; text: string; type: string }> {
  // Signed in with the suite's API token, so the requests get past authentication to the checks behind it.
  const headers: Record<string, string> = { authorization: `Bearer ${test.token}` };
  if (request.body !== undefined && request.contentType !== undefined) headers['content-type'] = request.contentType;
  const response = await fetch(test.url + request.path + request.query, {
    method: op.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
}

function describeRequest(op: Operation, request: Generated): string {
  const body = request.body === undefined ? '' : ` body(${request.body.length} chars)=${request.body.slice(0, 200)}`;
  return `${op.method} ${(request.path + request.query).slice(0, 300)} content-type=${String(request.contentType)}${body}`;
}

describe('every operation of the served OpenAPI document, fuzzed', () => {
  it('lists the operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.some((op) => op.body !== undefined)).toBe(true);
  });

  it('answers generated bad requests without a 5xx, in the error shape, bounded, storing nothing refused', async () => {
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(op), async (request) => {
          const write = op.method !== 'GET';
          const before = write ? await snapshot() : '';
          const response = await send(op, request);
          sent += 1;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const what = `${describeRequest(op, request)} -> ${response.status} ${response.text.slice(0, 300)}`;
          expect(response.status, what).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.text, `a stack trace left the server: ${what}`).not.toMatch(/\bat .+\.[cm]?[jt]s:\d+/);
            expect(response.type, what).toMatch(/^application\/json/);
            const parsed = ErrorResponse.safeParse(JSON.parse(response.text));
            expect(parsed.success, what).toBe(true);
            for (const field of parsed.data?.error.fields ?? []) {
              expect(field.path, what).toMatch(/^(body|query|params|headers)(\.|$)/);
            }
            const requestSize = request.path.length + request.query.length + (request.body?.length ?? 0);
            expect(Buffer.byteLength(response.text), what).toBeLessThanOrEqual(
              Math.max(ERROR_FACTOR * requestSize, ERROR_FLOOR_BYTES),
            );
            if (write) expect(await snapshot(), `stored data changed by a refused ${what}`).toBe(before);
          }
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }
    // The fuzzer must reach handlers and validation, not only the router's 404.
    expect([...statuses.keys()].filter((s) => s >= 200 && s < 300).length).toBeGreaterThan(0);
    expect((statuses.get(400) ?? 0) + (statuses.get(422) ?? 0)).toBeGreaterThan(sent / 10);
  }, 600_000);
});

/** Sends raw bytes and returns what came back before the server closed or `waitMs` passed. */
function raw(bytes: string | Buffer, waitMs = 2_000): Promise<{ text: string; closed: boolean }> {
  const url = new URL(test.url);
  return new Promise((done) => {
    const socket = connect(Number(url.port), url.hostname);
    let text = '';
    let closed = false;
    const timer = setTimeout(() => {
      socket.destroy();
      done({ text, closed });
    }, waitMs);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      done({ text, closed });
    });
    socket.write(bytes);
  });
}

const statusLines = (text: string) => [...text.matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((m) => Number(m[1]));

describe('malformed HTTP on a raw socket', () => {
  const cases: [string, string | (() => string)][] = [
    [
      'bad chunked encoding',
      'POST /api/people/ME/evidence HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    ],
    [
      'a chunk longer than it says',
      'POST /api/people/ME/evidence HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{"title":"x"}\r\n0\r\n\r\n',
    ],
    [
      'both Content-Length and chunked',
      'POST /api/people/ME/evidence HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
    ],
    ['huge headers', () => `GET /api/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(200_000)}\r\n\r\n`],
    [
      'thousands of headers',
      () =>
        `GET /api/me HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`,
    ],
    ['a space in the path', 'GET /api/people/ME /evidence HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a NUL in the path', 'GET /api/me\u0000x HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['bad percent-encoding', 'GET /api/people/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an unknown method', 'BREW /api/me HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['no HTTP version', 'GET /api/me\r\n\r\n'],
    ['garbage', '\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003'],
    ['a negative Content-Length', 'POST /api/people/ME/evidence HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n'],
    [
      'a body that never finishes',
      'POST /api/people/ME/evidence HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title":',
    ],
  ];

  it.each(cases)('%s: no 5xx; answered in the error shape or closed', async (_name, bytes) => {
    const before = await snapshot();
    const text = (typeof bytes === 'function' ? bytes() : bytes).replaceAll('ME', test.me.id);
    const reply = await raw(text);
    const statuses = statusLines(reply.text);
    for (const status of statuses) expect(status, reply.text.slice(0, 400)).toBeLessThan(500);
    if (statuses.some((s) => s >= 400)) {
      const head = reply.text.slice(0, reply.text.indexOf('\r\n\r\n'));
      const length = Number(/^content-length: *(\d+)/im.exec(head)?.[1] ?? '0');
      const body = reply.text.slice(head.length + 4, head.length + 4 + length);
      if (body.trim().startsWith('{')) {
        expect(ErrorResponse.safeParse(JSON.parse(body)).success, body.slice(0, 400)).toBe(true);
      }
    }
    // Answered, or closed, or (a body that never finishes) still waiting within its timeout: never a hang after a reply.
    expect(statuses.length > 0 || reply.closed || _name === 'a body that never finishes').toBe(true);
    expect(await snapshot()).toBe(before);
    // The server still serves afterwards.
    expect((await test.request('GET', '/healthz')).status).toBe(200);
  });
});
