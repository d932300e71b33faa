import { readFileSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  QueryCompiler,
  QueryResult,
} from 'kysely';
import { MIGRATIONS, StaticMigrationProvider } from './migrations/migration-provider.js';
import type { Database } from './schema.js';

/**
 * Where the data lives: a SQLite file (or `:memory:`) for one person on one
 * machine, or a PostgreSQL server for a team. Nothing above the store needs to
 * know which. `readOnly` opens a SQLite file for reading only: reads work,
 * writes fail with the `readOnly` error of the options.
 */
export type DatabaseConfig =
  { kind: 'sqlite'; file: string; readOnly?: boolean } | { kind: 'postgres'; connectionString: string };

/**
 * How the store reports the failures a caller must word for a person, without
 * the store knowing the caller's error types, and what it may do on open.
 */
export interface OpenOptions {
  /**
   * False: the database must already hold Longhaul's tables. Anything else (a
   * zero-byte file, another program's database) is refused, never given a
   * schema. Default true: an empty database gets the schema.
   */
  create?: boolean;
  /** The error a statement throws when another program has held SQLite's write lock for the whole wait. */
  busyError?: (waitedMs: number) => Error;
  /** The error a write throws on a database opened (or only openable) for reading. */
  readOnlyError?: () => Error;
  /** How long a write waits for another program's lock in all, in small steps that leave the event loop free. */
  busyWaitMs?: number;
}

/**
 * How long SQLite itself may wait for a lock in one attempt. better-sqlite3 is
 * synchronous, so this wait blocks the whole process: it stays short, and the
 * longer wait is made of attempts with asynchronous pauses between them.
 */
const SQLITE_BUSY_TIMEOUT_MS = 50;
/** The pause between two attempts at a locked database; the event loop serves other requests meanwhile. */
const BUSY_RETRY_INTERVAL_MS = 50;
/** How long a write waits in all for another program's lock before it gives up with the busy error. */
export const BUSY_WAIT_MS = 3_000;

/**
 * Opens the database the config names, brings its schema up to date and
 * returns a Kysely instance typed by `Database`. This is the one place that
 * chooses a dialect; every capability difference between SQLite and
 * PostgreSQL is settled here, so repositories are written once.
 *
 * Throws an Error naming the database and what is wrong (it cannot be opened,
 * it is not a Longhaul database, a newer Longhaul made it, a migration failed)
 * when the database cannot be used; the database is closed first.
 */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({
    dialect:
      config.kind === 'sqlite'
        ? new LonghaulSqliteDialect(config, options)
        : createPostgresDialect(config.connectionString),
    plugins: [new CamelCasePlugin()],
  });
  try {
    await checkConnection(db, config);
    if (options.create === false) await checkIsLonghaulDatabase(db, config);
    await migrateToLatest(db, config);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Releases the file handle or the connection pool; the instance is unusable afterwards. */
export async function closeDatabase(db: Kysely<Database>): Promise<void> {
  await db.destroy();
}

/**
 * Runs `work` in a transaction, or inside the caller's transaction when `db`
 * already is one, so a repository function that needs several statements
 * stays atomic whether it is called alone or as part of a larger unit of work.
 */
export async function runInTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

/** Names the database in messages without leaking a password from a connection string. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `SQLite database "${config.file}"`;
  try {
    const url = new URL(config.connectionString);
    if (url.password !== '') url.password = '***';
    url.search = '';
    return `PostgreSQL database "${url.toString()}"`;
  } catch {
    return 'PostgreSQL database (connection string not shown)';
  }
}

/**
 * SQLite through better-sqlite3, with two answers Kysely's own dialect does
 * not give. It tells the Migrator that SQLite can roll back DDL (Kysely's
 * adapter says it cannot, which would let a failed migration leave half a
 * schema behind). And it never lets another program's lock stall the process:
 * see `LonghaulSqliteDriver`.
 */
class LonghaulSqliteDialect implements Dialect {
  constructor(
    private readonly config: SqliteConfig,
    private readonly options: OpenOptions,
  ) {}

  createDriver(): Driver {
    return new LonghaulSqliteDriver(this.config, this.options);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

type SqliteConfig = Extract<DatabaseConfig, { kind: 'sqlite' }>;

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Two connections to one SQLite file: a writer, which one transaction (or one
 * write statement) holds at a time, and a reader for every statement outside a
 * transaction that only reads. In WAL mode the reader is never blocked by a
 * writer, ours or another program's, so reads and health checks stay served
 * while a write waits. A write waits for another program's lock in short
 * synchronous attempts (SQLite's busy timeout blocks the whole process) with
 * asynchronous pauses between them, and gives up after `busyWaitMs` with the
 * caller's busy error. Transactions begin IMMEDIATE: the write lock is taken
 * (or waited for) before the first statement, never half-way through.
 * `:memory:` and read-only databases have one connection, shared under the lock.
 */
class LonghaulSqliteDriver implements Driver {
  private writer: SqliteDatabase.Database | undefined;
  private reader: SqliteDatabase.Database | undefined;
  private readonly lock = new WriterLock();

  constructor(
    private readonly config: SqliteConfig,
    private readonly options: OpenOptions,
  ) {}

  async init(): Promise<void> {
    const { file } = this.config;
    if (this.config.readOnly === true && file !== ':memory:') {
      this.writer = openReadOnly(file);
      this.reader = this.writer;
      return;
    }
    const writer = new SqliteDatabase(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    this.writer = writer;
    this.reader = writer;
    // A zero-byte file or another program's database is refused before anything is written to it.
    if (this.options.create === false && file !== ':memory:' && !hasLonghaulTables(writer)) return;
    // WAL lets readers run while a writer (ours, the CLI's, another program's) holds the write lock.
    await this.whileBusy(() => writer.pragma('journal_mode = WAL'));
    // Off by default in SQLite: without it cascades and references are silently ignored.
    writer.pragma('foreign_keys = ON');
    // A second connection to :memory: would be another, empty database.
    if (file === ':memory:') return;
    const reader = new SqliteDatabase(file, { timeout: SQLITE_BUSY_TIMEOUT_MS, readonly: true });
    reader.pragma('foreign_keys = ON');
    this.reader = reader;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new LonghaulSqliteConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LonghaulSqliteConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as LonghaulSqliteConnection).release();
  }

  async destroy(): Promise<void> {
    if (this.reader !== this.writer) this.reader?.close();
    this.writer?.close();
  }

  /** The writer connection, for the one holder of the lock. */
  get writerConnection(): SqliteDatabase.Database {
    if (this.writer === undefined) throw new Error('the SQLite database is not open');
    return this.writer;
  }

  /** The reader, or undefined when reads must go through the writer (`:memory:`, read-only). */
  get separateReader(): SqliteDatabase.Database | undefined {
    return this.reader === this.writer ? undefined : this.reader;
  }

  acquireWriter(): Promise<void> {
    return this.lock.acquire();
  }

  releaseWriter(): void {
    this.lock.release();
  }

  /**
   * Runs one synchronous step, trying again after a pause while the database
   * is busy, and throws the caller's busy error once the wait is used up.
   */
  async whileBusy<T>(step: () => T): Promise<T> {
    const budget = this.options.busyWaitMs ?? BUSY_WAIT_MS;
    const started = Date.now();
    for (;;) {
      try {
        return this.translate(step);
      } catch (error) {
        if (!isBusy(error)) throw error;
        const waited = Date.now() - started;
        if (waited >= budget) throw this.busyError(waited, error);
        await pause(Math.min(BUSY_RETRY_INTERVAL_MS, budget - waited));
      }
    }
  }

  /** Runs one step, turning a refused write on a read-only database into the caller's error. */
  translate<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (sqliteCode(error).startsWith('SQLITE_READONLY')) {
        throw (
          this.options.readOnlyError?.() ?? new Error(`${describeDatabase(this.config)} is read-only`, { cause: error })
        );
      }
      throw error;
    }
  }

  busyError(waitedMs: number, cause: unknown): Error {
    return (
      this.options.busyError?.(waitedMs) ??
      new Error(`${describeDatabase(this.config)} is locked by another program (waited ${waitedMs} ms)`, { cause })
    );
  }
}

/**
 * One use of the database by Kysely: a single statement, or a transaction.
 * Reads outside a transaction go to the reader; writes and transactions hold
 * the writer until released.
 */
class LonghaulSqliteConnection implements DatabaseConnection {
  private holdsWriter = false;

  constructor(private readonly driver: LonghaulSqliteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { driver } = this;
    if (this.holdsWriter) {
      // Inside a transaction the lock is already ours; a busy here is reported at once.
      try {
        return driver.translate(() => run<R>(driver.writerConnection, query));
      } catch (error) {
        if (isBusy(error)) throw driver.busyError(0, error);
        throw error;
      }
    }
    const reader = driver.separateReader;
    const statement = reader === undefined ? undefined : prepareToRead(reader, query.sql);
    if (statement !== undefined) return driver.whileBusy(() => runStatement<R>(statement, query));
    await driver.acquireWriter();
    try {
      return await driver.whileBusy(() => run<R>(driver.writerConnection, query));
    } finally {
      driver.releaseWriter();
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Nothing streams today; one chunk keeps the contract without holding a statement open across awaits.
    yield await this.executeQuery<R>(query);
  }

  /** Takes the writer and begins a transaction that holds the write lock from its first statement. */
  async begin(): Promise<void> {
    const { driver } = this;
    await driver.acquireWriter();
    this.holdsWriter = true;
    try {
      const writer = driver.writerConnection;
      await driver.whileBusy(() => writer.exec(writer.readonly ? 'begin' : 'begin immediate'));
    } catch (error) {
      this.release();
      throw error;
    }
  }

  release(): void {
    if (!this.holdsWriter) return;
    this.holdsWriter = false;
    this.driver.releaseWriter();
  }
}

/** A queue for the writer connection: one transaction or write statement at a time, in order. */
class WriterLock {
  private tail: Promise<void> = Promise.resolve();
  private releaseCurrent: (() => void) | undefined;

  async acquire(): Promise<void> {
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.releaseCurrent = release;
  }

  release(): void {
    const release = this.releaseCurrent;
    this.releaseCurrent = undefined;
    release?.();
  }
}

/** The statement prepared on the reader when it only reads; a write (or anything the reader cannot prepare) goes to the writer. */
function prepareToRead(reader: SqliteDatabase.Database, text: string): SqliteDatabase.Statement | undefined {
  try {
    const statement = reader.prepare(text);
    return statement.readonly ? statement : undefined;
  } catch {
    return undefined;
  }
}

function run<R>(connection: SqliteDatabase.Database, query: CompiledQuery): QueryResult<R> {
  return runStatement<R>(connection.prepare(query.sql), query);
}

function runStatement<R>(statement: SqliteDatabase.Statement, query: CompiledQuery): QueryResult<R> {
  const parameters = query.parameters as unknown[];
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/**
 * Opens a file for reading only. A WAL database whose folder cannot be written
 * (a backup on a read-only disk) cannot be opened in place, as SQLite must
 * create its shared-memory file beside it; it is read from a copy in memory
 * instead, which holds the same data, since a cleanly closed database keeps
 * nothing in its WAL.
 */
function openReadOnly(file: string): SqliteDatabase.Database {
  const inPlace = new SqliteDatabase(file, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    inPlace.prepare('select count(*) from sqlite_master').get();
    return inPlace;
  } catch (error) {
    inPlace.close();
    const code = sqliteCode(error);
    if (code !== 'SQLITE_READONLY_DIRECTORY' && code !== 'SQLITE_CANTOPEN') throw error;
  }
  const copy = readFileSync(file);
  // Bytes 18 and 19 say "WAL"; a copy in memory has no WAL, so it is read as a rollback-journal database.
  if (copy.length > 19 && copy[18] === 2 && copy[19] === 2) copy.fill(1, 18, 20);
  return new SqliteDatabase(copy, { readonly: true });
}

function hasLonghaulTables(connection: SqliteDatabase.Database): boolean {
  try {
    const found = connection
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    return found !== undefined;
  } catch {
    return false; // not a database at all: checkConnection names the file and SQLite's reason
  }
}

function isBusy(error: unknown): boolean {
  return sqliteCode(error).startsWith('SQLITE_BUSY');
}

function sqliteCode(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  return typeof error.code === 'string' ? error.code : '';
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function createPostgresDialect(connectionString: string): PostgresDialect {
  return new PostgresDialect({
    // Loaded on first use: a SQLite user's every command should not pay for the pg driver.
    pool: async () => {
      const { default: pg } = await import('pg');
      const pool = new pg.Pool({ connectionString });
      // An idle client that loses its server emits 'error'; unhandled it would end the
      // process. The pool drops that client and the next query reports the problem.
      pool.on('error', () => undefined);
      return pool;
    },
  });
}

async function checkConnection(db: Kysely<Database>, config: DatabaseConfig): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new Error(`cannot open ${describeDatabase(config)}: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * Refuses a database that does not hold Longhaul's tables: a command that
 * expects an existing database must never write a schema into a zero-byte
 * file or into another program's database.
 */
async function checkIsLonghaulDatabase(db: Kysely<Database>, config: DatabaseConfig): Promise<void> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.some((table) => table.name === 'kysely_migration')) return;
  const what = tables.length === 0 ? 'it is empty' : 'it holds the tables of another program';
  throw new Error(
    `${describeDatabase(config)} is not a Longhaul database (${what}); run "longhaul init" to create one in a new file`,
  );
}

/** The migrations a database has had, in order; undefined for a database without Longhaul's bookkeeping table. */
async function appliedMigrations(db: Kysely<Database>): Promise<string[] | undefined> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return rows.map((row) => row.name);
  } catch {
    return undefined; // no bookkeeping table yet: a new database
  }
}

async function migrateToLatest(db: Kysely<Database>, config: DatabaseConfig): Promise<void> {
  // Migrations speak in SQL names; the camelCase plugin is for the repositories only.
  const plain = db.withoutPlugins();
  const applied = await appliedMigrations(plain);
  const known = Object.keys(MIGRATIONS).sort();
  const unknown = (applied ?? []).filter((name) => !(name in MIGRATIONS)).sort();
  if (unknown.length > 0) {
    throw new Error(
      `${describeDatabase(config)} was made by a newer version of Longhaul: its schema is at version ` +
        `"${unknown.at(-1) ?? ''}", and this version of Longhaul knows schema versions up to ` +
        `"${known.at(-1) ?? ''}". Upgrade Longhaul to use this database; it has not been changed.`,
    );
  }
  // The common case on every CLI command: one read says the file is up to date, with no Migrator bookkeeping.
  // Every migration is checked, not just the last: branches add migrations in parallel, so a database can
  // hold 0009 without 0008.
  const missing = known.filter((name) => !(applied ?? []).includes(name));
  if (config.kind === 'sqlite' && applied !== undefined && missing.length === 0) return;
  if (config.kind === 'sqlite' && config.readOnly === true) {
    throw new Error(
      `${describeDatabase(config)} is read-only and needs an upgrade to this version of Longhaul ` +
        `(schema version "${applied?.at(-1) ?? 'none'}" to "${known.at(-1) ?? ''}", missing ${missing.join(', ')}); open it once with write access`,
    );
  }
  const migrator = new Migrator({
    db: plain,
    provider: new StaticMigrationProvider(),
    // Migrations written on parallel branches may arrive after a later-numbered one ran; each is independent.
    allowUnorderedMigrations: true,
    migrationTableSchema: config.kind === 'postgres' ? await currentPostgresSchema(plain, config) : undefined,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error');
  const what = failed === undefined ? 'migrations could not run' : `migration "${failed.migrationName}" failed`;
  throw new Error(`${describeDatabase(config)}: ${what}: ${messageOf(error)}`, { cause: error });
}

/**
 * The schema our tables go in (the first existing one on the search_path).
 * The Migrator must be told: left alone it looks for its bookkeeping tables in
 * every schema, and another schema's copy would make it skip creating ours.
 */
async function currentPostgresSchema(db: Kysely<Database>, config: DatabaseConfig): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === null || schema === undefined) {
    throw new Error(`${describeDatabase(config)}: no schema on the search_path exists; create it or fix search_path`);
  }
  return schema;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}
