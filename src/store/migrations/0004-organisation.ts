import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

/*
 * History, like 0001 to 0003: never edited once released, never imports today's schema.
 */

/**
 * The organisation becomes data the product can check: teams are rows with a
 * unique name, and each person gets a reference to their team, their official
 * track and level on the ladder, the admin role and a deactivation stamp.
 *
 * The free-text `people.team` of 0001 stays as the team's name, so every read
 * and filter by name keeps working; `team_id` is the reference. Existing names
 * become teams (one per distinct non-empty name, spelled as stored) and their
 * people point at them. Only added columns, which both SQLite and PostgreSQL
 * add in place: nullable text, and `is_admin` an integer 0 or 1 with a check
 * constraint (no booleans, so both databases store and return the same value).
 */
export const organisationMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .alterTable('people')
      .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
      .execute();
    await db.schema.alterTable('people').addColumn('track_id', 'text').execute();
    await db.schema.alterTable('people').addColumn('level_id', 'text').execute();
    await db.schema
      .alterTable('people')
      .addColumn('is_admin', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`is_admin in (0, 1)`),
      )
      .execute();
    await db.schema.alterTable('people').addColumn('deactivated_at', 'text').execute();
    await db.schema.createIndex('people_team_id_idx').on('people').column('team_id').execute();

    const { rows } = await sql<{
      team: string;
    }>`select distinct team from people where team is not null and team <> ''`.execute(db);
    const createdAt = new Date().toISOString();
    for (const { team } of rows) {
      await sql`insert into teams (id, name, created_at) values (${randomUUID()}, ${team}, ${createdAt})`.execute(db);
    }
    await sql`update people set team_id = (select teams.id from teams where teams.name = people.team)
      where team is not null and team <> ''`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    // The names in `people.team` were kept, so going back loses only what 0004 added.
    await db.schema.dropIndex('people_team_id_idx').execute();
    for (const column of ['deactivated_at', 'is_admin', 'level_id', 'track_id', 'team_id']) {
      await db.schema.alterTable('people').dropColumn(column).execute();
    }
    await db.schema.dropTable('teams').execute();
  },
};
