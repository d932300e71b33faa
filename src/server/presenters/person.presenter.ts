import type { Ladder } from '../../core/ladder.js';
import type { PersonRow } from '../../store/schema.js';
import type { Me, Person } from '../api-contract.js';

/** A person as the API shows them: exactly the contract's fields, nothing the store adds later. */
export function presentPerson(person: PersonRow): Person {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    team: person.team,
    title: person.title,
    managerId: person.managerId,
    createdAt: person.createdAt,
    timeZone: person.timeZone,
  };
}

/** The sentence every client shows so nobody mistakes local mode for a login. */
export function localModeNotice(name: string): string {
  return `Local mode: anyone who can reach this server acts as ${name}. Accounts come later.`;
}

/** Who the server acts as, and the ladder it records against. */
export function presentMe(person: PersonRow, ladder: Ladder): Me {
  return {
    mode: 'local',
    notice: localModeNotice(person.name),
    person: presentPerson(person),
    ladder: { id: ladder.id, hash: ladder.hash, title: ladder.title },
  };
}
