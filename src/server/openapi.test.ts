import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { ROUTES } from './routes/index.js';
import { startTestServer, type TestServer } from './test-server.fixtures.js';

let t: TestServer;
let doc: OpenApiDocument;

beforeAll(async () => {
  t = await startTestServer();
  const response = await t.request('GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  doc = response.json as OpenApiDocument;
});

afterAll(async () => {
  await t.close();
});

/**
 * The routes Fastify's router holds, as `METHOD /path/{param}`, read from its
 * own listing (`printRoutes` with full segments: one node per line, indented
 * four characters per level, methods in brackets). The listing comes from the
 * router itself, so a route registered outside the route table shows up here.
 */
function servedRoutes(listing: string): string[] {
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of listing.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line.trimEnd());
    if (match === null) {
      expect(line.trim(), 'a line of the route listing this test cannot read').toBe('');
      continue;
    }
    const [, indent = '', segment = '', methods] = match;
    const depth = indent.length / 4;
    prefixes.length = depth;
    const path = `${prefixes.join('')}${segment}`;
    prefixes.push(segment);
    for (const method of methods?.split(', ') ?? []) {
      routes.push(`${method} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
  }
  return routes;
}

/** Every `$ref` anywhere in a value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [child] : refsIn(child),
  );
}

/** Follows a local JSON pointer (#/a/b) in the document. */
function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
      root,
    );
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 and valid against the OpenAPI 3.1 schema', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents exactly the routes Fastify serves, method and path', () => {
    const served = servedRoutes(t.server.printRoutes({ commonPrefix: false }));
    // The parse found the router's table, not nothing: the probes and a nested route are in it.
    expect(served).toEqual(expect.arrayContaining(['GET /healthz', 'POST /api/evidence/{evidenceId}/restore']));
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(served.filter((route) => !route.startsWith('HEAD ')).sort());
    // HEAD comes with every GET and with nothing else.
    expect(served.filter((route) => route.startsWith('HEAD ')).sort()).toEqual(
      served
        .filter((route) => route.startsWith('GET '))
        .map((route) => route.replace(/^GET/, 'HEAD'))
        .sort(),
    );
  });

  it('resolves every $ref, and names the contract schemas as components', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(resolvePointer(doc, ref), ref).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'Error',
        'Person',
        'Me',
        'Evidence',
        'EvidenceCreate',
        'Assessment',
        'Progress',
        'History',
      ]),
    );
    const unused = Object.keys(doc.components.schemas).filter((name) => !refs.includes(`#/components/schemas/${name}`));
    expect(unused).toEqual([]);
  });

  it('gives every operation a unique id, its path parameters, and the Error body for failures', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const operation of Object.values(item)) {
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared.sort()).toEqual([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort());
        expect(operation.responses.default?.content?.['application/json']?.schema).toEqual({
          $ref: '#/components/schemas/Error',
        });
      }
    }
  });

  it('is what docs/openapi.json holds (regenerate: node bin/longhaul.js openapi > docs/openapi.json)', () => {
    const generated = `${JSON.stringify(buildOpenApiDocument(ROUTES.map((r) => r.meta)), null, 2)}\n`;
    const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed, 'docs/openapi.json is stale: run `node bin/longhaul.js openapi > docs/openapi.json`').toBe(
      generated,
    );
    expect(JSON.parse(committed)).toEqual(doc);
  });
});

describe('the reference page', () => {
  it('renders every operation, its parameters and a curl example, without any external asset', async () => {
    const response = await t.request('GET', '/api/docs', undefined, { accept: 'text/html' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = response.text;
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(10);
    for (const operation of operations) expect(html).toContain(`id="${operation.operationId}"`);
    expect(html).toContain('<code>/api/people/{personId}/evidence</code>');
    expect(html).toContain(`curl -sS -X POST &quot;${t.url}/api/people/\${PERSON_ID}/evidence&quot;`);
    expect(html).toContain('id="schema-EvidenceCreate"');
    expect(html).not.toMatch(/<script|<link|src="http|href="http(?!s?:\/\/spec)/);
    expect(html).toMatch(/<html lang="en">/);
  });
});
