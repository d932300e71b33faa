import { sql, type Kysely } from 'kysely';
import { nameSortKey, newId, nowIso } from './row-values.js';
import type { AdminFlag, Database, PersonRow } from './schema.js';
import { ensureTeam } from './organisation.repository.js';

/** What is needed to add a person; everything but the name may be unknown. */
export interface InsertPersonInput {
  name: string;
  /** Must be unique when given; stored and matched exactly as passed (normalise case in the service). */
  email?: string | null;
  /** The team's name; the team is created when no team has exactly this name (see ensureTeam). */
  team?: string | null;
  title?: string | null;
  /** An existing person's id. */
  managerId?: string | null;
  /** IANA time zone in which the person's "today" is taken; checked by the service, stored as given. */
  timeZone?: string | null;
  /** The person's official track on the ladder (a track id), checked by the service. */
  trackId?: string | null;
  /** The person's official level on that track (a level id), checked by the service. */
  levelId?: string | null;
  /** 1 for an admin; 0 (the default) otherwise. */
  isAdmin?: AdminFlag;
}

/** Filters for listing people. */
export interface ListPeopleFilter {
  /** Only people in this team (exact match). */
  team?: string;
  /** Only people listed after this position: the (nameKey, id) of the last row of the previous page. */
  after?: readonly [nameKey: string, id: string];
  /** At most this many rows; everyone when left out. */
  limit?: number;
}

/** Adds a person and returns the stored row with its new id. Throws if the email is taken. */
export async function insertPerson(db: Kysely<Database>, input: InsertPersonInput): Promise<PersonRow> {
  const team = input.team === undefined || input.team === null ? null : await ensureTeam(db, input.team);
  return db
    .insertInto('people')
    .values({
      id: newId(),
      name: input.name,
      nameKey: nameSortKey(input.name),
      email: input.email ?? null,
      team: team?.name ?? null,
      teamId: team?.id ?? null,
      title: input.title ?? null,
      managerId: input.managerId ?? null,
      createdAt: nowIso(),
      timeZone: input.timeZone ?? null,
      trackId: input.trackId ?? null,
      levelId: input.levelId ?? null,
      isAdmin: input.isAdmin ?? 0,
      deactivatedAt: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Fetches a person by id, e.g. to check a reference before writing. */
export async function findPersonById(db: Kysely<Database>, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The fields of a person that can change; absent fields are left as they are. `team` is the team's name: the
 * team is created when missing and `teamId` follows it, so the two never disagree.
 */
export type PersonPatch = Partial<
  Pick<
    PersonRow,
    'name' | 'email' | 'team' | 'title' | 'managerId' | 'timeZone' | 'trackId' | 'levelId' | 'isAdmin' | 'deactivatedAt'
  >
>;

/**
 * Changes a person's details (a move to another team, a new title, another
 * time zone); undefined when there is no such person.
 */
export async function updatePerson(
  db: Kysely<Database>,
  id: string,
  patch: PersonPatch,
): Promise<PersonRow | undefined> {
  if (Object.keys(patch).length === 0) return findPersonById(db, id);
  const { team, ...rest } = patch;
  const teamRow = team === undefined || team === null ? null : await ensureTeam(db, team);
  const named = rest.name === undefined ? rest : { ...rest, nameKey: nameSortKey(rest.name) };
  const values = team === undefined ? named : { ...named, team: teamRow?.name ?? null, teamId: teamRow?.id ?? null };
  return db.updateTable('people').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Fetches a person by email, the handle people use to name each other in the CLI. */
export async function findPersonByEmail(db: Kysely<Database>, email: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
}

/**
 * Lists people in name order (by `name_key`, then id), optionally for one
 * team, from a position and up to a count when the filter gives them: one page
 * of the keyset-paged directory. The order comes from the hex-encoded key, so
 * SQLite and PostgreSQL list the same people alike whatever their collation.
 */
export async function listPeople(db: Kysely<Database>, filter: ListPeopleFilter = {}): Promise<PersonRow[]> {
  let query = db.selectFrom('people').selectAll();
  if (filter.team !== undefined) query = query.where('team', '=', filter.team);
  const after = filter.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('nameKey', 'id'), '>', tuple(after[0], after[1])));
  }
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.orderBy('nameKey').orderBy('id').execute();
}

/**
 * The people whose email equals this one but for letter case (`lower()` on
 * both sides, which SQLite and PostgreSQL both have), at most `limit` of
 * them. Emails are stored as given and unique only exactly, so
 * `Ann@example.com` and `ann@example.com` may both exist: the caller decides
 * what two matches mean.
 */
export async function findPeopleByEmailIgnoringCase(
  db: Kysely<Database>,
  email: string,
  limit = 2,
): Promise<PersonRow[]> {
  return db
    .selectFrom('people')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', sql<string>`lower(${email})`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * How many active admins there are: the admin screens refuse to take the
 * role from, or deactivate, the last one, or nobody could run the organisation.
 */
export async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('isAdmin', '=', 1)
    .where('deactivatedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
