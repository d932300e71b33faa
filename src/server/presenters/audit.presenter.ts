import type { AuditEventWithNames } from '../../store/audit.repository.js';
import type { AuditEvent } from '../api-contract.js';

/** An audit event as the API shows it: ids, names where the people still exist, never content. */
export function presentAuditEvent(event: AuditEventWithNames): AuditEvent {
  return {
    id: event.id,
    at: event.at,
    actorId: event.actorId,
    actorName: event.actorName,
    action: event.action,
    subjectId: event.subjectId,
    subjectName: event.subjectName,
    targetKind: event.targetKind,
    targetId: event.targetId,
    outcome: event.outcome,
    via: event.via,
    address: event.address,
    requestId: event.requestId,
  };
}

/**
 * The log as JSON Lines, one event a line, newest first. When the export was
 * cut at its cap, the last line says so, so a reader cannot take a part for
 * the whole.
 */
export function presentAuditExport(events: readonly AuditEventWithNames[], truncated: boolean, cap: number): string {
  const lines = events.map((event) => JSON.stringify(presentAuditEvent(event)));
  if (truncated) {
    lines.push(
      JSON.stringify({
        truncated: true,
        message: `the export stops at ${cap.toLocaleString('en')} events; narrow it with from, to, actor, subject or action`,
      }),
    );
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
