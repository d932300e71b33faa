import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse } from './api-contract.js';
import { startTestServer, type TestServer } from './test-server.fixtures.js';

const INDEX =
  '<!doctype html><html lang="en"><title>Longhaul</title><script type="module" src="/assets/index-3f9a1c.js"></script></html>';

describe('the web app', () => {
  let t: TestServer;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'longhaul-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'index-3f9a1c.js'), 'console.log("app");');
    writeFileSync(join(root, 'assets', 'index-77aa00.css'), 'body{margin:0}');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, '.secret'), 'do not serve');
    t = await startTestServer({ webRoot: root });
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves index.html at / without long caching', async () => {
    const response = await t.request('GET', '/', undefined, { accept: 'text/html' });
    expect(response.status).toBe(200);
    expect(response.text).toBe(INDEX);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it.each([
    ['/assets/index-3f9a1c.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-77aa00.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/favicon.svg', 'image/svg+xml', 'no-cache'],
  ])('serves %s as %s, cached as %s', async (path, type, cache) => {
    const response = await t.request('GET', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('cache-control')).toBe(cache);
  });

  it('answers a revalidation with 304 when the file has not changed', async () => {
    const first = await t.request('GET', '/favicon.svg');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await t.request('GET', '/favicon.svg', undefined, { 'if-none-match': etag })).status).toBe(304);
  });

  it('answers client-side routes that want a page with index.html', async () => {
    for (const path of ['/progress', '/evidence?competency=design', '/ladder/levels/senior', '/evidence/abc/edit']) {
      const response = await t.request('GET', path, undefined, { accept: 'text/html,application/xhtml+xml' });
      expect(response.status, path).toBe(200);
      expect(response.text).toBe(INDEX);
    }
  });

  it('answers an address the app has no page for with 404, and still the app, which shows its not-found view', async () => {
    for (const path of ['/people/123/unknown', '/deeply/nested/route', '/ladder/other', '/progress/extra']) {
      const response = await t.request('GET', path, undefined, { accept: 'text/html,application/xhtml+xml' });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.text, path).toBe(INDEX);
    }
  });

  it('never answers the API, probes or missing assets with index.html', async () => {
    for (const path of ['/api/unknown', '/api', '/metrics/extra', '/assets/missing-000.js']) {
      const response = await t.request('GET', path, undefined, { accept: 'text/html' });
      expect(response.status, path).toBe(404);
      expect(ErrorResponse.parse(response.json).error.code).toBe('route_not_found');
    }
    const json = await t.request('GET', '/people/123', undefined, { accept: 'application/json' });
    expect(json.status).toBe(404);
  });

  it('never serves dotfiles', async () => {
    const response = await t.request('GET', '/.secret');
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('do not serve');
  });
});

describe('without a web build', () => {
  it('says how to build it, on / and on any page', async () => {
    const t = await startTestServer();
    try {
      for (const path of ['/', '/people/123']) {
        const response = await t.request('GET', path, undefined, { accept: 'text/html' });
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(response.text).toContain('npm run build');
        expect(response.text).toContain('/api/docs');
      }
      expect((await t.request('GET', '/api/me')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
