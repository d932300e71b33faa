import type { Kysely, Migration } from 'kysely';

/*
 * History, like 0001 to 0003: never edited once released, never imports today's schema.
 */

/** The sort key as this migration computes it; the repository computes the same for new rows. */
function nameKey(name: string): string {
  return Buffer.from(
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase(),
    'utf8',
  ).toString('hex');
}

/**
 * The directory is read in pages, in name order, so the order must come
 * from SQL and be the same on both databases: a `name_key` column (the
 * name folded for accents and case, hex-encoded so every collation sorts it
 * alike) with an index, filled in here for the people who already exist.
 */
export const peopleNameKeyMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const people = db as Kysely<{ people: { id: string; name: string; name_key: string | null } }>;
    await people.schema.alterTable('people').addColumn('name_key', 'text').execute();
    const rows = await people.selectFrom('people').select(['id', 'name']).execute();
    for (const row of rows) {
      await people
        .updateTable('people')
        .set({ name_key: nameKey(row.name) })
        .where('id', '=', row.id)
        .execute();
    }
    await people.schema.createIndex('people_name_key_idx').on('people').columns(['name_key', 'id']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('people_name_key_idx').execute();
    await db.schema.alterTable('people').dropColumn('name_key').execute();
  },
};
