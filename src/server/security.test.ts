import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteEvidence, getEvidenceIncludingDeleted } from '../services/evidence.service.js';
import { initialiseWorkspace, openWorkspace } from '../services/workspace.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from '../services/ladder-files.js';
import { ErrorResponse } from './api-contract.js';
import { buildServer } from './app.js';
import { buildEvidence, startTestServer, type TestServer } from './test-server.fixtures.js';

let t: TestServer;
let port = 0;

beforeAll(async () => {
  t = await startTestServer();
  port = Number(new URL(t.url).port);
});

afterAll(async () => {
  await t.close();
});

/** Sends a request with exactly these headers (fetch will not let a test choose Host), plus the suite's API token. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const signed = { authorization: `Bearer ${t.token}`, ...headers };
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: signed }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Writes raw bytes on a socket and collects everything until the server closes it. */
function rawExchange(bytes: string, port: number): Promise<{ text: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
  });
}

/** The JSON body of a raw HTTP response, checked against the documented error shape. */
function errorBodyOf(raw: string): ErrorResponse {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return ErrorResponse.parse(JSON.parse(body));
}

async function evidenceCount(): Promise<number> {
  const rows = await t.db
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}

const newEvidence = JSON.stringify({
  title: 'Planted by a rebinding page',
  kind: 'incident',
  competencies: ['reliability'],
  date: '2026-03-02',
  visibility: 'managers',
});

describe('headers on HTML responses', () => {
  it('the web app fallback forbids inline script and framing', async () => {
    const response = await t.request('GET', '/some/page');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('the API reference allows only its own style sheet, by hash, and no script', async () => {
    const response = await t.request('GET', '/api/docs');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.text).not.toContain('<script');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('DNS rebinding and cross-site changes', () => {
  it('refuses a request for a host it is not configured for and stores nothing', async () => {
    const before = await evidenceCount();
    const response = await send(
      'POST',
      `/api/people/${t.me.id}/evidence`,
      { host: 'attacker.example', 'content-type': 'application/json' },
      newEvidence,
    );
    expect(response.status).toBe(403);
    expect(ErrorResponse.parse(JSON.parse(response.body)).error.message).toContain('attacker.example');
    expect(await evidenceCount()).toBe(before);
  });

  it('refuses reads under a foreign host too, so a rebinding page cannot read data', async () => {
    const response = await send('GET', '/api/me', { host: `attacker.example:${port}` });
    expect(response.status).toBe(403);
  });

  it('answers the loopback names with the port it listens on', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await send('GET', '/api/me', { host })).status).toBe(200);
    }
  });

  it('refuses a bodyless cross-site POST that would restore deleted evidence', async () => {
    const evidence = await buildEvidence(t, t.me, { title: 'Deleted on purpose' });
    await deleteEvidence(t.db, evidence.id);
    const response = await send('POST', `/api/evidence/${evidence.id}/restore`, {
      host: `127.0.0.1:${port}`,
      origin: 'https://attacker.example',
      'content-type': 'text/plain',
      'content-length': '0',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    ErrorResponse.parse(JSON.parse(response.body));
    expect((await getEvidenceIncludingDeleted(t.db, evidence.id)).deleted).toBe(true);
  });

  it('refuses a bodyless POST without a JSON content type even from no named origin', async () => {
    const evidence = await buildEvidence(t, t.me, { title: 'Deleted again' });
    await deleteEvidence(t.db, evidence.id);
    const response = await send('POST', `/api/evidence/${evidence.id}/restore`, { host: `127.0.0.1:${port}` });
    expect(response.status).toBe(415);
    expect((await getEvidenceIncludingDeleted(t.db, evidence.id)).deleted).toBe(true);
  });

  it('refuses a JSON change from a foreign origin', async () => {
    const before = await evidenceCount();
    const response = await t.request('POST', `/api/people/${t.me.id}/evidence`, JSON.parse(newEvidence), {
      origin: 'http://attacker.example',
    });
    expect(response.status).toBe(403);
    expect(await evidenceCount()).toBe(before);
  });

  it('takes the app own bodyless restore: JSON content type, same origin', async () => {
    const evidence = await buildEvidence(t, t.me, { title: 'Deleted by mistake' });
    await deleteEvidence(t.db, evidence.id);
    const response = await fetch(`${t.url}/api/evidence/${evidence.id}/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.url, authorization: `Bearer ${t.token}` },
    });
    expect(response.status).toBe(200);
    expect((await getEvidenceIncludingDeleted(t.db, evidence.id)).deleted).toBe(false);
  });
});

describe('a server reached at its public URL', () => {
  it('answers that host and takes changes from that origin, and still refuses others', async () => {
    const server = await buildServer({
      db: t.db,
      webRoot: '/nonexistent',
      today: () => '2026-11-28',
      publicUrl: 'https://longhaul.example',
    });
    try {
      const bearer = `Bearer ${t.token}`;
      const me = await server.inject({
        method: 'GET',
        url: '/api/me',
        headers: { host: 'longhaul.example', authorization: bearer },
      });
      expect(me.statusCode).toBe(200);
      const change = await server.inject({
        method: 'POST',
        url: `/api/people/${t.me.id}/evidence`,
        headers: {
          host: 'longhaul.example',
          origin: 'https://longhaul.example',
          'content-type': 'application/json',
          authorization: bearer,
        },
        payload: newEvidence,
      });
      expect(change.statusCode).toBe(201);
      const other = await server.inject({ method: 'GET', url: '/api/me', headers: { host: 'other.example' } });
      expect(other.statusCode).toBe(403);
    } finally {
      await server.close();
    }
  });
});

describe('malformed HTTP answers the documented error shape', () => {
  it('bad chunked encoding', async () => {
    const { text } = await rawExchange(
      `POST /api/people/${t.me.id}/evidence HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      port,
    );
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(errorBodyOf(text).error.code).toBe('bad_request');
  });

  it('headers too large: 431', async () => {
    const { text } = await rawExchange(
      `GET /api/me HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-big: ${'a'.repeat(40_000)}\r\n\r\n`,
      port,
    );
    expect(text).toMatch(/^HTTP\/1\.1 431/);
    expect(errorBodyOf(text).error.message).toContain('headers');
  });

  it('a space in the path', async () => {
    const { text } = await rawExchange(`GET /api/m e HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, port);
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(errorBodyOf(text).error.fields).toEqual([]);
  });
});

describe('slow clients', () => {
  it('closes a connection whose body stops halfway, within the bound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhaul-slow-'));
    const workspace = await openWorkspace(join(dir, 'longhaul.db'), { create: true });
    const { person } = await initialiseWorkspace(workspace.db, {
      ladder: await readLadderFile(DEFAULT_LADDER_FILE),
      personName: 'Sam Okafor',
    });
    const server = await buildServer({
      db: workspace.db,
      webRoot: join(dir, 'no-web'),
      timeouts: { requestMs: 1000, headersMs: 500, idleMs: 800, keepAliveMs: 500 },
    });
    try {
      await server.listen({ port: 0, host: '127.0.0.1' });
      const address = server.server.address();
      if (typeof address !== 'object' || address === null) throw new Error('no address');
      const half = newEvidence.slice(0, newEvidence.length / 2);
      const { ms } = await rawExchange(
        `POST /api/people/${person.id}/evidence HTTP/1.1\r\nHost: 127.0.0.1:${address.port}\r\ncontent-type: application/json\r\ncontent-length: ${newEvidence.length}\r\n\r\n${half}`,
        address.port,
      );
      expect(ms).toBeLessThan(4000);
    } finally {
      await server.close();
      await workspace.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 10_000);
});
