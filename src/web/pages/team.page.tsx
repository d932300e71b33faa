import type { Report } from '../../server/api-contract.js';
import { api } from '../api-client.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { ShowMore } from '../components/show-more.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { formatDate, pluralise } from '../format.js';
import { useLocation } from '../history-store.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { readinessPercent } from '../progress-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { useResource } from '../use-resource.js';
import { hrefWith, readParam } from '../url-state.js';

/** Reports read per page; a manager of eight sees them all at once. */
const TEAM_PAGE_SIZE = 50;

/**
 * My team (`/team`, `/team?scope=all`): the people who report to me, or
 * everyone beneath me, each with the level their ratings show, how far along
 * the next level they are, and when they were last assessed. Each name opens
 * their progress through the same screens as my own.
 */
export function TeamPage() {
  const { me } = useSession();
  const { search } = useLocation();
  const scope = readParam(search, 'scope') === 'all' ? 'all' : 'direct';
  const listKey = `team:${me.person.id}:${scope}`;
  const { pages, showMore } = usePageCount(listKey);
  const reports = useResource(`${listKey}:${pages}`, () =>
    loadPages((cursor) => api.listReports(me.person.id, scope, { cursor, limit: TEAM_PAGE_SIZE }), pages),
  );
  const lead = (
    <p>
      Where each person stands, from their latest assessment. Open a name to see their progress, the evidence they share
      with you and their history.
    </p>
  );
  const loaded =
    reports.status === 'ready' ? reports.data : reports.status === 'loading' ? reports.previous : undefined;
  let body;
  if (reports.status === 'error') body = <ErrorView error={reports.error} onRetry={reports.reload} />;
  else if (loaded === undefined) body = <Loading label="Loading your team…" />;
  else if (loaded.items.length === 0) {
    body = (
      <div className="empty-state">
        <p>Nobody reports to you in Longhaul yet. An admin sets who manages whom when they import the organisation.</p>
      </div>
    );
  } else {
    body = (
      <>
        <div className="table-scroll">
          <table className="team-table stack-table">
            <caption className="visually-hidden">
              {scope === 'all' ? 'Everyone beneath you' : 'Your direct reports'}, by name
            </caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Level shown</th>
                <th scope="col">Toward the next level</th>
                <th scope="col">Last assessed</th>
              </tr>
            </thead>
            <tbody>
              {loaded.items.map((report) => (
                <ReportRow key={report.person.id} report={report} showDepth={scope === 'all'} />
              ))}
            </tbody>
          </table>
        </div>
        {loaded.more ? (
          <ShowMore
            label="Show more people"
            loadingLabel="Loading more people…"
            loading={reports.status === 'loading'}
            onMore={showMore}
          />
        ) : null}
      </>
    );
  }
  return (
    <Page title="My team" lead={lead}>
      <nav className="segmented" aria-label="Who to show">
        <Link href="/team" aria-current={scope === 'direct' ? 'page' : undefined}>
          Direct reports
        </Link>
        <Link href={hrefWith('/team', { scope: 'all' })} aria-current={scope === 'all' ? 'page' : undefined}>
          Everyone beneath me
        </Link>
      </nav>
      {loaded === undefined || loaded.items.length === 0 ? null : (
        <p className="muted">
          {pluralise(loaded.items.length, 'person', 'people')}
          {loaded.more ? ' so far' : ''}
        </p>
      )}
      {body}
    </Page>
  );
}

function ReportRow({ report, showDepth }: { report: Report; showDepth: boolean }) {
  const { person } = report;
  const about = [person.title, person.team].filter((part) => part !== null && part !== '').join(', ');
  const percent = report.readiness === null ? null : readinessPercent(report.readiness, false);
  return (
    <tr>
      <th scope="row">
        <Link href={pathOf('people', person.id)}>{person.name}</Link>
        {about === '' ? null : <span className="team-table__about">{about}</span>}
        {showDepth && report.depth > 1 ? (
          <span className="team-table__about">
            {report.depth === 2 ? 'Reports to one of your reports' : `${report.depth - 1} levels down`}
          </span>
        ) : null}
      </th>
      <td data-label="Level shown">
        {report.assessedAt === null ? (
          <span className="muted">Not assessed yet</span>
        ) : (
          (report.demonstrated?.title ?? 'Below the first level')
        )}
      </td>
      <td data-label="Toward the next level">
        {report.next === null ? (
          <span className="muted">At the top of the track</span>
        ) : percent === null || report.assessedAt === null ? (
          <span className="muted">—</span>
        ) : (
          <>
            <meter min={0} max={100} value={percent} aria-label={`${percent}% of the way to ${report.next.title}`} />{' '}
            {percent}% of {report.next.title}
          </>
        )}
      </td>
      <td data-label="Last assessed">
        {report.assessedAt === null ? (
          <span className="muted">Never</span>
        ) : (
          <time dateTime={report.assessedAt}>{formatDate(report.assessedAt)}</time>
        )}
      </td>
    </tr>
  );
}
