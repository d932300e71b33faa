import { ExpectationDetail } from '../components/expectation-detail.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import {
  competenciesOn,
  expectationAt,
  groupByCategory,
  nextLevel,
  previousLevel,
  competencyTitle,
} from '../ladder-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { hrefWith } from '../url-state.js';
import { NotFoundPage } from './not-found.page.js';

/**
 * One level (`/ladder/levels/:levelId`): its summary, the rule a person's
 * ratings must meet for it, the competencies it requires, the signs of
 * readiness for the next level and what every competency asks at this level.
 */
export function LevelPage({ levelId }: { levelId: string }) {
  const { ladder } = useSession();
  const track = ladder.tracks.find((t) => t.levels.some((l) => l.id === levelId));
  const level = track?.levels.find((l) => l.id === levelId);
  if (track === undefined || level === undefined) return <NotFoundPage />;

  const position = track.levels.indexOf(level);
  const previous = previousLevel(track, level.id);
  const next = nextLevel(track, level.id);
  const groups = groupByCategory(ladder, competenciesOn(ladder, track));

  return (
    <Page
      title={level.title}
      eyebrow={
        <>
          <Link href="/ladder">{ladder.title}</Link> · {track.title}, level {position + 1} of {track.levels.length}
        </>
      }
      lead={level.summary === undefined ? undefined : <p>{level.summary}</p>}
    >
      <nav aria-label="Other levels" className="pager">
        {previous === undefined ? null : (
          <Link href={pathOf('ladder', 'levels', previous.id)} rel="prev">
            ← {previous.title}
          </Link>
        )}
        {next === undefined ? null : (
          <>
            <Link href={hrefWith('/ladder/compare', { from: level.id, to: next.id })}>Compare with {next.title}</Link>
            <Link href={pathOf('ladder', 'levels', next.id)} rel="next">
              {next.title} →
            </Link>
          </>
        )}
      </nav>

      <section aria-labelledby="rule-heading" className="panel">
        <h2 id="rule-heading">What it takes to demonstrate {level.title}</h2>
        <p data-testid="level-rule">{level.rule}</p>
      </section>

      {level.required === undefined || level.required.length === 0 ? null : (
        <section aria-labelledby="required-heading">
          <h2 id="required-heading">Required competencies</h2>
          <p>These competencies must meet {level.title} for the level to count as demonstrated:</p>
          <ul className="inline-list">
            {level.required.map((id) => (
              <li key={id}>
                <Link href={pathOf('ladder', 'competencies', id)}>{competencyTitle(ladder, id)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {level.readiness === undefined || level.readiness.length === 0 ? null : (
        <section aria-labelledby="readiness-heading" className="panel">
          <h2 id="readiness-heading">
            {next === undefined ? 'Signs of readiness' : `Signs of readiness for ${next.title}`}
          </h2>
          <ul>
            {level.readiness.map((sign) => (
              <li key={sign}>{sign}</li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="expectations-heading">
        <h2 id="expectations-heading">What {level.title} asks</h2>
        {groups.map((group) => (
          <section key={group.category.id} aria-labelledby={`category-${group.category.id}`}>
            <h3 id={`category-${group.category.id}`} className="category-heading">
              {group.category.title}
            </h3>
            {group.competencies.map((competency) => {
              const expectation = expectationAt(competency, level.id);
              return (
                <article key={competency.id} className="expectation-block" aria-labelledby={`c-${competency.id}`}>
                  <h4 id={`c-${competency.id}`}>
                    <Link href={pathOf('ladder', 'competencies', competency.id)}>{competency.title}</Link>
                  </h4>
                  {expectation === undefined ? (
                    <p className="muted">Not expected at this level.</p>
                  ) : (
                    <>
                      <p>{expectation.expectation}</p>
                      <ExpectationDetail expectation={expectation} headingLevel={5} />
                    </>
                  )}
                </article>
              );
            })}
          </section>
        ))}
      </section>
    </Page>
  );
}
