import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Migrator, sql, type Kysely } from 'kysely';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  countEvidenceByCompetency,
  countEvidenceByCompetencyAndDate,
  deleteEvidence,
  findPeopleByEmailIgnoringCase,
  hashOidcState,
  insertAuditEvent,
  listAllEvidenceOf,
  countAssessmentsRecordedOfOthers,
  countOtherActiveAdmins,
  deletePersonAndData,
  listAuditEvents,
  MIGRATIONS,
  purgeExpiredOidcSignIns,
  saveOidcSignIn,
  takeOidcSignIn,
  findEvidenceById,
  findEvidenceIncludingDeleted,
  findLadderVersion,
  findLatestAssessment,
  findPersonByEmail,
  findPersonById,
  getSetting,
  insertAssessment,
  insertEvidence,
  insertPerson,
  updatePerson,
  ensureTeam,
  findManagementChain,
  findReportTree,
  findReportTreePage,
  countDirectReports,
  listTeamsWithCounts,
  insertPeopleBatch,
  MAX_MANAGEMENT_DEPTH,
  listAssessments,
  listEvidence,
  listEvidenceByIdPrefix,
  listLadderVersions,
  listPeople,
  openDatabase,
  restoreEvidence,
  runInTransaction,
  saveLadderVersion,
  setSetting,
  SETTING_KEYS,
  softDeleteEvidence,
  updateEvidence,
} from './index.js';
import type { Database, DatabaseConfig, InsertEvidenceInput, NewAuditEventRow, PersonRow } from './index.js';
import { insertAccount, insertApiToken, insertSession } from './account.repository.js';
import { countActiveAdmins } from './people.repository.js';
import { countOrganisation, findTeamById, findTeamNamedLike, renameTeamRow } from './organisation.repository.js';
import { StaticMigrationProvider } from './migrations/migration-provider.js';

/*
 * One suite, run once per database. LONGHAUL_TEST_DIALECTS picks which
 * (default: both); PostgreSQL being down is a failure, never a skip.
 */
const DIALECTS = (process.env.LONGHAUL_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d) => d !== '');
const POSTGRES_URL = process.env.LONGHAUL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** What the suite needs from a database server, whichever it is. */
interface Harness {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A new, empty database (a SQLite file, or a PostgreSQL schema). */
  freshConfig(): Promise<DatabaseConfig>;
  /** A database that cannot be opened. */
  unreachableConfig(): DatabaseConfig;
  /** Runs SQL behind the store's back, to set up situations the store would never create. */
  rawExec(config: DatabaseConfig, statements: string): Promise<void>;
  tableExists(config: DatabaseConfig, table: string): Promise<boolean>;
}

function sqliteHarness(): Harness {
  let dir = '';
  let count = 0;
  const fileOf = (config: DatabaseConfig) => (config.kind === 'sqlite' ? config.file : '');
  return {
    async start() {
      dir = mkdtempSync(join(tmpdir(), 'longhaul-store-'));
    },
    async stop() {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    },
    async freshConfig() {
      count += 1;
      return { kind: 'sqlite', file: join(dir, `db-${count}.sqlite`) };
    },
    unreachableConfig() {
      return { kind: 'sqlite', file: join(dir, 'no-such-directory', 'db.sqlite') };
    },
    async rawExec(config, statements) {
      const sqlite = new SqliteDatabase(fileOf(config));
      try {
        sqlite.exec(statements);
      } finally {
        sqlite.close();
      }
    },
    async tableExists(config, table) {
      const sqlite = new SqliteDatabase(fileOf(config), { readonly: true });
      try {
        return sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
      } finally {
        sqlite.close();
      }
    },
  };
}

function postgresHarness(): Harness {
  const admin = new Client({ connectionString: POSTGRES_URL });
  const prefix = `longhaul_test_${Math.random().toString(36).slice(2, 10)}`;
  const schemas = new Map<string, string>();
  let connected = false;
  const schemaOf = (config: DatabaseConfig) => {
    const schema = config.kind === 'postgres' ? schemas.get(config.connectionString) : undefined;
    if (schema === undefined) throw new Error('not a database made by this harness');
    return schema;
  };
  return {
    async start() {
      try {
        await admin.connect();
        connected = true;
      } catch (error) {
        const reason = error instanceof AggregateError ? error.errors.join('; ') : String(error);
        throw new Error(
          `PostgreSQL is not reachable at ${POSTGRES_URL} (${reason}). ` +
            'Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, ' +
            'point LONGHAUL_TEST_POSTGRES_URL at a server, ' +
            'or run the SQLite suite only with LONGHAUL_TEST_DIALECTS=sqlite.',
        );
      }
    },
    async stop() {
      if (!connected) return;
      for (const schema of schemas.values()) await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
    async freshConfig() {
      const schema = `${prefix}_${schemas.size + 1}`;
      await admin.query(`create schema "${schema}"`);
      const url = new URL(POSTGRES_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      schemas.set(url.toString(), schema);
      return { kind: 'postgres', connectionString: url.toString() };
    },
    unreachableConfig() {
      // Port 1 is reserved and closed: the connection is refused at once.
      return { kind: 'postgres', connectionString: 'postgres://postgres@127.0.0.1:1/test' };
    },
    async rawExec(config, statements) {
      await admin.query(`set search_path to "${schemaOf(config)}"; ${statements}; reset search_path`);
    },
    async tableExists(config, table) {
      const result = await admin.query(
        'select 1 from information_schema.tables where table_schema = $1 and table_name = $2',
        [schemaOf(config), table],
      );
      return result.rowCount === 1;
    },
  };
}

function harnessFor(dialect: string): Harness {
  if (dialect === 'sqlite') return sqliteHarness();
  if (dialect === 'postgres') return postgresHarness();
  throw new Error(`LONGHAUL_TEST_DIALECTS names an unknown dialect "${dialect}" (known: sqlite, postgres)`);
}

/**
 * Takes a database back to the state right after `name`, running the down
 * step of every later migration: how a test makes a database as an older
 * release left it, whatever migrations came since.
 */
async function migrateBackTo(db: Kysely<Database>, name: string): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: new StaticMigrationProvider() }).migrateTo(name);
  if (error !== undefined) throw new Error(`could not migrate back to ${name}: ${String(error)}`);
  expect(results?.every((r) => r.status === 'Success')).toBe(true);
}

/** Empties every table, children first, so each test starts from the shared fixture only. */
async function clearTables(db: Kysely<Database>): Promise<void> {
  for (const table of [
    'oidcSignIns',
    'ratings',
    'assessments',
    'evidenceAudience',
    'evidenceCompetencies',
    'evidence',
    'people',
    'teams',
    'settings',
    'ladderVersions',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
}

const LADDER = { ladderId: 'acme', hash: 'h1', title: 'Acme Engineering', sourceYaml: 'id: acme\n' } as const;

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    const harness = harnessFor(dialect);
    let config: DatabaseConfig;
    let db: Kysely<Database>;
    const opened: Kysely<Database>[] = [];

    /** Opens a database and makes sure it is closed after the suite even if the test fails. */
    async function open(which: DatabaseConfig): Promise<Kysely<Database>> {
      const handle = await openDatabase(which);
      opened.push(handle);
      return handle;
    }

    beforeAll(async () => {
      await harness.start();
      config = await harness.freshConfig();
      db = await open(config);
    });

    afterEach(async () => {
      await clearTables(db);
    });

    afterAll(async () => {
      for (const handle of opened) await closeDatabase(handle);
      await harness.stop();
    });

    async function seed(): Promise<{ alice: PersonRow; bob: PersonRow }> {
      await saveLadderVersion(db, LADDER);
      const bob = await insertPerson(db, { name: 'Bob', email: 'bob@example.com', team: 'platform' });
      const alice = await insertPerson(db, {
        name: 'Alice',
        email: 'alice@example.com',
        team: 'platform',
        title: 'Engineer',
        managerId: bob.id,
      });
      return { alice, bob };
    }

    function evidenceFor(person: PersonRow, overrides: Partial<InsertEvidenceInput> = {}): InsertEvidenceInput {
      return {
        personId: person.id,
        date: '2025-03-01',
        title: 'Ran the incident review',
        kind: 'incident',
        ladderId: LADDER.ladderId,
        ladderHash: LADDER.hash,
        competencyIds: ['ownership'],
        ...overrides,
      };
    }

    describe('database', () => {
      it('reopens an existing database without re-running migrations, keeping its data', async () => {
        const file = await harness.freshConfig();
        const first = await open(file);
        const person = await insertPerson(first, { name: 'Carol', email: 'carol@example.com' });
        await closeDatabase(first);

        const second = await open(file);
        expect(await findPersonByEmail(second, 'carol@example.com')).toEqual(person);
        await closeDatabase(second);
      });

      it('fails with the migration name when the schema cannot be created, and leaves nothing half-done', async () => {
        const foreign = await harness.freshConfig();
        await harness.rawExec(foreign, 'create table people (id text primary key)');

        await expect(openDatabase(foreign)).rejects.toThrow(/migration "0001-initial" failed/);
        // Tables the migration created before it failed were rolled back with it.
        expect(await harness.tableExists(foreign, 'ladder_versions')).toBe(false);
        expect(await harness.tableExists(foreign, 'people')).toBe(true);
      });

      it('upgrades a database made before soft delete (migration 0002), keeping its evidence live', async () => {
        const file = await harness.freshConfig();
        const first = await open(file);
        await saveLadderVersion(first, LADDER);
        const person = await insertPerson(first, { name: 'Old Timer' });
        const kept = await insertEvidence(first, {
          personId: person.id,
          date: '2024-05-01',
          title: 'Recorded before soft delete existed',
          kind: 'delivery',
          ladderId: LADDER.ladderId,
          ladderHash: LADDER.hash,
          competencyIds: ['ownership'],
        });
        // Put the database back as release 0001 left it, undoing every later migration with its own down step.
        await migrateBackTo(first, '0001-initial');
        await closeDatabase(first);
        expect(await harness.tableExists(file, 'evidence')).toBe(true);

        const upgraded = await open(file);
        expect(await listEvidence(upgraded, { personId: person.id })).toEqual([kept]);
        expect(await softDeleteEvidence(upgraded, kept.id)).toBe(true);
        expect(await listEvidence(upgraded, { personId: person.id })).toEqual([]);
        await closeDatabase(upgraded);
      });

      it('upgrades shared evidence to managers (migration 0008), losing no row, link or field', async () => {
        const file = await harness.freshConfig();
        const first = await open(file);
        await migrateBackTo(first, '0007-oidc-sign-ins');
        // As release 0007 left it: "shared" meant shared with everyone. Written by hand, as today's store cannot.
        const old = first as unknown as Kysely<{
          evidence: Record<string, string | null>;
          evidenceCompetencies: Record<string, string>;
        }>;
        await saveLadderVersion(first, LADDER);
        const person = await insertPerson(first, { name: 'Old Timer' });
        const row = (id: string, visibility: string, deletedAt: string | null = null) => ({
          id,
          personId: person.id,
          date: '2024-05-01',
          title: `${visibility} ${id}`,
          body: `**body** of ${id}`,
          kind: 'delivery',
          links: '["https://example.com/pr/1"]',
          visibility,
          ladderId: LADDER.ladderId,
          ladderHash: LADDER.hash,
          createdAt: `2024-05-01T10:00:0${id.slice(-1)}.000Z`,
          updatedAt: '2024-05-02T10:00:00.000Z',
          deletedAt,
        });
        await old
          .insertInto('evidence')
          .values([row('e1', 'shared'), row('e2', 'private'), row('e3', 'shared', '2024-06-01T00:00:00.000Z')])
          .execute();
        await old
          .insertInto('evidenceCompetencies')
          .values([
            { evidenceId: 'e1', competencyId: 'ownership' },
            { evidenceId: 'e1', competencyId: 'scope' },
            { evidenceId: 'e2', competencyId: 'ownership' },
            { evidenceId: 'e3', competencyId: 'mentoring' },
          ])
          .execute();
        await closeDatabase(first);

        const upgraded = await open(file);
        expect(await listEvidence(upgraded, { personId: person.id })).toEqual([
          expect.objectContaining({ id: 'e2', visibility: 'private', competencyIds: ['ownership'] }),
          expect.objectContaining({
            id: 'e1',
            visibility: 'managers',
            title: 'shared e1',
            body: '**body** of e1',
            links: ['https://example.com/pr/1'],
            competencyIds: ['ownership', 'scope'],
            sharedWith: [],
            updatedAt: '2024-05-02T10:00:00.000Z',
          }),
        ]);
        // Deleted evidence is kept as deleted, and its links with it.
        expect(await findEvidenceIncludingDeleted(upgraded, 'e3')).toMatchObject({
          evidence: { visibility: 'managers', competencyIds: ['mentoring'] },
          deletedAt: '2024-06-01T00:00:00.000Z',
        });
        expect(await upgraded.selectFrom('evidenceCompetencies').selectAll().execute()).toHaveLength(4);
        // The old value is refused from now on, and links still go with their evidence.
        await expect(updateEvidence(upgraded, 'e2', { visibility: 'shared' as never })).rejects.toThrow();
        expect(await deleteEvidence(upgraded, 'e1')).toBe(true);
        expect(await upgraded.selectFrom('evidenceCompetencies').selectAll().execute()).toHaveLength(2);

        // Its down step never widens an audience: evidence for named people goes back to private.
        const friend = await insertPerson(upgraded, { name: 'Friend' });
        const named = await insertEvidence(upgraded, {
          personId: person.id,
          date: '2024-07-01',
          title: 'for a friend',
          kind: 'review',
          visibility: 'people',
          sharedWith: [friend.id],
          ladderId: LADDER.ladderId,
          ladderHash: LADDER.hash,
          competencyIds: ['ownership'],
        });
        await migrateBackTo(upgraded, '0007-oidc-sign-ins');
        const rows = await (upgraded as unknown as Kysely<{ evidence: { id: string; visibility: string } }>)
          .selectFrom('evidence')
          .select(['id', 'visibility'])
          .orderBy('id')
          .execute();
        expect(Object.fromEntries(rows.map((r) => [r.id, r.visibility]))).toEqual({
          e2: 'private',
          e3: 'shared',
          [named.id]: 'private',
        });
        await closeDatabase(upgraded);
      });

      it('says which database it could not open', async () => {
        const kind = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
        await expect(openDatabase(harness.unreachableConfig())).rejects.toThrow(`cannot open ${kind} database`);
      });

      if (dialect === 'sqlite') {
        it('opens an in-memory database', async () => {
          const memory = await open({ kind: 'sqlite', file: ':memory:' });
          await setSetting(memory, 'k', 'v');
          expect(await getSetting(memory, 'k')).toBe('v');
        });
      }

      it('rolls back every write of a unit of work that fails', async () => {
        const { alice } = await seed();
        await expect(
          runInTransaction(db, async (trx) => {
            await insertEvidence(trx, evidenceFor(alice));
            await setSetting(trx, SETTING_KEYS.localPersonId, alice.id);
            throw new Error('abandon');
          }),
        ).rejects.toThrow('abandon');

        expect(await listEvidence(db, { personId: alice.id })).toEqual([]);
        expect(await getSetting(db, SETTING_KEYS.localPersonId)).toBeUndefined();
      });
    });

    describe('ladder versions', () => {
      it('keeps each version once, however often it is saved', async () => {
        const first = await saveLadderVersion(db, LADDER);
        const again = await saveLadderVersion(db, { ...LADDER, title: 'Renamed' });
        await saveLadderVersion(db, { ...LADDER, hash: 'h2', sourceYaml: 'id: acme\n# v2\n' });
        await saveLadderVersion(db, { ladderId: 'other', hash: 'x', title: 'Other', sourceYaml: 'id: other\n' });

        expect(again).toEqual(first);
        expect(first).toMatchObject({
          ladderId: 'acme',
          hash: 'h1',
          title: 'Acme Engineering',
          sourceYaml: 'id: acme\n',
        });
        expect((await listLadderVersions(db, 'acme')).map((v) => v.hash)).toEqual(['h1', 'h2']);
        expect(await listLadderVersions(db)).toHaveLength(3);
        expect(await findLadderVersion(db, 'acme', 'h2')).toMatchObject({ sourceYaml: 'id: acme\n# v2\n' });
        expect(await findLadderVersion(db, 'acme', 'missing')).toBeUndefined();
      });
    });

    describe('settings', () => {
      it('reads back what was set, and the last value wins', async () => {
        expect(await getSetting(db, SETTING_KEYS.activeLadderId)).toBeUndefined();
        await setSetting(db, SETTING_KEYS.activeLadderId, 'acme');
        await setSetting(db, SETTING_KEYS.activeLadderId, 'globex');
        await setSetting(db, SETTING_KEYS.activeLadderHash, 'h1');
        expect(await getSetting(db, SETTING_KEYS.activeLadderId)).toBe('globex');
        expect(await getSetting(db, SETTING_KEYS.activeLadderHash)).toBe('h1');
      });
    });

    describe('people', () => {
      it('moves a person to another team, leaving the other fields as they were', async () => {
        const { alice } = await seed();
        const moved = await updatePerson(db, alice.id, { team: 'payments', title: 'Senior Engineer' });
        expect(moved).toMatchObject({
          name: 'Alice',
          email: 'alice@example.com',
          team: 'payments',
          title: 'Senior Engineer',
        });
        expect(await findPersonById(db, alice.id)).toEqual(moved);
        expect(await updatePerson(db, 'no-such-person', { team: 'x' })).toBeUndefined();
      });

      it('round-trips a person by id and by email', async () => {
        const { alice, bob } = await seed();
        expect(alice).toMatchObject({
          name: 'Alice',
          email: 'alice@example.com',
          team: 'platform',
          title: 'Engineer',
          managerId: bob.id,
        });
        expect(alice.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(await findPersonById(db, alice.id)).toEqual(alice);
        expect(await findPersonByEmail(db, 'alice@example.com')).toEqual(alice);
        expect(await findPersonById(db, 'nobody')).toBeUndefined();
        expect(await findPersonByEmail(db, 'nobody@example.com')).toBeUndefined();
      });

      it('stores missing optional fields as null and allows many people without email', async () => {
        const a = await insertPerson(db, { name: 'Dana' });
        const b = await insertPerson(db, { name: 'Eve' });
        expect(a).toMatchObject({ email: null, team: null, title: null, managerId: null, timeZone: null });
        expect(b.email).toBeNull();
      });

      it('keeps a person’s time zone, null until one is chosen (migration 0003)', async () => {
        const file = await harness.freshConfig();
        const first = await open(file);
        const before = await insertPerson(first, { name: 'Old Timer' });
        // Put the database back as release 0002 left it: no time zone column.
        await migrateBackTo(first, '0002-evidence-soft-delete');
        await closeDatabase(first);

        const upgraded = await open(file);
        expect(await findPersonById(upgraded, before.id)).toEqual({ ...before, timeZone: null });
        const abroad = await insertPerson(upgraded, { name: 'Kiri', timeZone: 'Pacific/Kiritimati' });
        expect(await findPersonById(upgraded, abroad.id)).toMatchObject({ timeZone: 'Pacific/Kiritimati' });
        const moved = await updatePerson(upgraded, before.id, { timeZone: 'Pacific/Pago_Pago' });
        expect(moved).toEqual({ ...before, timeZone: 'Pacific/Pago_Pago' });
        await closeDatabase(upgraded);
      });

      it('finds people by email whatever its letter case, as stored', async () => {
        const ann = await insertPerson(db, { name: 'Ann', email: 'Ann.Lee@Example.com' });
        await insertPerson(db, { name: 'Bob', email: 'bob@example.com' });
        expect(await findPeopleByEmailIgnoringCase(db, 'ann.lee@example.COM')).toEqual([ann]);
        expect(await findPeopleByEmailIgnoringCase(db, 'ann.lee@example.org')).toEqual([]);
        const twin = await insertPerson(db, { name: 'Ann again', email: 'ann.lee@example.com' });
        const both = await findPeopleByEmailIgnoringCase(db, 'ANN.LEE@EXAMPLE.COM');
        expect(both.map((p) => p.id).sort()).toEqual([ann.id, twin.id].sort());
      });

      it('refuses a second person with the same email', async () => {
        await insertPerson(db, { name: 'Alice', email: 'alice@example.com' });
        await expect(insertPerson(db, { name: 'Alias', email: 'alice@example.com' })).rejects.toThrow();
        expect(await listPeople(db)).toHaveLength(1);
      });

      it('lists people by name, optionally for one team', async () => {
        await seed();
        await insertPerson(db, { name: 'carla', team: 'web' });
        await insertPerson(db, { name: 'Zed' });
        expect((await listPeople(db)).map((p) => p.name)).toEqual(['Alice', 'Bob', 'carla', 'Zed']);
        expect((await listPeople(db, { team: 'platform' })).map((p) => p.name)).toEqual(['Alice', 'Bob']);
        expect(await listPeople(db, { team: 'nobody' })).toEqual([]);
      });

      it('lists accented and differently cased names in one order on both databases, a page at a time', async () => {
        for (const name of ['Zoë Adams', 'émile Brun', 'Eve Chen', 'ada Lovelace', 'Émile Abel', 'Bob']) {
          await insertPerson(db, { name });
        }
        const all = (await listPeople(db)).map((p) => p.name);
        expect(all).toEqual(['ada Lovelace', 'Bob', 'Émile Abel', 'émile Brun', 'Eve Chen', 'Zoë Adams']);
        // Walk it two at a time from each page's last row: the same names, none twice, none missed.
        const walked: string[] = [];
        let after: readonly [string, string] | undefined;
        for (;;) {
          const page = await listPeople(db, { after, limit: 2 });
          walked.push(...page.map((p) => p.name));
          const last = page[page.length - 1];
          if (page.length < 2 || last === undefined) break;
          after = [last.nameKey ?? '', last.id];
        }
        expect(walked).toEqual(all);
        const renamed = await updatePerson(db, (await listPeople(db, { limit: 1 }))[0]?.id ?? '', { name: 'Zz Top' });
        expect((await listPeople(db)).map((p) => p.name).at(-1)).toBe(renamed?.name);
      });

      it('counts the active admins, leaving out the deactivated ones and everyone else', async () => {
        const { alice, bob } = await seed();
        const before = await countActiveAdmins(db);
        await updatePerson(db, alice.id, { isAdmin: 1 });
        await updatePerson(db, bob.id, { isAdmin: 1 });
        expect(await countActiveAdmins(db)).toBe(before + 2);
        await updatePerson(db, bob.id, { deactivatedAt: '2026-11-28T09:00:00.000Z' });
        expect(await countActiveAdmins(db)).toBe(before + 1);
      });
    });

    describe('organisation', () => {
      /** A line of people, each managed by the next: [e, m, d, vp, ceo] for five levels. */
      async function line(names: readonly string[]): Promise<PersonRow[]> {
        const people: PersonRow[] = [];
        for (const name of [...names].reverse()) {
          people.unshift(await insertPerson(db, { name, managerId: people[0]?.id ?? null }));
        }
        return people;
      }
      const namesOf = (rows: readonly { name: string; depth: number }[]) => rows.map((r) => `${r.name}@${r.depth}`);

      it('renames a team with its people, finds a name taken but for case, and counts the organisation', async () => {
        const { alice, bob } = await seed();
        const web = await insertPerson(db, { name: 'Carla', team: 'web' });
        await updatePerson(db, bob.id, { isAdmin: 1 });
        await updatePerson(db, web.id, { deactivatedAt: '2026-11-28T09:00:00.000Z' });
        expect(await countOrganisation(db)).toEqual({ activePeople: 2, deactivatedPeople: 1, admins: 1, teams: 2 });

        const teamId = alice.teamId ?? '';
        expect((await findTeamNamedLike(db, 'WEB', teamId))?.name).toBe('web');
        expect(await findTeamNamedLike(db, 'Platform', teamId)).toBeUndefined();
        const renamed = await renameTeamRow(db, teamId, 'Platform Core');
        expect(renamed?.name).toBe('Platform Core');
        expect((await findTeamById(db, teamId))?.name).toBe('Platform Core');
        const people = await db
          .selectFrom('people')
          .select(['name', 'team'])
          .where('teamId', '=', teamId)
          .orderBy('name')
          .execute();
        expect(people).toEqual([
          { name: 'Alice', team: 'Platform Core' },
          { name: 'Bob', team: 'Platform Core' },
        ]);
        expect(await renameTeamRow(db, 'no-such-team', 'x')).toBeUndefined();
      });

      it('makes a team row for every team name a person is given, once per name, and moves people between them', async () => {
        const { alice, bob } = await seed();
        expect(alice.teamId).not.toBeNull();
        expect(alice.teamId).toBe(bob.teamId);
        const carla = await insertPerson(db, { name: 'Carla', team: 'web' });
        expect(await listTeamsWithCounts(db)).toEqual([
          expect.objectContaining({ name: 'platform', id: alice.teamId, members: 2 }),
          expect.objectContaining({ name: 'web', id: carla.teamId, members: 1 }),
        ]);

        const moved = await updatePerson(db, alice.id, { team: 'web' });
        expect(moved).toMatchObject({ team: 'web', teamId: carla.teamId });
        await updatePerson(db, bob.id, { deactivatedAt: '2026-01-01T00:00:00.000Z' });
        const counts = await listTeamsWithCounts(db);
        expect(counts.map((t) => [t.name, t.members])).toEqual([
          ['platform', 0],
          ['web', 2],
        ]);
        expect(await updatePerson(db, alice.id, { team: null })).toMatchObject({ team: null, teamId: null });
        expect((await ensureTeam(db, 'web')).id).toBe(carla.teamId);
      });

      it('keeps the admin flag to 0 or 1, 0 unless set', async () => {
        const { alice } = await seed();
        expect(alice.isAdmin).toBe(0);
        expect(await updatePerson(db, alice.id, { isAdmin: 1 })).toMatchObject({ isAdmin: 1 });
        await expect(updatePerson(db, alice.id, { isAdmin: 2 as 1 })).rejects.toThrow();
      });

      it('upgrades a database made before teams (migration 0004): each team name becomes a team its people point at', async () => {
        const file = await harness.freshConfig();
        const first = await open(file);
        const ada = await insertPerson(first, { name: 'Ada', team: 'Payments' });
        const ben = await insertPerson(first, { name: 'Ben', team: 'Payments', managerId: ada.id });
        const cy = await insertPerson(first, { name: 'Cy', team: 'Search' });
        const dee = await insertPerson(first, { name: 'Dee' });
        await migrateBackTo(first, '0003-person-time-zone');
        await closeDatabase(first);
        expect(await harness.tableExists(file, 'teams')).toBe(false);

        const upgraded = await open(file);
        const teams = await listTeamsWithCounts(upgraded);
        expect(teams.map((t) => [t.name, t.members])).toEqual([
          ['Payments', 2],
          ['Search', 1],
        ]);
        const [payments, search] = teams;
        expect(await findPersonById(upgraded, ben.id)).toMatchObject({
          name: 'Ben',
          team: 'Payments',
          teamId: payments?.id,
          managerId: ada.id,
          trackId: null,
          levelId: null,
          isAdmin: 0,
          deactivatedAt: null,
        });
        expect(await findPersonById(upgraded, cy.id)).toMatchObject({ team: 'Search', teamId: search?.id });
        expect(await findPersonById(upgraded, dee.id)).toMatchObject({ team: null, teamId: null });
        await closeDatabase(upgraded);
      });

      it('walks a five-level chain up to the top in one query, nearest manager first', async () => {
        const [engineer, manager, director, vp, ceo] = await line(['Eng', 'Mgr', 'Dir', 'VP', 'CEO']);
        if (engineer === undefined || ceo === undefined || manager === undefined) throw new Error('no line');
        expect(namesOf(await findManagementChain(db, engineer.id))).toEqual(['Mgr@1', 'Dir@2', 'VP@3', 'CEO@4']);
        expect(await findManagementChain(db, ceo.id)).toEqual([]);
        expect((await findManagementChain(db, manager.id)).map((p) => p.id)).toEqual(
          [director, vp, ceo].map((p) => p?.id),
        );
        expect(namesOf(await findReportTree(db, ceo.id))).toEqual(['VP@1', 'Dir@2', 'Mgr@3', 'Eng@4']);
        expect(await findReportTree(db, engineer.id)).toEqual([]);
      });

      it('reads a page of the active reports from the database, in depth, name key and id order, after a key', async () => {
        const head = await insertPerson(db, { name: 'Head' });
        const kim = await insertPerson(db, { name: 'Kim', managerId: head.id });
        const al = await insertPerson(db, { name: 'Al', managerId: head.id });
        await insertPerson(db, { name: 'Zoe', managerId: kim.id });
        await insertPerson(db, { name: 'Bo', managerId: al.id });
        const gone = await insertPerson(db, { name: 'Gone', managerId: kim.id });
        await updatePerson(db, gone.id, { deactivatedAt: '2026-11-28T09:00:00.000Z' });
        const first = await findReportTreePage(db, head.id, { limit: 3 });
        expect(namesOf(first)).toEqual(['Al@1', 'Kim@1', 'Bo@2']);
        const last = first[2];
        if (last === undefined) throw new Error('no third row');
        const rest = await findReportTreePage(db, head.id, {
          limit: 3,
          after: [last.depth, last.nameKey ?? '', last.id],
        });
        expect(namesOf(rest)).toEqual(['Zoe@2']);
        expect(namesOf(await findReportTreePage(db, head.id, { limit: 10, maxDepth: 1 }))).toEqual(['Al@1', 'Kim@1']);
      });

      it('lists a manager’s reports direct and indirect, by depth then name', async () => {
        const head = await insertPerson(db, { name: 'Head' });
        const kim = await insertPerson(db, { name: 'Kim', managerId: head.id });
        const al = await insertPerson(db, { name: 'Al', managerId: head.id });
        await insertPerson(db, { name: 'Zoe', managerId: kim.id });
        await insertPerson(db, { name: 'Bo', managerId: al.id });
        const gone = await insertPerson(db, { name: 'Gone', managerId: kim.id });
        await updatePerson(db, gone.id, { deactivatedAt: '2026-01-01T00:00:00.000Z' });
        expect(namesOf(await findReportTree(db, head.id))).toEqual(['Al@1', 'Kim@1', 'Bo@2', 'Gone@2', 'Zoe@2']);
        const counts = await countDirectReports(db, [head.id, kim.id, al.id, gone.id]);
        expect([...counts.entries()].sort()).toEqual(
          [
            [head.id, 2],
            [kim.id, 1],
            [al.id, 1],
          ].sort(),
        );
      });

      it('stops where the data loops instead of going round: A -> B -> C -> A', async () => {
        const [a, b, c] = await line(['A', 'B', 'C']);
        if (a === undefined || b === undefined || c === undefined) throw new Error('no line');
        await updatePerson(db, c.id, { managerId: a.id });
        expect(namesOf(await findManagementChain(db, a.id))).toEqual(['B@1', 'C@2']);
        expect(namesOf(await findManagementChain(db, c.id))).toEqual(['A@1', 'B@2']);
        expect(namesOf(await findReportTree(db, a.id))).toEqual(['C@1', 'B@2']);
        const self = await insertPerson(db, { name: 'Self' });
        await updatePerson(db, self.id, { managerId: self.id });
        expect(await findManagementChain(db, self.id)).toEqual([]);
        expect(await findReportTree(db, self.id)).toEqual([]);
      });

      it('adds people in batches, each naming a manager written before them, in the same batch or an earlier one', async () => {
        const team = await ensureTeam(db, 'Imported');
        const rows = Array.from({ length: 250 }, (_, i) => ({
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          name: `P${i}`,
          email: `p${i}@example.com`,
          team: team.name,
          teamId: team.id,
          title: null,
          managerId: i === 0 ? null : `00000000-0000-4000-8000-${String(Math.floor((i - 1) / 3)).padStart(12, '0')}`,
          createdAt: '2026-01-01T00:00:00.000Z',
          timeZone: null,
          trackId: 'ic',
          levelId: 'senior',
          isAdmin: 0 as const,
          deactivatedAt: null,
        }));
        await insertPeopleBatch(db, rows);
        expect(await listPeople(db)).toHaveLength(250);
        const last = rows.at(-1);
        if (last === undefined) throw new Error('no rows');
        expect(namesOf(await findManagementChain(db, last.id))).toEqual(['P82@1', 'P27@2', 'P8@3', 'P2@4', 'P0@5']);
        expect((await listTeamsWithCounts(db))[0]?.members).toBe(250);
      });

      it('follows a chain at most MAX_MANAGEMENT_DEPTH managers up', async () => {
        const people = await line(Array.from({ length: MAX_MANAGEMENT_DEPTH + 5 }, (_, i) => `P${i}`));
        const bottom = people[0];
        if (bottom === undefined) throw new Error('no line');
        const chain = await findManagementChain(db, bottom.id);
        expect(chain).toHaveLength(MAX_MANAGEMENT_DEPTH);
        expect(chain.at(-1)?.name).toBe(`P${MAX_MANAGEMENT_DEPTH}`);
      });
    });

    describe('pending single sign-ons (migration 0007)', () => {
      const pending = (state: string, expiresAt: string) => ({
        state,
        nonce: `nonce-of-${state}`,
        codeVerifier: `verifier-of-${state}`,
        returnTo: '/people',
        createdAt: '2025-03-01T09:00:00.000Z',
        expiresAt,
      });

      it('keeps only the hash of the state, and gives a sign-in back once', async () => {
        await saveOidcSignIn(db, pending('state-one', '2025-03-01T09:10:00.000Z'));
        const stored = await db.selectFrom('oidcSignIns').selectAll().execute();
        expect(stored.map((row) => row.stateHash)).toEqual([hashOidcState('state-one')]);
        expect(hashOidcState('state-one')).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.stringify(stored)).not.toContain('"state-one"');

        expect(await takeOidcSignIn(db, 'state-one')).toEqual({
          stateHash: hashOidcState('state-one'),
          nonce: 'nonce-of-state-one',
          codeVerifier: 'verifier-of-state-one',
          returnTo: '/people',
          createdAt: '2025-03-01T09:00:00.000Z',
          expiresAt: '2025-03-01T09:10:00.000Z',
        });
        expect(await takeOidcSignIn(db, 'state-one')).toBeUndefined();
        expect(await takeOidcSignIn(db, 'never-saved')).toBeUndefined();
      });

      it('gives a sign-in to one of two takers at once', async () => {
        await saveOidcSignIn(db, pending('raced', '2025-03-01T09:10:00.000Z'));
        const taken = await Promise.all([takeOidcSignIn(db, 'raced'), takeOidcSignIn(db, 'raced')]);
        expect(taken.filter((row) => row !== undefined)).toHaveLength(1);
      });

      it('purges the sign-ins that expired, and only those', async () => {
        await saveOidcSignIn(db, pending('old', '2025-03-01T09:10:00.000Z'));
        await saveOidcSignIn(db, pending('fresh', '2025-03-01T09:20:00.000Z'));
        expect(await purgeExpiredOidcSignIns(db, '2025-03-01T09:15:00.000Z')).toBe(1);
        expect(await takeOidcSignIn(db, 'old')).toBeUndefined();
        expect(await takeOidcSignIn(db, 'fresh')).toMatchObject({ nonce: 'nonce-of-fresh' });
      });

      it('is undone by its own down migration and made again on the next open', async () => {
        const file = await harness.freshConfig();
        const first = await open(file);
        await migrateBackTo(first, '0006-people-name-key');
        await closeDatabase(first);
        expect(await harness.tableExists(file, 'oidc_sign_ins')).toBe(false);
        const upgraded = await open(file);
        await saveOidcSignIn(upgraded, pending('after-upgrade', '2025-03-01T09:10:00.000Z'));
        expect(await takeOidcSignIn(upgraded, 'after-upgrade')).toMatchObject({ returnTo: '/people' });
        await closeDatabase(upgraded);
      });
    });

    describe('audit log (migration 0009)', () => {
      const event = (overrides: Partial<NewAuditEventRow> = {}): NewAuditEventRow => ({
        id: randomUUID(),
        at: '2025-03-01T09:00:00.000Z',
        actorId: null,
        action: 'getProgress',
        subjectId: null,
        targetKind: null,
        targetId: null,
        outcome: 'allowed',
        via: 'web',
        address: '127.0.0.1',
        requestId: 'req-1',
        ...overrides,
      });

      it('appends events and lists them newest first, filtered, with the names of people who still exist', async () => {
        const { alice, bob } = await seed();
        const ghost = randomUUID();
        await insertAuditEvent(db, event({ actorId: bob.id, subjectId: alice.id, at: '2025-03-01T09:00:00.000Z' }));
        await insertAuditEvent(
          db,
          event({ actorId: ghost, subjectId: alice.id, action: 'updatePerson', at: '2025-03-02T09:00:00.000Z' }),
        );
        await insertAuditEvent(db, event({ actorId: alice.id, subjectId: bob.id, at: '2025-03-03T09:00:00.000Z' }));

        const aboutAlice = await listAuditEvents(db, { subjectId: alice.id });
        expect(aboutAlice.map((e) => [e.actorName, e.action])).toEqual([
          [null, 'updatePerson'],
          ['Bob', 'getProgress'],
        ]);
        expect(await listAuditEvents(db, { subjectId: alice.id, action: 'getProgress' })).toHaveLength(1);
        expect(await listAuditEvents(db, { actorId: ghost })).toHaveLength(1);
        const window = await listAuditEvents(db, { from: '2025-03-02T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z' });
        expect(window.map((e) => e.actorId)).toContain(ghost);
        expect(window.every((e) => e.at.startsWith('2025-03-02'))).toBe(true);
        const [newest] = await listAuditEvents(db, { subjectId: alice.id }, { limit: 1 });
        if (newest === undefined) throw new Error('no event listed');
        const older = await listAuditEvents(db, { subjectId: alice.id }, { after: [newest.at, newest.id] });
        expect(older.map((e) => e.actorName)).toEqual(['Bob']);
      });

      it('refuses to change or delete an event, in the database itself', async () => {
        const subjectId = randomUUID();
        const kept = event({ action: 'recordAssessment', subjectId });
        await insertAuditEvent(db, kept);

        await expect(
          db.updateTable('auditEvents').set({ outcome: 'refused' }).where('id', '=', kept.id).execute(),
        ).rejects.toThrow(/append-only/);
        await expect(db.deleteFrom('auditEvents').where('id', '=', kept.id).execute()).rejects.toThrow(/append-only/);
        await expect(db.deleteFrom('auditEvents').execute()).rejects.toThrow(/append-only/);
        if (dialect === 'postgres') {
          await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
        }
        expect(await listAuditEvents(db, { subjectId })).toEqual([
          expect.objectContaining({ id: kept.id, outcome: 'allowed' }),
        ]);
      });

      it('keeps events about a person after the person is gone: no foreign key ties them', async () => {
        const person = await insertPerson(db, { name: 'Leaver' });
        await insertAuditEvent(db, event({ actorId: person.id, subjectId: person.id, action: 'deletePerson' }));
        await db.deleteFrom('people').where('id', '=', person.id).execute();
        expect(await listAuditEvents(db, { subjectId: person.id })).toEqual([
          expect.objectContaining({ action: 'deletePerson', actorName: null, subjectName: null }),
        ]);
      });

      it('refuses an outcome or an edge it does not know', async () => {
        await expect(insertAuditEvent(db, event({ outcome: 'maybe' as 'allowed' }))).rejects.toThrow();
        await expect(insertAuditEvent(db, event({ via: 'fax' as 'web' }))).rejects.toThrow();
      });

      it('runs a migration that lands after a later-numbered one already ran (parallel branches)', async () => {
        const file = await harness.freshConfig();
        const first = await open(file);
        await migrateBackTo(first, '0006-people-name-key');
        // A release without 0007 ran 0009; this release brings 0007.
        const { '0007-oidc-sign-ins': _later, ...without } = MIGRATIONS;
        const { error } = await new Migrator({
          db: first,
          provider: new StaticMigrationProvider(without),
        }).migrateToLatest();
        expect(error).toBeUndefined();
        await closeDatabase(first);
        expect(await harness.tableExists(file, 'audit_events')).toBe(true);
        expect(await harness.tableExists(file, 'oidc_sign_ins')).toBe(false);

        const upgraded = await open(file);
        expect(await harness.tableExists(file, 'oidc_sign_ins')).toBe(true);
        await saveOidcSignIn(upgraded, {
          state: 'late',
          nonce: 'n',
          codeVerifier: 'v',
          returnTo: '/',
          createdAt: '2025-03-01T09:00:00.000Z',
          expiresAt: '2025-03-01T09:10:00.000Z',
        });
        await closeDatabase(upgraded);
      });

      it('is undone by its own down migration and made again on the next open', async () => {
        const file = await harness.freshConfig();
        const first = await open(file);
        await migrateBackTo(first, '0007-oidc-sign-ins');
        await closeDatabase(first);
        expect(await harness.tableExists(file, 'audit_events')).toBe(false);
        const upgraded = await open(file);
        await insertAuditEvent(upgraded, event({ action: 'afterUpgrade' }));
        expect(await listAuditEvents(upgraded, { action: 'afterUpgrade' })).toHaveLength(1);
        await expect(upgraded.deleteFrom('auditEvents').execute()).rejects.toThrow(/append-only/);
        await closeDatabase(upgraded);
      });
    });

    describe("a person's data", () => {
      it('lists all of their evidence, deleted pieces included, and deletes the person with everything of theirs', async () => {
        const { alice, bob } = await seed();
        const carol = await insertPerson(db, { name: 'Carol', managerId: alice.id });
        const kept = await insertEvidence(db, evidenceFor(alice, { competencyIds: ['scope', 'ownership'] }));
        const gone = await insertEvidence(db, evidenceFor(alice, { title: 'Withdrawn' }));
        await softDeleteEvidence(db, gone.id);
        const ofBob = await insertEvidence(db, evidenceFor(bob));
        const base = { ladderId: LADDER.ladderId, ladderHash: LADDER.hash, trackId: 'ic' };
        await insertAssessment(db, {
          ...base,
          personId: alice.id,
          assessorId: alice.id,
          kind: 'self',
          ratings: [{ competencyId: 'scope', rating: 'mid' }],
        });
        await insertAssessment(db, { ...base, personId: alice.id, assessorId: bob.id, kind: 'manager', ratings: [] });
        const now = '2025-03-01T09:00:00.000Z';
        await insertAccount(db, { personId: alice.id, passwordHash: null, now });
        await insertSession(db, {
          id: 'session-hash',
          personId: alice.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: now,
          userAgent: null,
          address: null,
        });
        await insertApiToken(db, {
          id: randomUUID(),
          personId: alice.id,
          name: 'script',
          hash: 'token-hash',
          prefix: 'lh_x',
          createdAt: now,
          expiresAt: now,
          lastUsedAt: null,
          revokedAt: null,
        });

        const all = await listAllEvidenceOf(db, alice.id);
        expect(all.map((e) => [e.title, e.deletedAt === null])).toEqual([
          ['Ran the incident review', true],
          ['Withdrawn', false],
        ]);
        expect(all.find((e) => e.id === kept.id)?.competencyIds).toEqual(['ownership', 'scope']);
        expect(await countAssessmentsRecordedOfOthers(db, bob.id)).toBe(1);
        expect(await countAssessmentsRecordedOfOthers(db, alice.id)).toBe(0);

        await deletePersonAndData(db, alice.id);
        expect(await findPersonById(db, alice.id)).toBeUndefined();
        expect((await findPersonById(db, carol.id))?.managerId).toBeNull();
        expect(await findPersonById(db, bob.id)).toBeDefined();
        expect(await listAssessments(db, alice.id)).toEqual([]);
        expect(await listAllEvidenceOf(db, alice.id)).toEqual([]);
        expect(await findEvidenceById(db, ofBob.id)).toBeDefined();
        for (const table of ['accounts', 'sessions', 'apiTokens', 'evidence', 'assessments'] as const) {
          expect(
            await db.selectFrom(table).select('personId').where('personId', '=', alice.id).execute(),
            table,
          ).toEqual([]);
        }
      });

      it('counts the other active admins', async () => {
        const ada = await insertPerson(db, { name: 'Ada', isAdmin: 1 });
        expect(await countOtherActiveAdmins(db, ada.id)).toBe(0);
        const grace = await insertPerson(db, { name: 'Grace', isAdmin: 1 });
        expect(await countOtherActiveAdmins(db, ada.id)).toBe(1);
        await updatePerson(db, grace.id, { deactivatedAt: '2025-03-01T09:00:00.000Z' });
        expect(await countOtherActiveAdmins(db, ada.id)).toBe(0);
      });
    });

    describe('evidence', () => {
      it('round-trips evidence with its defaults', async () => {
        const { alice } = await seed();
        const created = await insertEvidence(
          db,
          evidenceFor(alice, { competencyIds: ['scope', 'ownership', 'scope'] }),
        );

        expect(created).toMatchObject({
          personId: alice.id,
          date: '2025-03-01',
          body: '',
          kind: 'incident',
          links: [],
          visibility: 'private',
          ladderId: 'acme',
          ladderHash: 'h1',
          competencyIds: ['ownership', 'scope'],
        });
        expect(created.updatedAt).toBe(created.createdAt);
        expect(await findEvidenceById(db, created.id)).toEqual(created);
        expect(await findEvidenceById(db, 'missing')).toBeUndefined();
      });

      it('round-trips every field', async () => {
        const { alice } = await seed();
        const created = await insertEvidence(
          db,
          evidenceFor(alice, {
            body: '# Postmortem\n\nWe **fixed** it.',
            kind: 'design',
            links: ['https://example.com/doc', 'https://example.com/pr/1'],
            visibility: 'managers',
          }),
        );
        expect(await findEvidenceById(db, created.id)).toMatchObject({
          body: '# Postmortem\n\nWe **fixed** it.',
          kind: 'design',
          links: ['https://example.com/doc', 'https://example.com/pr/1'],
          visibility: 'managers',
        });
      });

      it('refuses evidence for an unknown ladder version or person and stores none of it', async () => {
        const { alice } = await seed();
        await expect(insertEvidence(db, evidenceFor(alice, { ladderHash: 'never-saved' }))).rejects.toThrow();
        await expect(insertEvidence(db, evidenceFor(alice, { personId: 'nobody' }))).rejects.toThrow();
        expect(await listEvidence(db, { personId: alice.id })).toEqual([]);
        expect(await countEvidenceByCompetency(db, alice.id)).toEqual({});
      });

      it('lists newest first and filters by competency, dates, kind and visibility', async () => {
        const { alice, bob } = await seed();
        const march = await insertEvidence(
          db,
          evidenceFor(alice, { title: 'march', date: '2025-03-01', competencyIds: ['ownership'] }),
        );
        const may = await insertEvidence(
          db,
          evidenceFor(alice, {
            title: 'may',
            date: '2025-05-10',
            kind: 'mentoring',
            competencyIds: ['mentoring', 'scope'],
            visibility: 'managers',
          }),
        );
        const mayLater = await insertEvidence(
          db,
          evidenceFor(alice, { title: 'may, recorded later', date: '2025-05-10', competencyIds: ['scope'] }),
        );
        const january = await insertEvidence(db, evidenceFor(alice, { title: 'january', date: '2025-01-15' }));
        await insertEvidence(db, evidenceFor(bob, { title: 'bob', date: '2025-04-01', competencyIds: ['scope'] }));

        const titles = async (filter: Omit<Parameters<typeof listEvidence>[1], 'personId'>) =>
          (await listEvidence(db, { personId: alice.id, ...filter })).map((e) => e.title);

        expect(await titles({})).toEqual([mayLater.title, may.title, march.title, january.title]);
        expect(await titles({ competencyIds: ['scope'] })).toEqual([mayLater.title, may.title]);
        expect(await titles({ competencyIds: ['mentoring', 'ownership'] })).toEqual([
          may.title,
          march.title,
          january.title,
        ]);
        expect(await titles({ competencyIds: [] })).toHaveLength(4);
        expect(await titles({ competencyIds: ['unknown'] })).toEqual([]);
        expect(await titles({ since: '2025-03-01' })).toEqual([mayLater.title, may.title, march.title]);
        expect(await titles({ until: '2025-03-01' })).toEqual([march.title, january.title]);
        expect(await titles({ since: '2025-02-01', until: '2025-04-30' })).toEqual([march.title]);
        expect(await titles({ kind: 'mentoring' })).toEqual([may.title]);
        expect(await titles({ visibility: 'managers' })).toEqual([may.title]);
        expect(await titles({ competencyIds: ['scope'], kind: 'incident' })).toEqual([mayLater.title]);

        const [first] = await listEvidence(db, { personId: alice.id, competencyIds: ['scope'] });
        // A competency filter narrows which evidence is listed, not which competencies it shows.
        expect(first?.competencyIds).toEqual(['scope']);
        const listedMay = (await listEvidence(db, { personId: alice.id })).find((e) => e.id === may.id);
        expect(listedMay).toEqual(may);

        // A page starts after the last row of the previous one, ties on the date included, with the filters kept.
        const firstTwo = await listEvidence(db, { personId: alice.id, limit: 2 });
        expect(firstTwo.map((e) => e.title)).toEqual([mayLater.title, may.title]);
        const last = firstTwo[1] as (typeof firstTwo)[number];
        const after = [last.date, last.createdAt, last.id] as const;
        expect(await titles({ after })).toEqual([march.title, january.title]);
        expect(await titles({ after: [mayLater.date, mayLater.createdAt, mayLater.id], limit: 1 })).toEqual([
          may.title,
        ]);
        expect(await titles({ after, kind: 'incident' })).toEqual([march.title, january.title]);
        expect(await titles({ after: [january.date, january.createdAt, january.id] })).toEqual([]);
      });

      it('finds evidence by the start of its id, live and own only', async () => {
        const { alice, bob } = await seed();
        const mine = await insertEvidence(db, evidenceFor(alice));
        await insertEvidence(db, evidenceFor(bob));
        const prefix = mine.id.slice(0, 6);
        expect((await listEvidenceByIdPrefix(db, alice.id, prefix, 2)).map((e) => e.id)).toEqual([mine.id]);
        expect(await listEvidenceByIdPrefix(db, bob.id, prefix, 2)).not.toContainEqual(mine);
        expect(await listEvidenceByIdPrefix(db, alice.id, '%', 2)).toEqual([]);
        await softDeleteEvidence(db, mine.id);
        expect(await listEvidenceByIdPrefix(db, alice.id, prefix, 2)).toEqual([]);
      });

      it('counts evidence per competency, optionally from a date', async () => {
        const { alice, bob } = await seed();
        await insertEvidence(db, evidenceFor(alice, { date: '2024-12-31', competencyIds: ['ownership', 'scope'] }));
        await insertEvidence(db, evidenceFor(alice, { date: '2025-02-01', competencyIds: ['ownership'] }));
        await insertEvidence(db, evidenceFor(alice, { date: '2025-03-01', competencyIds: ['ownership', 'mentoring'] }));
        await insertEvidence(db, evidenceFor(bob, { competencyIds: ['ownership'] }));

        expect(await countEvidenceByCompetency(db, alice.id)).toEqual({ ownership: 3, scope: 1, mentoring: 1 });
        expect(await countEvidenceByCompetency(db, alice.id, { since: '2025-01-01' })).toEqual({
          ownership: 2,
          mentoring: 1,
        });
        expect(await countEvidenceByCompetency(db, alice.id, { until: '2025-02-01' })).toEqual({
          ownership: 2,
          scope: 1,
        });
        expect(await countEvidenceByCompetency(db, 'nobody')).toEqual({});
        // The same counts per day, oldest first, as history sums them.
        expect(await countEvidenceByCompetencyAndDate(db, alice.id)).toEqual([
          { competencyId: 'ownership', date: '2024-12-31', count: 1 },
          { competencyId: 'scope', date: '2024-12-31', count: 1 },
          { competencyId: 'ownership', date: '2025-02-01', count: 1 },
          { competencyId: 'mentoring', date: '2025-03-01', count: 1 },
          { competencyId: 'ownership', date: '2025-03-01', count: 1 },
        ]);
      });

      it('updates only the patched fields, replaces competencies when given, and stamps updatedAt', async () => {
        const { alice } = await seed();
        const created = await insertEvidence(
          db,
          evidenceFor(alice, { links: ['https://example.com/a'], competencyIds: ['ownership', 'scope'] }),
        );

        const retitled = await updateEvidence(db, created.id, { title: 'Led the incident review' });
        expect(retitled).toEqual({
          ...created,
          title: 'Led the incident review',
          updatedAt: retitled?.updatedAt,
        });
        expect((retitled?.updatedAt ?? '') > created.updatedAt).toBe(true);

        const moved = await updateEvidence(db, created.id, {
          competencyIds: ['mentoring'],
          links: [],
          visibility: 'managers',
        });
        expect(moved).toMatchObject({ competencyIds: ['mentoring'], links: [], visibility: 'managers' });
        expect(await findEvidenceById(db, created.id)).toEqual(moved);
        expect(await countEvidenceByCompetency(db, alice.id)).toEqual({ mentoring: 1 });

        expect(await updateEvidence(db, 'missing', { title: 'x' })).toBeUndefined();
      });

      it('deletes evidence together with its competency links', async () => {
        const { alice } = await seed();
        const kept = await insertEvidence(db, evidenceFor(alice, { competencyIds: ['ownership'] }));
        const doomed = await insertEvidence(db, evidenceFor(alice, { competencyIds: ['ownership', 'scope'] }));

        expect(await deleteEvidence(db, doomed.id)).toBe(true);
        expect(await deleteEvidence(db, doomed.id)).toBe(false);
        expect(await findEvidenceById(db, doomed.id)).toBeUndefined();
        const links = await db.selectFrom('evidenceCompetencies').selectAll().execute();
        expect(links).toEqual([{ evidenceId: kept.id, competencyId: 'ownership' }]);
        expect(await countEvidenceByCompetency(db, alice.id)).toEqual({ ownership: 1 });
      });
      it('soft-deletes evidence: every read leaves it out, and restoring brings it back unchanged', async () => {
        const { alice } = await seed();
        const kept = await insertEvidence(db, evidenceFor(alice, { title: 'kept', competencyIds: ['ownership'] }));
        const doomed = await insertEvidence(
          db,
          evidenceFor(alice, { title: 'doomed', competencyIds: ['ownership', 'scope'], visibility: 'managers' }),
        );

        expect(await softDeleteEvidence(db, doomed.id)).toBe(true);
        expect(await softDeleteEvidence(db, doomed.id)).toBe(false);
        expect(await softDeleteEvidence(db, 'missing')).toBe(false);
        expect(await findEvidenceById(db, doomed.id)).toBeUndefined();
        expect((await listEvidence(db, { personId: alice.id })).map((e) => e.title)).toEqual(['kept']);
        expect(await listEvidence(db, { personId: alice.id, competencyIds: ['scope'] })).toEqual([]);
        expect(await countEvidenceByCompetency(db, alice.id)).toEqual({ ownership: 1 });
        expect(await updateEvidence(db, doomed.id, { title: 'edited while deleted' })).toBeUndefined();
        const trashed = await findEvidenceIncludingDeleted(db, doomed.id);
        expect(trashed?.evidence).toEqual(doomed);
        expect(trashed?.deletedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

        expect(await restoreEvidence(db, doomed.id)).toEqual(doomed);
        expect(await restoreEvidence(db, doomed.id)).toEqual(doomed);
        expect(await restoreEvidence(db, 'missing')).toBeUndefined();
        expect(await findEvidenceIncludingDeleted(db, doomed.id)).toEqual({ evidence: doomed, deletedAt: null });
        expect((await listEvidence(db, { personId: alice.id })).map((e) => e.id)).toEqual([doomed.id, kept.id]);
        expect(await countEvidenceByCompetency(db, alice.id)).toEqual({ ownership: 2, scope: 1 });
        expect(kept).toEqual(await findEvidenceById(db, kept.id));
      });

      it('keeps the people evidence is shared with, by name, and lists for each reader only what they may see', async () => {
        const { alice, bob } = await seed();
        const carol = await insertPerson(db, { name: 'Carol', email: 'carol@example.com' });
        const dan = await insertPerson(db, { name: 'Dan', email: 'dan@example.com' });
        const hidden = await insertEvidence(db, evidenceFor(alice, { title: 'private', competencyIds: ['ownership'] }));
        const toManagers = await insertEvidence(
          db,
          evidenceFor(alice, { title: 'managers', visibility: 'managers', competencyIds: ['ownership'] }),
        );
        const toCarol = await insertEvidence(
          db,
          evidenceFor(alice, {
            title: 'carol and dan',
            visibility: 'people',
            sharedWith: [dan.id, carol.id, dan.id],
            competencyIds: ['ownership', 'scope'],
          }),
        );
        const toBob = await insertEvidence(
          db,
          evidenceFor(alice, { title: 'bob', visibility: 'people', sharedWith: [bob.id], competencyIds: ['scope'] }),
        );
        expect(toCarol.sharedWith).toEqual([
          { id: carol.id, name: 'Carol' },
          { id: dan.id, name: 'Dan' },
        ]);
        expect(await findEvidenceById(db, toCarol.id)).toEqual(toCarol);

        const titlesFor = async (viewer: Parameters<typeof listEvidence>[1]['viewer']) =>
          (await listEvidence(db, { personId: alice.id, viewer })).map((e) => e.title).sort();
        expect(await titlesFor({ sees: 'all' })).toEqual(
          [hidden.title, toManagers.title, toCarol.title, toBob.title].sort(),
        );
        // Bob manages Alice: what is shared with managers, and what names him.
        expect(await titlesFor({ sees: 'audience', personId: bob.id, inManagerChain: true })).toEqual([
          'bob',
          'managers',
        ]);
        // Carol is named once and manages nobody; Dan likewise.
        expect(await titlesFor({ sees: 'audience', personId: carol.id, inManagerChain: false })).toEqual([
          'carol and dan',
        ]);
        // A manager named nowhere sees the managers' evidence only; a stranger sees nothing.
        expect(await titlesFor({ sees: 'audience', personId: dan.id, inManagerChain: true })).toEqual([
          'carol and dan',
          'managers',
        ]);
        expect(await titlesFor({ sees: 'audience', personId: 'nobody', inManagerChain: false })).toEqual([]);
        // Counts follow the same filter.
        expect(
          await countEvidenceByCompetency(db, alice.id, {
            viewer: { sees: 'audience', personId: carol.id, inManagerChain: false },
          }),
        ).toEqual({ ownership: 1, scope: 1 });
        expect(
          await countEvidenceByCompetencyAndDate(db, alice.id, {
            viewer: { sees: 'audience', personId: bob.id, inManagerChain: true },
          }),
        ).toEqual([
          { competencyId: 'ownership', date: '2025-03-01', count: 1 },
          { competencyId: 'scope', date: '2025-03-01', count: 1 },
        ]);

        // A new audience replaces the old one; leaving it out of a patch keeps it.
        const retitled = await updateEvidence(db, toCarol.id, { title: 'renamed' });
        expect(retitled?.sharedWith.map((p) => p.name)).toEqual(['Carol', 'Dan']);
        const narrowed = await updateEvidence(db, toCarol.id, { sharedWith: [dan.id] });
        expect(narrowed?.sharedWith).toEqual([{ id: dan.id, name: 'Dan' }]);
        expect(await titlesFor({ sees: 'audience', personId: carol.id, inManagerChain: false })).toEqual([]);

        // The audience goes with its evidence.
        expect(await deleteEvidence(db, toCarol.id)).toBe(true);
        expect(await db.selectFrom('evidenceAudience').select('personId').execute()).toEqual([{ personId: bob.id }]);
      });

      it('counts only evidence of one visibility when asked', async () => {
        const { alice } = await seed();
        await insertEvidence(db, evidenceFor(alice, { competencyIds: ['ownership'], visibility: 'managers' }));
        await insertEvidence(db, evidenceFor(alice, { competencyIds: ['ownership', 'scope'] }));
        expect(await countEvidenceByCompetency(db, alice.id, { visibility: 'managers' })).toEqual({ ownership: 1 });
        expect(await countEvidenceByCompetency(db, alice.id, { visibility: 'private' })).toEqual({
          ownership: 1,
          scope: 1,
        });
      });
    });

    describe('assessments', () => {
      function assessmentOf(subject: PersonRow, assessor: PersonRow, kind: 'self' | 'manager', rating: string) {
        return {
          personId: subject.id,
          assessorId: assessor.id,
          kind,
          ladderId: LADDER.ladderId,
          ladderHash: LADDER.hash,
          trackId: 'ic',
          ratings: [
            { competencyId: 'scope', rating },
            { competencyId: 'ownership', rating: 'not-observed', note: 'no incidents this cycle' },
          ],
        };
      }

      it('round-trips an assessment with its ratings', async () => {
        const { alice, bob } = await seed();
        const created = await insertAssessment(db, { ...assessmentOf(alice, bob, 'manager', 'senior'), note: 'Solid' });

        expect(created).toMatchObject({
          personId: alice.id,
          assessorId: bob.id,
          kind: 'manager',
          ladderId: 'acme',
          ladderHash: 'h1',
          trackId: 'ic',
          note: 'Solid',
          ratings: [
            { competencyId: 'ownership', rating: 'not-observed', note: 'no incidents this cycle' },
            { competencyId: 'scope', rating: 'senior', note: null },
          ],
        });
        expect(await findLatestAssessment(db, alice.id)).toEqual(created);
      });

      it('finds the latest assessment, optionally of one kind', async () => {
        const { alice, bob } = await seed();
        expect(await findLatestAssessment(db, alice.id)).toBeUndefined();

        await insertAssessment(db, assessmentOf(alice, bob, 'manager', 'mid'));
        const self = await insertAssessment(db, assessmentOf(alice, alice, 'self', 'senior'));
        const manager = await insertAssessment(db, assessmentOf(alice, bob, 'manager', 'senior'));
        await insertAssessment(db, assessmentOf(bob, bob, 'self', 'staff'));

        expect((await findLatestAssessment(db, alice.id))?.id).toBe(manager.id);
        expect(await findLatestAssessment(db, alice.id, { kind: 'self' })).toEqual(self);
        expect((await findLatestAssessment(db, alice.id, { kind: 'manager' }))?.ratings).toEqual(manager.ratings);
      });

      it('lists a person’s assessments oldest first, each with its own ratings', async () => {
        const { alice, bob } = await seed();
        const first = await insertAssessment(db, assessmentOf(alice, bob, 'manager', 'mid'));
        const second = await insertAssessment(db, assessmentOf(alice, alice, 'self', 'senior'));
        const third = await insertAssessment(db, { ...assessmentOf(alice, bob, 'manager', 'senior'), ratings: [] });
        await insertAssessment(db, assessmentOf(bob, bob, 'self', 'staff'));

        expect(await listAssessments(db, alice.id)).toEqual([first, second, third]);
        expect(await listAssessments(db, alice.id, { kind: 'manager' })).toEqual([first, third]);
        expect(await listAssessments(db, 'nobody')).toEqual([]);
      });

      it('refuses an assessment that rates a competency twice and stores none of it', async () => {
        const { alice, bob } = await seed();
        const twice = {
          ...assessmentOf(alice, bob, 'manager', 'mid'),
          ratings: [
            { competencyId: 'scope', rating: 'mid' },
            { competencyId: 'scope', rating: 'senior' },
          ],
        };
        await expect(insertAssessment(db, twice)).rejects.toThrow();
        expect(await listAssessments(db, alice.id)).toEqual([]);
      });
    });
  });
}
