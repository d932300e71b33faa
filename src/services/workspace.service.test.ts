import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLadderVersions } from '../store/ladder.repository.js';
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

  it('opens a database that init made, with its ladder and local person, after it was closed', async () => {
    const file = join(dir, 'longhaul.db');
    const first = await openWorkspace(file, { create: true });
    const { person } = await initialiseWorkspace(first.db, { ladder: smallLadder(), personName: 'Noor Haddad' });
    await first.close();
    const again = await open(file);
    expect((await loadActiveLadder(again.db)).id).toBe('small');
    expect(await findLocalPerson(again.db)).toEqual(person);
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
