import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { findPersonById } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import { addPerson, editPerson } from './admin-people.service.js';
import { listTeams } from './org.service.js';
import { useFreshWorkspace } from './workspace.fixtures.js';

/*
 * The admin actions on people over a real SQLite database with the default
 * ladder: what is stored, what is refused (with the field to fix), and that a
 * refused change writes nothing.
 */

const fresh = useFreshWorkspace('longhaul-admin-people-');
let db: Kysely<Database>;
let ladder: Ladder;
let me: PersonRow;

beforeEach(() => {
  ({ db, ladder, me } = fresh);
});

/** The DomainError a call throws, as code and problems. */
async function refusal(work: Promise<unknown>): Promise<{ code: string; problems: unknown[] }> {
  const error: unknown = await work.catch((e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { code: error.code, problems: error.problems.map((p) => ({ path: p.path, message: p.message })) };
}

describe('addPerson', () => {
  it('stores the person with a new team, their manager, track and level', async () => {
    const kim = await addPerson(db, ladder, {
      name: ' Kim Park ',
      email: 'Kim.Park@Example.com',
      team: 'Payments',
      managerId: me.id,
      title: 'Engineer',
      trackId: 'IC',
      levelId: 'Senior',
    });
    expect(kim).toMatchObject({
      name: 'Kim Park',
      email: 'kim.park@example.com',
      team: 'Payments',
      managerId: me.id,
      title: 'Engineer',
      trackId: 'ic',
      levelId: 'senior',
      isAdmin: 0,
      deactivatedAt: null,
    });
    expect((await listTeams(db)).items.map((t) => [t.name, t.members])).toEqual([['Payments', 1]]);
    // An existing team's spelling wins.
    const lee = await addPerson(db, ladder, { name: 'Lee', email: 'lee@example.com', team: 'payments' });
    expect(lee.team).toBe('Payments');
  });

  it('refuses a taken email (without case), an unknown manager, track or level, naming the field', async () => {
    await addPerson(db, ladder, { name: 'Kim', email: 'kim@example.com' });
    expect(await refusal(addPerson(db, ladder, { name: 'Kim 2', email: 'KIM@example.com' }))).toEqual({
      code: 'conflict',
      problems: [
        { path: ['email'], message: 'Kim already has the email kim@example.com; each person needs their own' },
      ],
    });
    expect(await refusal(addPerson(db, ladder, { name: 'X', email: 'x@example.com', managerId: 'nobody' }))).toEqual({
      code: 'input_invalid',
      problems: [{ path: ['managerId'], message: 'no person has the id "nobody"' }],
    });
    expect(
      (await refusal(addPerson(db, ladder, { name: 'X', email: 'x@example.com', trackId: 'ops' }))).problems,
    ).toEqual([{ path: ['trackId'], message: 'the ladder "longhaul" has no track "ops" (tracks: ic)' }]);
    expect(
      (await refusal(addPerson(db, ladder, { name: 'X', email: 'x@example.com', levelId: 'ceo' }))).problems,
    ).toEqual([
      { path: ['levelId'], message: 'track "ic" has no level "ceo" (levels: junior, mid-level, senior, architect)' },
    ]);
    expect((await listTeams(db)).items).toEqual([]);
  });
});

describe('editPerson', () => {
  it('refuses an email that is not one, naming the field, before looking for who has it', async () => {
    const refused = await refusal(addPerson(db, ladder, { name: 'Kim', email: 'kim at example.com' }));
    expect(refused.code).toBe('input_invalid');
    expect(refused.problems).toEqual([
      { path: ['email'], message: '"kim at example.com" is not an email address; use one like ada@example.com' },
    ]);
  });

  it('changes details and moves the person to another team and manager', async () => {
    const kim = await addPerson(db, ladder, { name: 'Kim', email: 'kim@example.com', team: 'Payments' });
    const lee = await addPerson(db, ladder, { name: 'Lee', email: 'lee@example.com', team: 'Search' });
    const moved = await editPerson(db, ladder, kim.id, {
      name: 'Kim Park',
      title: 'Staff engineer',
      team: 'Search',
      managerId: lee.id,
      levelId: 'architect',
    });
    expect(moved).toMatchObject({
      name: 'Kim Park',
      title: 'Staff engineer',
      team: 'Search',
      managerId: lee.id,
      trackId: 'ic',
      levelId: 'architect',
    });
  });

  it('refuses a manager under the person, writing none of the other changes', async () => {
    const kim = await addPerson(db, ladder, { name: 'Kim', email: 'kim@example.com' });
    const lee = await addPerson(db, ladder, { name: 'Lee', email: 'lee@example.com', managerId: kim.id });
    expect(await refusal(editPerson(db, ladder, kim.id, { name: 'Changed', managerId: lee.id }))).toEqual({
      code: 'input_invalid',
      problems: [
        { path: ['managerId'], message: 'Lee reports to Kim, so managing them would make the chain go round' },
      ],
    });
    expect((await findPersonById(db, kim.id))?.name).toBe('Kim');
    expect((await refusal(editPerson(db, ladder, lee.id, { email: 'KIM@example.com' }))).code).toBe('conflict');
  });

  it('deactivates, reactivates and gives the admin role, but never takes it from the last active admin', async () => {
    const kim = await addPerson(db, ladder, { name: 'Kim', email: 'kim@example.com' });
    expect((await editPerson(db, ladder, kim.id, { active: false })).deactivatedAt).not.toBeNull();
    expect((await editPerson(db, ladder, kim.id, { active: true })).deactivatedAt).toBeNull();

    const last = 'Ada Lovelace is the last active admin; make someone else an admin first';
    expect(await refusal(editPerson(db, ladder, me.id, { isAdmin: false }))).toEqual({
      code: 'conflict',
      problems: [{ path: ['isAdmin'], message: last }],
    });
    expect(await refusal(editPerson(db, ladder, me.id, { active: false }))).toEqual({
      code: 'conflict',
      problems: [{ path: ['active'], message: last }],
    });
    expect((await editPerson(db, ladder, kim.id, { isAdmin: true })).isAdmin).toBe(1);
    expect((await editPerson(db, ladder, me.id, { isAdmin: false })).isAdmin).toBe(0);
  });
});
