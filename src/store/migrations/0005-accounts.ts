import { sql, type Kysely, type Migration } from 'kysely';

/*
 * History, like 0001-0003: never edited once released, never imports today's schema.
 * Numbered 0005 on purpose: 0004 belongs to another branch (teams and roles),
 * and Kysely runs migrations in name order, so the two merge in either order
 * of release as long as 0004 ships first or together with this one.
 *
 * Text columns, ISO-8601 instants as text, integer flags with check
 * constraints: the same DDL runs on SQLite and PostgreSQL.
 */

/**
 * Signing in: an account per person who may sign in, sessions stored in the
 * database (so several servers behind one address agree on them), personal
 * API tokens, one-time password-reset links, and the counters that limit
 * failed sign-ins. No secret is stored as itself: session ids, token and
 * reset hashes are sha256 of a random value only the client holds, and
 * passwords are argon2id hashes.
 */
export const accountsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('accounts')
      .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
      .addColumn('password_hash', 'text')
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('password_changed_at', 'text')
      .addCheckConstraint('accounts_is_demo_check', sql`is_demo in (0, 1)`)
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.person_id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('address', 'text')
      .execute();
    await db.schema.createIndex('sessions_person_idx').on('sessions').column('person_id').execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.person_id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('api_tokens_person_idx').on('api_tokens').column('person_id').execute();

    await db.schema
      .createTable('password_resets')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.person_id').onDelete('cascade'))
      .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();

    await db.schema
      .createTable('sign_in_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addCheckConstraint('sign_in_limits_failures_check', sql`failures >= 0`)
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['sign_in_limits', 'password_resets', 'api_tokens', 'sessions', 'accounts']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
