import { useSyncExternalStore } from 'react';
import type { HistoryEntry } from '../../server/api-contract.js';
import { api } from '../api-client.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { ShowMore } from '../components/show-more.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { TrendChart } from '../components/trend-chart.js';
import { formatDate, formatShortDate, pluralise } from '../format.js';
import { navigate, useLocation } from '../history-store.js';
import {
  competencySeries,
  demonstratedSeries,
  describeChange,
  entriesOfKind,
  ratingChanges,
  readHistoryKind,
  readShownLines,
  writeShownLines,
  type HistoryKind,
} from '../history-view.js';
import { trackOf } from '../ladder-view.js';
import { useSession } from '../session.js';
import { PersonNav } from '../components/person-nav.js';
import { SubjectScreen } from '../components/subject-screen.js';
import type { Subject } from '../subject.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { useApiChanges, useResource } from '../use-resource.js';
import { hrefWith, readParam } from '../url-state.js';

/** Assessments per page: a few years of a busy cycle, so most people never need a second page. */
const HISTORY_PAGE_SIZE = 100;

/** The width below which the chart is drawn compact and the table reads as one card per assessment (styles.css agrees). */
const NARROW = '(max-width: 40rem)';

/** Whether the window is as narrow as a phone, following changes as it is resized or turned. */
function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

/**
 * My assessments over time (`/history?lines=design,scope`): a trend chart of
 * the demonstrated level with optional thin lines per competency, and the
 * assessments, newest first, with what each one changed and the notes
 * written with the ratings. On a phone the chart is drawn to fit and each
 * assessment is a card, so nothing scrolls sideways.
 */
export function HistoryPage({ personId }: { personId?: string } = {}) {
  return (
    <SubjectScreen personId={personId} title="History">
      {(subject) => <SubjectHistory subject={subject} />}
    </SubjectScreen>
  );
}

function SubjectHistory({ subject }: { subject: Subject }) {
  const changes = useApiChanges();
  const title = subject.isMe ? 'History' : `${subject.name}'s history`;
  const listKey = `history:${subject.id}`;
  const { pages, showMore } = usePageCount(listKey);
  const history = useResource(`${listKey}:${pages}:${changes}`, () =>
    loadPages((cursor) => api.getHistory(subject.id, { cursor, limit: HISTORY_PAGE_SIZE }), pages),
  );
  if (history.status === 'error') {
    return (
      <Page title={title}>
        <PersonNav subject={subject} current="history" />
        <ErrorView error={history.error} onRetry={history.reload} />
      </Page>
    );
  }
  const loaded = history.status === 'ready' ? history.data : history.previous;
  if (loaded === undefined) {
    return (
      <Page title={title}>
        <Loading label={subject.isMe ? 'Loading your assessments…' : `Loading ${subject.name}'s assessments…`} />
      </Page>
    );
  }
  if (loaded.items.length === 0) {
    return (
      <Page title={title}>
        <PersonNav subject={subject} current="history" />
        <div className="empty-state">
          {subject.isMe ? (
            <>
              <p>Your history starts with your first self-assessment.</p>
              <p>
                <Link className="button" href="/assess">
                  Start my self-assessment
                </Link>
              </p>
            </>
          ) : (
            <p>{subject.name} has no assessments yet; their history starts with their first self-assessment.</p>
          )}
        </div>
      </Page>
    );
  }
  // The server pages newest first; the chart and the change list read oldest first.
  return (
    <HistoryView
      subject={subject}
      all={[...loaded.items].reverse()}
      more={loaded.more}
      loadingMore={history.status === 'loading'}
      onMore={showMore}
    />
  );
}

function HistoryView({
  subject,
  all,
  more,
  loadingMore,
  onMore,
}: {
  subject: Subject;
  /** The assessments read so far, oldest first. */
  all: HistoryEntry[];
  more: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  const { ladder } = useSession();
  const { pathname, search } = useLocation();
  const narrow = useNarrowScreen();
  const kind = readHistoryKind(readParam(search, 'kind'), all);
  const entries = entriesOfKind(all, kind);
  const latest = entries[entries.length - 1];
  const track = trackOf(ladder, latest?.trackId);
  const levelIds = track.levels.map((l) => l.id);
  const demonstrated = demonstratedSeries(entries, levelIds);
  // Lines in ladder order, so the legend reads like the ladder; competencies the ladder dropped go last.
  const order = ladder.competencies.map((c) => c.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const series = competencySeries(entries).sort((a, b) => rank(a.id) - rank(b.id));
  const knownIds = series.map((s) => s.id);
  const shown = readShownLines(readParam(search, 'lines'), knownIds);
  const changes = ratingChanges(entries);

  const setQuery = (next: { kind?: HistoryKind; lines?: string[] }) =>
    navigate(
      hrefWith(pathname, {
        kind: next.kind ?? readParam(search, 'kind'),
        lines: writeShownLines(next.lines ?? shown, knownIds),
      }),
      { replace: true },
    );
  const setShown = (lines: string[]) => setQuery({ lines });
  const toggle = (id: string) => setShown(shown.includes(id) ? shown.filter((s) => s !== id) : [...shown, id]);

  const first = entries[0];
  const latestLevel = latest?.demonstrated?.title ?? 'no level yet';
  const noun = kind === 'self' ? 'self-assessment' : kind === 'manager' ? 'manager assessment' : 'assessment';
  const description = `${pluralise(entries.length, noun)}${
    first === undefined || latest === undefined
      ? ''
      : ` from ${formatDate(first.createdAt)} to ${formatDate(latest.createdAt)}`
  }. The latest demonstrates ${latestLevel}. The table below the chart lists ${more ? 'each of them' : 'every assessment'}.`;

  return (
    <Page
      title={subject.isMe ? 'History' : `${subject.name}'s history`}
      lead={<p>{subject.isMe ? 'Your' : 'Their'} assessments over time, and what each one changed.</p>}
    >
      <PersonNav subject={subject} current="history" />
      <div className="field field--inline">
        <label htmlFor="history-kind">Show</label>
        <select
          id="history-kind"
          value={kind}
          onChange={(event) => setQuery({ kind: readHistoryKind(event.target.value, all) })}
        >
          <option value="self">Self-assessments</option>
          <option value="manager">Manager assessments</option>
          <option value="all">All assessments</option>
        </select>
      </div>
      {entries.length === 0 ? (
        <p className="empty-state">There are no {noun}s yet.</p>
      ) : (
        <>
          <section className="panel" aria-labelledby="trend-heading">
            <h2 id="trend-heading">Levels over time</h2>
            <TrendChart
              entries={entries.map((e) => ({
                id: e.assessmentId,
                time: Date.parse(e.createdAt),
                dateText: formatDate(e.createdAt),
                shortDateText: formatShortDate(e.createdAt),
              }))}
              steps={track.levels.map((l) => l.title)}
              demonstrated={{ id: 'demonstrated', title: 'Demonstrated level', values: demonstrated }}
              competencies={series.map((s, colour) => ({ ...s, colour })).filter((s) => shown.includes(s.id))}
              description={description}
              compact={narrow}
            />
            <fieldset className="legend-toggles">
              <legend>Lines on the chart</legend>
              <p className="legend-item">
                <span className="swatch swatch--main" aria-hidden="true" /> Demonstrated level (always shown)
              </p>
              <div className="legend-toggles__list">
                {series.map((s, colour) => (
                  <label key={s.id} className="choice">
                    <input type="checkbox" checked={shown.includes(s.id)} onChange={() => toggle(s.id)} />
                    <span className={`swatch swatch--series series-${colour % 12}`} aria-hidden="true" />
                    <span>{s.title}</span>
                  </label>
                ))}
              </div>
              <p className="button-row">
                <button type="button" className="button button--quiet button--small" onClick={() => setShown(knownIds)}>
                  Show every competency
                </button>
                <button type="button" className="button button--quiet button--small" onClick={() => setShown([])}>
                  Hide every competency
                </button>
              </p>
            </fieldset>
          </section>

          <section aria-labelledby="assessments-heading">
            <h2 id="assessments-heading">Assessments</h2>
            <div className="table-scroll">
              <table className="history-table stack-table">
                <caption className="visually-hidden">
                  {subject.isMe ? 'Your' : `${subject.name}'s`} {noun}s, newest first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Demonstrated level</th>
                    <th scope="col">What changed since the previous one</th>
                  </tr>
                </thead>
                <tbody>
                  {entries
                    .map((entry, i) => ({ entry, changed: changes[i] ?? [] }))
                    .reverse()
                    .map(({ entry, changed }) => (
                      <tr key={entry.assessmentId}>
                        <th scope="row">
                          <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time>
                        </th>
                        <td data-label="Kind">{entry.kind === 'self' ? 'Self' : 'Manager'}</td>
                        <td data-label="Demonstrated level">{entry.demonstrated?.title ?? 'None yet'}</td>
                        <td data-label="What changed">
                          {changed.length === 0 ? (
                            <span className="muted">No change</span>
                          ) : (
                            <ul className="change-list">
                              {changed.map((c) => (
                                <li key={c.competencyId}>
                                  <span className="change-list__change">{describeChange(c)}</span>
                                  {c.note === null ? null : (
                                    <span className="change-list__note">
                                      <span className="visually-hidden">Note: </span>
                                      {c.note}
                                    </span>
                                  )}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
            {more ? (
              <ShowMore
                label="Show older assessments"
                loadingLabel="Loading older assessments…"
                loading={loadingMore}
                onMore={onMore}
              />
            ) : null}
          </section>
        </>
      )}
    </Page>
  );
}
