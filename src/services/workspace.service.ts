import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { DomainError } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { closeDatabase, openDatabase } from '../store/database.js';
import { findLadderVersion, saveLadderVersion } from '../store/ladder.repository.js';
import { findPersonById, insertPerson } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import { getSetting, SETTING_KEYS, setSetting } from '../store/settings.repository.js';
import { parseStoredLadder, type LadderSource } from './ladder-files.js';

/** An open local database with the ladder it is set to use. */
export interface Workspace {
  db: Kysely<Database>;
  file: string;
  close(): Promise<void>;
}

/**
 * Opens the SQLite database of a local installation. A missing file is the
 * user's to fix (`longhaul init`), not something to create silently, so that a
 * typo in --db never scatters empty databases around.
 */
export async function openWorkspace(file: string, options: { create?: boolean } = {}): Promise<Workspace> {
  if (options.create !== true && file !== ':memory:' && !existsSync(file)) {
    throw new DomainError(
      'database_missing',
      `no Longhaul database at ${file}: run "longhaul init" to create one, or point --db (or LONGHAUL_DB) at an existing file`,
    );
  }
  let db: Kysely<Database>;
  try {
    db = await openDatabase({ kind: 'sqlite', file });
  } catch (error) {
    throw new DomainError('database_missing', error instanceof Error ? error.message : String(error));
  }
  return { db, file, close: () => closeDatabase(db) };
}

/** What `init` did, for the user and for scripts. */
export interface InitResult {
  created: boolean;
  ladder: { id: string; hash: string; title: string };
  person: PersonRow;
}

/**
 * Makes a database ready for use: stores the ladder version, makes it the
 * active ladder, and creates the local person. Running it again changes
 * nothing that exists and says so.
 */
export async function initialiseWorkspace(
  db: Kysely<Database>,
  input: { ladder: LadderSource; personName: string },
): Promise<InitResult> {
  return db.transaction().execute(async (trx) => {
    const existingPersonId = await getSetting(trx, SETTING_KEYS.localPersonId);
    const existingPerson = existingPersonId === undefined ? undefined : await findPersonById(trx, existingPersonId);
    if (existingPerson !== undefined) {
      const active = await loadActiveLadder(trx);
      return {
        created: false,
        ladder: { id: active.id, hash: active.hash, title: active.title },
        person: existingPerson,
      };
    }
    await activateLadder(trx, input.ladder);
    const person = await insertPerson(trx, { name: input.personName });
    await setSetting(trx, SETTING_KEYS.localPersonId, person.id);
    const { ladder } = input.ladder;
    return { created: true, ladder: { id: ladder.id, hash: ladder.hash, title: ladder.title }, person };
  });
}

/**
 * Stores a ladder version (once per hash) and makes it the one new evidence
 * and assessments are recorded against. Older versions stay, so past ratings
 * can always be read against the ladder they were made with.
 */
export async function activateLadder(db: Kysely<Database>, source: LadderSource): Promise<void> {
  const { ladder, text } = source;
  await saveLadderVersion(db, { ladderId: ladder.id, hash: ladder.hash, title: ladder.title, sourceYaml: text });
  await setSetting(db, SETTING_KEYS.activeLadderId, ladder.id);
  await setSetting(db, SETTING_KEYS.activeLadderHash, ladder.hash);
}

/** The ladder version the database is set to use. */
export async function loadActiveLadder(db: Kysely<Database>): Promise<Ladder> {
  const id = await getSetting(db, SETTING_KEYS.activeLadderId);
  const hash = await getSetting(db, SETTING_KEYS.activeLadderHash);
  if (id === undefined || hash === undefined) {
    throw new DomainError('database_missing', 'this database has no ladder yet: run "longhaul init" first');
  }
  return loadLadderVersion(db, id, hash);
}

/** A stored ladder version, parsed; past ratings are read against the version they were made with. */
export async function loadLadderVersion(db: Kysely<Database>, id: string, hash: string): Promise<Ladder> {
  const row = await findLadderVersion(db, id, hash);
  if (row === undefined)
    throw new DomainError('ladder_not_found', `ladder "${id}" version ${hash.slice(0, 12)} is not in this database`);
  return parseStoredLadder(row.sourceYaml, id, hash);
}

/** The person a local, single-user installation acts as. */
export async function findLocalPerson(db: Kysely<Database>): Promise<PersonRow> {
  const id = await getSetting(db, SETTING_KEYS.localPersonId);
  const person = id === undefined ? undefined : await findPersonById(db, id);
  if (person === undefined) {
    throw new DomainError('person_not_found', 'this database has no local person yet: run "longhaul init" first');
  }
  return person;
}
