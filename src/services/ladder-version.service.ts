import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { diffLadders, type LadderDiff } from '../core/ladder-diff.js';
import { parseLadder } from '../core/ladder-loader.js';
import { runInTransaction } from '../store/database.js';
import { listLadderVersionHeaders, listLadderVersions, saveLadderVersion } from '../store/ladder.repository.js';
import type { Database, LadderVersionRow } from '../store/schema.js';
import { getSetting, SETTING_KEYS, setSetting } from '../store/settings.repository.js';
import { loadLadderVersion } from './workspace.service.js';
import { readPage, type Page, type PageRequest } from './paging.js';

/** A stored ladder version and whether new records are made against it. */
export interface LadderVersionSummary {
  id: string;
  hash: string;
  title: string;
  loadedAt: string;
  active: boolean;
}

/** Which ladder version the database is set to use, without parsing it. */
export async function findActiveLadderRef(db: Kysely<Database>): Promise<{ id: string; hash: string }> {
  const id = await getSetting(db, SETTING_KEYS.activeLadderId);
  const hash = await getSetting(db, SETTING_KEYS.activeLadderHash);
  if (id === undefined || hash === undefined) {
    throw new DomainError('database_missing', 'this database has no ladder yet: run "longhaul init" first');
  }
  return { id, hash };
}

/**
 * Parsed ladder versions, kept in memory. A version is named by its content
 * hash, so it never changes and can be kept for the life of the process; a
 * long-running server then parses each YAML text once, not on every request.
 */
export class LadderCache {
  readonly #versions = new Map<string, Promise<Ladder>>();

  /**
   * A stored ladder version, parsed.
   *
   * @throws DomainError `ladder_not_found`.
   */
  async version(db: Kysely<Database>, id: string, hash: string): Promise<Ladder> {
    const key = `${id}@${hash}`;
    let ladder = this.#versions.get(key);
    if (ladder === undefined) {
      ladder = loadLadderVersion(db, id, hash);
      this.#versions.set(key, ladder);
      // A failed load (a version not stored yet) must not be remembered.
      ladder.catch(() => this.#versions.delete(key));
    }
    return ladder;
  }

  /**
   * The ladder new evidence and assessments are recorded against. Read on
   * every call, so `longhaul use-ladder` takes effect without a restart.
   */
  async active(db: Kysely<Database>): Promise<Ladder> {
    const { id, hash } = await findActiveLadderRef(db);
    return this.version(db, id, hash);
  }
}

/** The kind tag of the cursors of the list of ladder versions. */
const LADDER_VERSION_PAGES = 'ladder-versions';

/**
 * One page of the stored ladder versions, oldest first, marked with the one in use.
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export async function listLadderVersionSummaries(
  db: Kysely<Database>,
  request: PageRequest = {},
): Promise<Page<LadderVersionSummary>> {
  const [page, active] = await Promise.all([
    readPage(
      LADDER_VERSION_PAGES,
      request,
      3,
      (after, limit) => listLadderVersionHeaders(db, { after, limit }),
      (row) => [row.loadedAt, row.ladderId, row.hash] as const,
    ),
    findActiveLadderRef(db).catch(() => null),
  ]);
  return {
    items: page.items.map((row) => ({
      id: row.ladderId,
      hash: row.hash,
      title: row.title,
      loadedAt: row.loadedAt,
      active: active !== null && active.id === row.ladderId && active.hash === row.hash,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * Finds a stored version of a ladder by its hash or a unique prefix of it, the
 * way git accepts a short commit id.
 *
 * @param field names the input the hash came from, so an ambiguous prefix points at it.
 * @throws DomainError `ladder_not_found`, `input_invalid` (a prefix that matches several versions).
 */
export async function resolveLadderVersion(
  db: Kysely<Database>,
  ladderId: string,
  hashOrPrefix: string,
  field = 'hash',
): Promise<LadderVersionRow> {
  const versions = await listLadderVersions(db, ladderId);
  if (versions.length === 0) throw notFound('ladder_not_found', ladderId, { in: 'this database' });
  const exact = versions.find((v) => v.hash === hashOrPrefix);
  if (exact !== undefined) return exact;
  const matches = versions.filter((v) => v.hash.startsWith(hashOrPrefix.toLowerCase()));
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length === 0) {
    throw notFound('ladder_not_found', hashOrPrefix, {
      kind: 'version',
      in: `ladder "${ladderId}"`,
      known: versions.map((v) => v.hash.slice(0, 12)),
    });
  }
  const message = `"${hashOrPrefix}" matches ${matches.length} versions of ladder "${ladderId}"; give more characters of the hash`;
  throw new DomainError('input_invalid', `${field}: ${message}`, [{ path: [field], message }]);
}

/**
 * Compares two stored versions of a ladder, each named by hash or unique
 * prefix: what changed between the ladder a rating was made with and today's.
 *
 * @throws DomainError `ladder_not_found`, `input_invalid`.
 */
export async function diffLadderVersions(
  db: Kysely<Database>,
  cache: LadderCache,
  ladderId: string,
  from: string,
  to: string,
): Promise<LadderDiff> {
  const before = await resolveLadderVersion(db, ladderId, from, 'from');
  const after = await resolveLadderVersion(db, ladderId, to, 'to');
  return diffLadders(await cache.version(db, ladderId, before.hash), await cache.version(db, ladderId, after.hash));
}

/**
 * Makes a stored ladder version, named by hash or a unique prefix, the one new
 * evidence and assessments are recorded against: an admin's way back to (or
 * on to) a version without its file. Nothing recorded changes: every rating
 * keeps the version it was made with. The choice lives in the database, not
 * in a process, so every server on the same database uses it from its next
 * request (`LadderCache.active` reads it each time).
 *
 * @throws DomainError `ladder_not_found`, `input_invalid` (an ambiguous prefix).
 */
export async function activateLadderVersion(
  db: Kysely<Database>,
  cache: LadderCache,
  ladderId: string,
  hashOrPrefix: string,
): Promise<LadderVersionSummary> {
  const row = await resolveLadderVersion(db, ladderId, hashOrPrefix);
  // Parse before switching: a stored text this version of Longhaul cannot read must not become the active ladder.
  await cache.version(db, row.ladderId, row.hash);
  await runInTransaction(db, async (trx) => {
    await setSetting(trx, SETTING_KEYS.activeLadderId, row.ladderId);
    await setSetting(trx, SETTING_KEYS.activeLadderHash, row.hash);
  });
  return { id: row.ladderId, hash: row.hash, title: row.title, loadedAt: row.loadedAt, active: true };
}

/**
 * Stores a ladder file's text as a version, without making it active: an
 * admin uploads a new ladder, compares it with the active one, then decides.
 * The text goes through the same checks as `longhaul validate`, every problem
 * located as `file:line:col`. Storing a version already stored changes nothing.
 *
 * @throws DomainError `ladder_invalid` with every problem.
 */
export async function storeLadderVersion(
  db: Kysely<Database>,
  text: string,
  sourceName: string,
): Promise<LadderVersionSummary> {
  const ladder = parseLadder(text, sourceName);
  const row = await saveLadderVersion(db, {
    ladderId: ladder.id,
    hash: ladder.hash,
    title: ladder.title,
    sourceYaml: text,
  });
  const active = await findActiveLadderRef(db).catch(() => null);
  return {
    id: row.ladderId,
    hash: row.hash,
    title: row.title,
    loadedAt: row.loadedAt,
    active: active !== null && active.id === row.ladderId && active.hash === row.hash,
  };
}
