import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import type { DialectAdapter } from 'kysely';
import { MIGRATIONS, StaticMigrationProvider } from './migrations/migration-provider.js';
import type { Database } from './schema.js';

/**
 * Where the data lives: a SQLite file (or `:memory:`) for one person on one
 * machine, or a PostgreSQL server for a team. Nothing above the store needs to
 * know which.
 */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; connectionString: string };

/** How long a SQLite writer waits for another process's lock before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the database the config names, brings its schema up to date and
 * returns a Kysely instance typed by `Database`. This is the one place that
 * chooses a dialect; every capability difference between SQLite and
 * PostgreSQL is settled here, so repositories are written once.
 *
 * Throws an Error naming the database and the failing migration when the
 * database cannot be opened or migrated; the database is closed first.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({
    dialect:
      config.kind === 'sqlite' ? createSqliteDialect(config.file) : createPostgresDialect(config.connectionString),
    plugins: [new CamelCasePlugin()],
  });
  try {
    await checkConnection(db, config);
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
 * SQLite can roll back DDL, but Kysely's adapter says it cannot, which would
 * let a failed migration leave half a schema behind. This adapter tells the
 * Migrator the truth, so each migration is all or nothing on both databases.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

function createSqliteDialect(file: string): SqliteDialect {
  return new TransactionalDdlSqliteDialect({
    // Opened lazily by Kysely, so a bad path surfaces in checkConnection with the file named.
    database: async () => {
      const sqlite = new SqliteDatabase(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
      // WAL lets readers (the web server) run while the CLI writes. `:memory:` answers "memory"; harmless.
      sqlite.pragma('journal_mode = WAL');
      // Off by default in SQLite: without it cascades and references are silently ignored.
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      return sqlite;
    },
  });
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

async function migrateToLatest(db: Kysely<Database>, config: DatabaseConfig): Promise<void> {
  // Migrations speak in SQL names; the camelCase plugin is for the repositories only.
  const plain = db.withoutPlugins();
  if (config.kind === 'sqlite' && (await isSqliteUpToDate(plain))) return;
  const migrator = new Migrator({
    db: plain,
    provider: new StaticMigrationProvider(),
    migrationTableSchema: config.kind === 'postgres' ? await currentPostgresSchema(plain, config) : undefined,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error');
  const what = failed === undefined ? 'migrations could not run' : `migration "${failed.migrationName}" failed`;
  throw new Error(`${describeDatabase(config)}: ${what}: ${messageOf(error)}`, { cause: error });
}

/**
 * The common case on every CLI command: the SQLite file is already at the
 * latest migration. One read answers it, instead of the Migrator's lock and
 * bookkeeping writes on every start.
 */
async function isSqliteUpToDate(db: Kysely<Database>): Promise<boolean> {
  const latest = Object.keys(MIGRATIONS).sort().at(-1);
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
      db,
    );
    return rows[0]?.name === latest;
  } catch {
    return false; // no bookkeeping table yet: a new database
  }
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
