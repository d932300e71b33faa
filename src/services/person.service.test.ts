import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertPerson, updatePerson } from '../store/people.repository.js';
import type { PersonRow } from '../store/schema.js';
import {
  changePersonSettings,
  checkTimeZone,
  findManagementChain,
  getPerson,
  listPeopleInTeam,
  timeZoneOf,
} from './person.service.js';
import { openSmallWorkspace } from './small-workspace.fixtures.js';
import type { Workspace } from './workspace.service.js';

/*
 * The people of an organisation: who manages whom (which decides who may see
 * someone's assessments) and the time zone a person's "today" is taken in.
 */

let workspace: Workspace;
let me: PersonRow;

beforeEach(async () => {
  ({ workspace, me } = await openSmallWorkspace());
});

afterEach(async () => {
  await workspace.close();
});

describe('findManagementChain', () => {
  it('follows managers nearest first, up to the person without one', async () => {
    const db = workspace.db;
    const cto = await insertPerson(db, { name: 'Cleo' });
    const head = await insertPerson(db, { name: 'Hana', managerId: cto.id });
    const lead = await insertPerson(db, { name: 'Lev', managerId: head.id });
    const dev = await insertPerson(db, { name: 'Dara', managerId: lead.id });
    expect(await findManagementChain(db, dev)).toEqual([lead.id, head.id, cto.id]);
    expect(await findManagementChain(db, cto)).toEqual([]);
  });

  it('ends a cycle in the data instead of looping', async () => {
    const db = workspace.db;
    const a = await insertPerson(db, { name: 'Ari' });
    const b = await insertPerson(db, { name: 'Bo', managerId: a.id });
    const c = await insertPerson(db, { name: 'Cy', managerId: b.id });
    const cycled = await updatePerson(db, a.id, { managerId: c.id });
    if (cycled === undefined) throw new Error('no person');
    expect(await findManagementChain(db, cycled)).toEqual([c.id, b.id]);
    const self = await updatePerson(db, b.id, { managerId: b.id });
    if (self === undefined) throw new Error('no person');
    expect(await findManagementChain(db, self)).toEqual([]);
  });

  it('leaves out a manager who is no longer in the database', async () => {
    const orphan = await insertPerson(workspace.db, { name: 'Ola' });
    const boss = await insertPerson(workspace.db, { name: 'Bea' });
    const row = await updatePerson(workspace.db, orphan.id, { managerId: boss.id });
    await workspace.db.deleteFrom('people').where('id', '=', boss.id).execute();
    if (row === undefined) throw new Error('no person');
    expect(await findManagementChain(workspace.db, row)).toEqual([]);
  });

  it('follows a chain deeper than any organisation only so far', async () => {
    let top = await insertPerson(workspace.db, { name: 'P0' });
    for (let i = 1; i <= 55; i += 1) top = await insertPerson(workspace.db, { name: `P${i}`, managerId: top.id });
    expect(await findManagementChain(workspace.db, top)).toHaveLength(50);
  });
});

describe('people', () => {
  it('lists everyone in name order, or one team', async () => {
    await insertPerson(workspace.db, { name: 'Zoe', team: 'payments' });
    await insertPerson(workspace.db, { name: 'Ada', team: 'search' });
    expect((await listPeopleInTeam(workspace.db)).items.map((p) => p.name)).toEqual(['Ada', 'Noor Haddad', 'Zoe']);
    expect((await listPeopleInTeam(workspace.db, { team: 'payments' })).items.map((p) => p.name)).toEqual(['Zoe']);
  });

  it('finds a person by id, and names an unknown id', async () => {
    expect(await getPerson(workspace.db, me.id)).toEqual(me);
    await expect(getPerson(workspace.db, 'nobody')).rejects.toMatchObject({ code: 'person_not_found' });
  });
});

describe('time zones', () => {
  it('stores a zone in its canonical spelling, and leaves it when none is given', async () => {
    expect((await changePersonSettings(workspace.db, me.id, { timeZone: 'europe/berlin' })).timeZone).toBe(
      'Europe/Berlin',
    );
    expect((await changePersonSettings(workspace.db, me.id, {})).timeZone).toBe('Europe/Berlin');
    await expect(changePersonSettings(workspace.db, 'nobody', {})).rejects.toMatchObject({
      code: 'person_not_found',
    });
  });

  it('refuses a name that is not a time zone, naming the field and examples', async () => {
    await expect(changePersonSettings(workspace.db, me.id, { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'input_invalid',
      message:
        'timeZone: "Mars/Olympus" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC',
      problems: [
        {
          path: ['timeZone'],
          message: '"Mars/Olympus" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC',
        },
      ],
    });
    expect(checkTimeZone('UTC')).toBe('UTC');
  });

  it("takes a person's own zone, else the fallback, also for a stored name no longer known", () => {
    expect(timeZoneOf({ timeZone: 'Asia/Tokyo' }, 'Europe/Paris')).toBe('Asia/Tokyo');
    expect(timeZoneOf({ timeZone: null }, 'Europe/Paris')).toBe('Europe/Paris');
    expect(timeZoneOf({ timeZone: 'Atlantis/Capital' }, 'Europe/Paris')).toBe('Europe/Paris');
    expect(timeZoneOf({ timeZone: null })).toBe('UTC');
  });
});
