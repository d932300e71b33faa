import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLadderVersions } from '../store/ladder.repository.js';
import { listPeople } from '../store/people.repository.js';
import { SETTING_KEYS, setSetting } from '../store/settings.repository.js';
import { findEvidence, logEvidence } from './evidence.service.js';
import { findActiveLadderRef } from './ladder-version.service.js';
import { RENAMED_OPS, smallLadder } from './small-workspace.fixtures.js';
import {
  activateLadder,
  findLocalPerson,
  initialiseWorkspace,
  loadActiveLadder,
  loadLadderVersion,
  openWorkspace,
  type Workspace,
} from './workspace.service.js';

/*
 * A local installation's database: opening it (never creating one by
 * accident), `init` run once or again, and the ladder version in use.
 */

let dir: string;
let opened: Workspace[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-workspace-'));
});

afterEach(async () => {
  for (const workspace of opened) await workspace.close();
  opened = [];
  rmSync(dir, { recursive: true, force: true });
});

async function open(file: string, options: { create?: boolean } = {}): Promise<Workspace> {
  const workspace = await openWorkspace(file, options);
  opened.push(workspace);
  return workspace;
}

describe('openWorkspace', () => {
  it('refuses a file that does not exist, and says how to make one', async () => {
    const file = join(dir, 'typo.db');
    await expect(openWorkspace(file)).rejects.toMatchObject({
      code: 'database_missing',
      message: `no Longhaul database at ${file}: run "longhaul init" to create one, or point --db (or LONGHAUL_DB) at an existing file`,
    });
  });

  it('refuses an empty file that is not a Longhaul database unless asked to create one', async () => {
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    await expect(openWorkspace(file)).rejects.toMatchObject({
      code: 'database_missing',
      message: expect.stringContaining('is not a Longhaul database (it is empty)') as unknown as string,
    });
    const created = await open(file, { create: true });
    expect(created.file).toBe(file);
  });

  it('opens a database that init made, with its ladder and local person, after it was closed, for writing', async () => {
    const file = join(dir, 'longhaul.db');
    const first = await openWorkspace(file, { create: true });
    const { person } = await initialiseWorkspace(first.db, { ladder: smallLadder(), personName: 'Noor Haddad' });
    await first.close();
    await expect(listPeople(first.db)).rejects.toThrow();
    const again = await open(file);
    const ladder = await loadActiveLadder(again.db);
    expect(ladder.id).toBe('small');
    expect(await findLocalPerson(again.db)).toEqual(person);
    const logged = await logEvidence(
      again.db,
      ladder,
      person.id,
      { title: 'Wrote the runbook', kind: 'design', competencies: ['ops'] },
      '2026-03-01',
    );
    expect(logged.title).toBe('Wrote the runbook');
  });

  it('refuses an in-memory database it is not asked to create, as empty rather than missing', async () => {
    await expect(openWorkspace(':memory:')).rejects.toMatchObject({
      code: 'database_missing',
      message: expect.stringContaining('is not a Longhaul database (it is empty)') as unknown as string,
    });
  });

  it('says the database is busy when another program holds its write lock, and writes nothing', async () => {
    const file = join(dir, 'busy.db');
    const workspace = await open(file, { create: true });
    const { person } = await initialiseWorkspace(workspace.db, { ladder: smallLadder(), personName: 'Noor Haddad' });
    const ladder = await loadActiveLadder(workspace.db);
    const other = new SqliteDatabase(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const error = await logEvidence(
        workspace.db,
        ladder,
        person.id,
        { title: 'Blocked', kind: 'other', competencies: ['scope'] },
        '2026-03-01',
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'database_busy' });
      const message = (error as Error).message;
      expect(message.startsWith(`the database ${file} is busy: another program has held its write lock for `)).toBe(
        true,
      );
      expect(message).toMatch(
        / lock for [3-9]\.\d s; nothing was written\. Try again in a moment, once that program has finished\.$/,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await findEvidence(workspace.db, ladder, person.id)).items).toEqual([]);
  });
});

describe('initialiseWorkspace', () => {
  it('creates the ladder version and the local person once; run again, it changes nothing and says so', async () => {
    const workspace = await open(':memory:', { create: true });
    const source = smallLadder();
    const first = await initialiseWorkspace(workspace.db, {
      ladder: source,
      personName: 'Noor Haddad',
      timeZone: 'europe/lisbon',
    });
    expect(first).toMatchObject({
      created: true,
      ladder: { id: 'small', hash: source.ladder.hash, title: 'Small test ladder' },
      person: { name: 'Noor Haddad', timeZone: 'Europe/Lisbon' },
    });
    const second = await initialiseWorkspace(workspace.db, {
      ladder: smallLadder(RENAMED_OPS),
      personName: 'Someone Else',
    });
    expect(second).toEqual({ ...first, created: false });
    expect((await loadActiveLadder(workspace.db)).hash).toBe(source.ladder.hash);
  });

  it('leaves the time zone unset when none is given, and refuses an unknown one before writing', async () => {
    const workspace = await open(':memory:', { create: true });
    await expect(
      initialiseWorkspace(workspace.db, { ladder: smallLadder(), personName: 'Noor', timeZone: 'Nowhere/Land' }),
    ).rejects.toMatchObject({ code: 'input_invalid' });
    await expect(findLocalPerson(workspace.db)).rejects.toMatchObject({ code: 'person_not_found' });
    const { person } = await initialiseWorkspace(workspace.db, { ladder: smallLadder(), personName: 'Noor' });
    expect(person.timeZone).toBeNull();
  });
});

describe('the ladder in use', () => {
  it('keeps every version activated and reads each one back as it was', async () => {
    const workspace = await open(':memory:', { create: true });
    const first = smallLadder();
    await initialiseWorkspace(workspace.db, { ladder: first, personName: 'Noor' });
    const second = smallLadder(RENAMED_OPS);
    await activateLadder(workspace.db, second);
    await activateLadder(workspace.db, second);
    expect((await listLadderVersions(workspace.db)).map((v) => v.hash)).toEqual([
      first.ladder.hash,
      second.ladder.hash,
    ]);
    expect((await loadActiveLadder(workspace.db)).competencies.map((c) => c.id)).toEqual(['scope', 'operations']);
    expect((await loadLadderVersion(workspace.db, 'small', first.ladder.hash)).competencies.map((c) => c.id)).toEqual([
      'scope',
      'ops',
    ]);
  });

  it.each([
    ['an active ladder id but no hash', SETTING_KEYS.activeLadderId, 'small'],
    ['an active ladder hash but no id', SETTING_KEYS.activeLadderHash, 'abcdef'],
  ])('treats a database with %s as one without a ladder', async (_name, key, value) => {
    const workspace = await open(':memory:', { create: true });
    await setSetting(workspace.db, key, value);
    const message = 'this database has no ladder yet: run "longhaul init" first';
    await expect(loadActiveLadder(workspace.db)).rejects.toMatchObject({ code: 'database_missing', message });
    await expect(findActiveLadderRef(workspace.db)).rejects.toMatchObject({ code: 'database_missing', message });
  });

  it('says what is missing in a database that init has not prepared', async () => {
    const workspace = await open(':memory:', { create: true });
    await expect(loadActiveLadder(workspace.db)).rejects.toMatchObject({
      code: 'database_missing',
      message: 'this database has no ladder yet: run "longhaul init" first',
    });
    await expect(findLocalPerson(workspace.db)).rejects.toMatchObject({
      code: 'person_not_found',
      message: 'local person not found in this database; run "longhaul init" first',
    });
    await expect(loadLadderVersion(workspace.db, 'small', 'abcdef0123456789')).rejects.toMatchObject({
      code: 'ladder_not_found',
      message: 'version "abcdef012345" not found in ladder "small" of this database',
    });
  });
});
