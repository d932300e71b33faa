import type { Kysely, Migration } from 'kysely';

/*
 * History, like 0001 to 0003: never edited once released, never imports today's schema.
 * (0004 to 0006 belong to the accounts and organisation work, which lands beside this one.)
 */

/**
 * A single sign-on through OpenID Connect starts on one request and finishes
 * on another, which may reach another server sharing the database: what the
 * callback must check (the nonce, the PKCE code verifier, where to go after)
 * is kept here, keyed by the sha256 of the `state` sent to the identity
 * provider, never the state itself. A row lives ten minutes and is deleted
 * when used. Text columns only, so the same DDL runs on SQLite and PostgreSQL;
 * the index serves the purge of expired rows.
 */
export const oidcSignInsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('oidc_sign_ins')
      .addColumn('state_hash', 'text', (c) => c.primaryKey())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('code_verifier', 'text', (c) => c.notNull())
      .addColumn('return_to', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('oidc_sign_ins_expires_at').on('oidc_sign_ins').column('expires_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('oidc_sign_ins').execute();
  },
};
