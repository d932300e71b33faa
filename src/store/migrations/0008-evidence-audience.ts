import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';

/*
 * History, like 0001 to 0007: never edited once released, never imports today's schema.
 */

/**
 * "Shared" used to mean shared with everyone. Evidence now names its
 * audience: `private` (the author only), `managers` (the author's manager
 * chain) or `people` (the people listed in `evidence_audience`). Existing
 * shared evidence becomes `managers`, the narrowest reading of what its
 * authors meant.
 *
 * The check constraint on `evidence.visibility` has to change. PostgreSQL
 * drops and adds it in place; SQLite cannot alter a constraint, so there the
 * evidence table is rebuilt. Dropping `evidence` while `evidence_competencies`
 * points at it would cascade and delete every competency link, so the links
 * table is rebuilt too: both new tables are filled, the old ones dropped
 * (links first), and the new ones renamed, which also points the links'
 * foreign key at the renamed table.
 */
export const evidenceAudienceMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await changeVisibilities(db, {
      allowed: sql`visibility in ('private', 'managers', 'people')`,
      mapped: sql`case when visibility = 'shared' then 'managers' else visibility end`,
    });
    await db.schema
      .createTable('evidence_audience')
      .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('evidence_audience_pk', ['evidence_id', 'person_id'])
      .execute();
    // "Which evidence names me?" is the question a named person's list asks.
    await db.schema.createIndex('evidence_audience_person_idx').on('evidence_audience').column('person_id').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('evidence_audience').execute();
    // Going back, evidence for named people becomes private: 'shared' would show it to everyone.
    await changeVisibilities(db, {
      allowed: sql`visibility in ('private', 'shared')`,
      mapped: sql`case when visibility = 'managers' then 'shared' else 'private' end`,
    });
  },
};

interface VisibilityChange {
  /** The new check constraint's condition. */
  allowed: ReturnType<typeof sql>;
  /** The new value of each row's visibility, from its old one. */
  mapped: ReturnType<typeof sql>;
}

async function changeVisibilities(db: Kysely<unknown>, change: VisibilityChange): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await rebuildEvidenceOnSqlite(db, change);
    return;
  }
  await sql`alter table evidence drop constraint evidence_visibility_check`.execute(db);
  await sql`update evidence set visibility = ${change.mapped}`.execute(db);
  await sql`alter table evidence add constraint evidence_visibility_check check (${change.allowed})`.execute(db);
}

/** The columns of `evidence` as 0001 and 0002 left them, in order. */
const EVIDENCE_COLUMNS = sql.raw(
  'id, person_id, date, title, body, kind, links, visibility, ladder_id, ladder_hash, created_at, updated_at, deleted_at',
);

async function rebuildEvidenceOnSqlite(db: Kysely<unknown>, change: VisibilityChange): Promise<void> {
  await db.schema
    .createTable('evidence_rebuilt')
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
    .addColumn('deleted_at', 'text')
    .addCheckConstraint(
      'evidence_kind_check',
      sql`kind in ('incident', 'design', 'review', 'mentoring', 'delivery', 'other')`,
    )
    .addCheckConstraint('evidence_visibility_check', change.allowed)
    .addForeignKeyConstraint('evidence_ladder_version_fk', ['ladder_id', 'ladder_hash'], 'ladder_versions', [
      'ladder_id',
      'hash',
    ])
    .execute();
  await sql`insert into evidence_rebuilt (${EVIDENCE_COLUMNS})
    select id, person_id, date, title, body, kind, links, ${change.mapped}, ladder_id, ladder_hash,
      created_at, updated_at, deleted_at
    from evidence`.execute(db);

  await db.schema
    .createTable('evidence_competencies_rebuilt')
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence_rebuilt.id').onDelete('cascade'))
    .addColumn('competency_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_competencies_pk', ['evidence_id', 'competency_id'])
    .execute();
  await sql`insert into evidence_competencies_rebuilt (evidence_id, competency_id)
    select evidence_id, competency_id from evidence_competencies`.execute(db);

  // Links first: nothing then points at the old evidence table, so dropping it deletes nothing else.
  await db.schema.dropTable('evidence_competencies').execute();
  await db.schema.dropTable('evidence').execute();
  await db.schema.alterTable('evidence_rebuilt').renameTo('evidence').execute();
  await db.schema.alterTable('evidence_competencies_rebuilt').renameTo('evidence_competencies').execute();
  await db.schema.createIndex('evidence_person_date_idx').on('evidence').columns(['person_id', 'date']).execute();
}
