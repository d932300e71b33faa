import type { Kysely } from 'kysely';
import type { AuditEventRow, Database, NewAuditEventRow } from './schema.js';

/** Which events a list holds: all of them, or those matching every filter given. */
export interface AuditFilter {
  actorId?: string;
  subjectId?: string;
  /** Leave out what this person did themself: "who has looked at my data" is about the others. */
  notActorId?: string;
  action?: string;
  /** ISO-8601 instant: events at or after it. */
  from?: string;
  /** ISO-8601 instant: events before it. */
  to?: string;
}

/** An audit event with the names of its actor and subject, where they still exist. */
export type AuditEventWithNames = AuditEventRow & { actorName: string | null; subjectName: string | null };

/** Appends one event; the table accepts nothing else (its triggers refuse UPDATE and DELETE). */
export async function insertAuditEvent(db: Kysely<Database>, row: NewAuditEventRow): Promise<void> {
  await db.insertInto('auditEvents').values(row).execute();
}

/** Events matching `filter`, newest first, after the key `after` (`[at, id]`), at most `limit`. */
export async function listAuditEvents(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { after?: readonly [at: string, id: string]; limit?: number } = {},
): Promise<AuditEventWithNames[]> {
  let query = db
    .selectFrom('auditEvents as e')
    .leftJoin('people as actor', 'actor.id', 'e.actorId')
    .leftJoin('people as subject', 'subject.id', 'e.subjectId')
    .selectAll('e')
    .select(['actor.name as actorName', 'subject.name as subjectName']);
  if (filter.actorId !== undefined) query = query.where('e.actorId', '=', filter.actorId);
  if (filter.subjectId !== undefined) query = query.where('e.subjectId', '=', filter.subjectId);
  if (filter.notActorId !== undefined) {
    const self = filter.notActorId;
    query = query.where((eb) => eb.or([eb('e.actorId', 'is', null), eb('e.actorId', '!=', self)]));
  }
  if (filter.action !== undefined) query = query.where('e.action', '=', filter.action);
  if (filter.from !== undefined) query = query.where('e.at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('e.at', '<', filter.to);
  const after = page.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('e.at', 'e.id'), '<', tuple(after[0], after[1])));
  }
  if (page.limit !== undefined) query = query.limit(page.limit);
  return query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').execute();
}
