import type { Kysely } from 'kysely';
import { nowIso } from './row-values.js';
import type { Database, LadderVersionRow } from './schema.js';

/** What identifies and rebuilds one version of a ladder. */
export interface SaveLadderVersionInput {
  ladderId: string;
  /** The ladder's content hash (see core's `Ladder.hash`). */
  hash: string;
  title: string;
  /** The YAML text as loaded, kept so this version can be rebuilt after the file changes. */
  sourceYaml: string;
}

/**
 * Keeps a ladder version so evidence and assessments made against it stay
 * readable after the ladder file changes. Saving a version that is already
 * kept changes nothing and returns the stored row (with its first `loadedAt`),
 * so callers may save on every load.
 */
export async function saveLadderVersion(
  db: Kysely<Database>,
  input: SaveLadderVersionInput,
): Promise<LadderVersionRow> {
  await db
    .insertInto('ladderVersions')
    .values({
      ladderId: input.ladderId,
      hash: input.hash,
      title: input.title,
      sourceYaml: input.sourceYaml,
      loadedAt: nowIso(),
    })
    .onConflict((oc) => oc.columns(['ladderId', 'hash']).doNothing())
    .execute();
  const row = await findLadderVersion(db, input.ladderId, input.hash);
  if (row === undefined) throw new Error(`ladder version ${input.ladderId}@${input.hash} vanished right after saving`);
  return row;
}

/** Fetches the exact ladder version a stored record names, to interpret its competency ids. */
export async function findLadderVersion(
  db: Kysely<Database>,
  ladderId: string,
  hash: string,
): Promise<LadderVersionRow | undefined> {
  return db
    .selectFrom('ladderVersions')
    .selectAll()
    .where('ladderId', '=', ladderId)
    .where('hash', '=', hash)
    .executeTakeFirst();
}

/** Lists kept ladder versions, oldest first, for one ladder or all; for history views and clean-up. */
export async function listLadderVersions(db: Kysely<Database>, ladderId?: string): Promise<LadderVersionRow[]> {
  let query = db.selectFrom('ladderVersions').selectAll();
  if (ladderId !== undefined) query = query.where('ladderId', '=', ladderId);
  return query.orderBy('loadedAt', 'asc').orderBy('ladderId', 'asc').orderBy('hash', 'asc').execute();
}

/** A stored ladder version without its YAML: what a list of versions shows. */
export type LadderVersionHeader = Omit<LadderVersionRow, 'sourceYaml'>;

/**
 * Stored ladder versions without their YAML, oldest first (by when they
 * were loaded, then ladder id and hash), from a position and up to a count:
 * one page of the list of versions.
 */
export async function listLadderVersionHeaders(
  db: Kysely<Database>,
  page: { after?: readonly [loadedAt: string, ladderId: string, hash: string]; limit: number },
): Promise<LadderVersionHeader[]> {
  let query = db.selectFrom('ladderVersions').select(['ladderId', 'hash', 'title', 'loadedAt']);
  const after = page.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('loadedAt', 'ladderId', 'hash'), '>', tuple(after[0], after[1], after[2])),
    );
  }
  return query.orderBy('loadedAt', 'asc').orderBy('ladderId', 'asc').orderBy('hash', 'asc').limit(page.limit).execute();
}
