import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { runInTransaction } from '../store/database.js';
import {
  countActiveAdmins,
  findPeopleByEmailIgnoringCase,
  findPersonById,
  insertPerson,
  updatePerson,
  type PersonPatch,
} from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import { checkEmail as checkEmailShape } from './account.service.js';
import { movePerson } from './org.service.js';

/*
 * The admin screens for people: add someone, change what the organisation
 * records about them (name, email, title, team, manager, track, level), move
 * them, deactivate them and give or take the admin role. Every check runs
 * before anything is written, and the whole change is one transaction, so a
 * refused edit leaves the person as they were. Field paths in errors are the
 * names of the input (`email`, `managerId`), which the API prefixes with `body.`.
 */

/** A new person as an admin enters them; everything but the name and the email may be left out. */
export interface NewPersonInput {
  name: string;
  email: string;
  /** A team name: an existing team matched without case, else a new team of that name. */
  team?: string | null;
  /** The id of an existing person. */
  managerId?: string | null;
  title?: string | null;
  /** A track id of the active ladder. */
  trackId?: string | null;
  /** A level id of that track (or of the ladder's first track when no track is given). */
  levelId?: string | null;
}

/** What an admin changes about a person; absent fields stay as they are, null clears. */
export interface PersonEditInput {
  name?: string;
  email?: string;
  title?: string | null;
  team?: string | null;
  managerId?: string | null;
  trackId?: string | null;
  levelId?: string | null;
  /** Give (true) or take (false) the admin role. */
  isAdmin?: boolean;
  /** false deactivates the person (they cannot sign in; their records stay), true brings them back. */
  active?: boolean;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('input_invalid', `${field}: ${message}`, [{ path: [field], message }]);
}

/** A trimmed, lower-cased email nobody else has. @throws DomainError `conflict` naming `email`. */
async function checkEmail(db: Kysely<Database>, email: string, personId?: string): Promise<string> {
  // The shape of an email, as everywhere else; then that nobody else has it.
  const wanted = checkEmailShape(email);
  const taken = (await findPeopleByEmailIgnoringCase(db, wanted)).find((p) => p.id !== personId);
  if (taken !== undefined) {
    const message = `${taken.name} already has the email ${wanted}; each person needs their own`;
    throw new DomainError('conflict', `email: ${message}`, [{ path: ['email'], message }]);
  }
  return wanted;
}

/**
 * The track and level as stored: ids of the active ladder, matched without
 * case. A level without a track is on the track the person has, else the ladder's first.
 */
function checkPlacement(
  ladder: Ladder,
  trackId: string | null | undefined,
  levelId: string | null | undefined,
  currentTrackId: string | null,
): { trackId?: string | null; levelId?: string | null } {
  const result: { trackId?: string | null; levelId?: string | null } = {};
  let trackOfLevel = currentTrackId ?? ladder.tracks[0]?.id ?? null;
  if (trackId !== undefined) {
    if (trackId === null) {
      result.trackId = null;
    } else {
      const track = ladder.tracks.find((t) => t.id.toLowerCase() === trackId.trim().toLowerCase());
      if (track === undefined) {
        const known = ladder.tracks.map((t) => t.id).join(', ');
        throw invalid('trackId', `the ladder "${ladder.id}" has no track "${trackId}" (tracks: ${known})`);
      }
      result.trackId = track.id;
      trackOfLevel = track.id;
    }
  }
  if (levelId !== undefined) {
    if (levelId === null) {
      result.levelId = null;
    } else {
      const track = ladder.tracks.find((t) => t.id === trackOfLevel) ?? ladder.tracks[0];
      const wanted = levelId.trim().toLowerCase();
      const level = track?.levels.find((l) => l.id.toLowerCase() === wanted || l.title.toLowerCase() === wanted);
      if (track === undefined || level === undefined) {
        const known = track?.levels.map((l) => l.id).join(', ') ?? 'none';
        throw invalid('levelId', `track "${track?.id ?? ''}" has no level "${levelId}" (levels: ${known})`);
      }
      result.levelId = level.id;
      if (result.trackId === undefined && currentTrackId === null) result.trackId = track.id;
    }
  } else if (result.trackId !== undefined && result.trackId !== currentTrackId) {
    // Another track: the old level belongs to the old track, so it goes.
    result.levelId = null;
  }
  return result;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw invalid('name', 'empty; every person needs a name');
  return trimmed;
}

/** An optional text as stored: trimmed, and null when empty. */
function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Adds a person to the organisation, as an admin does on the People screen.
 * A team name no team has creates the team, as the import does.
 *
 * @throws DomainError `conflict` (the email is taken), `input_invalid` naming
 * `name`, `managerId`, `trackId`, `levelId` or `team`.
 */
export async function addPerson(db: Kysely<Database>, ladder: Ladder, input: NewPersonInput): Promise<PersonRow> {
  return runInTransaction(db, async (trx) => {
    const name = checkName(input.name);
    const email = await checkEmail(trx, input.email);
    if (input.managerId !== undefined && input.managerId !== null) {
      if ((await findPersonById(trx, input.managerId)) === undefined) {
        throw invalid('managerId', `no person has the id "${input.managerId}"`);
      }
    }
    const placement = checkPlacement(ladder, input.trackId ?? undefined, input.levelId ?? undefined, null);
    const person = await insertPerson(trx, {
      name,
      email,
      title: optionalText(input.title) ?? null,
      managerId: input.managerId ?? null,
      trackId: placement.trackId ?? null,
      levelId: placement.levelId ?? null,
    });
    // The team through movePerson, so an existing team's spelling wins as it does everywhere else.
    const team = optionalText(input.team);
    return team === undefined || team === null ? person : movePerson(trx, person.id, { team });
  });
}

/**
 * Changes what the organisation records about a person: the details, a move
 * (team and manager), the admin role and whether they are active. A manager
 * who is the person or anyone under them is refused; so is taking the role
 * from, or deactivating, the last active admin.
 *
 * @throws DomainError `person_not_found`, `conflict` naming `email`, `isAdmin`
 * or `active`, `input_invalid` naming the field.
 */
export async function editPerson(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  input: PersonEditInput,
): Promise<PersonRow> {
  return runInTransaction(db, async (trx) => {
    const person = await findPersonById(trx, personId);
    if (person === undefined) throw notFound('person_not_found', personId);
    const patch: PersonPatch = {};
    if (input.name !== undefined) patch.name = checkName(input.name);
    if (input.email !== undefined) patch.email = await checkEmail(trx, input.email, person.id);
    if (input.title !== undefined) patch.title = optionalText(input.title) ?? null;
    Object.assign(patch, checkPlacement(ladder, input.trackId, input.levelId, person.trackId));
    const losesAdmin =
      person.isAdmin === 1 && person.deactivatedAt === null && (input.isAdmin === false || input.active === false);
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
      const field = input.isAdmin === false ? 'isAdmin' : 'active';
      const message = `${person.name} is the last active admin; make someone else an admin first`;
      throw new DomainError('conflict', `${field}: ${message}`, [{ path: [field], message }]);
    }
    if (input.team !== undefined || input.managerId !== undefined) {
      await movePerson(trx, person.id, { team: optionalText(input.team), managerId: input.managerId });
    }
    // The role and the deactivation go in the same update as the details: one write, and its row is the answer.
    if (input.isAdmin !== undefined) patch.isAdmin = input.isAdmin ? 1 : 0;
    if (input.active === false && person.deactivatedAt === null) patch.deactivatedAt = new Date().toISOString();
    if (input.active === true) patch.deactivatedAt = null;
    const stored = await updatePerson(trx, person.id, patch);
    if (stored === undefined) throw notFound('person_not_found', personId);
    return stored;
  });
}
