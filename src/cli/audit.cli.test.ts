import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../store/database.js';
import { runLonghaul } from './cli.fixtures.js';

/*
 * The CLI on a local database writes to the same append-only audit log as the
 * server, `via: 'cli'`, in the same transaction as the change: a change whose
 * event cannot be written does not happen.
 */

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-cli-audit-'));
});

const cli = (args: string[]) => runLonghaul(args, { cwd: dir });

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: 'sqlite', file: join(dir, 'longhaul.db') });
  try {
    return await work(db);
  } finally {
    await closeDatabase(db);
  }
}

describe('the audit log of the CLI', () => {
  it('records each change the local person makes, as the CLI, with the evidence it concerns', async () => {
    expect((await cli(['init'])).code).toBe(0);
    const logged = await cli([
      'log',
      'Led the incident review',
      '--kind',
      'incident',
      '--competency',
      'reliability',
      '--json',
    ]);
    expect(logged.code).toBe(0);
    const { id } = logged.json<{ id: string }>();
    expect((await cli(['evidence', 'share', 'latest'])).code).toBe(0);
    expect((await cli(['settings', '--time-zone', 'Europe/Berlin'])).code).toBe(0);
    expect((await cli(['evidence', 'delete', id])).code).toBe(0);
    // Reading changes nothing and records nothing.
    expect((await cli(['evidence', 'list'])).code).toBe(0);
    expect((await cli(['status'])).code).toBe(0);

    const events = await withDb((db) => db.selectFrom('auditEvents').selectAll().orderBy('at').orderBy('id').execute());
    expect(events.map((e) => [e.action, e.via, e.outcome, e.targetKind])).toEqual([
      ['logEvidence', 'cli', 'allowed', 'evidence'],
      ['editEvidence', 'cli', 'allowed', 'evidence'],
      ['updatePerson', 'cli', 'allowed', null],
      ['deleteEvidence', 'cli', 'allowed', 'evidence'],
    ]);
    const local = await withDb((db) => db.selectFrom('people').select('id').executeTakeFirstOrThrow());
    expect(new Set(events.map((e) => e.actorId))).toEqual(new Set([local.id]));
    expect(events.filter((e) => e.targetKind === 'evidence').every((e) => e.targetId === id)).toBe(true);
  });

  it('does not make a change whose event cannot be written, and says so without the database error', async () => {
    expect((await cli(['init'])).code).toBe(0);
    await withDb((db) =>
      sql`create trigger audit_events_broken before insert on audit_events
        begin select raise(abort, 'disk on fire'); end`.execute(db),
    );
    const logged = await cli(['log', 'Led the incident review', '--kind', 'incident', '--competency', 'reliability']);
    expect(logged.code).toBe(1);
    expect(logged.stderr).toContain('the audit log could not be written, so nothing was changed');
    expect(logged.stderr).not.toContain('disk on fire');
    const stored = await withDb((db) => db.selectFrom('evidence').select('id').execute());
    expect(stored).toEqual([]);
  });
});
