import { sql, type Kysely, type Migration } from 'kysely';

/*
 * A migration is history: it never imports today's schema or constants, and
 * once released it is never edited. Later changes go in a new file.
 *
 * Only schema-builder DDL and plain SQL that SQLite and PostgreSQL both accept:
 * text everywhere, check constraints instead of enum types or booleans.
 */

/**
 * The first schema: ladder versions, settings, people, evidence with its
 * competencies, assessments with their ratings.
 */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('ladder_versions')
      .addColumn('ladder_id', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source_yaml', 'text', (c) => c.notNull())
      .addColumn('loaded_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ladder_versions_pk', ['ladder_id', 'hash'])
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.unique())
      .addColumn('team', 'text')
      .addColumn('title', 'text')
      .addColumn('manager_id', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('evidence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
      .addColumn('ladder_id', 'text', (c) => c.notNull())
      .addColumn('ladder_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'evidence_kind_check',
        sql`kind in ('incident', 'design', 'review', 'mentoring', 'delivery', 'other')`,
      )
      .addCheckConstraint('evidence_visibility_check', sql`visibility in ('private', 'shared')`)
      // Evidence must name a ladder version that is kept, so its competency ids stay interpretable.
      .addForeignKeyConstraint('evidence_ladder_version_fk', ['ladder_id', 'ladder_hash'], 'ladder_versions', [
        'ladder_id',
        'hash',
      ])
      .execute();

    await db.schema
      .createTable('evidence_competencies')
      .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
      .addColumn('competency_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('evidence_competencies_pk', ['evidence_id', 'competency_id'])
      .execute();

    await db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ladder_id', 'text', (c) => c.notNull())
      .addColumn('ladder_hash', 'text', (c) => c.notNull())
      .addColumn('track_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addCheckConstraint('assessments_kind_check', sql`kind in ('self', 'manager')`)
      .addForeignKeyConstraint('assessments_ladder_version_fk', ['ladder_id', 'ladder_hash'], 'ladder_versions', [
        'ladder_id',
        'hash',
      ])
      .execute();

    await db.schema
      .createTable('ratings')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('competency_id', 'text', (c) => c.notNull())
      .addColumn('rating', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('ratings_pk', ['assessment_id', 'competency_id'])
      .execute();

    await db.schema.createIndex('people_team_idx').on('people').column('team').execute();
    await db.schema.createIndex('people_manager_idx').on('people').column('manager_id').execute();
    await db.schema.createIndex('evidence_person_date_idx').on('evidence').columns(['person_id', 'date']).execute();
    await db.schema
      .createIndex('assessments_person_created_idx')
      .on('assessments')
      .columns(['person_id', 'created_at'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'ratings',
      'assessments',
      'evidence_competencies',
      'evidence',
      'people',
      'settings',
      'ladder_versions',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
