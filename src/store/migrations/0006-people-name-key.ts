import type { Kysely, Migration } from 'kysely';

/*
 * History, like 0001 to 0004: never edited once released, never imports today's schema.
 */

/** The sort key as this migration computes it; the repositories compute the same for new rows. */
function nameKey(name: string): string {
  return Buffer.from(
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase(),
    'utf8',
  ).toString('hex');
}

/** The tables whose rows are listed in name order. */
const NAMED_TABLES = ['people', 'teams'] as const;

type Named = Record<(typeof NAMED_TABLES)[number], { id: string; name: string; name_key: string | null }>;

/**
 * The directory and the teams are read in pages, in name order, so the order
 * must come from SQL and be the same on both databases: a `name_key` column
 * (the name folded for accents and case, hex-encoded so every collation sorts
 * it alike) with an index, filled in here for the rows that already exist.
 */
export const peopleNameKeyMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const named = db as Kysely<Named>;
    for (const table of NAMED_TABLES) {
      await named.schema.alterTable(table).addColumn('name_key', 'text').execute();
      const rows = await named.selectFrom(table).select(['id', 'name']).execute();
      for (const row of rows) {
        await named
          .updateTable(table)
          .set({ name_key: nameKey(row.name) })
          .where('id', '=', row.id)
          .execute();
      }
      await named.schema.createIndex(`${table}_name_key_idx`).on(table).columns(['name_key', 'id']).execute();
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of NAMED_TABLES) {
      await db.schema.dropIndex(`${table}_name_key_idx`).execute();
      await db.schema.alterTable(table).dropColumn('name_key').execute();
    }
  },
};
