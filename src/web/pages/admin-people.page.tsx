import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AdminPerson, Ladder } from '../../server/api-contract.js';
import {
  adminPeopleHref,
  createBody,
  deactivationQuestion,
  describeState,
  editBody,
  EMPTY_PERSON_FORM,
  formOf,
  levelsFor,
  PERSON_FORM_FIELDS,
  readTeamFilter,
  searchPeople,
  type PersonForm,
} from '../admin-people-view.js';
import { api, ApiError, messageOf } from '../api-client.js';
import { Page } from '../components/page.js';
import { ShowMore } from '../components/show-more.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { TextField } from '../components/text-field.js';
import { useToast } from '../components/toast.js';
import { errorFor, mapFieldErrors, NO_FIELD_ERRORS, type FieldErrors } from '../field-errors.js';
import { navigate, useLocation } from '../history-store.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { useSession } from '../session.js';
import { useApiChanges, useResource } from '../use-resource.js';

/** How many people the manager picker offers: the first page of everyone, at the API's largest page size. */
const MANAGER_CHOICES = 200;

/**
 * `/admin/people`: the admin screen for people. Lists everyone (a team at a
 * time when filtered, a page at a time, searchable in the page), and lets an
 * admin add a person, edit and move them, deactivate or reactivate them and
 * give or take the admin role. Anyone else sees the server's refusal.
 */
export function AdminPeoplePage() {
  const { search } = useLocation();
  const team = readTeamFilter(search);
  const changes = useApiChanges();
  const listKey = `admin-people:${team ?? ''}`;
  const { pages, showMore } = usePageCount(listKey);
  const list = useResource(`${listKey}:${pages}:${changes}`, () =>
    loadPages((cursor) => api.listPeopleForAdmin(team ?? undefined, { cursor }), pages),
  );
  const teams = useResource(`teams:${changes}`, () => api.listTeams({ limit: 200 }));
  const everyone = useResource(`admin-people-managers:${changes}`, () =>
    api.listPeopleForAdmin(undefined, { limit: MANAGER_CHOICES }),
  );
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);
  const loaded = list.status === 'ready' ? list.data : list.status === 'loading' ? list.previous : undefined;
  const managers = everyone.status === 'ready' ? everyone.data.items : [];
  const teamNames = teams.status === 'ready' ? teams.data.items.map((t) => t.name) : [];

  if (list.status === 'error' && list.error instanceof ApiError && list.error.status === 403) {
    return (
      <Page title="People">
        <ErrorView title="Only an admin can manage people" error={list.error} />
      </Page>
    );
  }
  const shown = loaded === undefined ? [] : searchPeople(loaded.items, text);
  return (
    <Page
      title="People"
      lead={
        <p>
          Add people, change their details, move them to another team or manager, deactivate them when they leave, and
          choose who is an admin. A team is created when you first put someone in it.
        </p>
      }
      actions={
        adding ? null : (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add a person
          </button>
        )
      }
    >
      {adding ? <AddPersonPanel managers={managers} teams={teamNames} onClose={() => setAdding(false)} /> : null}
      <form
        role="search"
        aria-label="Filter the people"
        className="filters"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor="admin-people-team">Team</label>
          <select
            id="admin-people-team"
            value={team ?? ''}
            onChange={(event) =>
              navigate(adminPeopleHref(event.target.value === '' ? null : event.target.value), { replace: true })
            }
          >
            <option value="">Everyone</option>
            {teamNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="admin-people-search">Search by name or email</label>
          <p className="hint" id="admin-people-search-hint">
            Searches the people listed below; Show more lists more.
          </p>
          <input
            id="admin-people-search"
            type="search"
            value={text}
            aria-describedby="admin-people-search-hint"
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      </form>
      {team === null || teams.status !== 'ready' ? null : (
        <RenameTeam key={team} team={teams.data.items.find((t) => t.name === team)} />
      )}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {loaded === undefined ? (
        list.status === 'loading' ? (
          <Loading label="Loading the people…" />
        ) : null
      ) : loaded.items.length === 0 ? (
        <div className="empty-state">
          <p>
            {team === null
              ? 'Nobody is in the organisation yet. Add a person, or import a people file with longhaul org import.'
              : `Nobody is in ${team}.`}
          </p>
        </div>
      ) : (
        <>
          {shown.length === 0 ? <p className="muted">Nobody listed matches “{text.trim()}”.</p> : null}
          <ul className="admin-people" aria-label="People">
            {shown.map((person) => (
              <PersonItem key={person.id} person={person} managers={managers} teams={teamNames} />
            ))}
          </ul>
          {loaded.more ? (
            <ShowMore
              label="Show more people"
              loadingLabel="Loading more people…"
              loading={list.status === 'loading'}
              onMore={showMore}
            />
          ) : null}
        </>
      )}
    </Page>
  );
}

/** The form's errors from a failed save: at the fields the server names, the rest above the form. */
function errorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return { byField: {}, general: [messageOf(error)] };
  if (error.fields.length === 0) return { byField: {}, general: [error.message] };
  return mapFieldErrors(error.fields, PERSON_FORM_FIELDS);
}

function AddPersonPanel(props: { managers: readonly AdminPerson[]; teams: readonly string[]; onClose(): void }) {
  const toast = useToast();
  const [form, setForm] = useState<PersonForm>(EMPTY_PERSON_FORM);
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const person = await api.createPerson(createBody(form));
      toast({ message: `Added ${person.name}.` });
      props.onClose();
    } catch (error) {
      setErrors(errorsOf(error));
      setSaving(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="add-person-title">
      <h2 id="add-person-title">Add a person</h2>
      <form noValidate onSubmit={(event) => void submit(event)} aria-label="Add a person">
        <PersonFields
          form="add-person"
          value={form}
          onChange={setForm}
          errors={errors}
          managers={props.managers}
          teams={props.teams}
        />
        <p className="button-row">
          <button type="submit" className="button" disabled={saving}>
            Add the person
          </button>
          <button type="button" className="button button--quiet" onClick={props.onClose}>
            Cancel
          </button>
        </p>
      </form>
    </section>
  );
}

function PersonItem(props: { person: AdminPerson; managers: readonly AdminPerson[]; teams: readonly string[] }) {
  const { person } = props;
  const { me, ladder } = useSession();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [form, setForm] = useState<PersonForm>(() => formOf(person));
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [busy, setBusy] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The confirmation takes the focus so a keyboard user answers it next.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const titleId = useId();
  const manager = props.managers.find((m) => m.id === person.managerId);
  const level = placementOf(ladder, person);

  const change = async (body: Parameters<typeof api.editPersonAsAdmin>[1], done: string) => {
    setBusy(true);
    try {
      await api.editPersonAsAdmin(person.id, body);
      toast({ message: done });
      setEditing(false);
      setConfirming(false);
      setErrors(NO_FIELD_ERRORS);
    } catch (error) {
      if (editing) {
        setErrors(errorsOf(error));
      } else {
        // Outside the form, the field's own sentence reads best: "… is the last active admin; …".
        toast({ message: error instanceof ApiError ? (error.fields[0]?.message ?? error.message) : messageOf(error) });
        setConfirming(false);
      }
    } finally {
      setBusy(false);
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await change(editBody(person, form), `Saved ${form.name.trim() || person.name}.`);
    editButton.current?.focus();
  };

  return (
    <li className="admin-person" aria-labelledby={titleId} data-testid="admin-person">
      <div className="admin-person__head">
        <div>
          <h2 className="admin-person__name" id={titleId}>
            {person.name}
            {person.id === me.person.id ? <span className="muted"> (you)</span> : null}
          </h2>
          <p className="muted">
            {[person.email, person.title, person.team ?? 'no team'].filter((part) => part !== null).join(' · ')}
          </p>
          <p>
            {manager === undefined
              ? person.managerId === null
                ? 'No manager'
                : 'Has a manager'
              : `Manager: ${manager.name}`}
            {level === null ? null : ` · ${level}`} · <span className="badge">{describeState(person)}</span>
          </p>
        </div>
        <p className="button-row">
          <button
            ref={editButton}
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editing}
            onClick={() => {
              setForm(formOf(person));
              setErrors(NO_FIELD_ERRORS);
              setEditing(!editing);
            }}
          >
            {editing ? 'Close' : 'Edit'}
            <span className="visually-hidden"> {person.name}</span>
          </button>
          <button
            type="button"
            className="button button--quiet button--small"
            disabled={busy}
            onClick={() =>
              void change(
                { isAdmin: !person.isAdmin },
                person.isAdmin ? `${person.name} is no longer an admin.` : `${person.name} is now an admin.`,
              )
            }
          >
            {person.isAdmin ? 'Remove admin' : 'Make admin'}
            <span className="visually-hidden"> ({person.name})</span>
          </button>
          {person.deactivatedAt === null ? (
            <button
              type="button"
              className="button button--quiet button--small"
              aria-expanded={confirming}
              onClick={() => setConfirming(true)}
            >
              Deactivate…<span className="visually-hidden"> {person.name}</span>
            </button>
          ) : (
            <button
              type="button"
              className="button button--quiet button--small"
              disabled={busy}
              onClick={() => void change({ active: true }, `${person.name} is active again.`)}
            >
              Reactivate<span className="visually-hidden"> {person.name}</span>
            </button>
          )}
        </p>
      </div>
      {confirming ? (
        <div className="callout" role="group" aria-label={`Confirm deactivating ${person.name}`}>
          <p>{deactivationQuestion(person.name)}</p>
          <p className="button-row">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              ref={confirmButton}
              onClick={() => void change({ active: false }, `${person.name} is deactivated.`)}
            >
              Deactivate {person.name}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              Keep them active
            </button>
          </p>
        </div>
      ) : null}
      {editing ? (
        <form noValidate onSubmit={(event) => void save(event)} aria-label={`Edit ${person.name}`}>
          <PersonFields
            form={`edit-${person.id}`}
            value={form}
            onChange={setForm}
            errors={errors}
            managers={props.managers.filter((m) => m.id !== person.id)}
            teams={props.teams}
          />
          <p className="button-row">
            <button type="submit" className="button" disabled={busy}>
              Save changes
            </button>
            <button type="button" className="button button--quiet" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </p>
        </form>
      ) : null}
    </li>
  );
}

/** "Senior (ic)": the person's level and track as the ladder names them; null for none. */
function placementOf(ladder: Ladder, person: AdminPerson): string | null {
  if (person.trackId === null && person.levelId === null) return null;
  const track = ladder.tracks.find((t) => t.id === person.trackId);
  const level = track?.levels.find((l) => l.id === person.levelId);
  return [level?.title ?? person.levelId, track?.title ?? person.trackId].filter((x) => x !== null).join(', ');
}

interface PersonFieldsProps {
  form: string;
  value: PersonForm;
  onChange(value: PersonForm): void;
  errors: FieldErrors;
  managers: readonly AdminPerson[];
  teams: readonly string[];
}

/** The inputs shared by the add and edit forms, each with its hint and the server's error at it. */
function PersonFields({ form, value, onChange, errors, managers, teams }: PersonFieldsProps) {
  const { ladder } = useSession();
  const set = (key: keyof PersonForm) => (next: string) => onChange({ ...value, [key]: next });
  const teamList = `${form}-teams`;
  const managerOptions = managers.filter((m) => m.deactivatedAt === null || m.id === value.managerId);
  return (
    <>
      {errors.general.length === 0 ? null : (
        <div className="callout callout--error" role="alert">
          {errors.general.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <TextField form={form} name="name" label="Name" value={value.name} onChange={set('name')} errors={errors} />
      <TextField
        form={form}
        name="email"
        label="Email"
        type="email"
        hint="They sign in with it; each person has their own."
        value={value.email}
        onChange={set('email')}
        errors={errors}
      />
      <TextField
        form={form}
        name="title"
        label="Job title"
        value={value.title}
        onChange={set('title')}
        errors={errors}
      />
      <div className={`field${errorFor(errors, 'team') === undefined ? '' : ' has-error'}`}>
        <FieldLabel form={form} name="team" label="Team" errors={errors} hint="Pick a team or type a new name." />
        <input
          id={`${form}-team`}
          type="text"
          name="team"
          list={teamList}
          value={value.team}
          onChange={(event) => set('team')(event.target.value)}
          aria-describedby={describedBy(form, 'team', errors, true)}
          aria-invalid={errorFor(errors, 'team') !== undefined}
        />
        <datalist id={teamList}>
          {teams.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <SelectField
        form={form}
        name="managerId"
        label="Manager"
        value={value.managerId}
        onChange={set('managerId')}
        errors={errors}
      >
        <option value="">No manager</option>
        {managerOptions.map((m) => (
          <option key={m.id} value={m.id}>
            {m.email === null ? m.name : `${m.name} (${m.email})`}
          </option>
        ))}
        {value.managerId !== '' && !managerOptions.some((m) => m.id === value.managerId) ? (
          <option value={value.managerId}>The current manager</option>
        ) : null}
      </SelectField>
      <SelectField
        form={form}
        name="trackId"
        label="Track"
        value={value.trackId}
        onChange={(trackId) => onChange({ ...value, trackId, levelId: trackId === value.trackId ? value.levelId : '' })}
        errors={errors}
      >
        <option value="">No track</option>
        {ladder.tracks.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </SelectField>
      <SelectField
        form={form}
        name="levelId"
        label="Level"
        value={value.levelId}
        onChange={set('levelId')}
        errors={errors}
      >
        <option value="">No level</option>
        {levelsFor(ladder, value.trackId).map((l) => (
          <option key={l.id} value={l.id}>
            {l.title}
          </option>
        ))}
      </SelectField>
    </>
  );
}

function describedBy(form: string, name: string, errors: FieldErrors, hint: boolean): string | undefined {
  const parts = [
    hint ? `${form}-${name}-hint` : null,
    errorFor(errors, name) === undefined ? null : `${form}-${name}-error`,
  ];
  return parts.filter((p) => p !== null).join(' ') || undefined;
}

function FieldLabel(props: { form: string; name: string; label: string; errors: FieldErrors; hint?: string }) {
  const id = `${props.form}-${props.name}`;
  const error = errorFor(props.errors, props.name);
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      {props.hint === undefined ? null : (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {error === undefined ? null : (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </>
  );
}

function SelectField(props: {
  form: string;
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  errors: FieldErrors;
  children: ReactNode;
}) {
  const error = errorFor(props.errors, props.name);
  return (
    <div className={`field${error === undefined ? '' : ' has-error'}`}>
      <FieldLabel form={props.form} name={props.name} label={props.label} errors={props.errors} />
      <select
        id={`${props.form}-${props.name}`}
        name={props.name}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-describedby={describedBy(props.form, props.name, props.errors, false)}
        aria-invalid={error !== undefined}
      >
        {props.children}
      </select>
    </div>
  );
}

/** The team the filter shows, renamed in place: its people stay in it under the new name. */
function RenameTeam({ team }: { team: { id: string; name: string } | undefined }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(team?.name ?? '');
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  if (team === undefined) return null;
  if (!open) {
    return (
      <p className="button-row">
        <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
          Rename {team.name}…
        </button>
      </p>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const renamed = await api.renameTeam(team.id, name);
      toast({ message: `${team.name} is now ${renamed.name}.` });
      navigate(adminPeopleHref(renamed.name), { replace: true });
    } catch (error) {
      setErrors(
        error instanceof ApiError && error.fields.length > 0
          ? mapFieldErrors(error.fields, ['name'])
          : { ...NO_FIELD_ERRORS, general: [messageOf(error)] },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" aria-label={`Rename ${team.name}`} noValidate onSubmit={(event) => void submit(event)}>
      {errors.general.length === 0 ? null : (
        <div className="callout callout--error" role="alert">
          <p>{errors.general.join(' ')}</p>
        </div>
      )}
      <TextField
        form="rename-team"
        name="name"
        label="New name"
        hint="Its people stay in the team; only the name changes."
        value={name}
        onChange={setName}
        errors={errors}
      />
      <p className="button-row">
        <button type="submit" className="button" disabled={busy}>
          Rename
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </p>
    </form>
  );
}
