import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The setting keys the product uses, named once so every layer spells them
 * the same. The table accepts any key.
 */
export const SETTING_KEYS = Object.freeze({
  /** Id of the ladder new evidence and assessments are recorded against. */
  activeLadderId: 'active_ladder_id',
  /** Hash of that ladder's version. */
  activeLadderHash: 'active_ladder_hash',
  /** The person this installation acts as in local (single-user) mode. */
  localPersonId: 'local_person_id',
  /** Set (to the instant) when the demo organisation was seeded: the server may then offer the demo accounts. */
  demoSeededAt: 'demo_seeded_at',
} as const);

/** Reads one installation setting; undefined when it was never set. */
export async function getSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Sets one installation setting, replacing any earlier value. */
export async function setSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
