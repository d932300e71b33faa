import { ExpectationDetail } from '../components/expectation-detail.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { navigate, useLocation } from '../history-store.js';
import { competenciesOn, expectationAt, groupByCategory, orderLevels, trackOf } from '../ladder-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { hrefWith, readComparison, readParam } from '../url-state.js';
import { TrackPicker } from './ladder.page.js';

/**
 * Two levels side by side (`/ladder/compare?from=mid-level&to=senior`): their
 * summaries, the signs that someone at the lower one is ready to move up, and
 * what changes for each competency.
 */
export function LadderComparePage() {
  const { ladder } = useSession();
  const { pathname, search } = useLocation();
  const trackParam = readParam(search, 'track');
  const track = trackOf(ladder, trackParam);
  const levelIds = track.levels.map((l) => l.id);
  const { from, to } = readComparison(search, levelIds);
  const pair = orderLevels(track, from, to);
  const groups = groupByCategory(ladder, competenciesOn(ladder, track));

  const choose = (which: 'from' | 'to', value: string) =>
    navigate(
      hrefWith(pathname, { track: trackParam, from: which === 'from' ? value : from, to: which === 'to' ? value : to }),
      {
        replace: true,
      },
    );

  return (
    <Page
      title="Compare levels"
      lead={<p>Pick two levels to see what changes between them, competency by competency.</p>}
    >
      <TrackPicker tracks={ladder.tracks} current={track} />
      <form className="picker-row" aria-label="Levels to compare" onSubmit={(event) => event.preventDefault()}>
        <div className="field field--inline">
          <label htmlFor="compare-from">From</label>
          <select id="compare-from" value={from} onChange={(event) => choose('from', event.target.value)}>
            {track.levels.map((level) => (
              <option key={level.id} value={level.id}>
                {level.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="compare-to">To</label>
          <select id="compare-to" value={to} onChange={(event) => choose('to', event.target.value)}>
            {track.levels.map((level) => (
              <option key={level.id} value={level.id}>
                {level.title}
              </option>
            ))}
          </select>
        </div>
      </form>

      {pair === null ? (
        <p>This track has no levels to compare.</p>
      ) : pair.lower.id === pair.higher.id ? (
        <p className="callout">
          You picked {pair.lower.title} twice. Choose a different level for From or To to see what changes.
        </p>
      ) : (
        <>
          <section aria-label="Level summaries" className="compare-grid">
            {[pair.lower, pair.higher].map((level) => (
              <div key={level.id} className="compare-cell">
                <h2>
                  <Link href={pathOf('ladder', 'levels', level.id)}>{level.title}</Link>
                </h2>
                <p>{level.summary ?? 'This level has no summary.'}</p>
              </div>
            ))}
          </section>

          {pair.lower.readiness === undefined || pair.lower.readiness.length === 0 ? null : (
            <section aria-labelledby="readiness-heading" className="panel">
              <h2 id="readiness-heading">Signs that someone at {pair.lower.title} is ready to move up</h2>
              <ul>
                {pair.lower.readiness.map((sign) => (
                  <li key={sign}>{sign}</li>
                ))}
              </ul>
            </section>
          )}

          <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">
              What changes from {pair.lower.title} to {pair.higher.title}
            </h2>
            {groups.map((group) => (
              <section key={group.category.id} aria-labelledby={`category-${group.category.id}`}>
                <h3 id={`category-${group.category.id}`} className="category-heading">
                  {group.category.title}
                </h3>
                {group.competencies.map((competency) => {
                  const lower = expectationAt(competency, pair.lower.id);
                  const higher = expectationAt(competency, pair.higher.id);
                  const same = lower !== undefined && higher !== undefined && lower.expectation === higher.expectation;
                  return (
                    <article key={competency.id} className="compare-row" aria-labelledby={`row-${competency.id}`}>
                      <h4 id={`row-${competency.id}`}>
                        <Link href={pathOf('ladder', 'competencies', competency.id)}>{competency.title}</Link>
                        {same ? <span className="badge">Unchanged</span> : null}
                      </h4>
                      <div className="compare-grid">
                        {[
                          { level: pair.lower, expectation: lower },
                          { level: pair.higher, expectation: higher },
                        ].map(({ level, expectation }) => (
                          <div key={level.id} className="compare-cell">
                            <p className="compare-cell__level">{level.title}</p>
                            {expectation === undefined ? (
                              <p className="muted">Not expected at this level.</p>
                            ) : (
                              <>
                                <p>{expectation.expectation}</p>
                                <ExpectationDetail expectation={expectation} headingLevel={5} />
                              </>
                            )}
                          </div>
                        ))}
                      </div>
                    </article>
                  );
                })}
              </section>
            ))}
          </section>
        </>
      )}
    </Page>
  );
}
