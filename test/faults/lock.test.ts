import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/server/test-server.fixtures.js';
import { BUSY_WAIT_MS } from '../../src/store/database.js';
import { holdWriteLock, runInProcess, timed, type LockHolder } from './faults.fixtures.js';

/*
 * Another program (a backup, a second `longhaul` run, sqlite3 in a terminal)
 * holds the database's write lock for ten seconds. The server keeps answering
 * health checks and reads, a write answers 503 with Retry-After within a
 * bounded wait, and the CLI says the database is busy and exits 1.
 */

/**
 * What counts as "it answered at once": generous, for a loaded CI machine, yet
 * well below the 5 s that SQLite's own busy timeout used to block the process for.
 */
const QUICK_MS = 2_000;
/** The longest a refused write may take: the wait for the lock, and slack for a slow machine. */
const WRITE_BOUND_MS = BUSY_WAIT_MS + 2_000;

let t: TestServer;
let lock: LockHolder | undefined;
let file: string;

beforeEach(async () => {
  t = await startTestServer();
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(t.db);
  file = rows[0]?.file ?? '';
  expect(file).not.toBe('');
});

afterEach(async () => {
  await lock?.release();
  lock = undefined;
  await t.close();
});

const evidence = { title: 'Led the review of the DNS outage', kind: 'incident', competencies: ['reliability'] };

describe('a write lock held by another program', () => {
  it('keeps health and reads served, refuses writes with 503 and Retry-After, and the CLI with exit 1', async () => {
    // Something to read while the lock is held.
    expect((await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence)).status).toBe(201);
    lock = await holdWriteLock(file, 10_000);

    // A write waits for the lock in the background; meanwhile the event loop stays free.
    const write = timed(() => t.request('POST', `/api/people/${t.me.id}/evidence`, { ...evidence, title: 'Blocked' }));
    const probes: number[] = [];
    const probing = (async () => {
      for (let i = 0; i < 10; i++) {
        const health = await timed(() => t.request('GET', '/healthz'));
        expect(health.value.status).toBe(200);
        probes.push(health.ms);
        const list = await timed(() => t.request('GET', `/api/people/${t.me.id}/evidence`));
        expect(list.value.status).toBe(200);
        expect((list.value.json as { items: unknown[] }).items).toHaveLength(1);
        probes.push(list.ms);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const [refused] = await Promise.all([write, probing]);
    expect(Math.max(...probes), `health and reads took ${probes.map(Math.round).join(', ')} ms`).toBeLessThan(QUICK_MS);

    expect(refused.value.status).toBe(503);
    expect(refused.value.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.value.json).toMatchObject({
      error: { code: 'database_busy', message: expect.stringMatching(/busy/), fields: [] },
    });
    expect(refused.ms).toBeLessThan(WRITE_BOUND_MS);
    console.info(
      `lock: slowest health or read ${Math.round(Math.max(...probes))} ms, write refused after ${Math.round(refused.ms)} ms`,
    );

    // The CLI, while the lock is still held: a clear sentence and exit 1, not "This is a bug".
    const cli = await timed(() =>
      runInProcess(['log', 'Blocked too', '-k', 'incident', '-c', 'reliability', '--db', file], '/'),
    );
    expect(cli.value.code).toBe(1);
    expect(cli.value.stderr).toMatch(/^error: the database .* is busy: another program has held its write lock/);
    expect(cli.value.stderr).not.toMatch(/bug/i);
    expect(cli.ms).toBeLessThan(WRITE_BOUND_MS);

    // Nothing was half-written, and once the other program is done, writes go through again.
    await lock.release();
    lock = undefined;
    expect(
      ((await t.request('GET', `/api/people/${t.me.id}/evidence`)).json as { items: unknown[] }).items,
    ).toHaveLength(1);
    expect((await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence)).status).toBe(201);
  });

  it('answers /healthz and /readyz at once, without touching the write lock', async () => {
    lock = await holdWriteLock(file, 10_000);
    for (const path of ['/healthz', '/readyz', '/api/me', '/api/ladders/active']) {
      const probe = await timed(() => t.request('GET', path));
      expect(probe.value.status, path).toBe(200);
      expect(probe.ms, path).toBeLessThan(QUICK_MS);
    }
  });
});
