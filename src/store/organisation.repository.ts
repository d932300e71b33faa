import { sql, type Kysely } from 'kysely';
import { chunk, nameSortKey, newId, nowIso } from './row-values.js';
import type { Database, NewPersonRow, PersonRow, TeamRow } from './schema.js';

/**
 * How far a management chain or a report tree is followed: deeper than any
 * real organisation, small enough that a cycle in the data (A manages B
 * manages A) can never make a query run away.
 */
export const MAX_MANAGEMENT_DEPTH = 50;

/** A person found by walking the management relation, with how many steps away from the start they are. */
export type PersonAtDepth = PersonRow & {
  /** 1 for a direct manager (or direct report), 2 for a skip-level, and so on. */
  depth: number;
};

/**
 * The team with exactly this name, created when there is none. Teams are
 * created this way by every write that names one, so `people.team` (the name)
 * and `people.team_id` cannot disagree. A concurrent writer creating the same
 * team is harmless: the insert does nothing and the one row is read back.
 */
export async function ensureTeam(db: Kysely<Database>, name: string): Promise<TeamRow> {
  await db
    .insertInto('teams')
    .values({ id: newId(), name, nameKey: nameSortKey(name), createdAt: nowIso() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

/**
 * Adds many people in a few statements, for an import of thousands: the
 * caller gives complete rows (ids, the team's name and id; the name key is added here), each manager
 * before their reports, since a row may name a manager only once they exist.
 */
export async function insertPeopleBatch(db: Kysely<Database>, rows: readonly NewPersonRow[]): Promise<void> {
  // 100 rows of 13 columns stay far below what SQLite and pg accept as bound parameters.
  for (const slice of chunk(rows, 100)) {
    // The directory's sort key is the repository's to write, like in insertPerson.
    const keyed = slice.map((row) => ({ ...row, nameKey: nameSortKey(row.name) }));
    await db.insertInto('people').values(keyed).execute();
  }
}

/** A team and how many people (deactivated ones left out) belong to it, for the teams list. */
export type TeamWithCount = TeamRow & {
  /** Active people whose `team_id` is this team. */
  members: number;
};

/**
 * Teams with their number of active members, in name order (by `name_key`,
 * then id, so both databases list them alike), from a position and up to a
 * count when given: one page of the keyset-paged list of teams.
 */
export async function listTeamsWithCounts(
  db: Kysely<Database>,
  page: { after?: readonly [nameKey: string, id: string]; limit?: number } = {},
): Promise<TeamWithCount[]> {
  let query = db
    .selectFrom('teams')
    .leftJoin('people', (join) => join.onRef('people.teamId', '=', 'teams.id').on('people.deactivatedAt', 'is', null))
    .select([
      'teams.id',
      'teams.name',
      'teams.createdAt',
      'teams.nameKey',
      (eb) => eb.fn.count<number | string>('people.id').as('members'),
    ])
    .groupBy(['teams.id', 'teams.name', 'teams.createdAt', 'teams.nameKey']);
  const after = page.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('teams.nameKey', 'teams.id'), '>', tuple(after[0], after[1])),
    );
  }
  if (page.limit !== undefined) query = query.limit(page.limit);
  const rows = await query.orderBy('teams.nameKey').orderBy('teams.id').execute();
  return rows.map((row) => ({ ...row, members: Number(row.members) }));
}

/** Every team, unordered: the import matches the names of a file against them. */
export async function listTeams(db: Kysely<Database>): Promise<TeamRow[]> {
  return db.selectFrom('teams').selectAll().execute();
}

/** Everyone, deactivated people included, unordered: what an import plans against. */
export async function listEveryone(db: Kysely<Database>): Promise<PersonRow[]> {
  return db.selectFrom('people').selectAll().execute();
}

/**
 * A person's managers, nearest first (manager, skip-level, … up to the top),
 * in one recursive query rather than one query per level. Each row carries the
 * path walked so far, and a step to someone already on it is not taken, so a
 * cycle ends the chain where it would repeat; the depth limit bounds it too.
 */
export async function findManagementChain(
  db: Kysely<Database>,
  personId: string,
  maxDepth: number = MAX_MANAGEMENT_DEPTH,
): Promise<PersonAtDepth[]> {
  const rows = await db
    .withRecursive('chain(id, managerId, depth, path)', (qb) =>
      qb
        .selectFrom('people')
        .innerJoin('people as subject', 'subject.managerId', 'people.id')
        .where('subject.id', '=', personId)
        .where('people.id', '<>', personId)
        .select([
          'people.id',
          'people.managerId',
          sql<number>`1`.as('depth'),
          sql<string>`'/' || subject.id || '/' || people.id || '/'`.as('path'),
        ])
        .unionAll((step) =>
          step
            .selectFrom('people')
            .innerJoin('chain', 'chain.managerId', 'people.id')
            .where('chain.depth', '<', maxDepth)
            .where(sql<boolean>`chain.path not like '%/' || people.id || '/%'`)
            .select([
              'people.id',
              'people.managerId',
              sql<number>`chain.depth + 1`.as('depth'),
              sql<string>`chain.path || people.id || '/'`.as('path'),
            ]),
        ),
    )
    .selectFrom('chain')
    .innerJoin('people', 'people.id', 'chain.id')
    .selectAll('people')
    .select('chain.depth')
    .orderBy('chain.depth')
    .execute();
  return rows.map((row) => ({ ...row, depth: Number(row.depth) }));
}

/**
 * Everyone under a manager, direct and indirect, each once with their depth
 * (1 for a direct report), nearest first and by name within a depth: one
 * recursive query, cut where the data would loop and at the depth limit.
 */
export async function findReportTree(
  db: Kysely<Database>,
  managerId: string,
  maxDepth: number = MAX_MANAGEMENT_DEPTH,
): Promise<PersonAtDepth[]> {
  const rows = await reportTree(db, managerId, maxDepth).execute();
  return rows
    .map((row) => ({ ...row, depth: Number(row.depth) }))
    .sort((a, b) => a.depth - b.depth || nameOrder.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * One page of the active people under a manager, in (depth, name key, id)
 * order after `after`: the database walks the tree, and only the page comes
 * back, so a page costs its own size whatever the size of the tree.
 */
export async function findReportTreePage(
  db: Kysely<Database>,
  managerId: string,
  page: { maxDepth?: number; after?: readonly [number, string, string]; limit: number },
): Promise<PersonAtDepth[]> {
  let query = reportTree(db, managerId, page.maxDepth ?? MAX_MANAGEMENT_DEPTH).where(
    'people.deactivatedAt',
    'is',
    null,
  );
  const after = page.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('tree.depth', sql<string>`coalesce(people.name_key, '')`, 'people.id'), '>', tuple(...after)),
    );
  }
  const rows = await query
    .orderBy('tree.depth')
    .orderBy(sql`coalesce(people.name_key, '')`)
    .orderBy('people.id')
    .limit(page.limit)
    .execute();
  return rows.map((row) => ({ ...row, depth: Number(row.depth) }));
}

/** The tree under a manager as a query: each person once with their depth, cut where the data would loop. */
function reportTree(db: Kysely<Database>, managerId: string, maxDepth: number) {
  return db
    .withRecursive('tree(id, depth, path)', (qb) =>
      qb
        .selectFrom('people')
        .where('people.managerId', '=', managerId)
        .where('people.id', '<>', managerId)
        .select([
          'people.id',
          sql<number>`1`.as('depth'),
          sql<string>`'/' || people.manager_id || '/' || people.id || '/'`.as('path'),
        ])
        .unionAll((step) =>
          step
            .selectFrom('people')
            .innerJoin('tree', 'tree.id', 'people.managerId')
            .where('tree.depth', '<', maxDepth)
            .where(sql<boolean>`tree.path not like '%/' || people.id || '/%'`)
            .select([
              'people.id',
              sql<number>`tree.depth + 1`.as('depth'),
              sql<string>`tree.path || people.id || '/'`.as('path'),
            ]),
        ),
    )
    .selectFrom('tree')
    .innerJoin('people', 'people.id', 'tree.id')
    .selectAll('people')
    .select('tree.depth');
}

/** How many people each of these people manage directly (deactivated reports left out); absent means none. */
export async function countDirectReports(
  db: Kysely<Database>,
  managerIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const ids of chunk(managerIds)) {
    const rows = await db
      .selectFrom('people')
      .where('managerId', 'in', ids)
      .where('deactivatedAt', 'is', null)
      .select(['managerId', (eb) => eb.fn.countAll<number | string>().as('reports')])
      .groupBy('managerId')
      .execute();
    for (const row of rows) if (row.managerId !== null) counts.set(row.managerId, Number(row.reports));
  }
  return counts;
}

const nameOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** How big the organisation is: people active and deactivated, active admins, and teams. */
export interface OrganisationCounts {
  activePeople: number;
  deactivatedPeople: number;
  admins: number;
  teams: number;
}

/** The organisation's size in two queries, whatever its size. */
export async function countOrganisation(db: Kysely<Database>): Promise<OrganisationCounts> {
  const people = await db
    .selectFrom('people')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('all'),
      eb.fn.count<number | string>('deactivatedAt').as('deactivated'),
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when(eb.and([eb('isAdmin', '=', 1), eb('deactivatedAt', 'is', null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('admins'),
    ])
    .executeTakeFirstOrThrow();
  const teams = await db
    .selectFrom('teams')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  const all = Number(people.all);
  const deactivated = Number(people.deactivated);
  return {
    activePeople: all - deactivated,
    deactivatedPeople: deactivated,
    admins: Number(people.admins ?? 0),
    teams: Number(teams.count),
  };
}

/** The team with this id, if there is one. */
export async function findTeamById(db: Kysely<Database>, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another team whose name equals `name` but for letter case, if there is one. */
export async function findTeamNamedLike(
  db: Kysely<Database>,
  name: string,
  exceptId: string,
): Promise<TeamRow | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
}

/**
 * Renames a team, and the team name its people carry (`people.team`, kept
 * beside `team_id` so reads by name need no join), in the caller's
 * transaction; the caller checks the name is free.
 */
export async function renameTeamRow(db: Kysely<Database>, id: string, name: string): Promise<TeamRow | undefined> {
  const team = await db
    .updateTable('teams')
    .set({ name, nameKey: nameSortKey(name) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (team !== undefined) await db.updateTable('people').set({ team: name }).where('teamId', '=', id).execute();
  return team;
}
