import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach } from 'vitest';
import type { Ladder } from '../core/ladder.js';
import type { Database, PersonRow } from '../store/schema.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from './ladder-files.js';
import { initialiseWorkspace, openWorkspace, type Workspace } from './workspace.service.js';

/*
 * Test support for service suites (not a test itself): a fresh SQLite file
 * with the default ladder and Ada Lovelace as the local person, made before
 * each test and thrown away after it.
 */

/** What each test gets; read it inside a test (it is replaced before each one). */
export interface FreshWorkspace {
  workspace: Workspace;
  db: Kysely<Database>;
  ladder: Ladder;
  me: PersonRow;
}

/** Registers the before/after hooks and returns the live handle to the current test's workspace. */
export function useFreshWorkspace(prefix: string): FreshWorkspace {
  const current = {} as FreshWorkspace;
  let dir = '';
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    current.workspace = await openWorkspace(join(dir, 'longhaul.db'), { create: true });
    current.db = current.workspace.db;
    const source = await readLadderFile(DEFAULT_LADDER_FILE);
    current.ladder = source.ladder;
    ({ person: current.me } = await initialiseWorkspace(current.db, { ladder: source, personName: 'Ada Lovelace' }));
  });
  afterEach(async () => {
    await current.workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return current;
}
