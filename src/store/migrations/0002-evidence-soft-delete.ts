import type { Kysely, Migration } from 'kysely';

/*
 * History, like 0001: never edited once released, never imports today's schema.
 */

/**
 * Deleting evidence from the web app must be undoable, so a delete only
 * stamps `deleted_at`; reads leave stamped rows out. The column is nullable
 * text (an ISO-8601 instant), which both SQLite and PostgreSQL add in place
 * without rewriting the table.
 */
export const evidenceSoftDeleteMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('evidence').addColumn('deleted_at', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('evidence').dropColumn('deleted_at').execute();
  },
};
