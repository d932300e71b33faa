import type { Ladder } from '../../core/ladder.js';
import type { PersonRow } from '../../store/schema.js';
import type { AdminPerson, Me, Person } from '../api-contract.js';
import type { Actor } from '../policy.js';

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

/** The sentence every page shows for a demo account, so nobody mistakes the demo for a real organisation. */
export function demoNotice(name: string): string {
  return `Demo: you are signed in as ${name}. The demo accounts exist only in the demo.`;
}

/** Who is signed in, how, and the ladder they record against. */
export function presentMe(actor: Actor, ladder: Ladder, directReports: number): Me {
  return {
    mode: actor.via,
    notice: actor.isDemo ? demoNotice(actor.person.name) : null,
    person: presentPerson(actor.person),
    isAdmin: actor.isAdmin,
    directReports,
    csrfToken: actor.csrfToken ?? null,
    ladder: { id: ladder.id, hash: ladder.hash, title: ladder.title },
  };
}

/** A person as the admin screens show them: the directory's fields and the ones only an admin changes. */
export function presentAdminPerson(person: PersonRow): AdminPerson {
  return {
    ...presentPerson(person),
    trackId: person.trackId,
    levelId: person.levelId,
    isAdmin: person.isAdmin === 1,
    deactivatedAt: person.deactivatedAt,
  };
}
