import type { Kysely } from 'kysely';
import { runInTransaction } from './database.js';
import { chunk, newId, nowIso } from './row-values.js';
import type { AssessmentKind, AssessmentRow, Database, RatingRow } from './schema.js';

/** One competency's rating inside an assessment; the assessment id is implied. */
export type AssessmentRating = Omit<RatingRow, 'assessmentId'>;

/** An assessment with its ratings, sorted by competency id. */
export type AssessmentRecord = AssessmentRow & { ratings: AssessmentRating[] };

/** What is needed to record an assessment. The store trusts its caller: check ids and ratings in the service. */
export interface InsertAssessmentInput {
  /** The person assessed. */
  personId: string;
  /** The person assessing; equal to `personId` for a self-assessment. */
  assessorId: string;
  kind: AssessmentKind;
  /** With `ladderHash`, a ladder version already saved with saveLadderVersion. */
  ladderId: string;
  ladderHash: string;
  trackId: string;
  note?: string | null;
  /** ISO-8601 instant the assessment was made, for importing or seeding history; defaults to now. */
  createdAt?: string;
  /** At most one rating per competency; a repeated competency makes the whole insert fail. */
  ratings: { competencyId: string; rating: string; note?: string | null }[];
}

/** Narrows which assessments of a person are meant. */
export interface AssessmentFilter {
  kind?: AssessmentKind;
  /** Only assessments made on this track: ratings carry forward within a track, never across. */
  trackId?: string;
  /** `oldest` first (the default, the order history is built in) or `newest` first (what a list shows). */
  order?: 'oldest' | 'newest';
  /** Only assessments listed after this position in that order: the (createdAt, id) of the previous page's last row. */
  after?: readonly [createdAt: string, id: string];
  /** At most this many assessments; every one when left out. */
  limit?: number;
}

/** Records an assessment and all its ratings atomically. */
export async function insertAssessment(db: Kysely<Database>, input: InsertAssessmentInput): Promise<AssessmentRecord> {
  return runInTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('assessments')
      .values({
        id: newId(),
        personId: input.personId,
        assessorId: input.assessorId,
        kind: input.kind,
        ladderId: input.ladderId,
        ladderHash: input.ladderHash,
        trackId: input.trackId,
        createdAt: input.createdAt ?? nowIso(),
        note: input.note ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const ratings = input.ratings.map((r) => ({
      competencyId: r.competencyId,
      rating: r.rating,
      note: r.note ?? null,
    }));
    for (const slice of chunk(ratings)) {
      await trx
        .insertInto('ratings')
        .values(slice.map((r) => ({ ...r, assessmentId: row.id })))
        .execute();
    }
    return { ...row, ratings: sortRatings(ratings) };
  });
}

/** The most recent assessment of a person (optionally of one kind, on one track): where they stand now. */
export async function findLatestAssessment(
  db: Kysely<Database>,
  personId: string,
  filter: AssessmentFilter = {},
): Promise<AssessmentRecord | undefined> {
  const row = await latestOf(db, personId, filter).selectAll().executeTakeFirst();
  if (row === undefined) return undefined;
  const ratings = (await loadRatings(db, [row.id])).get(row.id) ?? [];
  return { ...row, ratings };
}

/**
 * The track of a person's most recent assessment (optionally of one kind),
 * without reading its ratings: the track a person is on until they are
 * assessed on another. Undefined when they were never assessed.
 */
export async function findLatestTrackId(
  db: Kysely<Database>,
  personId: string,
  filter: Pick<AssessmentFilter, 'kind'> = {},
): Promise<string | undefined> {
  const row = await latestOf(db, personId, filter).select('trackId').executeTakeFirst();
  return row?.trackId;
}

/**
 * Takes the write lock on a person's assessments for the rest of the
 * transaction `trx`, so two assessments recorded at once each carry the
 * other's ratings forward instead of one silently dropping them. PostgreSQL
 * locks the person's row; SQLite takes its database write lock at this first
 * write rather than failing to upgrade a read lock later.
 */
export async function lockAssessmentsOf(trx: Kysely<Database>, personId: string): Promise<void> {
  await trx
    .updateTable('people')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', personId)
    .execute();
}

function latestOf(db: Kysely<Database>, personId: string, filter: AssessmentFilter) {
  let query = db.selectFrom('assessments').where('personId', '=', personId);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.trackId !== undefined) query = query.where('trackId', '=', filter.trackId);
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(1);
}

/**
 * A person's assessments, oldest first unless the filter asks for newest
 * first, with their ratings: the history of how their level was seen, or one
 * page of it. Ratings come in one query per 500 assessments.
 */
export async function listAssessments(
  db: Kysely<Database>,
  personId: string,
  filter: AssessmentFilter = {},
): Promise<AssessmentRecord[]> {
  let query = db.selectFrom('assessments').selectAll().where('personId', '=', personId);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.trackId !== undefined) query = query.where('trackId', '=', filter.trackId);
  const direction = filter.order === 'newest' ? 'desc' : 'asc';
  const after = filter.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('createdAt', 'id'), direction === 'desc' ? '<' : '>', tuple(after[0], after[1])),
    );
  }
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  const rows = await query.orderBy('createdAt', direction).orderBy('id', direction).execute();
  const byAssessment = await loadRatings(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, ratings: byAssessment.get(row.id) ?? [] }));
}

async function loadRatings(db: Kysely<Database>, assessmentIds: string[]): Promise<Map<string, AssessmentRating[]>> {
  const byAssessment = new Map<string, AssessmentRating[]>();
  for (const slice of chunk(assessmentIds)) {
    const rows = await db.selectFrom('ratings').selectAll().where('assessmentId', 'in', slice).execute();
    for (const { assessmentId, ...rating } of rows) {
      const list = byAssessment.get(assessmentId);
      if (list === undefined) byAssessment.set(assessmentId, [rating]);
      else list.push(rating);
    }
  }
  for (const list of byAssessment.values()) sortRatings(list);
  return byAssessment;
}

function sortRatings(ratings: AssessmentRating[]): AssessmentRating[] {
  return ratings.sort((a, b) => (a.competencyId < b.competencyId ? -1 : a.competencyId > b.competencyId ? 1 : 0));
}
