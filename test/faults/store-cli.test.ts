import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations/migration-provider.js';
import { BUILT_CLI, runInProcess } from './faults.fixtures.js';

/** The newest schema version this Longhaul knows, as the refusal names it. */
const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1) ?? '';

/*
 * Databases the CLI must not mistake for its own, damage, or call corrupted:
 * a zero-byte file, a database it may only read, one a newer Longhaul made.
 */

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-store-cli-'));
});

describe('a file that is not a Longhaul database', () => {
  it('is refused by every command but init, and left as it was', async () => {
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    for (const args of [['status'], ['evidence', 'list'], ['log', 'x', '-k', 'incident', '-c', 'reliability']]) {
      const run = await runInProcess([...args, '--db', 'empty.db'], dir);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(
        /^error: SQLite database ".*empty\.db" is not a Longhaul database \(it is empty\); run "longhaul init"/,
      );
      expect(statSync(file).size, 'the file stays empty').toBe(0);
    }
    // init is the one command that creates a database, in an empty file too.
    expect((await runInProcess(['init', '--db', 'empty.db'], dir)).code).toBe(0);
    expect((await runInProcess(['status', '--db', 'empty.db'], dir)).code).toBe(0);
  });

  it("is refused when it is another program's database, whose tables stay untouched", async () => {
    const file = join(dir, 'other.db');
    const other = new Database(file);
    other.exec('create table notes (body text)');
    other.close();
    const run = await runInProcess(['status', '--db', 'other.db'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not a Longhaul database \(it holds the tables of another program\)/);
    const check = new Database(file, { readonly: true });
    expect(check.prepare("select name from sqlite_master where type = 'table'").all()).toEqual([{ name: 'notes' }]);
    check.close();
  });
});

describe('a database made by a newer version of Longhaul', () => {
  it('names the schema version it is at and the one this version knows, instead of "corrupted"', async () => {
    expect((await runInProcess(['init'], dir)).code).toBe(0);
    const db = new Database(join(dir, 'longhaul.db'));
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
      '0099-from-the-future',
      new Date().toISOString(),
    );
    db.close();
    const run = await runInProcess(['status'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `was made by a newer version of Longhaul: its schema is at version "0099-from-the-future", and this version of Longhaul knows schema versions up to "${LATEST_MIGRATION}"\\. Upgrade Longhaul`,
      ),
    );
    expect(LATEST_MIGRATION).toMatch(/^\d{4}-/);
    expect(run.stderr).not.toMatch(/corrupt/i);
  });
});

/**
 * Runs the built CLI as a user who may not write the database. Root may write
 * any file, so as root the command runs as "nobody" (uid 65534).
 */
function runAsReader(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, LONGHAUL_NAME: 'Ada Lovelace' },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a database this user may only read', () => {
  beforeEach(async () => {
    expect((await runInProcess(['init'], dir)).code).toBe(0);
    const logged = await runInProcess(['log', 'Led the DNS outage review', '-k', 'incident', '-c', 'reliability'], dir);
    expect(logged.code).toBe(0);
    chmodSync(join(dir, 'longhaul.db'), 0o444);
  });

  it('serves read commands, and refuses writes with a clear "read-only" error and exit 1', () => {
    chmodSync(dir, 0o777); // a folder the reader may write: only the file is read-only
    const list = runAsReader(['evidence', 'list', '--json'], dir);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ items: [{ title: 'Led the DNS outage review' }] });
    expect(runAsReader(['status'], dir).code).toBe(0);

    const log = runAsReader(['log', 'Another one', '-k', 'incident', '-c', 'reliability'], dir);
    expect(log.code).toBe(1);
    expect(log.stderr).toMatch(/^error: the database .*longhaul\.db is read-only for this user/);
    expect(log.stderr).not.toMatch(/bug/i);
  });

  it('serves read commands from a read-only folder too (a backup on a read-only disk)', () => {
    chmodSync(dir, 0o555);
    try {
      const list = runAsReader(['evidence', 'list', '--json'], dir);
      expect(list.stderr).toBe('');
      expect(JSON.parse(list.stdout)).toMatchObject({ items: [{ title: 'Led the DNS outage review' }] });
      const log = runAsReader(['log', 'Another one', '-k', 'incident', '-c', 'reliability'], dir);
      expect(log.code).toBe(1);
      expect(log.stderr).toMatch(/is read-only for this user/);
    } finally {
      chmodSync(dir, 0o755);
    }
    expect(readFileSync(join(dir, 'longhaul.db')).length).toBeGreaterThan(0);
  });
});
