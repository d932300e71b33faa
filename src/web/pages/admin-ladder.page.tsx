import { useEffect, useId, useRef, useState } from 'react';
import type { LadderVersion } from '../../server/api-contract.js';
import { api, messageOf } from '../api-client.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { useLocation } from '../history-store.js';
import {
  activatedMessage,
  activationQuestion,
  compareHref,
  describeLadderChange,
  readCompare,
  shortHash,
} from '../ladder-admin-view.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { useSession } from '../session.js';
import { readParam } from '../url-state.js';
import { useApiChanges, useResource } from '../use-resource.js';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

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
        <Loading label="Loading the ladder versions…" />
      ) : (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Ladder versions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Ladder</th>
                  <th scope="col">Version</th>
                  <th scope="col">Stored</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {loaded.items.map((version) => (
                  <tr key={`${version.id}@${version.hash}`} aria-current={version.active ? 'true' : undefined}>
                    <td>
                      {version.title} <span className="muted">({version.id})</span>
                    </td>
                    <td>
                      <code>{shortHash(version.hash)}</code>
                    </td>
                    <td>{when(version.loadedAt)}</td>
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
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {loaded.more ? (
            <p className="show-more">
              <button
                type="button"
                className="button button--secondary"
                onClick={showMore}
                disabled={list.status === 'loading'}
              >
                Show more
              </button>
            </p>
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
