import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ImportPlan } from '../../server/api-contract.js';
import { api, ApiError, messageOf } from '../api-client.js';
import { Page } from '../components/page.js';
import {
  describeFieldChange,
  describeLocation,
  describeNotInFile,
  EXAMPLE_PEOPLE_FILE_HREF,
  importFileName,
  locateProblem,
  PEOPLE_FILE_COLUMNS,
  summarisePlan,
  type LocatedProblem,
} from '../org-import-view.js';

/** The largest file the screen reads, in bytes: the API takes at most 1,000,000 characters. */
const MAX_FILE_BYTES = 1_000_000;

/** Where the screen is: nothing checked yet, a check or an import under way, or its answer. */
type Outcome =
  | { kind: 'none' }
  | { kind: 'busy'; what: 'check' | 'import' }
  | { kind: 'plan'; plan: ImportPlan }
  | { kind: 'problems'; fileName: string; summary: string; problems: LocatedProblem[] }
  | { kind: 'refused'; message: string };

/**
 * `/admin/import`: an admin chooses a people file (read in the browser) or
 * pastes it, checks it with a dry run that shows the plan or every problem
 * with its line and column, then imports it. Nothing is written until
 * "Import", and only when the whole file is valid (the server's rule).
 */
export function AdminImportPage() {
  const [text, setText] = useState('');
  const [chosenFile, setChosenFile] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  // The text the plan on screen was made from: "Import" is offered only for exactly that text.
  const [checkedText, setCheckedText] = useState<string | null>(null);
  const answer = useRef<HTMLDivElement>(null);
  const ids = useId();
  const fileName = importFileName(chosenFile);

  const show = (next: Outcome) => {
    setOutcome(next);
    // The answer takes the focus, so the keyboard and a screen reader land on it.
    requestAnimationFrame(() => answer.current?.focus());
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setCheckedText(null);
    if (file.size > MAX_FILE_BYTES) {
      setChosenFile(file.name);
      setText('');
      show({
        kind: 'refused',
        message: `${file.name} is ${file.size.toLocaleString('en')} bytes; this screen takes at most ${MAX_FILE_BYTES.toLocaleString('en')}. Import a larger file with longhaul org import.`,
      });
      return;
    }
    setChosenFile(file.name);
    setText(await file.text());
    setOutcome({ kind: 'none' });
  };

  const send = async (dryRun: boolean) => {
    show({ kind: 'busy', what: dryRun ? 'check' : 'import' });
    try {
      const plan = await api.importOrganisation({ csv: text, dryRun, fileName });
      setCheckedText(dryRun ? text : null);
      show({ kind: 'plan', plan });
    } catch (error) {
      setCheckedText(null);
      if (error instanceof ApiError && error.status === 422) {
        const problems = error.fields.map((field) => locateProblem(field.message, fileName));
        show({ kind: 'problems', fileName, summary: error.message.split('\n')[0] ?? '', problems });
      } else show({ kind: 'refused', message: messageOf(error) });
    }
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  const startAgain = () => {
    setText('');
    setChosenFile(null);
    setCheckedText(null);
    setOutcome({ kind: 'none' });
  };

  const busy = outcome.kind === 'busy';
  const canImport = checkedText !== null && checkedText === text && outcome.kind === 'plan' && !outcome.plan.applied;

  return (
    <Page
      title="Import people"
      lead={
        <p>
          Add and update the people of the organisation from a CSV file. Check the file first: you see who is added, who
          changes and how, and every problem with its line and column. Nothing is written until you import, and only
          when the whole file is valid. People the file does not list stay as they are.
        </p>
      }
    >
      <section aria-labelledby={`${ids}-columns`} className="panel">
        <h2 id={`${ids}-columns`}>The file</h2>
        <p>A header line naming six columns, in any order, then one person a line:</p>
        <dl className="import-columns">
          {PEOPLE_FILE_COLUMNS.map((column) => (
            <div key={column.name}>
              <dt>
                <code>{column.name}</code>
              </dt>
              <dd>{column.says}</dd>
            </div>
          ))}
        </dl>
        <p>
          <a href={EXAMPLE_PEOPLE_FILE_HREF} download="people-example.csv">
            Download an example file
          </a>{' '}
          (people-example.csv). Re-importing a file updates the people it lists in place and says what changed.
        </p>
      </section>

      <form onSubmit={check} aria-labelledby={`${ids}-form`}>
        <h2 id={`${ids}-form`}>Choose or paste the file</h2>
        <div className="field">
          <label htmlFor={`${ids}-file`}>CSV file</label>
          <p className="hint" id={`${ids}-file-hint`}>
            Read in this browser; nothing is sent until you check it. At most 1,000,000 bytes.
          </p>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${ids}-file-hint`}
            onChange={(event) => void chooseFile(event)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-text`}>Or paste it here</label>
          <p className="hint" id={`${ids}-text-hint`}>
            {chosenFile === null
              ? 'Problems are reported in people.csv.'
              : `From ${chosenFile}; problems are reported in ${fileName}.`}
          </p>
          <textarea
            id={`${ids}-text`}
            rows={10}
            spellCheck={false}
            value={text}
            aria-describedby={`${ids}-text-hint`}
            aria-invalid={outcome.kind === 'problems' ? true : undefined}
            onChange={(event) => {
              setText(event.target.value);
              if (event.target.value === '') setChosenFile(null);
            }}
          />
        </div>
        <p className="button-row">
          <button type="submit" className="button" disabled={busy || text.trim() === ''}>
            Check the file
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy || !canImport}
            onClick={() => void send(false)}
          >
            Import
          </button>
          {text === '' && outcome.kind === 'none' ? null : (
            <button type="button" className="button button--quiet" onClick={startAgain} disabled={busy}>
              Start again
            </button>
          )}
        </p>
        {checkedText !== null && checkedText !== text ? (
          <p className="hint">The text changed since it was checked: check it again before importing.</p>
        ) : null}
      </form>

      <div ref={answer} tabIndex={-1} className="import-answer">
        <ImportOutcome outcome={outcome} />
      </div>
    </Page>
  );
}

/** The answer to a check or an import. */
function ImportOutcome({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'none':
      return <p className="muted">Choose or paste a file, then check it.</p>;
    case 'busy':
      return (
        <p className="loading" role="status">
          {outcome.what === 'check' ? 'Checking the file…' : 'Importing…'}
        </p>
      );
    case 'refused':
      return (
        <div className="callout callout--error" role="alert">
          <p>{outcome.message}</p>
        </div>
      );
    case 'problems':
      return (
        <div className="callout callout--error" role="alert" aria-labelledby="import-problems-title">
          <h2 id="import-problems-title">{outcome.summary}</h2>
          <p>Fix these lines and check the file again:</p>
          <ul className="import-problems">
            {outcome.problems.map((problem, index) => (
              <li key={index}>
                <strong>{describeLocation(problem)}:</strong> {problem.text}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'plan':
      return <PlanView plan={outcome.plan} />;
  }
}

/** Who is added, who is updated with each field before and after, who is unchanged, the teams created. */
function PlanView({ plan }: { plan: ImportPlan }) {
  const notInFile = describeNotInFile(plan);
  return (
    <section aria-labelledby="import-plan-title" className="panel">
      <h2 id="import-plan-title">{plan.applied ? 'Imported' : 'The plan'}</h2>
      <p role="status" className={plan.applied ? 'callout' : undefined}>
        {summarisePlan(plan)}
      </p>
      {notInFile === null ? null : <p className="muted">{notInFile}</p>}
      {plan.added.length === 0 ? null : (
        <>
          <h3>{plan.applied ? 'Added' : 'To add'}</h3>
          <ul>
            {plan.added.map((person) => (
              <li key={person.email}>
                {person.name}{' '}
                <span className="muted">
                  ({person.email}, line {person.line})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.updated.length === 0 ? null : (
        <>
          <h3>{plan.applied ? 'Updated' : 'To update'}</h3>
          <ul>
            {plan.updated.map((person) => (
              <li key={person.email}>
                {person.name}{' '}
                <span className="muted">
                  ({person.email}, line {person.line})
                </span>
                <ul>
                  {person.changes.map((change) => (
                    <li key={change.field}>{describeFieldChange(change)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.teamsCreated.length === 0 ? null : (
        <>
          <h3>{plan.applied ? 'Teams created' : 'Teams to create'}</h3>
          <ul>
            {plan.teamsCreated.map((team) => (
              <li key={team}>{team}</li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">
        Unchanged: {plan.unchanged.toLocaleString('en')}, already stored exactly as the file lists them.
      </p>
    </section>
  );
}
