import type { Kysely } from 'kysely';
import { DomainError, formatProblem, notFound } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import {
  checkPeopleCsv,
  describeCsvProblems,
  PEOPLE_CSV_MAX_PROBLEMS,
  TEAM_NAME_MAX_LENGTH,
  type KnownPerson,
  type PersonEntry,
} from '../core/people-csv.js';
import { runInTransaction } from '../store/database.js';
import {
  countDirectReports,
  ensureTeam,
  insertPeopleBatch,
  findManagementChain,
  findReportTree,
  listEveryone,
  listTeams as listTeamRows,
  listTeamsWithCounts,
  findTeamById,
  findTeamNamedLike,
  renameTeamRow,
  type PersonAtDepth,
  type TeamWithCount,
} from '../store/organisation.repository.js';
import { findPersonByEmail, findPersonById, updatePerson, type PersonPatch } from '../store/people.repository.js';
import { newId, nowIso } from '../store/row-values.js';
import type { Database, NewPersonRow, PersonRow, TeamRow } from '../store/schema.js';
import { readPage, type Page, type PageRequest } from './paging.js';

/*
 * The organisation: who is in which team, who manages whom, each person's
 * official track and level, and who is an admin. The import plans a whole
 * people file against what is stored and writes it in one transaction, or
 * not at all; the small functions below are the admin actions.
 */

/** A field of a person an import can change, as the plan names it. */
export type ImportField = 'name' | 'team' | 'manager' | 'track' | 'level';

/** One field that changes: the old value and the new (emails for the manager; null for none). */
export interface FieldChange {
  field: ImportField;
  from: string | null;
  to: string | null;
}

/** A person of the file, as the plan lists them. */
export interface PlannedPerson {
  /** The line of the file the person is on. */
  line: number;
  email: string;
  name: string;
}

/** A stored person the file changes, with every change. */
export interface PlannedUpdate extends PlannedPerson {
  changes: FieldChange[];
}

/** What an import does (a dry run) or did: who is added, who changes and how, what stays. */
export interface ImportPlan {
  /** The file's name, as problems and messages show it. */
  source: string;
  dryRun: boolean;
  /** True when the plan was written: a valid file and not a dry run. */
  applied: boolean;
  /** People in the file but not stored, in file order. */
  added: PlannedPerson[];
  /** Stored people the file changes, in file order. */
  updated: PlannedUpdate[];
  /** Stored people the file lists exactly as they are. */
  unchanged: number;
  /** Teams the file names that do not exist yet, in file order. */
  teamsCreated: string[];
  /** Stored people the file does not list: an import leaves them as they are (deactivating is a separate action). */
  notInFile: number;
}

/** How an import is run. */
export interface ImportOptions {
  /** The file's name in problems: `people.csv`. */
  sourceName: string;
  /** Plan only: report what would change and write nothing. */
  dryRun?: boolean;
}

/**
 * Imports a people file (CSV: email, name, team, manager_email, track,
 * level). People are matched to stored people by email, without case; a
 * match is updated in place, anyone else is added, and stored people the file
 * does not list are left alone. The whole file is checked first against the
 * ladder and the stored organisation (a manager may be someone stored, a cycle
 * may run through someone stored); with any problem nothing is written.
 * Otherwise, unless it is a dry run, everything is written in one transaction.
 *
 * @throws DomainError `input_invalid` with every problem located `file:line:col`
 * (at most PEOPLE_CSV_MAX_PROBLEMS of them; the message counts the rest).
 */
export async function importOrganisation(
  db: Kysely<Database>,
  ladder: Ladder,
  csvText: string,
  options: ImportOptions,
): Promise<ImportPlan> {
  const dryRun = options.dryRun === true;
  const plan = async (trx: Kysely<Database>): Promise<ImportPlan> => {
    const stored = await listEveryone(trx);
    const checked = checkPeopleCsv(csvText, {
      source: options.sourceName,
      ladder,
      organisation: knownPeople(stored),
    });
    if (!checked.ok) {
      throw new DomainError(
        'input_invalid',
        describeCsvProblems(options.sourceName, checked.problems, formatProblem),
        checked.problems.slice(0, PEOPLE_CSV_MAX_PROBLEMS),
      );
    }
    const teams = await listTeamRows(trx);
    const work = planImport(
      checked.entries,
      stored,
      teams.map((t) => t.name),
    );
    const result: ImportPlan = {
      source: options.sourceName,
      dryRun,
      applied: !dryRun,
      added: work.added.map(({ line, email, name }) => ({ line, email, name })),
      updated: work.updated.map(({ entry, changes }) => ({
        line: entry.line,
        email: entry.email,
        name: entry.name,
        changes,
      })),
      unchanged: work.unchanged,
      teamsCreated: work.teamsCreated,
      notInFile: stored.length - work.matched,
    };
    if (!dryRun) await writePlan(trx, work);
    return result;
  };
  return dryRun ? plan(db) : runInTransaction(db, plan);
}

/** The stored people as the checks see them: keyed by email, or by name and id for someone without one. */
function knownPeople(stored: readonly PersonRow[]): KnownPerson[] {
  const keyOf = new Map(stored.map((p) => [p.id, keyFor(p)]));
  return stored.map((p) => ({
    email: keyFor(p),
    managerEmail: p.managerId === null ? null : (keyOf.get(p.managerId) ?? null),
  }));
}

/** A stored person's key in the checks: their email without case, else a label no email can equal (it has no @). */
function keyFor(person: PersonRow): string {
  return person.email?.toLowerCase() ?? `[${person.name} ${person.id.slice(0, 8)}]`;
}

interface Work {
  added: PersonEntry[];
  updated: { entry: PersonEntry; person: PersonRow; changes: FieldChange[] }[];
  unchanged: number;
  matched: number;
  teamsCreated: string[];
  /** Entry email -> team name as it will be stored (an existing team's spelling wins). */
  teamOf: Map<string, string | null>;
  /** Entry email -> stored person, for those who exist. */
  existing: Map<string, PersonRow>;
  entries: readonly PersonEntry[];
}

function planImport(entries: readonly PersonEntry[], stored: readonly PersonRow[], teamNames: readonly string[]): Work {
  const byEmail = new Map<string, PersonRow>();
  for (const person of stored) {
    const key = person.email?.toLowerCase();
    if (key !== undefined && !byEmail.has(key)) byEmail.set(key, person);
  }
  const emailOfId = new Map(stored.map((p) => [p.id, p.email?.toLowerCase() ?? null]));
  const teamSpelling = new Map(teamNames.map((name) => [name.toLowerCase(), name]));
  const teamsCreated: string[] = [];
  const teamOf = new Map<string, string | null>();
  const existing = new Map<string, PersonRow>();
  const work: Work = { added: [], updated: [], unchanged: 0, matched: 0, teamsCreated, teamOf, existing, entries };

  for (const entry of entries) {
    let team: string | null = null;
    if (entry.team !== null) {
      const known = teamSpelling.get(entry.team.toLowerCase());
      if (known === undefined) {
        teamSpelling.set(entry.team.toLowerCase(), entry.team);
        teamsCreated.push(entry.team);
      }
      team = known ?? entry.team;
    }
    teamOf.set(entry.email, team);
    const person = byEmail.get(entry.email);
    if (person === undefined) {
      work.added.push(entry);
      continue;
    }
    existing.set(entry.email, person);
    work.matched += 1;
    const managerEmail = person.managerId === null ? null : (emailOfId.get(person.managerId) ?? null);
    const changes: FieldChange[] = [];
    const compare = (field: ImportField, from: string | null, to: string | null) => {
      if (from !== to) changes.push({ field, from, to });
    };
    compare('name', person.name, entry.name);
    compare('team', person.team, team);
    compare('manager', managerEmail, entry.managerEmail);
    compare('track', person.trackId, entry.trackId);
    compare('level', person.levelId, entry.levelId);
    if (changes.length === 0) work.unchanged += 1;
    else work.updated.push({ entry, person, changes });
  }
  return work;
}

/**
 * Writes a checked plan: the new teams, the new people in batches of a
 * hundred, managers before their reports, then each changed person. A few
 * statements per hundred new people, so 50,000 fit in a transaction of seconds.
 */
async function writePlan(trx: Kysely<Database>, work: Work): Promise<void> {
  const teamIds = new Map<string, string>();
  for (const team of await listTeamRows(trx)) teamIds.set(team.name, team.id);
  for (const name of work.teamsCreated) teamIds.set(name, (await ensureTeam(trx, name)).id);

  const idOf = new Map<string, string>();
  for (const person of await listEveryone(trx)) {
    const key = person.email?.toLowerCase();
    if (key !== undefined && !idOf.has(key)) idOf.set(key, person.id);
  }
  const managerId = (entry: PersonEntry): string | null => {
    if (entry.managerEmail === null) return null;
    const id = idOf.get(entry.managerEmail);
    // The checks saw this manager; a miss here means the data changed under the transaction.
    if (id === undefined) throw new Error(`manager ${entry.managerEmail} vanished during the import`);
    return id;
  };
  // Managers before their reports, so each row names a manager already written (the checks ruled out cycles).
  const ordered = managersFirst(work.added);
  for (const entry of ordered) idOf.set(entry.email, newId());
  const rows: NewPersonRow[] = ordered.map((entry) => {
    const team = work.teamOf.get(entry.email) ?? null;
    return {
      id: idOf.get(entry.email) ?? newId(),
      name: entry.name,
      email: entry.email,
      team,
      teamId: team === null ? null : (teamIds.get(team) ?? null),
      title: null,
      managerId: managerId(entry),
      createdAt: nowIso(),
      timeZone: null,
      trackId: entry.trackId,
      levelId: entry.levelId,
      isAdmin: 0,
      deactivatedAt: null,
    };
  });
  await insertPeopleBatch(trx, rows);

  for (const { entry, person, changes } of work.updated) {
    const patch: PersonPatch = {};
    for (const change of changes) {
      if (change.field === 'name') patch.name = entry.name;
      else if (change.field === 'team') patch.team = work.teamOf.get(entry.email) ?? null;
      else if (change.field === 'manager') patch.managerId = managerId(entry);
      else if (change.field === 'track') patch.trackId = entry.trackId;
      else patch.levelId = entry.levelId;
    }
    await updatePerson(trx, person.id, patch);
  }
}

/** New people ordered so that a new manager comes before everyone under them; stable otherwise. */
function managersFirst(added: readonly PersonEntry[]): PersonEntry[] {
  const byEmail = new Map(added.map((entry) => [entry.email, entry]));
  const depth = new Map<string, number>();
  const depthOf = (entry: PersonEntry): number => {
    const known = depth.get(entry.email);
    if (known !== undefined) return known;
    // Walk up through new managers only; the checks guarantee the walk ends.
    const chain: PersonEntry[] = [];
    let current: PersonEntry | undefined = entry;
    while (current !== undefined && !depth.has(current.email)) {
      chain.push(current);
      current = current.managerEmail === null ? undefined : byEmail.get(current.managerEmail);
    }
    let d = current === undefined ? -1 : (depth.get(current.email) ?? -1);
    for (const link of chain.reverse()) depth.set(link.email, ++d);
    return depth.get(entry.email) ?? 0;
  };
  return added
    .map((entry, index) => ({ entry, index, depth: depthOf(entry) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map(({ entry }) => entry);
}

/* ------------------------------------------------------------------------------------------------------------------
 * Admin actions on one person, and the reads the organisation screens show.
 * ---------------------------------------------------------------------------------------------------------------- */

/** The roles a person has: `manager` when anyone active reports to them, else `engineer`; `admin` besides. */
export type Role = 'engineer' | 'manager' | 'admin';

/** A person's roles from their row and how many active people report to them directly. */
export function rolesOf(person: Pick<PersonRow, 'isAdmin'>, directReports: number): Role[] {
  const roles: Role[] = [directReports > 0 ? 'manager' : 'engineer'];
  if (person.isAdmin === 1) roles.push('admin');
  return roles;
}

/** One page of the teams with their number of active members, in name order: the teams list of the CLI, the API and the admin screens. */
export async function listTeams(db: Kysely<Database>, request: PageRequest = {}): Promise<Page<TeamWithCount>> {
  return readPage(
    TEAM_PAGES,
    request,
    2,
    (after, limit) => listTeamsWithCounts(db, { after, limit }),
    (row) => [row.nameKey ?? '', row.id] as const,
  );
}

/** The kind tag of the cursors of the list of teams. */
const TEAM_PAGES = 'teams';

/** A person with their place in the organisation: roles, managers up to the top, and everyone under them. */
export interface OrgPerson {
  person: PersonRow;
  roles: Role[];
  /** Managers, nearest first. */
  managers: PersonAtDepth[];
  /** Reports, direct (depth 1) and indirect, nearest first. */
  reports: PersonAtDepth[];
}

/**
 * One person's place in the organisation, found by email without case.
 *
 * @throws DomainError `person_not_found`.
 */
export async function getOrgPerson(db: Kysely<Database>, email: string): Promise<OrgPerson> {
  const wanted = email.trim().toLowerCase();
  const person =
    (await findPersonByEmail(db, wanted)) ?? (await listEveryone(db)).find((p) => p.email?.toLowerCase() === wanted);
  if (person === undefined) throw notFound('person_not_found', email, { in: 'the organisation' });
  const [managers, reports] = await Promise.all([findManagementChain(db, person.id), findReportTree(db, person.id)]);
  const direct = reports.filter((r) => r.depth === 1 && r.deactivatedAt === null).length;
  return { person, roles: rolesOf(person, direct), managers, reports };
}

/** The roles of each of these people, in one query for all: for lists that show them. */
export async function rolesOfPeople(db: Kysely<Database>, people: readonly PersonRow[]): Promise<Map<string, Role[]>> {
  const counts = await countDirectReports(
    db,
    people.map((p) => p.id),
  );
  return new Map(people.map((p) => [p.id, rolesOf(p, counts.get(p.id) ?? 0)]));
}

/**
 * Marks a person as gone (they left, or should no longer sign in), keeping
 * everything they recorded. Deactivating twice keeps the first date.
 *
 * @throws DomainError `person_not_found`.
 */
export async function deactivatePerson(db: Kysely<Database>, personId: string): Promise<PersonRow> {
  const person = await requirePerson(db, personId);
  if (person.deactivatedAt !== null) return person;
  return requireUpdated(await updatePerson(db, personId, { deactivatedAt: nowIso() }), personId);
}

/**
 * Brings a deactivated person back.
 *
 * @throws DomainError `person_not_found`.
 */
export async function reactivatePerson(db: Kysely<Database>, personId: string): Promise<PersonRow> {
  await requirePerson(db, personId);
  return requireUpdated(await updatePerson(db, personId, { deactivatedAt: null }), personId);
}

/**
 * Gives or takes the admin role.
 *
 * @throws DomainError `person_not_found`.
 */
export async function setAdmin(db: Kysely<Database>, personId: string, admin: boolean): Promise<PersonRow> {
  await requirePerson(db, personId);
  return requireUpdated(await updatePerson(db, personId, { isAdmin: admin ? 1 : 0 }), personId);
}

/** Where a person moves: another team (by name, matched without case; null for none), another manager (null for none). */
export interface MoveInput {
  team?: string | null;
  managerId?: string | null;
}

/**
 * Moves a person to another team or under another manager. A manager who is
 * the person or anyone under them would make the chain go round, so that is
 * refused, as the import refuses it.
 *
 * @throws DomainError `input_invalid` naming `team` or `managerId`, `person_not_found`.
 */
export async function movePerson(db: Kysely<Database>, personId: string, input: MoveInput): Promise<PersonRow> {
  return runInTransaction(db, async (trx) => {
    const person = await requirePerson(trx, personId);
    const patch: PersonPatch = {};
    if (input.team !== undefined) {
      const team = input.team?.trim() ?? '';
      if (team.length > TEAM_NAME_MAX_LENGTH) {
        const message = `${team.length} characters; a team name has at most ${TEAM_NAME_MAX_LENGTH}`;
        throw new DomainError('input_invalid', `team: ${message}`, [{ path: ['team'], message }]);
      }
      const known = (await listTeamRows(trx)).find((t) => t.name.toLowerCase() === team.toLowerCase());
      patch.team = team === '' ? null : (known?.name ?? team);
    }
    if (input.managerId !== undefined && input.managerId !== null) {
      const manager = await findPersonById(trx, input.managerId);
      if (manager === undefined) {
        const message = `no person has the id "${input.managerId}"`;
        throw new DomainError('input_invalid', `managerId: ${message}`, [{ path: ['managerId'], message }]);
      }
      const under = await findReportTree(trx, person.id);
      if (manager.id === person.id || under.some((r) => r.id === manager.id)) {
        const message =
          manager.id === person.id
            ? `${person.name} cannot manage themself`
            : `${manager.name} reports to ${person.name}, so managing them would make the chain go round`;
        throw new DomainError('input_invalid', `managerId: ${message}`, [{ path: ['managerId'], message }]);
      }
      patch.managerId = manager.id;
    } else if (input.managerId === null) {
      patch.managerId = null;
    }
    return requireUpdated(await updatePerson(trx, person.id, patch), personId);
  });
}

async function requirePerson(db: Kysely<Database>, personId: string): Promise<PersonRow> {
  const person = await findPersonById(db, personId);
  if (person === undefined) throw notFound('person_not_found', personId);
  return person;
}

function requireUpdated(person: PersonRow | undefined, personId: string): PersonRow {
  if (person === undefined) throw notFound('person_not_found', personId);
  return person;
}

/**
 * Renames a team; its people move with it (their team is the same team,
 * under the new name). Refused when another team already has the name but for
 * letter case, which would make two teams a person cannot tell apart.
 *
 * @throws DomainError `team_not_found`, `input_invalid` naming `name`, `conflict` naming `name`.
 */
export async function renameTeam(db: Kysely<Database>, teamId: string, newName: string): Promise<TeamRow> {
  const name = newName.trim().replace(/\s+/g, ' ');
  const invalid = (message: string) =>
    new DomainError('input_invalid', `name: ${message}`, [{ path: ['name'], message }]);
  if (name === '') throw invalid('give the team a name');
  if (name.length > TEAM_NAME_MAX_LENGTH) {
    throw invalid(`${name.length} characters; a team name has at most ${TEAM_NAME_MAX_LENGTH}`);
  }
  if (/\p{Cc}/u.test(name)) throw invalid('a team name cannot hold control characters');
  return runInTransaction(db, async (trx) => {
    const team = await findTeamById(trx, teamId);
    if (team === undefined) throw notFound('team_not_found', teamId);
    const taken = await findTeamNamedLike(trx, name, teamId);
    if (taken !== undefined) {
      const message = `another team is already called ${JSON.stringify(taken.name)}; move its people instead, or choose another name`;
      throw new DomainError('conflict', `name: ${message}`, [{ path: ['name'], message }]);
    }
    return (await renameTeamRow(trx, teamId, name)) ?? team;
  });
}
