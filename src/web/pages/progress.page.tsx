import type { ChangeEvent } from 'react';
import type { Progress } from '../../server/api-contract.js';
import { api } from '../api-client.js';
import { ExpectationDetail } from '../components/expectation-detail.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { RadarChart } from '../components/radar-chart.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { formatDate, formatPercent, pluralise } from '../format.js';
import { navigate, useLocation } from '../history-store.js';
import { scaleOf, trackOf } from '../ladder-view.js';
import { gapCompetencies, hasAssessment, radarAxes, statusText, unobservedCompetencies } from '../progress-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { useApiChanges, useResource } from '../use-resource.js';
import { hrefWith, readParam } from '../url-state.js';

/**
 * My progress (`/` and `/progress?target=<level>`): the level I demonstrate,
 * how close the next one is, a radar of my ratings against a target level and
 * what that level asks that I do not show yet.
 */
export function ProgressPage() {
  const { me } = useSession();
  const { pathname, search } = useLocation();
  const target = readParam(search, 'target');
  const changes = useApiChanges();
  const progress = useResource(`progress:${me.person.id}:${target ?? ''}:${changes}`, () =>
    api.getProgress(me.person.id, target),
  );

  const data =
    progress.status === 'ready' ? progress.data : progress.status === 'loading' ? progress.previous : undefined;
  if (progress.status === 'error') {
    return (
      <Page title="My progress">
        <ErrorView error={progress.error} onRetry={progress.reload} />
        {target === null ? null : (
          <p>
            <Link href="/progress">Show my progress toward the next level instead</Link>
          </p>
        )}
      </Page>
    );
  }
  if (data === undefined) {
    return (
      <Page title="My progress">
        <Loading label="Working out your progress…" />
      </Page>
    );
  }
  if (!hasAssessment(data)) {
    return (
      <Page title="My progress">
        <div className="empty-state">
          <p>You have not assessed yourself yet, so there is nothing to measure your progress against.</p>
          <p>
            <Link className="button" href="/assess">
              Start my self-assessment
            </Link>
          </p>
        </div>
      </Page>
    );
  }
  return (
    <ProgressView
      progress={data}
      busy={progress.status === 'loading'}
      onTarget={(level) => navigate(hrefWith(pathname, { target: level }), { replace: true })}
    />
  );
}

/** The progress screen once there is an assessment to show. */
function ProgressView({
  progress,
  busy,
  onTarget,
}: {
  progress: Progress;
  busy: boolean;
  onTarget: (levelId: string) => void;
}) {
  const { ladder } = useSession();
  const track = trackOf(ladder, progress.ladder.track);
  const scale = scaleOf(ladder, track);
  const targetLevel = progress.target.level;
  const next = progress.next === null ? undefined : progress.levels.find((l) => l.id === progress.next?.id);
  const gaps = gapCompetencies(progress);
  const unobserved = unobservedCompetencies(progress);
  const axes = radarAxes(progress, scale);
  const observedText = `${progress.observed} of ${pluralise(progress.applicable, 'competency', 'competencies')} rated`;

  return (
    <Page
      title="My progress"
      lead={
        progress.assessedAt === null ? undefined : (
          <p>
            Based on your self-assessment of {formatDate(progress.assessedAt)} ({observedText}).
          </p>
        )
      }
      actions={
        <Link className="button button--secondary" href="/assess">
          Update my self-assessment
        </Link>
      }
    >
      <section className="summary-grid" aria-label="Summary">
        <div className="stat">
          <h2 className="stat__label">Demonstrated level</h2>
          <p className="stat__value stat__value--big" data-testid="demonstrated-level">
            {progress.demonstrated?.title ?? 'None yet'}
          </p>
          {progress.demonstrated === null && progress.reason !== null ? (
            <p className="stat__note">{progress.reason}</p>
          ) : null}
        </div>
        <div className="stat">
          <h2 className="stat__label">Next level</h2>
          {progress.next === null || next === undefined ? (
            <p className="stat__value">You have reached the top of the track.</p>
          ) : (
            <>
              <p className="stat__value" data-testid="next-level">
                {progress.next.title}
              </p>
              <ReadinessBar label={`Readiness for ${progress.next.title}`} share={next.readiness} />
            </>
          )}
        </div>
      </section>

      <section className="panel" aria-labelledby="target-heading" aria-busy={busy}>
        <div className="panel__head">
          <h2 id="target-heading">Against {targetLevel.title}</h2>
          <div className="field field--inline">
            <label htmlFor="target-level">Target level</label>
            <select
              id="target-level"
              value={targetLevel.id}
              onChange={(event: ChangeEvent<HTMLSelectElement>) => onTarget(event.target.value)}
            >
              {track.levels.map((level) => (
                <option key={level.id} value={level.id}>
                  {level.title}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p>
          {progress.target.met
            ? `You meet ${targetLevel.title}.`
            : `You are ${formatPercent(progress.target.readiness)} of the way to ${targetLevel.title}.`}
          {progress.target.pointsNeeded !== null && progress.target.pointsNeeded > 0
            ? ` ${pluralise(progress.target.pointsNeeded, 'point')} to go.`
            : ''}{' '}
          {progress.demonstrated !== null && progress.demonstrated.id !== targetLevel.id ? (
            <Link href={hrefWith('/ladder/compare', { from: progress.demonstrated.id, to: targetLevel.id })}>
              Compare {progress.demonstrated.title} with {targetLevel.title}
            </Link>
          ) : null}
        </p>
        <RadarChart
          axes={axes}
          steps={scale.map((s) => s.title)}
          targetName={targetLevel.title}
          description={`${pluralise(axes.length, 'competency', 'competencies')}. ${
            gaps.length === 0 ? 'None is' : `${pluralise(gaps.length, 'competency is', 'competencies are')}`
          } below ${targetLevel.title}; ${unobserved.length} not observed. The table below the chart lists every rating.`}
        />
      </section>

      <section aria-labelledby="gap-heading">
        <h2 id="gap-heading">What {targetLevel.title} asks that you do not show yet</h2>
        {gaps.length === 0 ? (
          <p>
            {unobserved.length === 0
              ? `Every rated competency meets ${targetLevel.title}.`
              : `Every rated competency meets ${targetLevel.title}. Rate the ones below to complete the picture.`}
          </p>
        ) : (
          <ol className="gap-list">
            {gaps.map((c) => (
              <li key={c.id} className="gap-item">
                <article aria-labelledby={`gap-${c.id}`}>
                  <header className="gap-item__head">
                    <h3 id={`gap-${c.id}`}>
                      <Link href={pathOf('ladder', 'competencies', c.id)}>{c.title}</Link>
                    </h3>
                    <p className="gap-item__status">
                      <span className={`badge badge--${c.status}`}>{statusText(c)}</span>{' '}
                      <span className="muted">You: {c.rating?.title ?? 'not observed'}</span>
                    </p>
                  </header>
                  {c.expectation === null ? null : (
                    <>
                      <p>{c.expectation.expectation}</p>
                      <ExpectationDetail
                        expectation={c.expectation}
                        summary={`What ${targetLevel.title} looks like here`}
                      />
                    </>
                  )}
                  <p className="gap-item__evidence">
                    <Link href={hrefWith('/evidence', { competency: c.id })}>
                      {pluralise(c.evidenceCount, 'piece', 'pieces')} of evidence for {c.title}
                    </Link>
                    {' · '}
                    <Link href={hrefWith('/evidence/new', { competency: c.id })}>Add evidence</Link>
                  </p>
                </article>
              </li>
            ))}
          </ol>
        )}
        {unobserved.length === 0 ? null : (
          <>
            <h3>Not observed yet</h3>
            <ul className="inline-list">
              {unobserved.map((c) => (
                <li key={c.id}>
                  <Link href={pathOf('assess', c.id)}>{c.title}</Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Page>
  );
}

/** A readiness share as a labelled bar with the percentage written out. */
function ReadinessBar({ label, share }: { label: string; share: number }) {
  const percent = formatPercent(share);
  return (
    <div className="readiness">
      <progress className="readiness__bar" max={100} value={Number.parseInt(percent, 10)} aria-label={label} />
      <p className="readiness__text" data-testid="readiness">
        {percent} of the way
      </p>
    </div>
  );
}
