import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../store/database.js';
import { runLonghaul, type CliRun } from './cli.fixtures.js';

let dir: string;

/** Runs the CLI in-process in a fresh directory, as a user would type it. */
function longhaul(args: string[], options: { input?: string[]; env?: Record<string, string> } = {}): Promise<CliRun> {
  return runLonghaul(args, { cwd: dir, ...options });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-cli-'));
});

describe('longhaul init', () => {
  it('creates ./longhaul.db with the default ladder, and a second run changes nothing', async () => {
    const first = await longhaul(['init', '--json']);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({
      created: true,
      database: join(dir, 'longhaul.db'),
      ladder: { id: 'longhaul' },
      person: { name: 'Ada Lovelace' },
    });
    const again = await longhaul(['init']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already set up');
  });

  it('honours --db and LONGHAUL_DB', async () => {
    expect((await longhaul(['init', '--db', 'team.db', '--json'])).json()).toMatchObject({
      database: join(dir, 'team.db'),
    });
    expect((await longhaul(['init', '--json'], { env: { LONGHAUL_DB: 'env.db' } })).json()).toMatchObject({
      database: join(dir, 'env.db'),
    });
  });

  it('tells the user to run init when the database is missing', async () => {
    const run = await longhaul(['status']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: no Longhaul database at .*longhaul\.db: run "longhaul init"/);
  });
});

describe('evidence, assessment, status and gap on a fresh database', () => {
  beforeEach(async () => {
    expect((await longhaul(['init'])).code).toBe(0);
  });

  it('logs evidence and lists it filtered by competency and date', async () => {
    const logged = await longhaul([
      'log',
      'Led the review of the checkout incident',
      '--kind',
      'incident',
      '--competency',
      'reliability,debugging',
      '--date',
      '2026-10-02',
      '--link',
      'https://example.org/pir/12',
      '--json',
    ]);
    expect(logged.code).toBe(0);
    expect(logged.json()).toMatchObject({
      kind: 'incident',
      date: '2026-10-02',
      competencyIds: ['debugging', 'reliability'],
      visibility: 'private',
      links: ['https://example.org/pir/12'],
    });
    await longhaul(['log', 'Paired with a new joiner on the billing service', '-k', 'mentoring', '-c', 'mentoring']);

    const all = await longhaul(['evidence', 'list', '--json']);
    expect(all.json<{ items: { title: string }[] }>().items.map((e) => e.title)).toEqual([
      'Paired with a new joiner on the billing service',
      'Led the review of the checkout incident',
    ]);
    const reliability = await longhaul(['evidence', 'list', '--competency', 'reliability', '--json']);
    expect(reliability.json<{ items: unknown[] }>().items).toHaveLength(1);
    const recent = await longhaul(['evidence', 'list', '--since', '2026-11-01']);
    expect(recent.stdout).toContain('Paired with a new joiner');
    expect(recent.stdout).not.toContain('checkout incident');
    expect(recent.stdout).toContain('1 piece of evidence');
  });

  it('lists a page at a time and prints the command that shows the next page', async () => {
    for (const day of ['01', '02', '03', '04', '05']) {
      await longhaul(['log', `Code review ${day}`, '-k', 'review', '-c', 'quality', '--date', `2026-09-${day}`]);
    }
    const first = await longhaul(['evidence', 'list', '--limit', '2', '--kind', 'review']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Code review 05');
    expect(first.stdout).toContain('Code review 04');
    expect(first.stdout).not.toContain('Code review 03');
    expect(first.stdout).toContain('2 pieces of evidence shown; older evidence follows.');
    const hint = /longhaul evidence list (.+)$/m.exec(first.stdout)?.[1] ?? '';
    expect(hint).toMatch(/^--kind review --limit 2 --cursor \S+$/);

    const seen: string[] = [];
    let args = hint.split(' ');
    for (let pages = 0; pages < 5; pages += 1) {
      const next = await longhaul(['evidence', 'list', ...args]);
      expect(next.code).toBe(0);
      seen.push(...[...next.stdout.matchAll(/Code review (\d+)/g)].map((m) => m[1] ?? ''));
      const more = /longhaul evidence list (.+)$/m.exec(next.stdout)?.[1];
      if (more === undefined) break;
      args = more.split(' ');
    }
    expect(seen).toEqual(['03', '02', '01']);

    const page = (await longhaul(['evidence', 'list', '--limit', '1', '--json'])).json<{
      items: unknown[];
      nextCursor: string | null;
    }>();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    [['--limit', '0'], '--limit: must be a whole number from 1 to 200'],
    [['--limit', '500'], '--limit: must be a whole number from 1 to 200'],
    [['--limit', 'all'], '--limit: must be a whole number from 1 to 200'],
    [['--cursor', 'xyz'], '--cursor: is not a cursor of this list'],
  ])('refuses evidence list %j with a clear error', async (flags, message) => {
    const run = await longhaul(['evidence', 'list', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at ');
  });

  it('shares, unshares, deletes and restores a piece of evidence by the short id the list shows', async () => {
    const logged = (
      await longhaul(['log', 'Wrote the on-call handbook', '-k', 'mentoring', '-c', 'mentoring', '--json'])
    ).json<{ id: string }>();
    const short = logged.id.slice(0, 8);
    expect((await longhaul(['evidence', 'list'])).stdout).toContain(short);

    expect((await longhaul(['evidence', 'share', short])).stdout).toBe(
      'Shared with managers: Wrote the on-call handbook\n',
    );
    expect(
      (await longhaul(['evidence', 'list', '--json'])).json<{ items: { visibility: string }[] }>().items[0]?.visibility,
    ).toBe('managers');
    expect((await longhaul(['evidence', 'list'])).stdout).toContain(
      'Wrote the on-call handbook (shared with managers)',
    );
    await longhaul(['evidence', 'unshare', short]);
    expect(
      (await longhaul(['evidence', 'list', '--json'])).json<{ items: { visibility: string }[] }>().items[0]?.visibility,
    ).toBe('private');

    const deleted = await longhaul(['evidence', 'delete', short]);
    expect(deleted.stdout).toContain(`Undo with: longhaul evidence restore ${logged.id}`);
    expect((await longhaul(['evidence', 'list', '--json'])).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await longhaul(['evidence', 'restore', logged.id])).stdout).toBe('Restored: Wrote the on-call handbook\n');
    expect((await longhaul(['evidence', 'list', '--json'])).json<{ items: unknown[] }>().items).toHaveLength(1);

    const unknown = await longhaul(['evidence', 'share', 'ffffffff']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('evidence "ffffffff" not found in your evidence; see: longhaul evidence list');
    expect((await longhaul(['evidence', 'delete', 'ab'])).code).toBe(2);
  });

  it('shares evidence with named people by email, and says who sees what in the list', async () => {
    const db = await openDatabase({ kind: 'sqlite', file: join(dir, 'longhaul.db') });
    try {
      const { insertPerson } = await import('../store/people.repository.js');
      await insertPerson(db, { name: 'Mia Mentor', email: 'mia@example.com' });
      await insertPerson(db, { name: 'Raj Reviewer', email: 'raj@example.com' });
    } finally {
      await closeDatabase(db);
    }
    const logged = await longhaul([
      'log',
      'Paired on the parser rewrite',
      '-k',
      'mentoring',
      '-c',
      'mentoring',
      '--share-with',
      'MIA@example.com, raj@example.com',
      '--json',
    ]);
    expect(logged.code).toBe(0);
    const piece = logged.json<{ id: string; visibility: string; sharedWith: { name: string }[] }>();
    expect(piece.visibility).toBe('people');
    expect(piece.sharedWith.map((p) => p.name)).toEqual(['Mia Mentor', 'Raj Reviewer']);
    expect((await longhaul(['evidence', 'list'])).stdout).toContain(
      'Paired on the parser rewrite (shared with 2 people)',
    );

    const short = piece.id.slice(0, 8);
    expect((await longhaul(['evidence', 'share', short, '--with', 'raj@example.com'])).stdout).toBe(
      'Shared with 1 person: Paired on the parser rewrite\n',
    );
    expect((await longhaul(['evidence', 'list'])).stdout).toContain('(shared with 1 person)');
    await longhaul(['evidence', 'unshare', short]);
    const listed = (await longhaul(['evidence', 'list'])).stdout;
    expect(listed).toContain('Paired on the parser rewrite');
    expect(listed).not.toContain('(shared');

    const unknown = await longhaul(['evidence', 'share', short, '--with', 'raj@example.com,nobody@example.com']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: --with: nobody in the organisation has the email "nobody@example.com"\n');
    const both = await longhaul([
      'log',
      'Both',
      '-k',
      'other',
      '-c',
      'mentoring',
      '--share',
      '--share-with',
      'mia@example.com',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--share and --share-with: give one');
    const self = await longhaul(['log', 'To me', '-k', 'other', '-c', 'mentoring', '--share-with', 'ada@example.com']);
    expect(self.stderr).toMatch(/^error: --share-with: (nobody|the author)/);
    // Nothing was written by the refused commands.
    expect((await longhaul(['evidence', 'list', '--json'])).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('rejects bad evidence with every problem named, and stores nothing', async () => {
    const run = await longhaul([
      'log',
      'Something',
      '--kind',
      'heroics',
      '--competency',
      'wizardry',
      '--date',
      '2027-01-01',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '"heroics" is not a kind of evidence (kinds: incident, design, review, mentoring, delivery, other)',
    );
    expect(run.stderr).toContain('"wizardry" is not a competency of ladder "longhaul"');
    expect(run.stderr).toContain('--date: 2027-01-01 is in the future');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await longhaul(['evidence', 'list', '--json'])).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('refuses a body over 20,000 characters, naming --body, and stores nothing', async () => {
    const run = await longhaul([
      'log',
      'Wrote up the outage',
      '-k',
      'incident',
      '-c',
      'reliability',
      '-b',
      'x'.repeat(20_001),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: --body: the body is 20,001 characters; keep it to 20,000 and link to anything longer\n',
    );
    expect((await longhaul(['evidence', 'list', '--json'])).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('assesses with --set, then shows the level, the chart and the gap', async () => {
    await longhaul(['log', 'Ran the game day for the payments queue', '-k', 'incident', '-c', 'reliability']);
    // One piece of evidence each: enough for Mid-level on the default ladder, not for Senior (two).
    await longhaul([
      'log',
      'Shipped the ledger export',
      '-k',
      'delivery',
      '-c',
      'scope,autonomy,debugging,design,communication',
    ]);
    const assessed = await longhaul([
      'assess',
      '--set',
      'scope=senior,autonomy=mid-level,reliability=senior,debugging=senior,design=mid-level,communication=senior',
    ]);
    expect(assessed.code).toBe(0);

    const status = await longhaul(['status', '--json']);
    expect(status.code).toBe(0);
    const result = status.json<{
      demonstrated: { id: string };
      next: { id: string };
      observed: number;
      competencies: { id: string; rating: string | null; status: string; evidenceCount: number }[];
    }>();
    expect(result.demonstrated.id).toBe('mid-level');
    expect(result.next.id).toBe('senior');
    expect(result.observed).toBe(6);
    expect(result.competencies.find((c) => c.id === 'reliability')).toMatchObject({
      rating: 'senior',
      status: 'meets',
      evidenceCount: 1,
    });
    expect(result.competencies.find((c) => c.id === 'mentoring')).toMatchObject({
      rating: null,
      status: 'not-observed',
    });

    const chart = await longhaul(['status']);
    expect(chart.stdout).toContain('Demonstrated level: Mid-level');
    expect(chart.stdout).toMatch(/Reliability and blast radius\s+█+░+\s+Senior\s+meets\s+1 piece of evidence/);

    const gap = await longhaul(['gap', '--to', 'senior', '--json']);
    const missing = gap.json<{
      target: { id: string };
      met: boolean;
      gaps: { id: string; status: string; expectation: { expectation: string } }[];
    }>();
    expect(missing.target.id).toBe('senior');
    expect(missing.met).toBe(false);
    expect(missing.gaps.map((g) => g.id)).toEqual(['autonomy', 'design']);
    expect(missing.gaps[0]?.expectation.expectation.length).toBeGreaterThan(40);
  });

  it('closes the gap when the ratings rise, and carries earlier ratings forward', async () => {
    // Two pieces of evidence each, what Senior asks on the default ladder.
    const six = 'scope,autonomy,reliability,debugging,design,communication';
    await longhaul(['log', 'Ran the game day for the payments queue', '-k', 'incident', '-c', six]);
    await longhaul(['log', 'Shipped the ledger export', '-k', 'delivery', '-c', six]);
    await longhaul([
      'assess',
      '--set',
      'scope=senior,autonomy=mid-level,reliability=senior,debugging=senior,design=mid-level,communication=senior',
    ]);
    await longhaul(['assess', '--set', 'autonomy=senior,design=senior']);
    const status = (await longhaul(['status', '--json'])).json<{ demonstrated: { id: string }; observed: number }>();
    expect(status).toMatchObject({ demonstrated: { id: 'senior' }, observed: 6 });
    expect((await longhaul(['gap', '--to', 'senior', '--json'])).json()).toMatchObject({ met: true, gaps: [] });
  });

  it('keeps a note with its rating until the competency is rated anew', async () => {
    type Stored = { ratings: { competencyId: string; rating: string; note: string | null }[] };
    const noteOf = (run: CliRun, id: string) => run.json<Stored>().ratings.find((r) => r.competencyId === id)?.note;
    const first = await longhaul([
      'assess',
      '--set',
      'design=senior,scope=mid-level',
      '--why',
      'design=Led the ADR for the invoice queue, with the rollback plan',
      '--why',
      'scope=Owns the refunds service',
      '--json',
    ]);
    expect(first.code).toBe(0);
    expect(noteOf(first, 'design')).toBe('Led the ADR for the invoice queue, with the rollback plan');
    const second = await longhaul(['assess', '--set', 'design=architect', '--json']);
    expect(noteOf(second, 'design')).toBeNull();
    expect(noteOf(second, 'scope')).toBe('Owns the refunds service');
    const bad = await longhaul(['assess', '--set', 'scope=senior', '--why', 'wizardry=Cast a spell']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--why wizardry: "wizardry" is not a competency of track "ic"');
    const malformed = await longhaul(['assess', '--set', 'scope=senior', '--why', 'no text here']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--why: "no text here" is not COMPETENCY=TEXT');
  });

  it('rejects a rating that names no level, with the levels listed', async () => {
    const run = await longhaul(['assess', '--set', 'scope=wizard']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '"wizard" is not a level of track "ic" (levels: junior, mid-level, senior, architect, or not-observed)',
    );
    const malformed = await longhaul(['assess', '--set', 'scope']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('"scope" is not COMPETENCY=LEVEL');
  });

  it('asks competency by competency when interactive, showing the expectations around the rating', async () => {
    const run = await longhaul(['assess'], { input: ['2', 'n', '9', '3', 'q'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[1/11] Scope of ownership');
    expect(run.stdout).toContain('"9" is not a choice');
    const status = (await longhaul(['status', '--json'])).json<{
      competencies: { id: string; rating: string | null }[];
    }>();
    const ratings = Object.fromEntries(status.competencies.map((c) => [c.id, c.rating]));
    expect(ratings).toMatchObject({ scope: 'mid-level', autonomy: null, reliability: 'senior', debugging: null });
  });

  it('says how to assess when nothing is rated yet, and refuses interactive assess without a terminal', async () => {
    expect((await longhaul(['status'])).stdout).toContain('Not assessed yet');
    const run = await longhaul(['assess']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('use --set');
  });

  it('writes a brag document grouped by competency', async () => {
    await longhaul([
      'log',
      'Wrote the ADR for moving invoices to an event queue',
      '-k',
      'design',
      '-c',
      'design,communication',
      '-d',
      '2026-09-14',
      '-b',
      'Compared polling with events.',
    ]);
    await longhaul(['log', 'Reviewed the cache eviction change', '-k', 'review', '-c', 'design', '-d', '2026-11-03']);
    const md = await longhaul(['brag']);
    expect(md.stdout).toContain('# Ada Lovelace: evidence, up to 2026-11-28');
    expect(md.stdout).toMatch(
      /## Design and trade-offs\n\n- \*\*2026-11-03\*\*, review: Reviewed the cache eviction change\n- \*\*2026-09-14\*\*, design: Wrote the ADR/,
    );
    expect(md.stdout).toContain('## Communication and influence');
    const json = (await longhaul(['brag', '--format', 'json', '--since', '2026-10-01'])).json<{
      total: number;
      groups: { competency: { id: string } }[];
    }>();
    expect(json.total).toBe(1);
    expect(json.groups.map((g) => g.competency.id)).toEqual(['design']);
  });
});

describe('a new ladder version', () => {
  it('keeps ratings and evidence when a competency and a level are renamed with formerly', async () => {
    expect((await longhaul(['init'])).code).toBe(0);
    await longhaul(['log', 'Traced a memory leak in the image resizer', '-k', 'incident', '-c', 'debugging']);
    await longhaul(['assess', '--set', 'scope=senior,autonomy=senior,debugging=senior,reliability=senior']);
    const original = readFileSync(new URL('../../ladders/longhaul.yaml', import.meta.url), 'utf8');
    const renamed = original
      .replace('  - id: debugging\n', '  - id: operations\n    formerly: [debugging]\n')
      .replace(
        '      - id: senior\n        title: Senior\n',
        '      - id: senior-engineer\n        title: Senior engineer\n        formerly: [senior]\n',
      )
      .replaceAll(/^( {6})senior:$/gm, '$1senior-engineer:')
      // This test is about renames: four ratings and no evidence rule are enough to show a level.
      .replace('minObserved: 6', 'minObserved: 3')
      .replaceAll(/^ {8}evidence: \d\n/gm, '');
    writeFileSync(join(dir, 'next.yaml'), renamed);
    const use = await longhaul(['use-ladder', 'next.yaml']);
    expect(use.stderr).toBe('');
    expect(use.code).toBe(0);

    const status = (await longhaul(['status', '--json'])).json<{
      demonstrated: { id: string };
      competencies: { id: string; rating: string | null; evidenceCount: number }[];
    }>();
    expect(status.demonstrated.id).toBe('senior-engineer');
    expect(status.competencies.find((c) => c.id === 'operations')).toMatchObject({
      rating: 'senior-engineer',
      evidenceCount: 1,
    });
    const listed = (await longhaul(['evidence', 'list', '--competency', 'operations', '--json'])).json<{
      items: { competencyIds: string[] }[];
    }>().items;
    expect(listed.map((e) => e.competencyIds)).toEqual([['operations']]);
  });
});

describe('longhaul ladder', () => {
  const ladderFile = new URL('../../ladders/longhaul.yaml', import.meta.url);

  it('validates the default ladder', async () => {
    const run = await longhaul(['ladder', 'validate', ladderFile.pathname]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok .*ladder "longhaul", 1 track, 4 levels, 11 competencies/);
  });

  it('reports a broken file as file:line:col and exits 2', async () => {
    writeFileSync(
      join(dir, 'acme.yaml'),
      readFileSync(ladderFile, 'utf8').replace('category: systems', 'category: sistems'),
    );
    const run = await longhaul(['ladder', 'validate', 'acme.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^acme\.yaml:\d+:\d+: category "sistems" does not exist/);
    expect(run.stdout).toBe('');
  });

  it('says when a file does not exist', async () => {
    const run = await longhaul(['ladder', 'validate', 'nope.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ladder file "nope.yaml" not found');
  });

  it('shows what a level expects, before init too', async () => {
    const run = await longhaul(['ladder', 'show', '--level', 'senior']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Senior/);
    expect(run.stdout).toContain('Reliability and blast radius [reliability]');
    const json = (await longhaul(['ladder', 'show', '--level', 'Architect', '--json'])).json<{
      level: { id: string };
      competencies: unknown[];
    }>();
    expect(json.level.id).toBe('architect');
    expect(json.competencies).toHaveLength(11);
    const bad = await longhaul(['ladder', 'show', '--level', 'wizard']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'level "wizard" not found in track "ic" (levels: junior, mid-level, senior, architect)',
    );
  });

  it('prints the JSON Schema', async () => {
    const run = await longhaul(['ladder', 'schema']);
    expect(run.json()).toMatchObject({ title: 'Longhaul ladder', type: 'object' });
  });

  it('diffs two versions: a rename through formerly, a changed expectation, a new level', async () => {
    const original = readFileSync(ladderFile, 'utf8');
    writeFileSync(join(dir, 'old.yaml'), original);
    const renamed = original
      .replace('  - id: debugging\n', '  - id: operations\n    formerly: [debugging]\n')
      .replace(/(- id: architect\n\s+title: )Architect/, '$1Principal architect');
    writeFileSync(join(dir, 'new.yaml'), renamed);
    const run = await longhaul(['ladder', 'diff', 'old.yaml', 'new.yaml', '--json']);
    expect(run.code).toBe(0);
    expect(run.json<{ changes: unknown[] }>().changes).toEqual([
      { kind: 'level-retitled', track: 'ic', level: 'architect', from: 'Architect', to: 'Principal architect' },
      { kind: 'competency-renamed', competency: 'operations', from: 'debugging', title: expect.any(String) },
    ]);
    const text = await longhaul(['ladder', 'diff', 'old.yaml', 'new.yaml']);
    expect(text.stdout).toContain('> competency debugging renamed to operations');
  });
});

describe('usage errors', () => {
  it("exits 2 with commander's message for an unknown option or command", async () => {
    const option = await longhaul(['status', '--frobnicate']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--frobnicate'");
    const command = await longhaul(['stauts']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Did you mean status?');
  });

  it('prints help with exit 0', async () => {
    const run = await longhaul(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('longhaul gap --to senior');
  });
});

describe('longhaul demo', () => {
  it("builds a demo organisation and shows one engineer's level and gap", async () => {
    const run = await longhaul(['demo', '--db', 'demo.db']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Demo organisation: 40 people in 5 teams/);
    expect(run.stdout).toMatch(/Demonstrated level: \w/);
    const people = await longhaul(['status', '--json', '--db', 'demo.db']);
    expect(people.json<{ observed: number }>().observed).toBeGreaterThan(5);
    // Only the local person's own evidence can be changed, even in a database with other people in it.
    const me = (await longhaul(['evidence', 'list', '--json', '--db', 'demo.db'])).json<{
      items: { personId: string }[];
    }>().items[0]?.personId;
    const db = await openDatabase({ kind: 'sqlite', file: join(dir, 'demo.db') });
    const theirs = await db
      .selectFrom('evidence')
      .select(['id'])
      .where('personId', '!=', me ?? '')
      .executeTakeFirstOrThrow();
    await closeDatabase(db);
    const someone = await longhaul(['evidence', 'delete', theirs.id, '--db', 'demo.db']);
    expect(someone.code).toBe(1);
    expect(someone.stderr).toContain('not found in your evidence');
  });
});
