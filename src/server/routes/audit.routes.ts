import { getPerson } from '../../services/person.service.js';
import { exportAuditLog, instantOfFilter, listAuditLog, MAX_AUDIT_EXPORT_LINES } from '../../services/audit.service.js';
import { AuditExportQuery, AuditPage, AuditQuery, PersonAuditQuery, PersonParams } from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentAuditEvent, presentAuditExport } from '../presenters/audit.presenter.js';
import { presentPage } from '../presenters/page.presenter.js';
import { defineRoute, type Route } from '../route.js';

/** The query's filters in the store's words, with `from` and `to` as UTC instants. */
function filterOf(query: { actor?: string; subject?: string; action?: string; from?: string; to?: string }) {
  return {
    actorId: query.actor,
    subjectId: query.subject,
    action: query.action,
    from: instantOfFilter(query.from, 'from'),
    to: instantOfFilter(query.to, 'to'),
  };
}

/** The audit log: "who has looked at my data" for each person, and the whole log for admins. */
export const auditRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId/audit',
    operationId: 'listPersonAudit',
    tag: 'audit',
    summary: 'Who has looked at my data, a page at a time',
    description:
      "What other people (and requests before sign-in) did with or read of this person's data, refusals included, newest first, with the actors' names. The person themself only.",
    authenticate: signedIn,
    params: PersonParams,
    query: PersonAuditQuery,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const person = await getPerson(app.db, params.personId);
      return permit(policy.readOwnData(actor, person), person);
    },
    handle: ({ app, loaded, query }) =>
      listAuditLog(app.db, { subjectId: loaded.id, notActorId: loaded.id, limit: query.limit, cursor: query.cursor }),
    present: (page) => presentPage(page, presentAuditEvent),
    audit: { subject: ({ loaded }) => loaded.id },
    response: { status: 200, description: 'A page of events, newest first.', schema: AuditPage },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/audit',
    operationId: 'listAuditEvents',
    tag: 'audit',
    summary: 'The audit log, filtered, a page at a time',
    description:
      "Every change, every read of someone else's data and every refusal, newest first. Admins only. `from` is inclusive, `to` exclusive; a date means midnight UTC. Reading the log is itself logged.",
    authenticate: signedIn,
    query: AuditQuery,
    errors: [403, 503],
    authorize: async ({ actor }) => permit(policy.readAuditLog(actor), undefined),
    handle: ({ app, query }) => listAuditLog(app.db, { ...filterOf(query), limit: query.limit, cursor: query.cursor }),
    present: (page) => presentPage(page, presentAuditEvent),
    audit: { subject: ({ query }) => query.subject ?? null, reads: 'always' },
    response: { status: 200, description: 'A page of events, newest first.', schema: AuditPage },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/audit/export',
    operationId: 'exportAuditEvents',
    tag: 'audit',
    summary: 'The audit log as JSON Lines',
    description: `The events the filters select, one JSON object a line, newest first, at most ${MAX_AUDIT_EXPORT_LINES.toLocaleString('en')}; when there are more, the last line is \`{"truncated":true,"message":…}\`. Admins only.`,
    authenticate: signedIn,
    query: AuditExportQuery,
    errors: [403, 503],
    authorize: async ({ actor }) => permit(policy.readAuditLog(actor), undefined),
    handle: async ({ app, query, reply }) => {
      reply.header('content-disposition', 'attachment; filename="longhaul-audit.jsonl"');
      return exportAuditLog(app.db, filterOf(query));
    },
    present: ({ events, truncated }) => presentAuditExport(events, truncated, MAX_AUDIT_EXPORT_LINES),
    audit: { subject: ({ query }) => query.subject ?? null, reads: 'always' },
    response: {
      status: 200,
      description: 'One event a line (application/x-ndjson).',
      contentType: 'application/x-ndjson',
    },
  }),
];
