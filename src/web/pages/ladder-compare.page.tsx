import { ExpectationDetail } from '../components/expectation-detail.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { navigate, useLocation } from '../history-store.js';
import { competenciesOn, expectationAt, groupByCategory, trackOf, type Level, type Track } from '../ladder-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { hrefWith, readComparison, readParam } from '../url-state.js';
import { TrackPicker } from './ladder.page.js';

/** The two levels of a comparison in the order the person chose them, and which of them is lower on the track. */
interface ChosenPair {
  from: Level;
  to: Level;
  lower: Level;
}

/**
 * The chosen levels as From and To, never reordered: someone comparing
 * Architect with Junior reads Architect first. Null when either is not a level
 * of the track.
 */
function chosenPair(track: Track, fromId: string, toId: string): ChosenPair | null {
  const fromIndex = track.levels.findIndex((l) => l.id === fromId);
  const toIndex = track.levels.findIndex((l) => l.id === toId);
  const from = track.levels[fromIndex];
  const to = track.levels[toIndex];
  if (from === undefined || to === undefined) return null;
  return { from, to, lower: fromIndex <= toIndex ? from : to };
}

/**
 * Two levels side by side (`/ladder/compare?from=mid-level&to=senior`): their
 * summaries, the signs that someone at the lower one is ready to move up, and
 * what changes for each competency, in the order the person picked them.
 */
export function LadderComparePage() {
  const { ladder } = useSession();
  const { pathname, search } = useLocation();
  const trackParam = readParam(search, 'track');
  const track = trackOf(ladder, trackParam);
  const levelIds = track.levels.map((l) => l.id);
  const { from, to } = readComparison(search, levelIds);
  const pair = chosenPair(track, from, to);
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
      ) : pair.from.id === pair.to.id ? (
        <p className="callout">
          You picked {pair.from.title} twice. Choose a different level for From or To to see what changes.
        </p>
      ) : (
        <>
          <section aria-label="Level summaries" className="compare-grid">
            {[pair.from, pair.to].map((level) => (
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
              What changes from {pair.from.title} to {pair.to.title}
            </h2>
            {groups.map((group) => (
              <section key={group.category.id} aria-labelledby={`category-${group.category.id}`}>
                <h3 id={`category-${group.category.id}`} className="category-heading">
                  {group.category.title}
                </h3>
                {group.competencies.map((competency) => {
                  const atFrom = expectationAt(competency, pair.from.id);
                  const atTo = expectationAt(competency, pair.to.id);
                  const same = atFrom !== undefined && atTo !== undefined && atFrom.expectation === atTo.expectation;
                  return (
                    <article key={competency.id} className="compare-row" aria-labelledby={`row-${competency.id}`}>
                      <h4 id={`row-${competency.id}`}>
                        <Link href={pathOf('ladder', 'competencies', competency.id)}>{competency.title}</Link>
                        {same ? <span className="badge">Unchanged</span> : null}
                      </h4>
                      <div className="compare-grid">
                        {[
                          { level: pair.from, expectation: atFrom },
                          { level: pair.to, expectation: atTo },
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
