import { api } from '../api-client.js';
import { auditExportHref, auditQuery, NO_AUDIT_FILTERS, readAuditFilters, type AuditFilters } from '../audit-view.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { formatDateTime } from '../format.js';
import { ShowMore } from '../components/show-more.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { navigate, useLocation } from '../history-store.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { useSession } from '../session.js';
import { useResource } from '../use-resource.js';

const FIELDS: ReadonlyArray<{ name: keyof AuditFilters; label: string; type: 'text' | 'date' }> = [
  { name: 'actor', label: 'Actor (person id)', type: 'text' },
  { name: 'subject', label: 'Subject (person id)', type: 'text' },
  { name: 'action', label: 'Action', type: 'text' },
  { name: 'from', label: 'From date', type: 'date' },
  { name: 'to', label: 'Before date', type: 'date' },
];

/**
 * `/admin/audit`: the whole audit log for admins, filtered by actor, subject,
 * action and dates kept in the address bar, with the JSON Lines export of
 * what the filters select.
 */
export function AuditLogPage() {
  const { me } = useSession();
  // Checked before anything is asked of the server: a refused read would only add a refusal to the log.
  if (!me.isAdmin) {
    return (
      <Page title="Audit log">
        <p>
          Only an admin can read the audit log. What concerns you is under{' '}
          <Link href="/settings/data/access">Who has looked at your data</Link>.
        </p>
      </Page>
    );
  }
  return <AuditLogScreen />;
}

function AuditLogScreen() {
  const { search } = useLocation();
  const filters = readAuditFilters(search);
  const listKey = `audit:${auditQuery(filters)}`;
  const { pages, showMore } = usePageCount(listKey);
  const list = useResource(`${listKey}:${pages}`, () =>
    loadPages((cursor) => api.listAuditEvents(filters, { cursor }), pages),
  );
  const setFilters = (next: AuditFilters) => navigate(`/admin/audit${auditQuery(next)}`, { replace: true });
  const loaded = list.status === 'ready' ? list.data : list.status === 'loading' ? list.previous : undefined;
  const filtered = auditQuery(filters) !== '';
  return (
    <Page
      title="Audit log"
      lead={
        <p>Every change, every read of someone else&apos;s data and every refusal, newest first. Nobody can edit it.</p>
      }
      actions={
        <a className="button button--secondary" href={auditExportHref(filters)} download="longhaul-audit.jsonl">
          Export as JSON Lines
        </a>
      }
    >
      <form
        role="search"
        aria-label="Filter the audit log"
        className="filters"
        onSubmit={(event) => event.preventDefault()}
      >
        {FIELDS.map((field) => (
          <div className="field" key={field.name}>
            <label htmlFor={`audit-${field.name}`}>{field.label}</label>
            <input
              id={`audit-${field.name}`}
              type={field.type}
              value={filters[field.name]}
              onChange={(event) => setFilters({ ...filters, [field.name]: event.target.value })}
            />
          </div>
        ))}
        {filtered ? (
          <button type="button" className="button button--quiet" onClick={() => setFilters(NO_AUDIT_FILTERS)}>
            Clear filters
          </button>
        ) : null}
      </form>
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {loaded === undefined ? (
        list.status === 'loading' ? (
          <Loading label="Loading the audit log…" />
        ) : null
      ) : loaded.items.length === 0 ? (
        <p className="muted">{filtered ? 'No event matches these filters.' : 'The audit log is empty.'}</p>
      ) : (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit events">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Whose data</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {loaded.items.map((event) => (
                  <tr key={event.id}>
                    <td>{formatDateTime(event.at, { seconds: true })}</td>
                    <td>{event.actorName ?? event.actorId ?? 'not signed in'}</td>
                    <td>
                      {event.action}
                      {event.targetKind === null ? null : (
                        <span className="muted">
                          {' '}
                          ({event.targetKind} {event.targetId})
                        </span>
                      )}
                    </td>
                    <td>{event.subjectName ?? event.subjectId ?? '—'}</td>
                    <td>{event.outcome}</td>
                    <td>
                      {event.via}
                      {event.address === null ? '' : `, ${event.address}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {loaded.more ? (
            <ShowMore
              label="Show older events"
              loadingLabel="Loading older events…"
              loading={list.status === 'loading'}
              onMore={showMore}
            />
          ) : null}
        </>
      )}
    </Page>
  );
}
