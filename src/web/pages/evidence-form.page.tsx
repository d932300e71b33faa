import { useRef, useState, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import type { Evidence } from '../../server/api-contract.js';
import { api, ApiError, messageOf } from '../api-client.js';
import { AudiencePicker } from '../components/audience-picker.js';
import { Link } from '../components/link.js';
import { MarkdownView } from '../components/markdown-view.js';
import { Page } from '../components/page.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { useToast } from '../components/toast.js';
import { deleteEvidenceWithUndo } from '../components/undoable-delete.js';
import {
  emptyEvidenceForm,
  EVIDENCE_KINDS,
  linkLineNumbers,
  toEvidenceBody,
  toggleCompetency,
  valuesFromEvidence,
  type EvidenceFormValues,
} from '../evidence-form.js';
import { todayIn } from '../../shared/time-zone.js';
import { TimeZoneSetting } from '../components/time-zone-setting.js';
import { datesAsInput, errorFor, mapFieldErrors, NO_FIELD_ERRORS, type FieldErrors } from '../field-errors.js';
import { navigate, useLocation } from '../history-store.js';
import { competenciesOn, competencyTitle, groupByCategory, trackOf } from '../ladder-view.js';
import { useSession } from '../session.js';
import { usePersonTimeZone } from '../time-zone.js';
import { useResource } from '../use-resource.js';
import { readParam } from '../url-state.js';

/**
 * Adding (`/evidence/new?competency=<id>`) and editing
 * (`/evidence/:id/edit`) a piece of evidence. The server validates; its field
 * errors appear next to the inputs they concern and in a summary at the top.
 */
export function EvidenceFormPage({ evidenceId }: { evidenceId: string | null }) {
  const { me } = useSession();
  const { search } = useLocation();
  // A missing (or deleted) piece of evidence is the "not found" view, not an error.
  const existing = useResource(`evidence-edit:${me.person.id}:${evidenceId ?? ''}`, async () => {
    if (evidenceId === null) return null;
    try {
      return await api.getEvidence(evidenceId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  });
  // Today where the person is, as the server takes it, so the default date is never refused as "in the future".
  const today = todayIn(usePersonTimeZone(me.person), new Date());

  if (evidenceId === null) {
    return (
      <EvidenceForm initial={emptyEvidenceForm(today, readParam(search, 'competency'))} evidence={null} today={today} />
    );
  }
  if (existing.status === 'error') {
    return (
      <Page title="Edit evidence">
        <ErrorView error={existing.error} onRetry={existing.reload} />
      </Page>
    );
  }
  if (existing.status === 'loading') {
    return (
      <Page title="Edit evidence">
        <Loading />
      </Page>
    );
  }
  if (existing.data === null) {
    return (
      <Page title="Evidence not found">
        <p>This evidence does not exist, or it has been deleted.</p>
        <p>
          <Link className="button" href="/evidence">
            Back to my evidence
          </Link>
        </p>
      </Page>
    );
  }
  return <EvidenceForm initial={valuesFromEvidence(existing.data)} evidence={existing.data} today={today} />;
}

const INPUTS = ['title', 'kind', 'date', 'competencies', 'links', 'body', 'visibility', 'sharedWith'];

/** The id of the element an error for an input should lead to. */
function targetIdOf(name: string): string {
  return name === 'competencies'
    ? 'evidence-competencies-first'
    : name === 'visibility'
      ? 'evidence-visibility-private'
      : `evidence-${name}`;
}

const LABELS: Record<string, string> = {
  title: 'Title',
  kind: 'Kind',
  date: 'Date',
  competencies: 'Competencies',
  links: 'Links',
  body: 'Details',
  visibility: 'Who can see this evidence',
  sharedWith: 'People who can see it',
};

function EvidenceForm({
  initial,
  evidence,
  today,
}: {
  initial: EvidenceFormValues;
  evidence: Evidence | null;
  today: string;
}) {
  const { me, ladder } = useSession();
  const timeZone = usePersonTimeZone(me.person);
  const toast = useToast();
  const [values, setValues] = useState(initial);
  // A new time zone moves "today": a new piece still dated the old today follows it.
  const [shownToday, setShownToday] = useState(today);
  if (shownToday !== today) {
    setShownToday(today);
    if (evidence === null && values.date === shownToday) setValues({ ...values, date: today });
  }
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const competencies = competenciesOn(ladder, trackOf(ladder));
  const order = competencies.map((c) => c.id);
  const groups = groupByCategory(ladder, competencies);
  // Competencies on the evidence that today's ladder no longer lists stay visible and can be unticked.
  const strays = values.competencies.filter((id) => !order.includes(id));

  const set = <K extends keyof EvidenceFormValues>(name: K, value: EvidenceFormValues[K]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaving(true);
    const body = toEvidenceBody(values);
    try {
      if (evidence === null) {
        await api.createEvidence(me.person.id, body);
        toast({ message: 'Evidence added.' });
      } else {
        await api.updateEvidence(evidence.id, body);
        toast({ message: 'Evidence saved.' });
      }
      navigate('/evidence');
    } catch (caught) {
      const lines = linkLineNumbers(values.links);
      const mapped =
        caught instanceof ApiError
          ? mapFieldErrors(caught.fields, INPUTS, {
              aliases: { competencyIds: 'competencies' },
              describeItem: {
                links: (i) => `Line ${lines[i] ?? i + 1}`,
                sharedWith: (i) => values.sharedWith[i]?.name ?? `Person ${i + 1}`,
              },
              rewrite: { date: (message) => datesAsInput(message) },
            })
          : NO_FIELD_ERRORS;
      setErrors(mapped);
      setProblem(messageOf(caught));
      setSaving(false);
      // Wait for the summary to render, then take the focus there so the problems are read out.
      window.requestAnimationFrame(() => summary.current?.focus());
    }
  };

  const remove = async () => {
    if (evidence === null) return;
    try {
      await deleteEvidenceWithUndo(toast, evidence.id, () => navigate('/evidence'));
    } catch (error) {
      setProblem(messageOf(error));
      setErrors(NO_FIELD_ERRORS);
      window.requestAnimationFrame(() => summary.current?.focus());
    }
  };

  const jumpTo = (event: MouseEvent<HTMLAnchorElement>, name: string) => {
    const target = document.getElementById(targetIdOf(name));
    if (target === null) return;
    event.preventDefault();
    target.focus();
  };

  const fieldErrors = Object.entries(errors.byField).filter(([, messages]) => messages.length > 0);
  const title = evidence === null ? 'Add evidence' : 'Edit evidence';

  return (
    <Page title={title}>
      {problem === null ? null : (
        <div className="callout callout--error error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>There is a problem</h2>
          {/* With field errors the list says it all; otherwise the server's message is the whole story. */}
          <p>{fieldErrors.length === 0 ? problem : 'Fix the fields below, then save again.'}</p>
          {fieldErrors.length === 0 && errors.general.length === 0 ? null : (
            <ul>
              {fieldErrors.map(([name, messages]) => (
                <li key={name}>
                  <a href={`#${targetIdOf(name)}`} onClick={(event) => jumpTo(event, name)}>
                    {LABELS[name] ?? name}: {messages.join(' ')}
                  </a>
                </li>
              ))}
              {errors.general.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <form className="evidence-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field name="title" label="Title" hint="One line saying what you did." errors={errors}>
          {(describedBy, invalid) => (
            <input
              id="evidence-title"
              type="text"
              value={values.title}
              onChange={(event) => set('title', event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoComplete="off"
            />
          )}
        </Field>

        <div className="field-row">
          <Field name="kind" label="Kind" errors={errors}>
            {(describedBy, invalid) => (
              <select
                id="evidence-kind"
                value={values.kind}
                onChange={(event) => set('kind', event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                {EVIDENCE_KINDS.map((kind) => (
                  <option key={kind.id} value={kind.id}>
                    {kind.label}
                  </option>
                ))}
                {EVIDENCE_KINDS.some((k) => k.id === values.kind) ? null : (
                  <option value={values.kind}>{values.kind}</option>
                )}
              </select>
            )}
          </Field>
          <Field name="date" label="Date" hint="When it happened; not in the future." errors={errors}>
            {(describedBy, invalid) => (
              <input
                id="evidence-date"
                type="date"
                value={values.date}
                max={today}
                onChange={(event) => set('date', event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
        </div>
        <TimeZoneSetting personId={me.person.id} timeZone={timeZone} today={today} />

        <fieldset
          className={`field checkbox-group${errorFor(errors, 'competencies') === undefined ? '' : ' has-error'}`}
          aria-describedby={`competencies-hint${errorFor(errors, 'competencies') === undefined ? '' : ' competencies-error'}`}
        >
          <legend>Competencies</legend>
          <p className="hint" id="competencies-hint">
            Tick every competency this evidence shows.
          </p>
          {errorFor(errors, 'competencies') === undefined ? null : (
            <p className="field-error" id="competencies-error">
              <span className="visually-hidden">Error: </span>
              {errorFor(errors, 'competencies')}
            </p>
          )}
          <div className="checkbox-columns">
            {groups.map((group, groupIndex) => (
              <div
                key={group.category.id}
                className="checkbox-category"
                role="group"
                aria-labelledby={`cat-${group.category.id}`}
              >
                <p className="checkbox-category__title" id={`cat-${group.category.id}`}>
                  {group.category.title}
                </p>
                {group.competencies.map((c, i) => (
                  <label key={c.id} className="choice">
                    <input
                      type="checkbox"
                      id={groupIndex === 0 && i === 0 ? 'evidence-competencies-first' : undefined}
                      name="competencies"
                      value={c.id}
                      checked={values.competencies.includes(c.id)}
                      onChange={() => set('competencies', toggleCompetency(values.competencies, c.id, order))}
                    />
                    <span>{c.title}</span>
                  </label>
                ))}
              </div>
            ))}
            {strays.length === 0 ? null : (
              <div className="checkbox-category" role="group" aria-labelledby="cat-strays">
                <p className="checkbox-category__title" id="cat-strays">
                  No longer on the ladder
                </p>
                {strays.map((id) => (
                  <label key={id} className="choice">
                    <input
                      type="checkbox"
                      name="competencies"
                      value={id}
                      checked
                      onChange={() => set('competencies', toggleCompetency(values.competencies, id, order))}
                    />
                    <span>{competencyTitle(ladder, id)}</span>
                  </label>
                ))}
              </div>
            )}
          </div>
        </fieldset>

        <Field
          name="links"
          label="Links"
          hint="Pull requests, documents, dashboards: one address per line."
          errors={errors}
        >
          {(describedBy, invalid) => (
            <textarea
              id="evidence-links"
              rows={3}
              value={values.links}
              onChange={(event) => set('links', event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              spellCheck={false}
            />
          )}
        </Field>

        <Field
          name="body"
          label="Details"
          hint="What happened, what you did and what changed, in up to 20,000 characters. Markdown works: **bold**, *italic*, `code`, lists, tables and links."
          errors={errors}
        >
          {(describedBy, invalid) => (
            <textarea
              id="evidence-body"
              rows={10}
              value={values.body}
              onChange={(event) => set('body', event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <p>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={preview}
            aria-controls="evidence-preview"
            onClick={() => setPreview((shown) => !shown)}
          >
            {preview ? 'Hide preview' : 'Show preview'}
          </button>
        </p>
        <section id="evidence-preview" className="preview" aria-label="Preview" hidden={!preview}>
          {values.body.trim() === '' ? (
            <p className="muted">Nothing to preview yet.</p>
          ) : (
            <MarkdownView source={values.body} headingBase={3} />
          )}
        </section>

        <AudiencePicker
          visibility={values.visibility}
          sharedWith={values.sharedWith}
          authorId={evidence?.personId ?? me.person.id}
          visibilityError={errorFor(errors, 'visibility')}
          sharedWithError={errorFor(errors, 'sharedWith')}
          onVisibility={(visibility) => set('visibility', visibility)}
          onSharedWith={(people) => set('sharedWith', people)}
        />

        <div className="wizard-nav">
          <button type="submit" className="button" disabled={saving}>
            {saving ? 'Saving…' : evidence === null ? 'Add evidence' : 'Save changes'}
          </button>
          <Link className="button button--secondary" href="/evidence">
            Cancel
          </Link>
          {evidence === null ? null : (
            <button type="button" className="button button--danger" onClick={() => void remove()}>
              Delete
            </button>
          )}
        </div>
      </form>
    </Page>
  );
}

/** A labelled input with its hint and its error, wired together with aria-describedby. */
function Field({
  name,
  label,
  hint,
  errors,
  inline = false,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  inline?: boolean;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const error = errorFor(errors, name);
  const hintId = hint === undefined ? undefined : `${name}-hint`;
  const errorId = error === undefined ? undefined : `${name}-error`;
  const describedBy = [hintId, errorId].filter((id) => id !== undefined).join(' ') || undefined;
  return (
    <div className={`field${error === undefined ? '' : ' has-error'}${inline ? ' field--check' : ''}`}>
      {label === '' ? null : <label htmlFor={`evidence-${name}`}>{label}</label>}
      {hint === undefined ? null : (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error === undefined ? null : (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {children(describedBy, error !== undefined)}
    </div>
  );
}
