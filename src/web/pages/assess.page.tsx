import { useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Progress } from '../../server/api-contract.js';
import { api, ApiError, messageOf } from '../api-client.js';
import {
  changedCompetencies,
  currentStep,
  describeAssessmentProblems,
  describeChoice,
  initialChoices,
  initialNotes,
  neighbourHrefs,
  stepHref,
  toAssessment,
  windowCentre,
  type Choices,
  type Notes,
} from '../assess-wizard.js';
import { ExpectationDetail } from '../components/expectation-detail.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { useToast } from '../components/toast.js';
import { formatDate } from '../format.js';
import { navigate, useLocation } from '../history-store.js';
import {
  competenciesOn,
  expectationAt,
  NOT_OBSERVED,
  scaleOf,
  trackOf,
  windowAround,
  type Competency,
  type ScaleStep,
} from '../ladder-view.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { useResource } from '../use-resource.js';
import { hrefWith, NO_EVIDENCE_FILTERS, readParam } from '../url-state.js';
import { NotFoundPage } from './not-found.page.js';

/** How much evidence a wizard step lists beside the levels: enough to remember, few enough to read at a glance. */
const STEP_EVIDENCE_SHOWN = 10;
/**
 * The self-assessment wizard (`/assess`, `/assess/:competencyId`,
 * `/assess?step=review`): one competency per step with the levels around my
 * rating side by side and my evidence in place, then a review, then Save.
 * Choices survive a reload or a detour to the evidence list in
 * sessionStorage until they are saved or discarded.
 */
export function AssessPage({ competencyId }: { competencyId: string | null }) {
  const { me } = useSession();
  const progress = useResource(`assess:${me.person.id}`, () => api.getProgress(me.person.id));
  if (progress.status === 'error') {
    return (
      <Page title="Self-assessment">
        <ErrorView error={progress.error} onRetry={progress.reload} />
      </Page>
    );
  }
  if (progress.status === 'loading') {
    return (
      <Page title="Self-assessment">
        <Loading label="Loading your current ratings…" />
      </Page>
    );
  }
  return <AssessWizard progress={progress.data} routeCompetency={competencyId} />;
}

function draftKey(personId: string, ladderHash: string): string {
  return `longhaul:assess-draft:${personId}:${ladderHash}`;
}

/** What the wizard keeps between reloads: the changed choices and notes. */
interface Draft {
  choices: Choices;
  notes: Notes;
}

/** The string values of an object read from storage; anything else is dropped. */
function stringsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function readDraft(key: string): Draft {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(key) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return { choices: {}, notes: {} };
    if ('choices' in parsed || 'notes' in parsed) {
      const draft = parsed as { choices?: unknown; notes?: unknown };
      return { choices: stringsOf(draft.choices), notes: stringsOf(draft.notes) };
    }
    // A draft saved before notes existed holds the choices alone.
    return { choices: stringsOf(parsed), notes: {} };
  } catch {
    return { choices: {}, notes: {} };
  }
}

/** How close to the window's edges a focused control may sit before the page scrolls it back into view. */
const FOCUS_MARGIN = 16;

/** Scrolls the focused element back into view when it sits under an edge of the window. */
function keepInView(element: Element | null): void {
  if (!(element instanceof HTMLElement) || element === document.body) return;
  const box = element.getBoundingClientRect();
  if (box.top < FOCUS_MARGIN || box.bottom > window.innerHeight - FOCUS_MARGIN) {
    element.scrollIntoView({ block: 'nearest' });
  }
}

/**
 * Keeps the keyboard focus on the screen. Choosing a level moves the window
 * of levels above the choices, which pushes the focused radio up or down
 * (off the screen on a phone); so after every change of `layoutKey`, and on
 * every focus change, the focused element is scrolled back into view.
 */
function useFocusInView(layoutKey: string): void {
  useLayoutEffect(() => {
    keepInView(document.activeElement);
  }, [layoutKey]);
  useEffect(() => {
    const onFocus = (event: FocusEvent) => keepInView(event.target instanceof Element ? event.target : null);
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
}

function AssessWizard({ progress, routeCompetency }: { progress: Progress; routeCompetency: string | null }) {
  const { me, ladder } = useSession();
  const { search } = useLocation();
  const track = trackOf(ladder, progress.ladder.track);
  const scale = scaleOf(ladder, track);
  const competencies = competenciesOn(ladder, track);
  const ids = competencies.map((c) => c.id);
  const initial = useMemo(() => initialChoices(progress.target.competencies, progress.assessedAt !== null), [progress]);
  const notesBefore = useMemo(() => initialNotes(progress.target.competencies), [progress]);
  const key = draftKey(me.person.id, ladder.hash);
  const [draft] = useState(() => readDraft(key));
  const [choices, setChoices] = useState<Choices>(() => ({ ...initial, ...draft.choices }));
  const [notes, setNotes] = useState<Notes>(() => ({ ...notesBefore, ...draft.notes }));

  useEffect(() => {
    // Only the changes are kept, so ratings saved elsewhere meanwhile (the CLI, another tab) still show.
    const changedChoices = Object.fromEntries(Object.entries(choices).filter(([id, value]) => initial[id] !== value));
    const changedNotes = Object.fromEntries(Object.entries(notes).filter(([id, value]) => notesBefore[id] !== value));
    try {
      window.sessionStorage.setItem(key, JSON.stringify({ choices: changedChoices, notes: changedNotes }));
    } catch {
      // Private windows may refuse storage; the wizard still works without it.
    }
  }, [key, choices, initial, notes, notesBefore]);

  if (routeCompetency !== null && !ids.includes(routeCompetency)) return <NotFoundPage />;
  const step = currentStep(ids, routeCompetency, readParam(search, 'step'));
  const hrefs = neighbourHrefs(ids, step);
  const choose = (id: string, value: string) => setChoices((current) => ({ ...current, [id]: value }));
  const writeNote = (id: string, text: string) => setNotes((current) => ({ ...current, [id]: text }));

  if (step.kind === 'review') {
    return (
      <ReviewStep
        competencies={competencies}
        scale={scale}
        choices={choices}
        initial={initial}
        notes={notes}
        notesBefore={notesBefore}
        backHref={hrefs.back}
        onDiscard={() => {
          setChoices(initial);
          setNotes(notesBefore);
        }}
        onSaved={() => {
          try {
            window.sessionStorage.removeItem(key);
          } catch {
            // Nothing to clean up when storage is unavailable.
          }
        }}
      />
    );
  }
  const competency = competencies[step.index];
  if (competency === undefined) return <NotFoundPage />;
  return (
    <CompetencyStep
      key={competency.id}
      competency={competency}
      position={step.index}
      total={competencies.length}
      scale={scale}
      choice={choices[competency.id]}
      current={initial[competency.id]}
      onChoose={(value) => choose(competency.id, value)}
      note={notes[competency.id] ?? ''}
      onNote={(text) => writeNote(competency.id, text)}
      backHref={hrefs.back}
      nextHref={hrefs.next ?? stepHref({ kind: 'review' })}
      nextTitle={competencies[step.index + 1]?.title ?? null}
    />
  );
}

interface CompetencyStepProps {
  competency: Competency;
  position: number;
  total: number;
  scale: readonly ScaleStep[];
  choice: string | undefined;
  current: string | undefined;
  onChoose: (value: string) => void;
  note: string;
  onNote: (text: string) => void;
  backHref: string | null;
  nextHref: string;
  nextTitle: string | null;
}

function CompetencyStep({
  competency,
  position,
  total,
  scale,
  choice,
  current,
  onChoose,
  note,
  onNote,
  backHref,
  nextHref,
  nextTitle,
}: CompetencyStepProps) {
  const { me } = useSession();
  // The window of levels centres on the choice (or current rating); the buttons move it from there.
  const [shift, setShift] = useState(0);
  useFocusInView(`${choice ?? ''}:${shift}`);
  const base = windowCentre(choice, current, scale);
  const visible = windowAround(scale.length, base + shift);
  const first = visible[0] ?? 0;
  const last = visible[visible.length - 1] ?? 0;
  const shownCentre = visible[Math.floor((visible.length - 1) / 2)] ?? 0;
  const moveWindow = (by: number) => setShift(shownCentre + by - base);
  const evidence = useResource(`assess-evidence:${me.person.id}:${competency.id}`, () =>
    api.listEvidence(
      me.person.id,
      { ...NO_EVIDENCE_FILTERS, competency: competency.id },
      { limit: STEP_EVIDENCE_SHOWN },
    ),
  );
  const fieldName = `rating-${competency.id}`;
  const noteId = `note-${competency.id}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(nextHref);
  };

  return (
    <Page
      title={competency.title}
      eyebrow={`Self-assessment · step ${position + 1} of ${total}`}
      lead={competency.description === undefined ? undefined : <p>{competency.description}</p>}
    >
      <section aria-labelledby="levels-heading">
        <div className="panel__head">
          <h2 id="levels-heading">What the levels ask</h2>
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={first === 0}
              onClick={() => moveWindow(-1)}
            >
              ← Lower level
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={last >= scale.length - 1}
              onClick={() => moveWindow(1)}
            >
              Higher level →
            </button>
          </div>
        </div>
        <ol className="level-window">
          {visible.map((index) => {
            const step = scale[index];
            if (step === undefined) return null;
            const expectation = expectationAt(competency, step.id);
            return (
              <li
                key={step.id}
                className={`level-window__cell${step.id === choice ? ' is-chosen' : ''}`}
                aria-labelledby={`window-${step.id}`}
              >
                <h3 id={`window-${step.id}`}>
                  {step.title}
                  {step.id === current ? <span className="badge">Your current rating</span> : null}
                </h3>
                {expectation === undefined ? (
                  <p className="muted">Not expected at this level.</p>
                ) : (
                  <>
                    <p>{expectation.expectation}</p>
                    <ExpectationDetail expectation={expectation} />
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      <form onSubmit={submit} className="assess-form">
        <fieldset className="choice-group">
          <legend>Your rating for {competency.title}</legend>
          {scale.map((step) => (
            <label key={step.id} className="choice">
              <input
                type="radio"
                name={fieldName}
                value={step.id}
                checked={choice === step.id}
                onChange={() => {
                  setShift(0);
                  onChoose(step.id);
                }}
              />
              <span>
                {step.title}
                {step.id === current ? <span className="muted"> (current rating)</span> : null}
              </span>
            </label>
          ))}
          <label className="choice">
            <input
              type="radio"
              name={fieldName}
              value={NOT_OBSERVED}
              checked={choice === NOT_OBSERVED}
              onChange={() => onChoose(NOT_OBSERVED)}
            />
            <span>
              Not observed
              <span className="muted"> (no chance to show it yet; never counts against you)</span>
            </span>
          </label>
        </fieldset>

        <div className="field">
          <label htmlFor={noteId}>Why this rating? (optional)</label>
          <p className="hint" id={`${noteId}-hint`}>
            A sentence or two on what you did. It is shown with the rating in History and on My progress.
          </p>
          <textarea
            id={noteId}
            rows={3}
            value={note}
            aria-describedby={`${noteId}-hint`}
            onChange={(event) => onNote(event.target.value)}
          />
        </div>

        <section aria-labelledby="step-evidence-heading" className="panel">
          <h2 id="step-evidence-heading">Your evidence for {competency.title}</h2>
          {evidence.status === 'loading' ? (
            <Loading label="Loading your evidence…" />
          ) : evidence.status === 'error' ? (
            <p role="alert">Your evidence could not be loaded: {messageOf(evidence.error)}</p>
          ) : evidence.data.items.length === 0 ? (
            <p>You have no evidence for this competency yet.</p>
          ) : (
            <ul
              className="evidence-mini"
              aria-describedby={evidence.data.nextCursor === null ? undefined : 'step-evidence-newest'}
            >
              {evidence.data.items.map((item) => (
                <li key={item.id}>
                  <Link href={pathOf('evidence', item.id, 'edit')}>{item.title}</Link>{' '}
                  <span className="muted">
                    <time dateTime={item.date}>{formatDate(item.date)}</time>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {evidence.status === 'ready' && evidence.data.nextCursor !== null ? (
            <p id="step-evidence-newest" className="muted">
              The newest {STEP_EVIDENCE_SHOWN}; the evidence list has them all.
            </p>
          ) : null}
          <p className="button-row">
            <Link href={hrefWith('/evidence', { competency: competency.id })}>See all in the evidence list</Link>
            <Link href={hrefWith('/evidence/new', { competency: competency.id })}>Add evidence</Link>
          </p>
        </section>

        <div className="wizard-nav">
          {backHref === null ? null : (
            <button type="button" className="button button--secondary" onClick={() => navigate(backHref)}>
              Back
            </button>
          )}
          <button type="submit" className="button">
            {nextTitle === null ? 'Next: review' : 'Next'}
          </button>
        </div>
      </form>
    </Page>
  );
}

interface ReviewStepProps {
  competencies: readonly Competency[];
  scale: readonly ScaleStep[];
  choices: Choices;
  initial: Choices;
  notes: Notes;
  notesBefore: Notes;
  backHref: string | null;
  onDiscard: () => void;
  onSaved: () => void;
}

function ReviewStep({
  competencies,
  scale,
  choices,
  initial,
  notes,
  notesBefore,
  backHref,
  onDiscard,
  onSaved,
}: ReviewStepProps) {
  const { me } = useSession();
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  const ids = competencies.map((c) => c.id);
  const body = toAssessment(choices, ids, notes);

  useEffect(() => {
    // The Save button sits below the whole table: take the person up to what went wrong.
    if (error !== null) errorBox.current?.focus();
  }, [error]);
  const changed = new Set(changedCompetencies(choices, initial, notes, notesBefore));
  const nothingRated = Object.keys(body.ratings).length === 0;
  const problems =
    error instanceof ApiError && error.fields.length > 0 ? describeAssessmentProblems(error.fields, competencies) : [];

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.createAssessment(me.person.id, body);
      onSaved();
      toast({ message: 'Self-assessment saved.' });
      navigate('/progress');
    } catch (caught) {
      setError(caught);
      setSaving(false);
    }
  };

  return (
    <Page
      title="Review your self-assessment"
      eyebrow="Self-assessment · review"
      lead={
        <p>
          Check your choices, then save. {changed.size === 0 ? 'Nothing has changed yet.' : `${changed.size} changed.`}
        </p>
      }
    >
      {error === null ? null : (
        <div className="callout callout--error" role="alert" ref={errorBox} tabIndex={-1}>
          <h2>Your self-assessment was not saved</h2>
          {problems.length === 0 ? (
            <p>{messageOf(error)}</p>
          ) : (
            <ul className="problem-list">
              {problems.map((problem) => (
                <li key={problem.text}>
                  {problem.text}
                  {problem.competencyId === null ? null : (
                    <>
                      {' '}
                      <Link href={stepHref({ kind: 'competency', competencyId: problem.competencyId })}>
                        Go to this step
                      </Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="table-scroll">
        <table className="review-table stack-table">
          <caption className="visually-hidden">Your choices</caption>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">Your rating</th>
              <th scope="col">Before</th>
              <th scope="col">Your note</th>
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {competencies.map((c) => {
              const note = notes[c.id]?.trim() ?? '';
              return (
                <tr key={c.id} className={changed.has(c.id) ? 'is-changed' : undefined}>
                  <th scope="row">{c.title}</th>
                  <td data-label="Your rating">
                    {describeChoice(choices[c.id], scale)}
                    {changed.has(c.id) ? <span className="badge">Changed</span> : null}
                  </td>
                  <td data-label="Before">{describeChoice(initial[c.id], scale)}</td>
                  <td data-label="Your note" className="review-table__note">
                    {note === '' ? <span className="muted">None</span> : note}
                    {note !== '' && choices[c.id] === undefined ? (
                      <span className="muted"> (kept only with a rating: choose one to save it)</span>
                    ) : null}
                  </td>
                  <td>
                    <Link href={stepHref({ kind: 'competency', competencyId: c.id })}>
                      Change<span className="visually-hidden"> {c.title}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {nothingRated ? <p>Rate at least one competency before saving.</p> : null}
      <div className="wizard-nav">
        {backHref === null ? null : (
          <button type="button" className="button button--secondary" onClick={() => navigate(backHref)}>
            Back
          </button>
        )}
        <button type="button" className="button" disabled={saving || nothingRated} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save self-assessment'}
        </button>
        {changed.size === 0 ? null : (
          <button type="button" className="button button--quiet" onClick={onDiscard}>
            Discard my changes
          </button>
        )}
      </div>
    </Page>
  );
}
