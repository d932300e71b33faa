import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { LadderVersion } from '../../server/api-contract.js';
import { api, ApiError, messageOf } from '../api-client.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { formatDateTime } from '../format.js';
import { ShowMore } from '../components/show-more.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { useLocation } from '../history-store.js';
import {
  activatedMessage,
  activationQuestion,
  compareHref,
  describeLadderChange,
  readCompare,
  shortHash,
  storedMessage,
} from '../ladder-admin-view.js';
import { describeLocation, locateProblem, type LocatedProblem } from '../org-import-view.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { useSession } from '../session.js';
import { readParam } from '../url-state.js';
import { useApiChanges, useResource } from '../use-resource.js';

/**
 * `/admin/ladder`: every stored ladder version, the active one marked, a
 * comparison of any one with the active one, and (for an admin) "Make
 * active" behind a confirmation that says what it changes.
 */
export function AdminLadderPage() {
  const { me } = useSession();
  const { search } = useLocation();
  const changes = useApiChanges();
  const { pages, showMore } = usePageCount('ladder-versions');
  const list = useResource(`ladder-versions:${pages}:${changes}`, () =>
    loadPages((cursor) => api.listLadderVersions({ cursor }), pages),
  );
  const [confirming, setConfirming] = useState<LadderVersion | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = list.status === 'ready' ? list.data : list.status === 'loading' ? list.previous : undefined;
  const active = loaded?.items.find((v) => v.active) ?? null;
  const activatedHash = readParam(search, 'activated');
  const activated = activatedHash === null ? undefined : loaded?.items.find((v) => v.hash === activatedHash);
  const compare = readCompare(search);

  const activate = async (version: LadderVersion) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.activateLadderVersion(version.id, version.hash);
      // A fresh start of the app: every screen then reads the ladder now active.
      window.location.assign(`/admin/ladder?activated=${encodeURIComponent(version.hash)}`);
    } catch (error) {
      setFailure(messageOf(error));
      setBusy(false);
      setConfirming(null);
    }
  };

  return (
    <Page
      title="Ladder versions"
      lead={
        <p>
          Every version of the ladder this installation has used. The active one is what new evidence and assessments
          are recorded against; history keeps the version each rating was made with.
          {me.isAdmin ? null : ' Only an admin can change which version is active.'}
        </p>
      }
    >
      {activated === undefined ? null : (
        <p className="callout" role="status">
          {activatedMessage(activated)}
        </p>
      )}
      {failure === null ? null : (
        <div className="callout callout--error" role="alert">
          <p>{failure}</p>
        </div>
      )}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {loaded === undefined ? (
        list.status === 'loading' ? (
          <Loading label="Loading the ladder versions…" />
        ) : null
      ) : (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Ladder versions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Ladder</th>
                  <th scope="col">Status</th>
                  <th scope="col">Version</th>
                  <th scope="col">Stored</th>
                </tr>
              </thead>
              <tbody>
                {loaded.items.map((version) => (
                  <tr key={`${version.id}@${version.hash}`} aria-current={version.active ? 'true' : undefined}>
                    <td>
                      {version.title} <span className="muted">({version.id})</span>
                    </td>
                    <td>
                      {version.active ? (
                        <strong className="badge">Active</strong>
                      ) : (
                        <span className="button-row">
                          <Link href={compareHref(version)}>
                            Compare with the active one
                            <span className="visually-hidden"> ({shortHash(version.hash)})</span>
                          </Link>
                          {me.isAdmin ? (
                            <button
                              type="button"
                              className="button button--secondary button--small"
                              disabled={busy}
                              onClick={() => setConfirming(version)}
                            >
                              Make active<span className="visually-hidden"> ({shortHash(version.hash)})</span>
                            </button>
                          ) : null}
                        </span>
                      )}
                    </td>
                    <td>
                      <code>{shortHash(version.hash)}</code>
                    </td>
                    <td>{formatDateTime(version.loadedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {loaded.more ? (
            <ShowMore
              label="Show older versions"
              loadingLabel="Loading older versions…"
              loading={list.status === 'loading'}
              onMore={showMore}
            />
          ) : null}
        </>
      )}
      {confirming === null ? null : (
        <Confirmation
          question={activationQuestion(confirming, active)}
          busy={busy}
          onConfirm={() => void activate(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {compare === null || active === null ? null : <Comparison active={active} other={compare} />}
      {me.isAdmin ? <UploadForm /> : null}
    </Page>
  );
}

/** The question before a version becomes active, with the focus on it. */
function Confirmation(props: { question: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const ids = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <section
      className="callout"
      role="alertdialog"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-question`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
    >
      <h2 id={`${ids}-title`}>Make this version active?</h2>
      <p id={`${ids}-question`}>{props.question}</p>
      <p className="button-row">
        <button ref={confirm} type="button" className="button" disabled={props.busy} onClick={props.onConfirm}>
          Make it active
        </button>
        <button type="button" className="button button--quiet" disabled={props.busy} onClick={props.onCancel}>
          Cancel
        </button>
      </p>
    </section>
  );
}

/** What changes from the active version to another one. */
function Comparison({ active, other }: { active: LadderVersion; other: { id: string; hash: string } }) {
  const diff = useResource(`ladder-diff:${active.id}@${active.hash}:${other.id}@${other.hash}`, () =>
    api.diffLadderVersions(other.id, active.hash, other.hash),
  );
  return (
    <section className="panel" aria-labelledby="ladder-diff-title">
      <h2 id="ladder-diff-title">
        From the active version ({shortHash(active.hash)}) to {shortHash(other.hash)}
      </h2>
      {other.id !== active.id ? (
        <p>This is another ladder ({other.id}); versions of different ladders are not compared.</p>
      ) : diff.status === 'loading' ? (
        <Loading label="Comparing…" />
      ) : diff.status === 'error' ? (
        <ErrorView error={diff.error} onRetry={diff.reload} title="The versions could not be compared" />
      ) : diff.data.changes.length === 0 ? (
        <p>The two versions say the same.</p>
      ) : (
        <ul>
          {diff.data.changes.map((change, index) => (
            <li key={index}>{describeLadderChange(change)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The largest ladder file the screen reads, in bytes: the API takes at most 1,000,000 characters. */
const MAX_LADDER_BYTES = 1_000_000;

/** What an upload came to: nothing yet, under way, stored, or the file's problems. */
type UploadOutcome =
  | { kind: 'none' }
  | { kind: 'busy' }
  | { kind: 'stored'; version: LadderVersion }
  | { kind: 'problems'; summary: string; problems: LocatedProblem[] }
  | { kind: 'refused'; message: string };

/**
 * Adds a version from a ladder file read in the browser: checked by the
 * server as `longhaul validate` checks it, stored but not made active.
 */
function UploadForm() {
  const ids = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [outcome, setOutcome] = useState<UploadOutcome>({ kind: 'none' });
  const answer = useRef<HTMLDivElement>(null);
  const show = (next: UploadOutcome) => {
    setOutcome(next);
    requestAnimationFrame(() => answer.current?.focus());
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setOutcome({ kind: 'none' });
    if (chosen === undefined) return setFile(null);
    if (chosen.size > MAX_LADDER_BYTES) {
      setFile(null);
      show({
        kind: 'refused',
        message: `${chosen.name} is ${chosen.size.toLocaleString('en')} bytes; a ladder file may be at most ${MAX_LADDER_BYTES.toLocaleString('en')}.`,
      });
      return;
    }
    setFile({ name: chosen.name.slice(0, 200), text: await chosen.text() });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file === null) return;
    show({ kind: 'busy' });
    try {
      show({ kind: 'stored', version: await api.storeLadderVersion({ yaml: file.text, fileName: file.name }) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const problems = error.fields.map((field) => locateProblem(field.message, file.name));
        show({ kind: 'problems', summary: error.message.split('\n')[0] ?? '', problems });
      } else show({ kind: 'refused', message: messageOf(error) });
    }
  };

  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Add a ladder version</h2>
      <form onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${ids}-file`}>Ladder file (YAML)</label>
          <p className="hint" id={`${ids}-hint`}>
            Checked as <code>longhaul validate</code> checks it, then stored without becoming active. At most 1,000,000
            bytes.
          </p>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            aria-describedby={`${ids}-hint`}
            onChange={(event) => void choose(event)}
          />
        </div>
        <p className="button-row">
          <button
            type="submit"
            className="button button--secondary"
            disabled={file === null || outcome.kind === 'busy'}
          >
            Check and store
          </button>
        </p>
      </form>
      <div ref={answer} tabIndex={-1} className="import-answer">
        {outcome.kind === 'busy' ? <Loading label="Checking the ladder file…" /> : null}
        {outcome.kind === 'stored' ? (
          <p className="callout" role="status">
            {storedMessage(outcome.version)}{' '}
            {outcome.version.active ? null : <Link href={compareHref(outcome.version)}>Compare it now</Link>}
          </p>
        ) : null}
        {outcome.kind === 'refused' ? (
          <div className="callout callout--error" role="alert">
            <p>{outcome.message}</p>
          </div>
        ) : null}
        {outcome.kind === 'problems' ? (
          <div className="callout callout--error" role="alert" aria-labelledby={`${ids}-problems`}>
            <h3 id={`${ids}-problems`}>{outcome.summary}</h3>
            <ul className="import-problems">
              {outcome.problems.map((problem, index) => (
                <li key={index}>
                  <strong>{describeLocation(problem)}:</strong> {problem.text}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
