import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DomainError } from '../core/domain-error.js';
import {
  insertAuditEvent,
  listAuditEvents,
  type AuditEventWithNames,
  type AuditFilter,
} from '../store/audit.repository.js';
import type { AuditOutcome, AuditVia, Database } from '../store/schema.js';
import { MAX_PAGE_SIZE, readPage, type Page, type PageRequest } from './paging.js';

/*
 * The audit log: who did or read what, when and from where. Every edge
 * appends to it through `recordAuditEvent`; nothing edits or deletes an event
 * (the database refuses to). Events hold ids only, never content, so the log
 * can be kept after the data it speaks of is gone.
 */

/** One event as an edge describes it; the id and the instant are added here. */
export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectId: string | null;
  target?: { kind: string; id: string } | undefined;
  outcome: AuditOutcome;
  via: AuditVia;
  address: string | null;
  requestId: string | null;
}

/** The most lines one export holds; a longer log is cut, and the last line says so. */
export const MAX_AUDIT_EXPORT_LINES = 100_000;

/** The kind tag of audit cursors. */
const AUDIT_PAGES = 'audit';

/**
 * Appends one event. A failure of any kind becomes `audit_unavailable`, so
 * the change the event records fails with it (the caller's transaction rolls
 * back); a database that is busy or read-only keeps its own code.
 *
 * @throws DomainError `audit_unavailable`, `database_busy` or `database_read_only`.
 */
export async function recordAuditEvent(db: Kysely<Database>, now: Date, entry: AuditEntry): Promise<void> {
  try {
    await insertAuditEvent(db, {
      id: randomUUID(),
      at: now.toISOString(),
      actorId: entry.actorId,
      action: entry.action.slice(0, 100),
      subjectId: entry.subjectId,
      targetKind: entry.target?.kind ?? null,
      targetId: entry.target?.id ?? null,
      outcome: entry.outcome,
      via: entry.via,
      address: entry.address?.slice(0, 100) ?? null,
      requestId: entry.requestId?.slice(0, 200) ?? null,
    });
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'database_busy' || error.code === 'database_read_only')) {
      throw error;
    }
    throw new DomainError('audit_unavailable', 'the audit log could not be written, so nothing was changed; try again');
  }
}

/**
 * One page of the events matching `filter`, newest first: the admin's view
 * of the whole log, and (with a subject) a person's "who has looked at my data".
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export async function listAuditLog(
  db: Kysely<Database>,
  filter: AuditFilter & PageRequest,
): Promise<Page<AuditEventWithNames>> {
  const { limit, cursor, ...only } = filter;
  return readPage(
    AUDIT_PAGES,
    { limit, cursor },
    2,
    (after, max) => listAuditEvents(db, only, { after, limit: max }),
    (row) => [row.at, row.id] as const,
  );
}

/** What an export holds: the events, newest first, and whether the cap cut it. */
export interface AuditExport {
  events: AuditEventWithNames[];
  truncated: boolean;
}

/** Every event matching `filter`, newest first, up to `cap` (MAX_AUDIT_EXPORT_LINES) of them. */
export async function exportAuditLog(
  db: Kysely<Database>,
  filter: AuditFilter,
  cap: number = MAX_AUDIT_EXPORT_LINES,
): Promise<AuditExport> {
  const events: AuditEventWithNames[] = [];
  let after: readonly [string, string] | undefined;
  for (;;) {
    const want = Math.min(MAX_PAGE_SIZE * 10, cap + 1 - events.length);
    const rows = await listAuditEvents(db, filter, { after, limit: want });
    for (const row of rows) events.push(row);
    const last = rows.at(-1);
    if (rows.length < want || last === undefined || events.length > cap) break;
    after = [last.at, last.id];
  }
  if (events.length <= cap) return { events, truncated: false };
  return { events: events.slice(0, cap), truncated: true };
}

/**
 * The `from` and `to` of a filter as stored instants: a date is midnight UTC,
 * an instant with an offset is turned to UTC.
 *
 * @throws DomainError `input_invalid` naming the field of a date that does not exist (2026-02-30).
 */
export function instantOfFilter(value: string | undefined, field: 'from' | 'to'): string | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  const sameDay = !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value.slice(0, 10);
  if (Number.isNaN(parsed.getTime()) || (value.length === 10 && !sameDay)) {
    const message = `"${value}" is not a date or instant that exists; use one like 2026-03-01 or 2026-03-01T09:00:00Z`;
    throw new DomainError('input_invalid', message, [{ path: [field], message }]);
  }
  return parsed.toISOString();
}
