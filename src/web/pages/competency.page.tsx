import { ExpectationDetail } from '../components/expectation-detail.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { findCompetency, scaleOf, trackOf, expectationAt } from '../ladder-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { hrefWith } from '../url-state.js';
import { NotFoundPage } from './not-found.page.js';

/**
 * One competency (`/ladder/competencies/:competencyId`): what it is about and
 * what it asks at every level, with the signals and "not yet" cases open.
 */
export function CompetencyPage({ competencyId }: { competencyId: string }) {
  const { ladder } = useSession();
  const competency = findCompetency(ladder, competencyId);
  if (competency === undefined) return <NotFoundPage />;
  const track = trackOf(ladder, competency.track);
  const scale = scaleOf(ladder, track);
  const category = ladder.categories.find((c) => c.id === competency.category);

  return (
    <Page
      title={competency.title}
      eyebrow={
        <>
          <Link href="/ladder">{ladder.title}</Link>
          {category === undefined ? null : ` · ${category.title}`}
        </>
      }
      lead={competency.description === undefined ? undefined : <p>{competency.description}</p>}
      actions={
        <>
          <Link className="button button--secondary" href={hrefWith('/evidence', { competency: competency.id })}>
            My evidence
          </Link>
          <Link className="button button--secondary" href={pathOf('assess', competency.id)}>
            Rate myself
          </Link>
        </>
      }
    >
      <ol className="level-sections">
        {scale.map((step) => {
          const expectation = expectationAt(competency, step.id);
          const isLevel = track.levels.some((l) => l.id === step.id);
          return (
            <li key={step.id}>
              <section aria-labelledby={`level-${step.id}`} className="expectation-block">
                <h2 id={`level-${step.id}`}>
                  {isLevel ? <Link href={pathOf('ladder', 'levels', step.id)}>{step.title}</Link> : step.title}
                </h2>
                {expectation === undefined ? (
                  <p className="muted">Not expected at this level.</p>
                ) : (
                  <>
                    <p>{expectation.expectation}</p>
                    <ExpectationDetail expectation={expectation} headingLevel={3} collapsible={false} />
                  </>
                )}
              </section>
            </li>
          );
        })}
      </ol>
    </Page>
  );
}
