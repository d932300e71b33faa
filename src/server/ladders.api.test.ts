import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../services/api-token.service.js';
import { readLadderFile, type LadderSource } from '../services/ladder-files.js';
import { activateLadder } from '../services/workspace.service.js';
import { insertAccount } from '../store/account.repository.js';
import { AuditPage, ErrorResponse, Ladder, LadderVersion, LadderVersionPage } from './api-contract.js';
import { buildServer } from './app.js';
import { buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';

/*
 * Choosing the active ladder version over HTTP: an admin makes a stored
 * version active by its hash (or a prefix), every server on the database uses
 * it from the next request, the audit log keeps who did it, and anyone else
 * is refused with the policy's sentence.
 */

const PREVIOUS_FILE = fileURLToPath(new URL('../../ladders/examples/longhaul-previous.yaml', import.meta.url));
let t: TestServer;
let previous: LadderSource;

beforeAll(async () => {
  t = await startTestServer();
  previous = await readLadderFile(PREVIOUS_FILE);
  // Stored the way `longhaul use-ladder` stores it, and then the current ladder made active again.
  await activateLadder(t.db, previous);
  await activateLadder(t.db, t.ladder);
});

afterAll(async () => {
  await t.close();
});

const activate = (hash: string, ladderId = 'longhaul') =>
  t.request('POST', `/api/ladders/${ladderId}/versions/${hash}/activate`);
const activeHash = async () => Ladder.parse((await t.request('GET', '/api/ladders/active')).json).hash;

describe('POST /api/ladders/{ladderId}/versions/{hash}/activate', () => {
  it('lets an admin make an older version active by a short hash, seen at once by another server on the database', async () => {
    // A second server process on the same database, which has already read the active ladder.
    const other = await buildServer({ db: t.db });
    try {
      const ask = async () =>
        Ladder.parse(
          (
            await other.inject({
              method: 'GET',
              url: '/api/ladders/active',
              headers: { authorization: `Bearer ${t.token}` },
            })
          ).json(),
        ).hash;
      expect(await ask()).toBe(t.ladder.ladder.hash);

      const response = await activate(previous.ladder.hash.slice(0, 10));
      expect(response.status).toBe(200);
      expect(LadderVersion.parse(response.json)).toMatchObject({
        id: 'longhaul',
        hash: previous.ladder.hash,
        active: true,
      });
      expect(await activeHash()).toBe(previous.ladder.hash);
      expect(await ask()).toBe(previous.ladder.hash);
      const list = LadderVersionPage.parse((await t.request('GET', '/api/ladders')).json).items;
      expect(list.filter((v) => v.active).map((v) => v.hash)).toEqual([previous.ladder.hash]);

      const audit = AuditPage.parse((await t.request('GET', '/api/audit?action=activateLadderVersion')).json).items;
      expect(audit[0]).toMatchObject({
        actorId: t.me.id,
        outcome: 'allowed',
        targetKind: 'ladder',
        targetId: `longhaul@${previous.ladder.hash}`,
      });
    } finally {
      await other.close();
      await activate(t.ladder.ladder.hash);
    }
    expect(await activeHash()).toBe(t.ladder.ladder.hash);
  });

  it('refuses anyone but an admin with the policy sentence, and changes nothing', async () => {
    const pat = await buildPerson(t.db, { name: 'Pat Doe' });
    await insertAccount(t.db, { personId: pat.id, passwordHash: null, now: new Date().toISOString() });
    const { token } = await createApiToken(t.db, pat.id, { name: 'test', expiresInDays: 1 }, new Date());
    const response = await t.request(
      'POST',
      `/api/ladders/longhaul/versions/${previous.ladder.hash}/activate`,
      undefined,
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(403);
    expect(ErrorResponse.parse(response.json).error.message).toBe(
      'only an admin can choose which ladder version is active, and Pat Doe is not one; ask an admin to make it active',
    );
    expect((await t.anonymous('POST', `/api/ladders/longhaul/versions/${previous.ladder.hash}/activate`)).status).toBe(
      401,
    );
    expect(await activeHash()).toBe(t.ladder.ladder.hash);
  });

  it('answers 404 for a version or a ladder that is not stored, naming what is', async () => {
    const unknown = await activate('ffffffffffff');
    expect(unknown.status).toBe(404);
    expect(ErrorResponse.parse(unknown.json).error).toMatchObject({ code: 'ladder_not_found' });
    expect(ErrorResponse.parse(unknown.json).error.message).toContain(t.ladder.ladder.hash.slice(0, 12));
    expect((await activate(t.ladder.ladder.hash, 'nope')).status).toBe(404);
    expect(await activeHash()).toBe(t.ladder.ladder.hash);
  });
});

describe('POST /api/ladders', () => {
  const NEXT = readFileSync(PREVIOUS_FILE, 'utf8').replace(
    'title: Longhaul engineering ladder',
    'title: Longhaul engineering ladder, next',
  );

  it('stores a valid file as a version that is not active until an admin makes it so', async () => {
    const response = await t.request('POST', '/api/ladders', { yaml: NEXT, fileName: 'next.yaml' });
    expect(response.status).toBe(201);
    const stored = LadderVersion.parse(response.json);
    expect(stored).toMatchObject({ id: 'longhaul', title: 'Longhaul engineering ladder, next', active: false });
    expect(await activeHash()).toBe(t.ladder.ladder.hash);
    const again = await t.request('POST', '/api/ladders', { yaml: NEXT });
    expect(again.status).toBe(201);
    expect(LadderVersion.parse(again.json)).toEqual(stored);
    const list = LadderVersionPage.parse((await t.request('GET', '/api/ladders')).json).items;
    expect(list.map((v) => v.hash)).toContain(stored.hash);
  });

  it('answers 422 with every problem at body.yaml, located as file:line:col, and stores nothing', async () => {
    const before = LadderVersionPage.parse((await t.request('GET', '/api/ladders')).json).items.length;
    const wrong = NEXT.replace('title: Longhaul engineering ladder, next', 'title: [unclosed');
    const response = await t.request('POST', '/api/ladders', { yaml: wrong, fileName: 'next.yaml' });
    expect(response.status).toBe(422);
    const body = ErrorResponse.parse(response.json);
    expect(body.error.code).toBe('ladder_invalid');
    expect(body.error.fields.length).toBeGreaterThan(0);
    for (const field of body.error.fields) {
      expect(field.path).toBe('body.yaml');
      expect(field.message).toMatch(/^next\.yaml:\d+:\d+: /);
    }
    expect(LadderVersionPage.parse((await t.request('GET', '/api/ladders')).json).items).toHaveLength(before);
    const empty = await t.request('POST', '/api/ladders', { yaml: '', extra: 1 });
    expect(ErrorResponse.parse(empty.json).error.fields.map((f) => f.path)).toEqual(['body.yaml', 'body.extra']);
  });
});
