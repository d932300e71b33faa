import type { Kysely } from 'kysely';
import { runInTransaction } from './database.js';
import { loadAudience, type EvidenceAudienceMember } from './evidence.repository.js';
import { chunk } from './row-values.js';
import type { Database, EvidenceRow } from './schema.js';

/*
 * A person's rights over their data: read everything stored about them in one
 * go, and delete it. The audit log is not touched: it holds ids only and keeps
 * the fact that the deletion happened.
 */

/** A piece of evidence as stored, deleted ones included, with the competencies it supports. */
export type StoredEvidence = EvidenceRow & { competencyIds: string[]; sharedWith: EvidenceAudienceMember[] };

/** Every piece of evidence of a person, softly deleted ones included, oldest first. */
export async function listAllEvidenceOf(db: Kysely<Database>, personId: string): Promise<StoredEvidence[]> {
  const rows = await db
    .selectFrom('evidence')
    .selectAll()
    .where('personId', '=', personId)
    .orderBy('date', 'asc')
    .orderBy('createdAt', 'asc')
    .orderBy('id', 'asc')
    .execute();
  const byEvidence = new Map<string, string[]>();
  for (const slice of chunk(rows.map((row) => row.id))) {
    const links = await db.selectFrom('evidenceCompetencies').selectAll().where('evidenceId', 'in', slice).execute();
    for (const link of links)
      byEvidence.set(link.evidenceId, [...(byEvidence.get(link.evidenceId) ?? []), link.competencyId]);
  }
  const audience = await loadAudience(
    db,
    rows.filter((row) => row.visibility === 'people').map((row) => row.id),
  );
  return rows.map((row) => ({
    ...row,
    competencyIds: (byEvidence.get(row.id) ?? []).sort(),
    sharedWith: audience.get(row.id) ?? [],
  }));
}

/** How many assessments a person recorded of somebody else: those are the other person's data, not theirs. */
export async function countAssessmentsRecordedOfOthers(db: Kysely<Database>, personId: string): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('assessorId', '=', personId)
    .where('personId', '!=', personId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** How many active admins there are besides `personId`. */
export async function countOtherActiveAdmins(db: Kysely<Database>, personId: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('isAdmin', '=', 1)
    .where('deactivatedAt', 'is', null)
    .where('id', '!=', personId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Deletes a person and everything stored about them, in one transaction: their
 * sessions, API tokens, reset links and account, their evidence, the
 * assessments of them (with their ratings), and the person; the people they
 * managed keep their place but lose their manager. The caller checks first
 * that nobody else's data still points at them (assessments they recorded).
 */
export async function deletePersonAndData(db: Kysely<Database>, personId: string): Promise<void> {
  await runInTransaction(db, async (trx) => {
    await trx.updateTable('people').set({ managerId: null }).where('managerId', '=', personId).execute();
    await trx.updateTable('passwordResets').set({ createdBy: null }).where('createdBy', '=', personId).execute();
    await trx.deleteFrom('sessions').where('personId', '=', personId).execute();
    await trx.deleteFrom('apiTokens').where('personId', '=', personId).execute();
    await trx.deleteFrom('passwordResets').where('personId', '=', personId).execute();
    await trx.deleteFrom('accounts').where('personId', '=', personId).execute();
    const assessments = trx.selectFrom('assessments').select('id').where('personId', '=', personId);
    await trx.deleteFrom('ratings').where('assessmentId', 'in', assessments).execute();
    await trx.deleteFrom('assessments').where('personId', '=', personId).execute();
    const evidence = trx.selectFrom('evidence').select('id').where('personId', '=', personId);
    await trx.deleteFrom('evidenceCompetencies').where('evidenceId', 'in', evidence).execute();
    await trx.deleteFrom('evidence').where('personId', '=', personId).execute();
    await trx.deleteFrom('people').where('id', '=', personId).execute();
  });
}
