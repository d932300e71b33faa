import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../core/domain-error.js';
import { canonicalTimeZone, FALLBACK_TIME_ZONE } from '../shared/time-zone.js';
import { findManagementChain as findManagementChainRows } from '../store/organisation.repository.js';
import { findPersonById, listPeople, updatePerson } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import { readPage, type Page, type PageRequest } from './paging.js';

/** The kind tag of directory cursors. */
const PEOPLE_PAGES = 'people';

/**
 * One page of the people of the organisation in name order, optionally of
 * one team: the directory every edge shows.
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export async function listPeopleInTeam(
  db: Kysely<Database>,
  filter: { team?: string } & PageRequest = {},
): Promise<Page<PersonRow>> {
  return readPage(
    PEOPLE_PAGES,
    filter,
    2,
    (after, limit) => listPeople(db, { team: filter.team, after, limit }),
    (row) => [row.nameKey ?? '', row.id] as const,
  );
}

/**
 * One person by id.
 *
 * @throws DomainError `person_not_found`.
 */
export async function getPerson(db: Kysely<Database>, personId: string): Promise<PersonRow> {
  const person = await findPersonById(db, personId);
  if (person === undefined) throw notFound('person_not_found', personId);
  return person;
}

/**
 * The ids of a person's managers, nearest first: their manager, that
 * manager's manager, and so on. Who may see someone's assessments depends on
 * it. One recursive query (the store's findManagementChain); a cycle in the
 * data (A manages B manages A) ends the chain rather than looping, and it is
 * at most MAX_MANAGEMENT_DEPTH (50) long.
 */
export async function findManagementChain(db: Kysely<Database>, person: PersonRow): Promise<string[]> {
  if (person.managerId === null) return [];
  return (await findManagementChainRows(db, person.id)).map((manager) => manager.id);
}

/** What a person may change about themself; absent fields stay as they are. */
export interface PersonSettingsInput {
  /** An IANA time zone such as `Europe/Berlin`; any spelling Intl knows, stored in its canonical form. */
  timeZone?: string;
}

/**
 * Checks a time zone name and returns its canonical IANA spelling, so every
 * edge refuses the same names with the same words.
 *
 * @throws DomainError `input_invalid` naming the field `timeZone`.
 */
export function checkTimeZone(value: string): string {
  const zone = canonicalTimeZone(value);
  if (zone === undefined) {
    const message = `"${value}" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC`;
    throw new DomainError('input_invalid', `timeZone: ${message}`, [{ path: ['timeZone'], message }]);
  }
  return zone;
}

/**
 * Changes a person's own settings (today: their time zone, which decides
 * what "today" is for their evidence dates).
 *
 * @throws DomainError `input_invalid` (an unknown time zone), `person_not_found`.
 */
export async function changePersonSettings(
  db: Kysely<Database>,
  personId: string,
  input: PersonSettingsInput,
): Promise<PersonRow> {
  const timeZone = input.timeZone === undefined ? undefined : checkTimeZone(input.timeZone);
  const person = await updatePerson(db, personId, timeZone === undefined ? {} : { timeZone });
  if (person === undefined) throw notFound('person_not_found', personId);
  return person;
}

/**
 * The time zone a person's "today" is taken in: their own when they chose
 * one, else `fallback` (the machine's zone for the CLI and the server). A
 * stored name Intl no longer knows falls back too rather than failing every request.
 */
export function timeZoneOf(person: Pick<PersonRow, 'timeZone'>, fallback: string = FALLBACK_TIME_ZONE): string {
  return (person.timeZone === null ? undefined : canonicalTimeZone(person.timeZone)) ?? fallback;
}
