import { ExpectationDetail } from '../components/expectation-detail.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { navigate, useLocation } from '../history-store.js';
import { competenciesOn, expectationAt, groupByCategory, trackOf, type Track } from '../ladder-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { hrefWith, readParam } from '../url-state.js';

/**
 * The ladder as a matrix (`/ladder`): the levels with the rule each one
 * needs, then competencies down the side, grouped by category, levels across
 * the top; each cell is the expectation, with its signals and "not yet" cases
 * one click away. On a phone each competency is a card of its own.
 */
export function LadderPage() {
  const { ladder } = useSession();
  const { search } = useLocation();
  const track = trackOf(ladder, readParam(search, 'track'));
  const groups = groupByCategory(ladder, competenciesOn(ladder, track));
  const [first, second] = track.levels;

  return (
    <Page
      title={ladder.title}
      lead={ladder.description === undefined ? undefined : <p>{ladder.description}</p>}
      actions={
        first === undefined ? undefined : (
          <Link
            className="button button--secondary"
            href={hrefWith('/ladder/compare', { from: first.id, to: second?.id })}
          >
            Compare two levels
          </Link>
        )
      }
    >
      <TrackPicker tracks={ladder.tracks} current={track} />
      <section aria-labelledby="levels-heading">
        <h2 id="levels-heading">Levels</h2>
        <ol className="level-cards">
          {track.levels.map((level) => (
            <li key={level.id} className="level-card">
              <h3>
                <Link href={pathOf('ladder', 'levels', level.id)}>{level.title}</Link>
              </h3>
              {level.summary === undefined ? null : <p>{level.summary}</p>}
              <p className="level-rule">
                <strong>To demonstrate {level.title}:</strong> {level.rule}
              </p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">Expectations by competency</h2>
        <div className="table-scroll" role="region" aria-labelledby="matrix-heading" tabIndex={0}>
          <table className="matrix stack-table">
            <caption className="visually-hidden">
              What each competency asks at each level of the {track.title} track
            </caption>
            <thead>
              <tr>
                <th scope="col">Competency</th>
                {track.levels.map((level) => (
                  <th scope="col" key={level.id}>
                    <Link href={pathOf('ladder', 'levels', level.id)}>{level.title}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            {groups.map((group) => (
              <tbody key={group.category.id}>
                <tr className="matrix__category">
                  <th scope="rowgroup" colSpan={track.levels.length + 1}>
                    {group.category.title}
                  </th>
                </tr>
                {group.competencies.map((competency) => (
                  <tr key={competency.id}>
                    <th scope="row">
                      <Link href={pathOf('ladder', 'competencies', competency.id)}>{competency.title}</Link>
                    </th>
                    {track.levels.map((level) => {
                      const expectation = expectationAt(competency, level.id);
                      return (
                        <td key={level.id} data-label={level.title}>
                          {expectation === undefined ? (
                            <span className="muted">Not expected at this level.</span>
                          ) : (
                            <>
                              <p>{expectation.expectation}</p>
                              <ExpectationDetail expectation={expectation} summary="Signals and not yet" />
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      </section>
    </Page>
  );
}

/** Switches track when the ladder has more than one; the choice lives in `?track=`. */
export function TrackPicker({ tracks, current }: { tracks: readonly Track[]; current: Track }) {
  const { pathname, search } = useLocation();
  if (tracks.length < 2) return null;
  const params = Object.fromEntries(new URLSearchParams(search));
  return (
    <div className="field field--inline">
      <label htmlFor="track">Track</label>
      <select
        id="track"
        value={current.id}
        onChange={(event) => navigate(hrefWith(pathname, { ...params, track: event.target.value }), { replace: true })}
      >
        {tracks.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </select>
    </div>
  );
}
