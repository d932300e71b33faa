import { useRef, useState, type KeyboardEvent } from 'react';
import type { Person } from '../../server/api-contract.js';
import { api, messageOf } from '../api-client.js';
import { AUDIENCES, matchPeople, MAX_NAMED_PEOPLE, type Audience, type AudiencePerson } from '../evidence-form.js';
import { loadPages } from '../paged-list.js';
import { useResource } from '../use-resource.js';

/** How many pages of the directory the picker reads at most: 2,000 people at 200 a page. */
const DIRECTORY_PAGES = 10;

/**
 * Who sees a piece of evidence: three radio buttons (only me, my managers,
 * named people) and, for named people, a search of the directory with the
 * chosen people as chips. Every control is a native input or button, so it
 * works by keyboard; a chip is removed with Enter, Space, Delete or Backspace.
 */
export function AudiencePicker({
  visibility,
  sharedWith,
  authorId,
  visibilityError,
  sharedWithError,
  onVisibility,
  onSharedWith,
}: {
  visibility: Audience;
  sharedWith: readonly AudiencePerson[];
  /** The author, who is never offered: they always see their own evidence. */
  authorId: string;
  visibilityError: string | undefined;
  sharedWithError: string | undefined;
  onVisibility: (visibility: Audience) => void;
  onSharedWith: (people: AudiencePerson[]) => void;
}) {
  return (
    <fieldset
      className={`field choice-group audience${visibilityError === undefined ? '' : ' has-error'}`}
      aria-describedby={visibilityError === undefined ? undefined : 'visibility-error'}
    >
      <legend>Who can see this evidence</legend>
      {visibilityError === undefined ? null : (
        <p className="field-error" id="visibility-error">
          <span className="visually-hidden">Error: </span>
          {visibilityError}
        </p>
      )}
      {AUDIENCES.map((audience) => (
        <label key={audience.id} className="choice">
          <input
            type="radio"
            name="visibility"
            id={`evidence-visibility-${audience.id}`}
            value={audience.id}
            checked={visibility === audience.id}
            onChange={() => onVisibility(audience.id)}
            aria-describedby={`visibility-${audience.id}-hint`}
          />
          <span>
            {audience.label}
            <span className="hint audience__hint" id={`visibility-${audience.id}-hint`}>
              {audience.hint}
            </span>
          </span>
        </label>
      ))}
      {visibility === 'people' ? (
        <PeoplePicker chosen={sharedWith} authorId={authorId} error={sharedWithError} onChange={onSharedWith} />
      ) : null}
    </fieldset>
  );
}

function PeoplePicker({
  chosen,
  authorId,
  error,
  onChange,
}: {
  chosen: readonly AudiencePerson[];
  authorId: string;
  error: string | undefined;
  onChange: (people: AudiencePerson[]) => void;
}) {
  const directory = useResource('audience-directory', async () =>
    loadPages((cursor) => api.listPeople({ cursor, limit: 200 }), DIRECTORY_PAGES),
  );
  const [query, setQuery] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const chips = useRef<Array<HTMLButtonElement | null>>([]);
  const people: readonly Person[] = directory.status === 'ready' ? directory.data.items : [];
  const leaveOut = [authorId, ...chosen.map((p) => p.id)];
  const matches = matchPeople(people, query, leaveOut);
  const full = chosen.length >= MAX_NAMED_PEOPLE;

  const add = (person: Person) => {
    if (full) return;
    onChange([...chosen, { id: person.id, name: person.name }]);
    setQuery('');
    setAnnouncement(`${person.name} can see this evidence.`);
    search.current?.focus();
  };

  const remove = (index: number) => {
    const person = chosen[index];
    if (person === undefined) return;
    onChange(chosen.filter((_, i) => i !== index));
    setAnnouncement(`${person.name} removed.`);
    // The focus goes to the chip that takes this one's place, else back to the search.
    window.requestAnimationFrame(() => {
      const next = chips.current[Math.min(index, chosen.length - 2)];
      if (next !== null && next !== undefined && chosen.length > 1) next.focus();
      else search.current?.focus();
    });
  };

  const onChipKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      remove(index);
    }
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const [first] = matches;
    if (event.key === 'Enter') {
      // Enter picks the first match rather than sending the form half-filled.
      event.preventDefault();
      if (first !== undefined) add(first);
    } else if (event.key === 'Backspace' && query === '' && chosen.length > 0) {
      event.preventDefault();
      chips.current[chosen.length - 1]?.focus();
    }
  };

  return (
    <div className={`audience__people${error === undefined ? '' : ' has-error'}`}>
      <label htmlFor="evidence-sharedWith">People who can see it</label>
      <p className="hint" id="sharedWith-hint">
        Search by name or email, then pick a person; up to {MAX_NAMED_PEOPLE}.
      </p>
      {error === undefined ? null : (
        <p className="field-error" id="sharedWith-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {chosen.length === 0 ? null : (
        <ul className="chip-list" aria-label="Chosen people">
          {chosen.map((person, index) => (
            <li key={person.id}>
              <button
                type="button"
                className="chip"
                ref={(element) => {
                  chips.current[index] = element;
                }}
                onClick={() => remove(index)}
                onKeyDown={(event) => onChipKey(event, index)}
                aria-label={`Remove ${person.name}`}
              >
                <span aria-hidden="true">{person.name}</span>
                <span className="chip__remove" aria-hidden="true">
                  ×
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id="evidence-sharedWith"
        ref={search}
        type="search"
        value={query}
        disabled={full}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onSearchKey}
        aria-describedby={`sharedWith-hint${error === undefined ? '' : ' sharedWith-error'}`}
        aria-invalid={error !== undefined}
        aria-controls="audience-matches"
        autoComplete="off"
      />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {directory.status === 'error' ? (
        <p className="field-error">The directory could not be read: {messageOf(directory.error)}</p>
      ) : null}
      <ul id="audience-matches" className="audience__matches" aria-label="Matching people">
        {query.trim() === '' ? null : matches.length === 0 ? (
          <li className="muted">{directory.status === 'loading' ? 'Reading the directory…' : 'Nobody matches.'}</li>
        ) : (
          matches.map((person) => (
            <li key={person.id}>
              <button type="button" className="button button--secondary button--small" onClick={() => add(person)}>
                Add {person.name}
                {person.team === null ? null : <span className="muted"> · {person.team}</span>}
              </button>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
