import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/*
 * History: never edited once released, never imports today's schema.
 * (0008 belongs to work that lands beside this one; the Migrator runs them in any order.)
 */

/**
 * The audit log: every change, every read of someone else's data and every
 * refusal, as one row each. Ids only, never content, and no foreign keys, so
 * an event outlives the person, the evidence or the token it names. The
 * database itself refuses to change or remove a row (triggers on both
 * dialects, and TRUNCATE on PostgreSQL), so no route and no bug can rewrite
 * the past; only dropping the table could, which no code path does.
 */
export const auditLogMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text')
      .addColumn('target_kind', 'text')
      .addColumn('target_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('allowed', 'refused')`))
      .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('web', 'api', 'cli')`))
      .addColumn('address', 'text')
      .addColumn('request_id', 'text')
      .execute();
    await db.schema.createIndex('audit_events_at').on('audit_events').columns(['at', 'id']).execute();
    await db.schema
      .createIndex('audit_events_subject')
      .on('audit_events')
      .columns(['subject_id', 'at', 'id'])
      .execute();
    await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_id', 'at', 'id']).execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`
        create function audit_events_refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_events is append-only: % refused', tg_op;
        end
        $$`.execute(db);
      await sql`
        create trigger audit_events_append_only before update or delete on audit_events
        for each row execute function audit_events_refuse_change()`.execute(db);
      await sql`
        create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_refuse_change()`.execute(db);
    } else {
      await sql`
        create trigger audit_events_no_update before update on audit_events
        begin select raise(abort, 'audit_events is append-only: UPDATE refused'); end`.execute(db);
      await sql`
        create trigger audit_events_no_delete before delete on audit_events
        begin select raise(abort, 'audit_events is append-only: DELETE refused'); end`.execute(db);
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('audit_events').execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`drop function if exists audit_events_refuse_change()`.execute(db);
    }
  },
};
