import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { listEveryone } from '../store/organisation.repository.js';
import { findPersonById, insertPerson, updatePerson } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import {
  deactivatePerson,
  getOrgPerson,
  importOrganisation,
  listTeams,
  movePerson,
  reactivatePerson,
  setAdmin,
} from './org.service.js';
import { findManagementChain } from './person.service.js';
import { useFreshWorkspace } from './workspace.fixtures.js';

/*
 * The organisation over a real SQLite database with the default ladder: what
 * an import plans and writes, what it refuses and leaves untouched, and the
 * admin actions.
 */

const EXAMPLE = readFileSync(new URL('../../examples/people.csv', import.meta.url), 'utf8');
const HEADER = 'email,name,team,manager_email,track,level';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

const fresh = useFreshWorkspace('longhaul-org-');
let db: Kysely<Database>;
let ladder: Ladder;
let me: PersonRow;

beforeEach(() => {
  ({ db, ladder, me } = fresh);
});

const importText = (text: string, dryRun = false) =>
  importOrganisation(db, ladder, text, { sourceName: 'people.csv', dryRun });

/** Everyone stored, in a stable order, to compare before and after. */
const snapshot = async () => (await listEveryone(db)).sort((a, b) => (a.id < b.id ? -1 : 1));

/** The error an import throws, with its message and problems. */
async function importError(text: string): Promise<DomainError> {
  const error: unknown = await importText(text).catch((e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('importOrganisation', () => {
  it('imports the example file cleanly against the default ladder, with teams and managers', async () => {
    const plan = await importText(EXAMPLE);
    expect(plan).toMatchObject({ applied: true, dryRun: false, unchanged: 0, updated: [], notInFile: 1 });
    expect(plan.added.map((p) => p.email)).toHaveLength(8);
    expect(plan.teamsCreated).toEqual(['Payments', 'Search']);
    expect((await listTeams(db)).items.map((t) => [t.name, t.members])).toEqual([
      ['Payments', 4],
      ['Search', 3],
    ]);
    const emre = await getOrgPerson(db, 'Emre.Yildiz@example.com');
    expect(emre.person).toMatchObject({ name: 'Yıldız, Emre', team: 'Search', trackId: 'ic', levelId: 'mid-level' });
    expect(emre.managers.map((m) => m.name)).toEqual(['Niamh Gallagher', 'Amara Nwosu']);
    expect(emre.roles).toEqual(['engineer']);
    const head = await getOrgPerson(db, 'amara.nwosu@example.com');
    expect(head.roles).toEqual(['manager']);
    expect(head.reports.map((r) => `${r.name}@${r.depth}`)).toEqual([
      'Kwame Asante@1',
      'Niamh Gallagher@1',
      'Aiko Morimoto@2',
      'Ines Carvalho@2',
      'Mateo Ferreira@2',
      'Sofia Lindqvist@2',
      'Yıldız, Emre@2',
    ]);
    // The local person has no email, so the file does not name them, and they are left as they were.
    expect(await findPersonById(db, me.id)).toEqual(me);
  });

  it('writes nothing on a dry run, and reports what it would do', async () => {
    const before = await snapshot();
    const plan = await importText(EXAMPLE, true);
    expect(plan).toMatchObject({ applied: false, dryRun: true });
    expect(plan.added).toHaveLength(8);
    expect(plan.teamsCreated).toEqual(['Payments', 'Search']);
    expect(await snapshot()).toEqual(before);
    expect((await listTeams(db)).items).toEqual([]);
  });

  it('writes nothing when any line is wrong, and leaves stored people untouched', async () => {
    await importText(EXAMPLE);
    const before = await snapshot();
    const teams = (await listTeams(db)).items;
    const error = await importError(
      csv(
        'kwame.asante@example.com,Kwame Asante,Checkout,,ic,senior',
        'new.person@example.com,New Person,Checkout,kwame.asante@example.com,ic,junior',
        'bad.level@example.com,Bad Level,Checkout,,ic,wizard',
      ),
    );
    expect(error.code).toBe('input_invalid');
    expect(error.message).toBe(
      'people.csv: 1 problem; nothing was imported\n' +
        'people.csv:4:6: column level: track "ic" has no level "wizard" (levels: junior, mid-level, senior, architect)',
    );
    expect(error.problems).toEqual([
      expect.objectContaining({ source: 'people.csv', line: 4, col: 6, path: ['level'] }),
    ]);
    expect(await snapshot()).toEqual(before);
    expect((await listTeams(db)).items).toEqual(teams);
  });

  it('updates people in place on a re-import, field by field, and leaves out those the file does not list', async () => {
    await importText(EXAMPLE);
    const ines = await getOrgPerson(db, 'ines.carvalho@example.com');
    const changed = EXAMPLE.replace(
      'ines.carvalho@example.com,Ines Carvalho,Payments,kwame.asante@example.com,ic,mid-level',
      'INES.CARVALHO@example.com,Inês Carvalho,search,niamh.gallagher@example.com,ic,senior',
    )
      .split('\n')
      .filter((line) => !line.startsWith('aiko.morimoto'))
      .join('\n');
    const plan = await importText(changed);
    expect(plan).toMatchObject({ applied: true, added: [], unchanged: 6, teamsCreated: [], notInFile: 2 });
    expect(plan.updated).toEqual([
      {
        line: 5,
        email: 'ines.carvalho@example.com',
        name: 'Inês Carvalho',
        changes: [
          { field: 'name', from: 'Ines Carvalho', to: 'Inês Carvalho' },
          // An existing team's spelling wins over the file's.
          { field: 'team', from: 'Payments', to: 'Search' },
          { field: 'manager', from: 'kwame.asante@example.com', to: 'niamh.gallagher@example.com' },
          { field: 'level', from: 'mid-level', to: 'senior' },
        ],
      },
    ]);
    const after = await getOrgPerson(db, 'ines.carvalho@example.com');
    expect(after.person.id).toBe(ines.person.id);
    expect(after.person).toMatchObject({ name: 'Inês Carvalho', team: 'Search', levelId: 'senior' });
    expect(after.managers.map((m) => m.name)).toEqual(['Niamh Gallagher', 'Amara Nwosu']);
    // Aiko was not in the file: still there, unchanged.
    expect((await getOrgPerson(db, 'aiko.morimoto@example.com')).person.team).toBe('Payments');

    const again = await importText(changed);
    expect(again).toMatchObject({ added: [], updated: [], unchanged: 7 });
  });

  it('refuses a cycle that runs through a stored person the file does not list', async () => {
    await importText(EXAMPLE);
    const before = await snapshot();
    // Kwame manages Sofia in the database; this file puts Kwame under Sofia.
    const error = await importError(
      csv('kwame.asante@example.com,Kwame Asante,Payments,sofia.lindqvist@example.com,ic,senior'),
    );
    expect(error.message.split('\n')).toEqual([
      'people.csv: 1 problem; nothing was imported',
      'people.csv:2:4: column manager_email: the manager chain loops: kwame.asante@example.com -> sofia.lindqvist@example.com -> kwame.asante@example.com (each is managed by the next)',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('names managers who are stored but not in the file, and refuses an unknown one', async () => {
    await importText(EXAMPLE);
    const plan = await importText(csv('new.hire@example.com,New Hire,Payments,KWAME.ASANTE@example.com,ic,junior'));
    expect(plan.added).toEqual([{ line: 2, email: 'new.hire@example.com', name: 'New Hire' }]);
    expect((await getOrgPerson(db, 'new.hire@example.com')).managers[0]?.name).toBe('Kwame Asante');
    const error = await importError(csv('other@example.com,Other,,nobody@example.com,,'));
    expect(error.message).toContain(
      'people.csv:2:4: column manager_email: no one in the file or the organisation has the email "nobody@example.com"',
    );
  });

  it('lists at most 20 problems and counts the rest', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => `bad${i},Name,,,,`);
    const error = await importError(csv(...rows));
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('people.csv: 23 problems; nothing was imported');
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('… and 3 more problems');
    expect(error.problems).toHaveLength(20);
  });
});

describe('the management chain', () => {
  /** The loop findManagementChain used before it was one recursive query: the reference answer. */
  async function chainByLoop(person: PersonRow): Promise<string[]> {
    const chain: string[] = [];
    let next = person.managerId;
    while (next !== null && !chain.includes(next) && next !== person.id && chain.length < 50) {
      chain.push(next);
      next = (await findPersonById(db, next))?.managerId ?? null;
    }
    return chain;
  }

  it('gives the old loop’s answer on a five-level tree, from every level', async () => {
    const ceo = await insertPerson(db, { name: 'CEO' });
    const vp = await insertPerson(db, { name: 'VP', managerId: ceo.id });
    const director = await insertPerson(db, { name: 'Director', managerId: vp.id });
    const manager = await insertPerson(db, { name: 'Manager', managerId: director.id });
    const engineer = await insertPerson(db, { name: 'Engineer', managerId: manager.id });
    await insertPerson(db, { name: 'Peer', managerId: manager.id });
    expect(await findManagementChain(db, engineer)).toEqual([manager.id, director.id, vp.id, ceo.id]);
    for (const person of [ceo, vp, director, manager, engineer]) {
      expect(await findManagementChain(db, person)).toEqual(await chainByLoop(person));
    }
  });

  it('stops on a cycle, as the loop did', async () => {
    const a = await insertPerson(db, { name: 'A' });
    const b = await insertPerson(db, { name: 'B', managerId: a.id });
    const c = await insertPerson(db, { name: 'C', managerId: b.id });
    const d = await insertPerson(db, { name: 'D', managerId: c.id });
    const looped = await updatePerson(db, a.id, { managerId: c.id });
    if (looped === undefined) throw new Error('no A');
    expect(await findManagementChain(db, d)).toEqual([c.id, b.id, looped.id]);
    expect(await findManagementChain(db, looped)).toEqual([c.id, b.id]);
  });

  it('gives the old loop’s answer for any manager relation, cycles included', async () => {
    const people: PersonRow[] = [];
    for (let i = 0; i < 7; i++) people.push(await insertPerson(db, { name: `P${i}` }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(fc.nat(6), { nil: null }), { minLength: 7, maxLength: 7 }), async (links) => {
        const rows: PersonRow[] = [];
        for (const [i, person] of people.entries()) {
          const target = links[i];
          const managerId = target === null || target === undefined ? null : (people[target]?.id ?? null);
          const row = await updatePerson(db, person.id, { managerId });
          if (row !== undefined) rows.push(row);
        }
        for (const row of rows) expect(await findManagementChain(db, row)).toEqual(await chainByLoop(row));
      }),
      { numRuns: 25 },
    );
  });
});

describe('admin actions', () => {
  it('moves a person to another team and manager, and refuses a manager from under them', async () => {
    await importText(EXAMPLE);
    const kwame = (await getOrgPerson(db, 'kwame.asante@example.com')).person;
    const sofia = (await getOrgPerson(db, 'sofia.lindqvist@example.com')).person;
    const niamh = (await getOrgPerson(db, 'niamh.gallagher@example.com')).person;

    const moved = await movePerson(db, sofia.id, { team: 'search', managerId: niamh.id });
    expect(moved).toMatchObject({ team: 'Search', managerId: niamh.id });

    const refusal = await movePerson(db, kwame.id, {
      managerId: (await getOrgPerson(db, 'aiko.morimoto@example.com')).person.id,
    }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).problems).toEqual([
      {
        path: ['managerId'],
        message: 'Aiko Morimoto reports to Kwame Asante, so managing them would make the chain go round',
      },
    ]);
    await expect(movePerson(db, kwame.id, { managerId: kwame.id })).rejects.toThrow(
      'Kwame Asante cannot manage themself',
    );
    expect((await findPersonById(db, kwame.id))?.managerId).toBe(kwame.managerId);
    await expect(movePerson(db, 'nobody', { team: null })).rejects.toThrow('person "nobody" not found');
  });

  it('deactivates and reactivates a person, who then counts in their team again', async () => {
    await importText(EXAMPLE);
    const aiko = (await getOrgPerson(db, 'aiko.morimoto@example.com')).person;
    const gone = await deactivatePerson(db, aiko.id);
    expect(gone.deactivatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await deactivatePerson(db, aiko.id)).deactivatedAt).toBe(gone.deactivatedAt);
    expect((await listTeams(db)).items.find((t) => t.name === 'Payments')?.members).toBe(3);
    expect((await reactivatePerson(db, aiko.id)).deactivatedAt).toBeNull();
    expect((await listTeams(db)).items.find((t) => t.name === 'Payments')?.members).toBe(4);
  });

  it('gives and takes the admin role, which the roles show', async () => {
    await importText(EXAMPLE);
    const kwame = (await getOrgPerson(db, 'kwame.asante@example.com')).person;
    expect((await setAdmin(db, kwame.id, true)).isAdmin).toBe(1);
    expect((await getOrgPerson(db, 'kwame.asante@example.com')).roles).toEqual(['manager', 'admin']);
    expect((await setAdmin(db, kwame.id, false)).isAdmin).toBe(0);
    await expect(getOrgPerson(db, 'nobody@example.com')).rejects.toThrow(
      'person "nobody@example.com" not found in the organisation',
    );
  });
});
