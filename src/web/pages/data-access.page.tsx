import type { AuditEvent } from '../../server/api-contract.js';
import { api } from '../api-client.js';
import { describeAccess, describeVia } from '../audit-view.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { formatDateTime } from '../format.js';
import { ShowMore } from '../components/show-more.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { useSession } from '../session.js';
import { useResource } from '../use-resource.js';

/**
 * `/settings/data/access`: who has looked at the signed-in person's data,
 * changed it or been refused, newest first, from the audit log.
 */
export function DataAccessPage() {
  const { me } = useSession();
  const listKey = `data-access:${me.person.id}`;
  const { pages, showMore } = usePageCount(listKey);
  const list = useResource(`${listKey}:${pages}`, () =>
    loadPages((cursor) => api.listPersonAudit(me.person.id, { cursor }), pages),
  );
  const loaded = list.status === 'ready' ? list.data : list.status === 'loading' ? list.previous : undefined;
  return (
    <Page
      title="Who has looked at your data"
      lead={
        <p>
          Everyone else who read or changed your data, or was refused, newest first.{' '}
          <Link href="/settings/data">Your data</Link>
        </p>
      }
    >
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {loaded === undefined ? (
        list.status === 'loading' ? (
          <Loading label="Loading who has looked at your data…" />
        ) : null
      ) : loaded.items.length === 0 ? (
        <p className="muted">Nobody else has looked at your data yet.</p>
      ) : (
        <>
          <ul className="credential-list" aria-label="Who has looked at your data">
            {loaded.items.map((event) => (
              <AccessItem key={event.id} event={event} />
            ))}
          </ul>
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

function AccessItem({ event }: { event: AuditEvent }) {
  return (
    <li>
      <p className="credential-list__name">
        {describeAccess(event)}
        {event.outcome === 'refused' ? <span className="badge">Refused</span> : null}
      </p>
      <p className="muted">
        {formatDateTime(event.at)}, {describeVia(event.via)}
        {event.address === null ? '' : ` from ${event.address}`}.
      </p>
    </li>
  );
}
