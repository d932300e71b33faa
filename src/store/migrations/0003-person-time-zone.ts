import type { Kysely, Migration } from 'kysely';

/*
 * History, like 0001 and 0002: never edited once released, never imports today's schema.
 */

/**
 * "Today" depends on where a person is, so each person gets a time zone: an
 * IANA name such as `Europe/Berlin`, checked by the service before it is
 * stored. The column is nullable text: people who existed before this
 * migration have no zone until they choose one (the web app offers the
 * browser's), and both SQLite and PostgreSQL add such a column in place.
 */
export const personTimeZoneMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('people').addColumn('time_zone', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('people').dropColumn('time_zone').execute();
  },
};
