import type { AdminPerson, Ladder, PersonAdminUpdate, PersonCreate } from '../server/api-contract.js';
import { foldForSearch } from './format.js';
import { hrefWith, readParam } from './url-state.js';

/*
 * The admin People screen's decisions, pure so they are tested without a
 * browser: what a form holds, what it sends (only what changed, empty as
 * none), the search in the page, and how a person's state reads.
 */

/** The inputs of the add and edit forms, as text; `managerId`, `trackId` and `levelId` are select values ('' for none). */
export interface PersonForm {
  name: string;
  email: string;
  title: string;
  team: string;
  managerId: string;
  trackId: string;
  levelId: string;
}

/** The form's input names, which are also the body fields the server names in its errors. */
export const PERSON_FORM_FIELDS: readonly (keyof PersonForm)[] = [
  'name',
  'email',
  'title',
  'team',
  'managerId',
  'trackId',
  'levelId',
];

/** The add form before anything is typed. */
export const EMPTY_PERSON_FORM: PersonForm = Object.freeze({
  name: '',
  email: '',
  title: '',
  team: '',
  managerId: '',
  trackId: '',
  levelId: '',
});

/** The edit form of a stored person. */
export function formOf(person: AdminPerson): PersonForm {
  return {
    name: person.name,
    email: person.email ?? '',
    title: person.title ?? '',
    team: person.team ?? '',
    managerId: person.managerId ?? '',
    trackId: person.trackId ?? '',
    levelId: person.levelId ?? '',
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** What the add form sends: the name and email as typed, everything left empty left out. */
export function createBody(form: PersonForm): PersonCreate {
  const body: PersonCreate = { name: form.name.trim(), email: form.email.trim() };
  for (const key of ['team', 'managerId', 'title', 'trackId', 'levelId'] as const) {
    const value = orNull(form[key]);
    if (value !== null) body[key] = value;
  }
  return body;
}

/** What the edit form sends: only the fields that differ from the stored person; an emptied field clears it. */
export function editBody(person: AdminPerson, form: PersonForm): PersonAdminUpdate {
  const before = formOf(person);
  const body: PersonAdminUpdate = {};
  if (form.name.trim() !== before.name) body.name = form.name.trim();
  if (form.email.trim() !== before.email) body.email = form.email.trim();
  for (const key of ['title', 'team', 'managerId', 'trackId', 'levelId'] as const) {
    if (form[key].trim() !== before[key]) body[key] = orNull(form[key]);
  }
  return body;
}

/** The people of the loaded pages whose name or email holds the search text (all of them for none). */
export function searchPeople(people: readonly AdminPerson[], text: string): AdminPerson[] {
  const wanted = foldForSearch(text.trim());
  if (wanted === '') return [...people];
  return people.filter((p) => foldForSearch(p.name).includes(wanted) || foldForSearch(p.email ?? '').includes(wanted));
}

/** The team the list is filtered by, from the address bar (`?team=Payments`); null for everyone. */
export function readTeamFilter(search: string): string | null {
  return readParam(search, 'team');
}

/** The screen's address for a team filter. */
export function adminPeopleHref(team: string | null): string {
  return hrefWith('/admin/people', { team });
}

/** How a person's state reads in the list: active or since when deactivated, and admin. */
export function describeState(person: Pick<AdminPerson, 'isAdmin' | 'deactivatedAt'>): string {
  const state = person.deactivatedAt === null ? 'Active' : `Deactivated ${person.deactivatedAt.slice(0, 10)}`;
  return person.isAdmin ? `${state} · admin` : state;
}

/** The levels the level select offers: those of the chosen track, else of the ladder's first track. */
export function levelsFor(ladder: Pick<Ladder, 'tracks'>, trackId: string): { id: string; title: string }[] {
  const track = ladder.tracks.find((t) => t.id === trackId) ?? ladder.tracks[0];
  return track === undefined ? [] : track.levels.map((l) => ({ id: l.id, title: l.title }));
}

/** The sentence a deactivation is confirmed with. */
export function deactivationQuestion(name: string): string {
  return `Deactivate ${name}? They can no longer sign in; everything they recorded stays, and you can reactivate them later.`;
}
