import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { closeDatabase, openDatabase, runInTransaction } from '../store/database.js';
import { findLadderVersion, saveLadderVersion } from '../store/ladder.repository.js';
import { findPersonById, insertPerson } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import { getSetting, SETTING_KEYS, setSetting } from '../store/settings.repository.js';
import { parseStoredLadder, type LadderSource } from './ladder-files.js';
import { checkTimeZone } from './person.service.js';

/** An open local database with the ladder it is set to use. */
export interface Workspace {
  db: Kysely<Database>;
  file: string;
  close(): Promise<void>;
}

/**
 * Opens the SQLite database of a local installation. A missing file is the
 * user's to fix (`longhaul init`), not something to create silently, so that a
 * typo in --db never scatters empty databases around; for the same reason an
 * existing file that is not a Longhaul database (a zero-byte file) is refused
 * unless `create` is set. A file (or folder) this process may not write is
 * opened for reading: reads work, and a write fails with
 * `database_read_only`. A write that finds another program holding the
 * database's lock for the whole wait fails with `database_busy`.
 */
export async function openWorkspace(file: string, options: { create?: boolean } = {}): Promise<Workspace> {
  const create = options.create === true;
  if (!create && file !== ':memory:' && !existsSync(file)) {
    throw new DomainError(
      'database_missing',
      `no Longhaul database at ${file}: run "longhaul init" to create one, or point --db (or LONGHAUL_DB) at an existing file`,
    );
  }
  const readOnly = !create && file !== ':memory:' && !isWritable(file);
  let db: Kysely<Database>;
  try {
    db = await openDatabase(
      { kind: 'sqlite', file, readOnly },
      {
        create,
        busyError: (waitedMs) =>
          new DomainError(
            'database_busy',
            `the database ${file} is busy: another program has held its write lock for ${(waitedMs / 1000).toFixed(1)} s; ` +
              'nothing was written. Try again in a moment, once that program has finished.',
          ),
        readOnlyError: () =>
          new DomainError(
            'database_read_only',
            `the database ${file} is read-only for this user (the file or its folder cannot be written): ` +
              'reading works, but nothing can be written to it. Give write access, or copy it somewhere writable.',
          ),
      },
    );
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('database_missing', error instanceof Error ? error.message : String(error));
  }
  return { db, file, close: () => closeDatabase(db) };
}

/** Whether this process may write the database file and create its WAL files beside it. */
function isWritable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    accessSync(dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** What `init` did, for the user and for scripts. */
export interface InitResult {
  created: boolean;
  ladder: { id: string; hash: string; title: string };
  person: PersonRow;
}

/**
 * Makes a database ready for use: stores the ladder version, makes it the
 * active ladder, and creates the local person (in `timeZone` when given) as
 * the installation's admin (the demo makes its visitor an engineer instead).
 * Running it again changes nothing that exists and says so.
 */
export async function initialiseWorkspace(
  db: Kysely<Database>,
  input: { ladder: LadderSource; personName: string; timeZone?: string },
): Promise<InitResult> {
  const timeZone = input.timeZone === undefined ? null : checkTimeZone(input.timeZone);
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
    // Someone must be able to change the organisation, and in local mode that is the one person there is.
    const person = await insertPerson(trx, { name: input.personName, timeZone, isAdmin: 1 });
    await setSetting(trx, SETTING_KEYS.localPersonId, person.id);
    const { ladder } = input.ladder;
    return { created: true, ladder: { id: ladder.id, hash: ladder.hash, title: ladder.title }, person };
  });
}

/**
 * Stores a ladder version (once per hash) and makes it the one new evidence
 * and assessments are recorded against. Older versions stay, so past ratings
 * can always be read against the ladder they were made with. One
 * transaction: a failure part-way leaves the previous ladder active, never an
 * id of one ladder paired with the hash of another.
 */
export async function activateLadder(db: Kysely<Database>, source: LadderSource): Promise<void> {
  const { ladder, text } = source;
  await runInTransaction(db, async (trx) => {
    await saveLadderVersion(trx, { ladderId: ladder.id, hash: ladder.hash, title: ladder.title, sourceYaml: text });
    await setSetting(trx, SETTING_KEYS.activeLadderId, ladder.id);
    await setSetting(trx, SETTING_KEYS.activeLadderHash, ladder.hash);
  });
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
    throw notFound('ladder_not_found', hash.slice(0, 12), { kind: 'version', in: `ladder "${id}" of this database` });
  return parseStoredLadder(row.sourceYaml, id, hash);
}

/** The person a local, single-user installation acts as. */
export async function findLocalPerson(db: Kysely<Database>): Promise<PersonRow> {
  const id = await getSetting(db, SETTING_KEYS.localPersonId);
  const person = id === undefined ? undefined : await findPersonById(db, id);
  if (person === undefined) {
    throw notFound('person_not_found', null, {
      kind: 'local person',
      in: 'this database',
      hint: 'run "longhaul init" first',
    });
  }
  return person;
}
