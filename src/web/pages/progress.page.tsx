import type { ChangeEvent, MouseEvent } from 'react';
import type { Progress } from '../../server/api-contract.js';
import { api } from '../api-client.js';
import { ExpectationDetail } from '../components/expectation-detail.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { RadarChart } from '../components/radar-chart.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { formatDate, pluralise } from '../format.js';
import { navigate, useLocation } from '../history-store.js';
import { scaleOf, trackOf } from '../ladder-view.js';
import {
  blockerLines,
  evidenceShortfall,
  gapCompetencies,
  hasAssessment,
  otherRatings,
  radarAxes,
  readinessPercent,
  statusBadge,
  statusText,
  unobservedCompetencies,
} from '../progress-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { PersonNav } from '../components/person-nav.js';
import { SubjectScreen } from '../components/subject-screen.js';
import { wordsFor, type Subject } from '../subject.js';
import { useApiChanges, useResource } from '../use-resource.js';
import { hrefWith, readParam } from '../url-state.js';

/**
 * My progress (`/` and `/progress?target=<level>`): the level I demonstrate,
 * how close the next one is, what stands in the way of a level that is not
 * met and the rule it needs, a radar of my ratings against a target level,
 * what that level asks that I do not show yet, and the notes I wrote with my
 * ratings.
 */
export function ProgressPage({ personId }: { personId?: string } = {}) {
  return (
    <SubjectScreen personId={personId} title="Progress">
      {(subject) => <SubjectProgress subject={subject} />}
    </SubjectScreen>
  );
}

function SubjectProgress({ subject }: { subject: Subject }) {
  const words = wordsFor(subject);
  const title = `${words.possessive} progress`;
  const { pathname, search } = useLocation();
  const target = readParam(search, 'target');
  const changes = useApiChanges();
  const progress = useResource(`progress:${subject.id}:${target ?? ''}:${changes}`, () =>
    api.getProgress(subject.id, target),
  );

  const data =
    progress.status === 'ready' ? progress.data : progress.status === 'loading' ? progress.previous : undefined;
  if (progress.status === 'error') {
    return (
      <Page title={title}>
        <PersonNav subject={subject} current="progress" />
        <ErrorView error={progress.error} onRetry={progress.reload} />
        {target === null ? null : (
          <p>
            <Link href={words.progressHref}>Show {words.their} progress toward the next level instead</Link>
          </p>
        )}
      </Page>
    );
  }
  if (data === undefined) {
    return (
      <Page title={title}>
        <Loading label={`Working out ${words.their} progress…`} />
      </Page>
    );
  }
  if (!hasAssessment(data)) {
    return (
      <Page title={title}>
        <PersonNav subject={subject} current="progress" />
        <div className="empty-state">
          {subject.isMe ? (
            <>
              <p>You have not assessed yourself yet, so there is nothing to measure your progress against.</p>
              <p>
                <Link className="button" href="/assess">
                  Start my self-assessment
                </Link>
              </p>
            </>
          ) : (
            <p>{subject.name} has not assessed themself yet, so there is nothing to measure their progress against.</p>
          )}
        </div>
      </Page>
    );
  }
  return (
    <ProgressView
      subject={subject}
      progress={data}
      busy={progress.status === 'loading'}
      onTarget={(level) => navigate(hrefWith(pathname, { target: level }), { replace: true })}
    />
  );
}

/** The progress screen once there is an assessment to show. */
function ProgressView({
  subject,
  progress,
  busy,
  onTarget,
}: {
  subject: Subject;
  progress: Progress;
  busy: boolean;
  onTarget: (levelId: string) => void;
}) {
  const { ladder } = useSession();
  const words = wordsFor(subject);
  const track = trackOf(ladder, progress.ladder.track);
  const scale = scaleOf(ladder, track);
  const targetLevel = progress.target.level;
  const next = progress.next === null ? undefined : progress.levels.find((l) => l.id === progress.next?.id);
  const gaps = gapCompetencies(progress);
  const unobserved = unobservedCompetencies(progress);
  const others = otherRatings(progress);
  const axes = radarAxes(progress, scale);
  const belowCount = gaps.filter((c) => c.status === 'one-below' || c.status === 'further-below').length;
  const observedText = `${progress.observed} of ${pluralise(progress.applicable, 'competency', 'competencies')} rated`;
  const targetPercent = readinessPercent(progress.target.readiness, progress.target.met);

  return (
    <Page
      title={`${words.possessive} progress`}
      lead={
        progress.assessedAt === null ? undefined : (
          <p>
            Based on {words.their} self-assessment of {formatDate(progress.assessedAt)} ({observedText}).
          </p>
        )
      }
      actions={
        subject.isMe ? (
          <Link className="button button--secondary" href="/assess">
            Update my self-assessment
          </Link>
        ) : undefined
      }
    >
      <PersonNav subject={subject} current="progress" />
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
            <p className="stat__value">
              {words.subject} {words.have} reached the top of the track.
            </p>
          ) : (
            <>
              <p className="stat__value" data-testid="next-level">
                {progress.next.title}
              </p>
              <ReadinessBar
                label={`Readiness for ${progress.next.title}`}
                percent={readinessPercent(next.readiness, next.met)}
                met={next.met}
                levelTitle={progress.next.title}
              />
              {next.met || next.id === targetLevel.id ? null : (
                <LevelBlockers id="next-blockers" levelTitle={next.title} blockers={next.blockers} rule={next.rule} />
              )}
              {!next.met && next.id === targetLevel.id ? (
                <p className="stat__note">
                  <a href="#target-blockers" onClick={jumpTo('target-blockers')}>
                    Why {next.title} is not met yet
                  </a>
                </p>
              ) : null}
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
        <p data-testid="target-summary">
          {progress.target.met
            ? `${words.subject} ${words.meet} ${targetLevel.title}.`
            : `${words.subject} ${words.are} ${targetPercent}% of the way to ${targetLevel.title}; it is not met yet.`}
          {progress.target.pointsNeeded !== null && progress.target.pointsNeeded > 0
            ? ` ${pluralise(progress.target.pointsNeeded, 'point')} to go.`
            : ''}{' '}
          {progress.demonstrated !== null && progress.demonstrated.id !== targetLevel.id ? (
            <Link href={hrefWith('/ladder/compare', { from: progress.demonstrated.id, to: targetLevel.id })}>
              Compare {progress.demonstrated.title} with {targetLevel.title}
            </Link>
          ) : null}
        </p>
        {progress.target.met ? (
          <p className="level-rule">
            <strong>The rule for {targetLevel.title}:</strong> {progress.target.rule}
          </p>
        ) : (
          <LevelBlockers
            id="target-blockers"
            levelTitle={targetLevel.title}
            blockers={progress.target.blockers}
            rule={progress.target.rule}
          />
        )}
        <RadarChart
          axes={axes}
          steps={scale.map((s) => s.title)}
          targetName={targetLevel.title}
          ratingsName={subject.isMe ? 'Your ratings' : `${subject.name}'s ratings`}
          description={`${pluralise(axes.length, 'competency', 'competencies')}. ${
            belowCount === 0 ? 'None is' : `${pluralise(belowCount, 'competency is', 'competencies are')}`
          } below ${targetLevel.title}; ${unobserved.length} not observed. The table below the chart lists every rating.`}
        />
      </section>

      <section aria-labelledby="gap-heading">
        <h2 id="gap-heading">
          What {targetLevel.title} asks that {subject.isMe ? 'you do' : `${subject.name} does`} not show yet
        </h2>
        {gaps.length === 0 ? (
          <p>
            {progress.target.met
              ? unobserved.length === 0
                ? `Every rated competency meets ${targetLevel.title}.`
                : `Every rated competency meets ${targetLevel.title}. Rate the ones below to complete the picture.`
              : `Every rated competency meets ${targetLevel.title}, but the level is not met yet: see why above.`}
          </p>
        ) : (
          <ol className="gap-list">
            {gaps.map((c) => {
              const shortfall = evidenceShortfall(c, targetLevel.title);
              return (
                <li key={c.id} className="gap-item">
                  <article aria-labelledby={`gap-${c.id}`}>
                    <header className="gap-item__head">
                      <h3 id={`gap-${c.id}`}>
                        <Link href={pathOf('ladder', 'competencies', c.id)}>{c.title}</Link>
                      </h3>
                      <p className="gap-item__status">
                        <span className={`badge badge--${statusBadge(c)}`}>{statusText(c)}</span>{' '}
                        <span className="muted">
                          {subject.isMe ? 'You' : subject.name}: {c.rating?.title ?? 'not observed'}
                        </span>
                      </p>
                    </header>
                    {shortfall === null ? null : <p className="gap-item__shortfall">{shortfall}</p>}
                    <RatingNote note={c.note} mine={subject.isMe} />
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
                      <Link href={hrefWith(words.evidenceHref, { competency: c.id })}>
                        {pluralise(c.evidenceCount, 'piece', 'pieces')} of evidence for {c.title}
                        {subject.isMe ? '' : ' shared with you'}
                      </Link>
                      {subject.isMe ? (
                        <>
                          {' · '}
                          <Link href={hrefWith('/evidence/new', { competency: c.id })}>Add evidence</Link>
                        </>
                      ) : null}
                    </p>
                  </article>
                </li>
              );
            })}
          </ol>
        )}
        {unobserved.length === 0 ? null : (
          <>
            <h3>Not observed yet</h3>
            <ul className="inline-list">
              {unobserved.map((c) => (
                <li key={c.id}>
                  <Link href={subject.isMe ? pathOf('assess', c.id) : pathOf('ladder', 'competencies', c.id)}>
                    {c.title}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {others.length === 0 ? null : (
        <section aria-labelledby="other-ratings-heading">
          <h2 id="other-ratings-heading">{subject.isMe ? 'Your' : 'Their'} other ratings</h2>
          <ul className="rating-list">
            {others.map((c) => (
              <li key={c.id} className="rating-list__item" aria-labelledby={`other-${c.id}`}>
                <p className="rating-list__head">
                  <Link id={`other-${c.id}`} href={pathOf('ladder', 'competencies', c.id)}>
                    {c.title}
                  </Link>{' '}
                  <span className="muted">
                    {subject.isMe ? 'You' : subject.name}: {c.rating?.title ?? 'not observed'} · {statusText(c)}
                  </span>
                </p>
                <RatingNote note={c.note} mine={subject.isMe} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}

/** Moves the focus to an element on the page without touching the address, which the router owns. */
function jumpTo(id: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    const element = document.getElementById(id);
    if (element === null) return;
    event.preventDefault();
    element.focus();
    element.scrollIntoView({ block: 'start' });
  };
}

/** The note written with a rating, when there is one. */
function RatingNote({ note, mine }: { note: string | null; mine: boolean }) {
  if (note === null) return null;
  return (
    <p className="rating-note">
      <span className="visually-hidden">{mine ? 'Your note: ' : 'Their note: '}</span>
      {note}
    </p>
  );
}

/**
 * Why a level is not met, one sentence per blocker from the engine, and the
 * rule of the level in words, so a person sees both what is missing and
 * what the level asks as a whole.
 */
function LevelBlockers({
  id,
  levelTitle,
  blockers,
  rule,
}: {
  id: string;
  levelTitle: string;
  blockers: Progress['target']['blockers'];
  rule: string;
}) {
  const lines = blockerLines(blockers);
  return (
    <div className="blockers" id={id} role="group" aria-labelledby={`${id}-heading`} tabIndex={-1}>
      <h3 id={`${id}-heading`} className="blockers__heading">
        Why {levelTitle} is not met yet
      </h3>
      {lines.length === 0 ? null : (
        <ul className="blockers__list">
          {lines.map((line) => (
            <li key={`${line.code}:${line.competencyId ?? ''}:${line.message}`} data-code={line.code}>
              {line.message}
            </li>
          ))}
        </ul>
      )}
      <p className="level-rule">
        <strong>The rule for {levelTitle}:</strong> {rule}
      </p>
    </div>
  );
}

/**
 * A readiness share as a labelled bar with the percentage written out. A
 * level that is not met never fills the bar or reads 100%.
 */
function ReadinessBar({
  label,
  percent,
  met,
  levelTitle,
}: {
  label: string;
  percent: number;
  met: boolean;
  levelTitle: string;
}) {
  return (
    <div className="readiness">
      <progress className="readiness__bar" max={100} value={percent} aria-label={label} />
      <p className="readiness__text" data-testid="readiness">
        {met ? `${levelTitle} met` : `${percent}% of the way`}
      </p>
    </div>
  );
}
