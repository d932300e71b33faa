import { sql, type Kysely } from 'kysely';
import { newId, nowIso } from './row-values.js';
import type { Database, PersonRow } from './schema.js';

/** What is needed to add a person; everything but the name may be unknown. */
export interface InsertPersonInput {
  name: string;
  /** Must be unique when given; stored and matched exactly as passed (normalise case in the service). */
  email?: string | null;
  team?: string | null;
  title?: string | null;
  /** An existing person's id. */
  managerId?: string | null;
  /** IANA time zone in which the person's "today" is taken; checked by the service, stored as given. */
  timeZone?: string | null;
}

/** Filters for listing people. */
export interface ListPeopleFilter {
  /** Only people in this team (exact match). */
  team?: string;
}

/** Adds a person and returns the stored row with its new id. Throws if the email is taken. */
export async function insertPerson(db: Kysely<Database>, input: InsertPersonInput): Promise<PersonRow> {
  return db
    .insertInto('people')
    .values({
      id: newId(),
      name: input.name,
      email: input.email ?? null,
      team: input.team ?? null,
      title: input.title ?? null,
      managerId: input.managerId ?? null,
      createdAt: nowIso(),
      timeZone: input.timeZone ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Fetches a person by id, e.g. to check a reference before writing. */
export async function findPersonById(db: Kysely<Database>, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The fields of a person that can change; absent fields are left as they are. */
export type PersonPatch = Partial<Pick<PersonRow, 'name' | 'email' | 'team' | 'title' | 'managerId' | 'timeZone'>>;

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
  return db.updateTable('people').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Fetches a person by email, the handle people use to name each other in the CLI. */
export async function findPersonByEmail(db: Kysely<Database>, email: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
}

/**
 * Lists people in name order, optionally for one team. Sorted here rather than
 * in SQL because SQLite compares bytes and PostgreSQL follows its locale, and
 * the same data must list the same way on both.
 */
export async function listPeople(db: Kysely<Database>, filter: ListPeopleFilter = {}): Promise<PersonRow[]> {
  let query = db.selectFrom('people').selectAll();
  if (filter.team !== undefined) query = query.where('team', '=', filter.team);
  const rows = await query.execute();
  return rows.sort((a, b) => nameOrder.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const nameOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

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
