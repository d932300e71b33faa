import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLonghaul, type CliRun } from './cli.fixtures.js';

/*
 * `longhaul org …` run in-process as a user types it, over a database made by
 * `longhaul init` in a fresh folder, with the example people file.
 */

const EXAMPLE = new URL('../../examples/people.csv', import.meta.url);
const HEADER = 'email,name,team,manager_email,track,level';
let dir: string;

function longhaul(args: string[]): Promise<CliRun> {
  return runLonghaul(args, { cwd: dir });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-org-cli-'));
  copyFileSync(EXAMPLE, join(dir, 'people.csv'));
  expect((await longhaul(['init'])).code).toBe(0);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('longhaul org import', () => {
  it('says what a dry run would change and writes nothing, then imports (exit 0)', async () => {
    const dry = await longhaul(['org', 'import', 'people.csv', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run of people.csv: nothing was written. The import would:\n  add 8 people\n');
    expect(dry.stdout).toContain('    + emre.yildiz@example.com  Yıldız, Emre\n');
    expect(dry.stdout).toContain('  create 2 teams: Payments, Search\n');
    expect(dry.stdout).toContain('1 person in the organisation is not in the file and would stay as they were');
    expect((await longhaul(['org', 'teams'])).stdout).toContain('No teams yet');

    const done = await longhaul(['org', 'import', 'people.csv', '--json']);
    expect(done.code).toBe(0);
    expect(done.json()).toMatchObject({ applied: true, dryRun: false, teamsCreated: ['Payments', 'Search'] });
    const teams = await longhaul(['org', 'teams']);
    expect(teams.stdout).toBe('Payments  4 people\nSearch    3 people\n');
  });

  it('reports what a re-import changed, field by field', async () => {
    await longhaul(['org', 'import', 'people.csv']);
    writeFileSync(
      join(dir, 'people.csv'),
      [HEADER, 'aiko.morimoto@example.com,Aiko Morimoto,Search,niamh.gallagher@example.com,ic,mid-level'].join('\n'),
    );
    const again = await longhaul(['org', 'import', 'people.csv']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      [
        'Imported people.csv:',
        '  added 0 people',
        '  updated 1 person',
        '    ~ aiko.morimoto@example.com: team Payments -> Search; manager kwame.asante@example.com -> niamh.gallagher@example.com; level junior -> mid-level',
        '  left 0 people unchanged',
        '8 people in the organisation are not in the file and stayed as they were; an import never removes or deactivates anyone.',
        '',
      ].join('\n'),
    );
  });

  it('prints located errors one a line and exits 2, writing nothing', async () => {
    writeFileSync(
      join(dir, 'bad.csv'),
      [
        HEADER,
        'ada@example.com,Ada,,boss@example.com,ic,senior',
        'bob@example.com,Bob,,,ic,wizard',
        'ADA@example.com,Ada again,,,,',
      ].join('\r\n'),
    );
    const run = await longhaul(['org', 'import', 'bad.csv']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'error: bad.csv: 3 problems; nothing was imported',
        'bad.csv:2:4: column manager_email: no one in the file or the organisation has the email "boss@example.com"',
        'bad.csv:3:6: column level: track "ic" has no level "wizard" (levels: junior, mid-level, senior, architect)',
        'bad.csv:4:1: column email: duplicate email "ada@example.com": lines 2 and 4; list each person once',
        '',
      ].join('\n'),
    );
    expect((await longhaul(['org', 'teams', '--json'])).json()).toEqual([]);
  });

  it('refuses a file over 5 MB before reading it, and a missing file', async () => {
    writeFileSync(join(dir, 'huge.csv'), Buffer.alloc(5 * 1024 * 1024 + 1, 'a'));
    const huge = await longhaul(['org', 'import', 'huge.csv']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toBe(
      'error: huge.csv: the file is 5,242,881 bytes; an import takes at most 5 MB (5,242,880 bytes): split it into smaller files\n',
    );
    const missing = await longhaul(['org', 'import', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: cannot read nope.csv: no such file\n');
  });
});

describe('the admin role', () => {
  it('is the local person’s in a database made by init, and in the demo an engineer’s outside Sam’s chain', async () => {
    const init = await longhaul(['init', '--db', 'own.db', '--json']);
    expect(init.json()).toMatchObject({ person: { name: 'Ada Lovelace', isAdmin: 1 } });
    expect((await longhaul(['demo', '--db', 'demo.db'])).code).toBe(0);
    const head = await runLonghaul(['org', 'show', 'amara.nwosu@example.com', '--db', 'demo.db', '--json'], {
      cwd: dir,
    });
    // The head of engineering manages everyone but changes nothing in the organisation: managing is not admin.
    expect(head.json()).toMatchObject({ person: { isAdmin: 0, title: 'Head of Engineering' }, roles: ['manager'] });
    const admin = await runLonghaul(['org', 'show', 'grace.whitfield@example.com', '--db', 'demo.db', '--json'], {
      cwd: dir,
    });
    expect(admin.json()).toMatchObject({
      person: { isAdmin: 1, name: 'Grace Whitfield' },
      roles: ['engineer', 'admin'],
    });
  });
});

describe('longhaul org show', () => {
  it("shows a person's team, level, roles, managers up to the top and reports, as text and JSON", async () => {
    await longhaul(['org', 'import', 'people.csv']);
    const kwame = await longhaul(['org', 'show', 'Kwame.Asante@example.com']);
    expect(kwame.code).toBe(0);
    expect(kwame.stdout).toBe(
      [
        'Kwame Asante  kwame.asante@example.com',
        '  team     Payments',
        '  level    ic, senior',
        '  roles    manager',
        '  managers Amara Nwosu',
        '  reports  3 direct, 3 in all',
        '    Aiko Morimoto  aiko.morimoto@example.com',
        '    Ines Carvalho  ines.carvalho@example.com',
        '    Sofia Lindqvist  sofia.lindqvist@example.com',
        '',
      ].join('\n'),
    );
    const head = (await longhaul(['org', 'show', 'amara.nwosu@example.com', '--json'])).json<{
      roles: string[];
      managers: unknown[];
      reports: { name: string; depth: number }[];
    }>();
    expect(head.roles).toEqual(['manager']);
    expect(head.managers).toEqual([]);
    expect(head.reports.map((r) => `${r.name}@${r.depth}`)).toEqual([
      'Kwame Asante@1',
      'Niamh Gallagher@1',
      'Aiko Morimoto@2',
      'Ines Carvalho@2',
      'Mateo Ferreira@2',
      'Sofia Lindqvist@2',
      'Yıldız, Emre@2',
    ]);
    const aiko = await longhaul(['org', 'show', 'aiko.morimoto@example.com']);
    expect(aiko.stdout).toContain('  managers Kwame Asante -> Amara Nwosu\n  reports  (none)\n');

    const nobody = await longhaul(['org', 'show', 'nobody@example.com']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toBe('error: person "nobody@example.com" not found in the organisation\n');
  });
});
