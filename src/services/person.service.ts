import type { Kysely } from 'kysely';
import { DomainError } from '../core/domain-error.js';
import { findPersonById, listPeople } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';

/** The people of the organisation in name order, optionally of one team: the directory every edge shows. */
export async function listPeopleInTeam(db: Kysely<Database>, filter: { team?: string } = {}): Promise<PersonRow[]> {
  return listPeople(db, filter);
}

/**
 * One person by id.
 *
 * @throws DomainError `person_not_found`.
 */
export async function getPerson(db: Kysely<Database>, personId: string): Promise<PersonRow> {
  const person = await findPersonById(db, personId);
  if (person === undefined) throw new DomainError('person_not_found', `no person with id "${personId}"`);
  return person;
}

/** How far up a management chain is followed: deeper than any real organisation, small enough to stop a cycle. */
const MAX_CHAIN = 50;

/**
 * The ids of a person's managers, nearest first: their manager, that
 * manager's manager, and so on. Who may see someone's assessments depends on
 * it. A cycle in the data (A manages B manages A) ends the chain rather than
 * looping.
 */
export async function findManagementChain(db: Kysely<Database>, person: PersonRow): Promise<string[]> {
  const chain: string[] = [];
  let next = person.managerId;
  while (next !== null && !chain.includes(next) && next !== person.id && chain.length < MAX_CHAIN) {
    chain.push(next);
    next = (await findPersonById(db, next))?.managerId ?? null;
  }
  return chain;
}
