import { expressionBuilder, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { runInTransaction } from './database.js';
import { chunk, newId, nowIso, uniqueSorted } from './row-values.js';
import type { Database, EvidenceKind, EvidenceRow, EvidenceVisibility } from './schema.js';

/**
 * A piece of evidence as callers use it: the row with `links` parsed and the
 * ids of the competencies it supports (sorted, without duplicates). Deleted
 * evidence is never returned as a record, so `deletedAt` is not part of it.
 */
export type EvidenceRecord = Omit<EvidenceRow, 'links' | 'deletedAt'> & {
  links: string[];
  competencyIds: string[];
  /** The people it is shared with (`evidence_audience`), by name; empty unless visibility is `people`. */
  sharedWith: EvidenceAudienceMember[];
};

/** A person named in a piece of evidence's audience. */
export interface EvidenceAudienceMember {
  id: string;
  name: string;
}

/**
 * Who is reading someone's evidence, as the store needs it to filter in SQL:
 * the author sees everything; anyone else sees only what names them and,
 * when they are in the author's manager chain, what is shared with managers.
 * The policy decides which (policy.evidenceViewer); the store only applies it,
 * in the one query that lists or counts, never row by row.
 */
export type EvidenceViewer =
  | { sees: 'all' }
  | {
      sees: 'audience';
      /** The reader: `people` evidence is visible when it names them. */
      personId: string;
      /** Whether the reader manages the author (directly or higher up): `managers` evidence is visible. */
      inManagerChain: boolean;
    };

/** What is needed to record evidence. The store trusts its caller: validate dates, URLs and ids in the service. */
export interface InsertEvidenceInput {
  personId: string;
  /** `YYYY-MM-DD`; other formats would break date filters and ordering. */
  date: string;
  title: string;
  /** Markdown; defaults to ''. */
  body?: string;
  kind: EvidenceKind;
  /** URLs; defaults to none. */
  links?: string[];
  /** Defaults to 'private'. */
  visibility?: EvidenceVisibility;
  /** Ids of the people it is shared with (visibility `people`); duplicates are ignored. Defaults to none. */
  sharedWith?: string[];
  /** With `ladderHash`, a ladder version already saved with saveLadderVersion. */
  ladderId: string;
  ladderHash: string;
  /** Competencies of that ladder version the evidence supports; duplicates are ignored. */
  competencyIds: string[];
}

/** The fields of evidence that can change; absent fields are left as they are. `competencyIds` and `sharedWith` replace their sets. */
export type EvidencePatch = Partial<Omit<InsertEvidenceInput, 'personId'>>;

/** Which evidence to list. All given conditions must hold. */
export interface ListEvidenceFilter {
  personId: string;
  /** Evidence supporting at least one of these competencies. An empty list means no competency filter. */
  competencyIds?: string[];
  /** Evidence dated on or after this `YYYY-MM-DD`. */
  since?: string;
  /** Evidence dated on or before this `YYYY-MM-DD`. */
  until?: string;
  kind?: EvidenceKind;
  visibility?: EvidenceVisibility;
  /** Only the evidence this reader may see; everything when left out. */
  viewer?: EvidenceViewer;
  /** Only evidence listed after this position: the (date, createdAt, id) of the last row of the previous page. */
  after?: readonly [date: string, createdAt: string, id: string];
  /** At most this many rows; every row when left out. */
  limit?: number;
}

/** Date bounds for counting evidence. */
export interface CountEvidenceOptions {
  /** Count only evidence dated on or after this `YYYY-MM-DD`. */
  since?: string;
  /** Count only evidence dated on or before this `YYYY-MM-DD`. */
  until?: string;
  /** Count only evidence of this visibility. */
  visibility?: EvidenceVisibility;
  /** Count only the evidence this reader may see (someone other than the author looking); everything when left out. */
  viewer?: EvidenceViewer;
}

/** Records a piece of evidence and the competencies it supports, atomically. */
export async function insertEvidence(db: Kysely<Database>, input: InsertEvidenceInput): Promise<EvidenceRecord> {
  return runInTransaction(db, async (trx) => {
    const now = nowIso();
    const row = await trx
      .insertInto('evidence')
      .values({
        id: newId(),
        personId: input.personId,
        date: input.date,
        title: input.title,
        body: input.body ?? '',
        kind: input.kind,
        links: JSON.stringify(input.links ?? []),
        visibility: input.visibility ?? 'private',
        ladderId: input.ladderId,
        ladderHash: input.ladderHash,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const competencyIds = await replaceCompetencies(trx, row.id, input.competencyIds);
    await replaceAudience(trx, row.id, input.sharedWith ?? []);
    return toRecord(row, competencyIds, (await loadAudience(trx, [row.id])).get(row.id) ?? []);
  });
}

/**
 * Changes a piece of evidence and stamps `updatedAt`. Returns the record as
 * stored afterwards, or undefined when no live evidence has this id (deleted
 * evidence must be restored before it can be edited).
 */
export async function updateEvidence(
  db: Kysely<Database>,
  id: string,
  patch: EvidencePatch,
): Promise<EvidenceRecord | undefined> {
  return runInTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('evidence')
      .set({
        // Kysely leaves out properties whose value is undefined.
        date: patch.date,
        title: patch.title,
        body: patch.body,
        kind: patch.kind,
        links: patch.links === undefined ? undefined : JSON.stringify(patch.links),
        visibility: patch.visibility,
        ladderId: patch.ladderId,
        ladderHash: patch.ladderHash,
        updatedAt: nowIso(),
      })
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const competencyIds =
      patch.competencyIds === undefined
        ? ((await loadCompetencyIds(trx, [id])).get(id) ?? [])
        : await replaceCompetencies(trx, id, patch.competencyIds);
    if (patch.sharedWith !== undefined) await replaceAudience(trx, id, patch.sharedWith);
    return toRecord(row, competencyIds, (await loadAudience(trx, [id])).get(id) ?? []);
  });
}

/**
 * Removes a piece of evidence and its competency links for good, deleted or
 * not; false when there was nothing to remove. People delete with
 * softDeleteEvidence, which can be undone; this is for clean-up.
 */
export async function deleteEvidence(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('evidence').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Deletes a piece of evidence so that it can be brought back: it is stamped
 * with `deletedAt` and every read leaves it out. False when no live evidence
 * has this id (already deleted, or never there).
 */
export async function softDeleteEvidence(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('evidence')
    .set({ deletedAt: nowIso() })
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Undoes softDeleteEvidence. Restoring live evidence changes nothing, so an
 * undo sent twice is harmless. Returns the record, or undefined when no
 * evidence, deleted or live, has this id.
 */
export async function restoreEvidence(db: Kysely<Database>, id: string): Promise<EvidenceRecord | undefined> {
  return runInTransaction(db, async (trx) => {
    await trx.updateTable('evidence').set({ deletedAt: null }).where('id', '=', id).execute();
    return findEvidenceById(trx, id);
  });
}

/** Fetches one piece of live evidence with its competencies; deleted evidence is not found. */
export async function findEvidenceById(db: Kysely<Database>, id: string): Promise<EvidenceRecord | undefined> {
  const found = await findEvidenceIncludingDeleted(db, id);
  return found?.deletedAt === null ? found.evidence : undefined;
}

/**
 * Fetches a piece of evidence whether or not it is deleted, with when it was
 * deleted: what an undo needs to check who owns it.
 */
export async function findEvidenceIncludingDeleted(
  db: Kysely<Database>,
  id: string,
): Promise<{ evidence: EvidenceRecord; deletedAt: string | null } | undefined> {
  const row = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const competencyIds = (await loadCompetencyIds(db, [id])).get(id) ?? [];
  const sharedWith = (await loadAudience(db, [id])).get(id) ?? [];
  return { evidence: toRecord(row, competencyIds, sharedWith), deletedAt: row.deletedAt };
}

/**
 * Lists a person's evidence, newest first (by date, then by when it was
 * recorded, then by id), from a position and up to a count when the filter
 * gives them: one page of a keyset-paged list. Competencies are fetched for all listed evidence in one query
 * per 500 rows, not one per row.
 */
export async function listEvidence(db: Kysely<Database>, filter: ListEvidenceFilter): Promise<EvidenceRecord[]> {
  let query = db
    .selectFrom('evidence')
    .selectAll('evidence')
    .where('evidence.personId', '=', filter.personId)
    .where('evidence.deletedAt', 'is', null);
  const competencyIds = filter.competencyIds ?? [];
  if (competencyIds.length > 0) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('evidenceCompetencies')
          .select('evidenceCompetencies.evidenceId')
          .whereRef('evidenceCompetencies.evidenceId', '=', 'evidence.id')
          .where('evidenceCompetencies.competencyId', 'in', uniqueSorted(competencyIds)),
      ),
    );
  }
  if (filter.since !== undefined) query = query.where('evidence.date', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('evidence.date', '<=', filter.until);
  if (filter.kind !== undefined) query = query.where('evidence.kind', '=', filter.kind);
  if (filter.visibility !== undefined) query = query.where('evidence.visibility', '=', filter.visibility);
  const viewerFilter = visibleTo(filter.viewer);
  if (viewerFilter !== undefined) query = query.where(viewerFilter);
  const after = filter.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('evidence.date', 'evidence.createdAt', 'evidence.id'), '<', tuple(after[0], after[1], after[2])),
    );
  }
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  const rows = await query
    .orderBy('evidence.date', 'desc')
    .orderBy('evidence.createdAt', 'desc')
    .orderBy('evidence.id', 'desc')
    .execute();
  return withCompetenciesAndAudience(db, rows);
}

/**
 * A person's live evidence whose id starts with `prefix`, at most `limit`
 * rows: a short id is resolved without reading the whole list.
 */
export async function listEvidenceByIdPrefix(
  db: Kysely<Database>,
  personId: string,
  prefix: string,
  limit: number,
): Promise<EvidenceRecord[]> {
  const rows = await db
    .selectFrom('evidence')
    .selectAll()
    .where('personId', '=', personId)
    .where('deletedAt', 'is', null)
    .where(sql<string>`substr(id, 1, ${prefix.length})`, '=', prefix)
    .orderBy('id')
    .limit(limit)
    .execute();
  return withCompetenciesAndAudience(db, rows);
}

/**
 * Counts a person's evidence per competency, the raw material of a gap
 * analysis. Competencies without evidence are absent from the result.
 */
export async function countEvidenceByCompetency(
  db: Kysely<Database>,
  personId: string,
  options: CountEvidenceOptions = {},
): Promise<Record<string, number>> {
  let query = db
    .selectFrom('evidenceCompetencies')
    .innerJoin('evidence', 'evidence.id', 'evidenceCompetencies.evidenceId')
    .select(({ fn }) => ['evidenceCompetencies.competencyId', fn.countAll().as('evidenceCount')])
    .where('evidence.personId', '=', personId)
    .where('evidence.deletedAt', 'is', null);
  if (options.visibility !== undefined) query = query.where('evidence.visibility', '=', options.visibility);
  const viewerFilter = visibleTo(options.viewer);
  if (viewerFilter !== undefined) query = query.where(viewerFilter);
  if (options.since !== undefined) query = query.where('evidence.date', '>=', options.since);
  if (options.until !== undefined) query = query.where('evidence.date', '<=', options.until);
  const rows = await query.groupBy('evidenceCompetencies.competencyId').execute();
  // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
  return Object.fromEntries(rows.map((r) => [r.competencyId, Number(r.evidenceCount)]));
}

/** Pieces of evidence per competency and day, oldest day first. */
export interface DatedEvidenceCount {
  competencyId: string;
  date: string;
  count: number;
}

/**
 * A person's evidence counted per competency and per day, in one query, so a
 * view over many moments (history) can sum what existed at each of them
 * without a query per moment.
 */
export async function countEvidenceByCompetencyAndDate(
  db: Kysely<Database>,
  personId: string,
  options: Pick<CountEvidenceOptions, 'visibility' | 'viewer'> = {},
): Promise<DatedEvidenceCount[]> {
  let query = db
    .selectFrom('evidenceCompetencies')
    .innerJoin('evidence', 'evidence.id', 'evidenceCompetencies.evidenceId')
    .select(({ fn }) => ['evidenceCompetencies.competencyId', 'evidence.date', fn.countAll().as('evidenceCount')])
    .where('evidence.personId', '=', personId)
    .where('evidence.deletedAt', 'is', null);
  if (options.visibility !== undefined) query = query.where('evidence.visibility', '=', options.visibility);
  const viewerFilter = visibleTo(options.viewer);
  if (viewerFilter !== undefined) query = query.where(viewerFilter);
  const rows = await query
    .groupBy(['evidenceCompetencies.competencyId', 'evidence.date'])
    .orderBy('evidence.date')
    .orderBy('evidenceCompetencies.competencyId')
    .execute();
  return rows.map((r) => ({ competencyId: r.competencyId, date: r.date, count: Number(r.evidenceCount) }));
}

/**
 * The people of these ids that exist, with whether they are active: what a
 * service checks an audience against, in one query per 500 ids.
 */
export async function findPeopleForAudience(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Array<{ id: string; name: string; deactivatedAt: string | null }>> {
  const found: Array<{ id: string; name: string; deactivatedAt: string | null }> = [];
  for (const slice of chunk(uniqueSorted(ids))) {
    found.push(
      ...(await db.selectFrom('people').select(['id', 'name', 'deactivatedAt']).where('id', 'in', slice).execute()),
    );
  }
  return found;
}

/**
 * The condition a row of `evidence` must meet for this reader to see it, or
 * undefined when they see everything: one SQL expression, so a list of any
 * length is filtered in the query that reads it.
 */
function visibleTo(viewer: EvidenceViewer | undefined): Expression<SqlBool> | undefined {
  if (viewer === undefined || viewer.sees === 'all') return undefined;
  const eb = expressionBuilder<Database, 'evidence'>();
  const namesReader = eb.and([
    eb('evidence.visibility', '=', 'people'),
    eb.exists(
      eb
        .selectFrom('evidenceAudience')
        .select('evidenceAudience.evidenceId')
        .whereRef('evidenceAudience.evidenceId', '=', 'evidence.id')
        .where('evidenceAudience.personId', '=', viewer.personId),
    ),
  ]);
  return viewer.inManagerChain ? eb.or([eb('evidence.visibility', '=', 'managers'), namesReader]) : namesReader;
}

async function withCompetenciesAndAudience(db: Kysely<Database>, rows: EvidenceRow[]): Promise<EvidenceRecord[]> {
  const ids = rows.map((r) => r.id);
  const byEvidence = await loadCompetencyIds(db, ids);
  const audiences = await loadAudience(db, ids);
  return rows.map((row) => toRecord(row, byEvidence.get(row.id) ?? [], audiences.get(row.id) ?? []));
}

async function replaceAudience(trx: Kysely<Database>, evidenceId: string, personIds: string[]): Promise<void> {
  await trx.deleteFrom('evidenceAudience').where('evidenceId', '=', evidenceId).execute();
  for (const slice of chunk(uniqueSorted(personIds))) {
    await trx
      .insertInto('evidenceAudience')
      .values(slice.map((personId) => ({ evidenceId, personId })))
      .execute();
  }
}

/** The audience of each piece of evidence, by name: one query per 500 pieces. */
export async function loadAudience(
  db: Kysely<Database>,
  evidenceIds: string[],
): Promise<Map<string, EvidenceAudienceMember[]>> {
  const byEvidence = new Map<string, EvidenceAudienceMember[]>();
  for (const slice of chunk(evidenceIds)) {
    const rows = await db
      .selectFrom('evidenceAudience')
      .innerJoin('people', 'people.id', 'evidenceAudience.personId')
      .select(['evidenceAudience.evidenceId', 'people.id', 'people.name'])
      .where('evidenceAudience.evidenceId', 'in', slice)
      .orderBy('people.nameKey')
      .orderBy('people.id')
      .execute();
    for (const { evidenceId, id, name } of rows) {
      const list = byEvidence.get(evidenceId);
      if (list === undefined) byEvidence.set(evidenceId, [{ id, name }]);
      else list.push({ id, name });
    }
  }
  return byEvidence;
}

async function replaceCompetencies(trx: Kysely<Database>, evidenceId: string, ids: string[]): Promise<string[]> {
  const competencyIds = uniqueSorted(ids);
  await trx.deleteFrom('evidenceCompetencies').where('evidenceId', '=', evidenceId).execute();
  for (const slice of chunk(competencyIds)) {
    await trx
      .insertInto('evidenceCompetencies')
      .values(slice.map((competencyId) => ({ evidenceId, competencyId })))
      .execute();
  }
  return competencyIds;
}

async function loadCompetencyIds(db: Kysely<Database>, evidenceIds: string[]): Promise<Map<string, string[]>> {
  const byEvidence = new Map<string, string[]>();
  for (const slice of chunk(evidenceIds)) {
    const rows = await db
      .selectFrom('evidenceCompetencies')
      .select(['evidenceId', 'competencyId'])
      .where('evidenceId', 'in', slice)
      .execute();
    for (const { evidenceId, competencyId } of rows) {
      const list = byEvidence.get(evidenceId);
      if (list === undefined) byEvidence.set(evidenceId, [competencyId]);
      else list.push(competencyId);
    }
  }
  for (const list of byEvidence.values()) list.sort();
  return byEvidence;
}

function toRecord(row: EvidenceRow, competencyIds: string[], sharedWith: EvidenceAudienceMember[]): EvidenceRecord {
  const { deletedAt: _deletedAt, ...live } = row;
  return { ...live, links: parseLinks(row), competencyIds, sharedWith };
}

function parseLinks(row: EvidenceRow): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.links);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((link) => typeof link === 'string')) {
    throw new Error(`evidence ${row.id}: column links is not a JSON array of strings: ${row.links}`);
  }
  return parsed;
}
