import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Ladder } from '../core/ladder.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from '../services/ladder-files.js';
import { findLocalPerson, loadActiveLadder as loadStoredLadder, openWorkspace } from '../services/workspace.service.js';
import type { Database, PersonRow } from '../store/schema.js';
import { timeZoneOf } from '../services/person.service.js';
import { machineTimeZone, todayFor } from './cli-io.js';
import type { CliContext } from './context.js';

/** The default database file, in the working directory like git's own files. */
export const DEFAULT_DB_FILE = 'longhaul.db';

/** The database file to use: the --db flag, then LONGHAUL_DB, then ./longhaul.db. */
export function resolveDbFile(ctx: CliContext, flag: string | undefined): string {
  const chosen = flag ?? (ctx.io.env.LONGHAUL_DB === '' ? undefined : ctx.io.env.LONGHAUL_DB) ?? DEFAULT_DB_FILE;
  return chosen === ':memory:' || isAbsolute(chosen) ? chosen : resolve(ctx.io.cwd, chosen);
}

/**
 * Today's date as YYYY-MM-DD in the person's time zone (the machine's, from
 * `TZ` or the system, for a person without one or when there is no person
 * yet), from the injected clock when a test sets one.
 */
export function today(ctx: CliContext, person?: Pick<PersonRow, 'timeZone'>): string {
  const machine = machineTimeZone(ctx.io);
  return todayFor(ctx.io, person === undefined ? machine : timeZoneOf(person, machine));
}

/** What most commands need: the open database, its active ladder, and the local person. */
export interface Session {
  db: Kysely<Database>;
  ladder: Ladder;
  person: PersonRow;
}

/** Opens the database for one command and always closes it, whatever happens. */
export async function withSession<T>(
  ctx: CliContext,
  dbFlag: string | undefined,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const workspace = await openWorkspace(resolveDbFile(ctx, dbFlag));
  try {
    const ladder = await loadStoredLadder(workspace.db);
    const person = await findLocalPerson(workspace.db);
    return await work({ db: workspace.db, ladder, person });
  } finally {
    await workspace.close();
  }
}

/** The ladder of the database when there is one, else the built-in ladder, so `ladder show` works before init. */
export async function loadActiveLadder(ctx: CliContext, dbFlag: string | undefined): Promise<Ladder> {
  const file = resolveDbFile(ctx, dbFlag);
  if (file !== ':memory:' && existsSync(file)) {
    const workspace = await openWorkspace(file);
    try {
      return await loadStoredLadder(workspace.db);
    } finally {
      await workspace.close();
    }
  }
  return (await readLadderFile(DEFAULT_LADDER_FILE, ctx.io.cwd)).ladder;
}

/** The name a new local person gets: LONGHAUL_NAME, else the login name. */
export function defaultPersonName(ctx: CliContext): string {
  const fromEnv = ctx.io.env.LONGHAUL_NAME;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv.trim();
  try {
    return userInfo().username;
  } catch {
    return 'me';
  }
}
