import { useState, type FormEvent } from 'react';
import type { ApiToken, ApiTokenCreated, PasswordResetCreated, SessionInfo } from '../../server/api-contract.js';
import { api, ApiError, messageOf } from '../api-client.js';
import { Page } from '../components/page.js';
import { formatDateTime } from '../format.js';
import { ShowMore } from '../components/show-more.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { TextField } from '../components/text-field.js';
import { useToast } from '../components/toast.js';
import { mapFieldErrors, NO_FIELD_ERRORS, type FieldErrors } from '../field-errors.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { useSession } from '../session.js';

/** The sessions the page lists: the newest, as many as one page of the API holds. */
const MAX_SHOWN_SESSIONS = 200;
import { useApiChanges, useResource } from '../use-resource.js';

/**
 * `/settings/security`: where a person is signed in (and signing out
 * everywhere else), their personal API tokens (made, shown once, revoked),
 * and for admins the password-reset links they hand over.
 */
export function SecurityPage() {
  const { me } = useSession();
  const changes = useApiChanges();
  const { pages, showMore } = usePageCount('security');
  const data = useResource(`security:${pages}:${changes}`, async () => {
    // Sessions come one full page (a person is rarely signed in two hundred times); tokens as many pages as asked.
    const [sessions, tokens] = await Promise.all([
      api.listSessions({ limit: MAX_SHOWN_SESSIONS }),
      loadPages((cursor) => api.listTokens({ cursor }), pages),
    ]);
    return { sessions, tokens };
  });
  const loaded = data.status === 'ready' ? data.data : data.status === 'loading' ? data.previous : undefined;
  return (
    <Page title="Security" lead={<p>Where you are signed in, and the tokens your scripts use.</p>}>
      {data.status === 'error' ? <ErrorView error={data.error} onRetry={data.reload} /> : null}
      {data.status === 'loading' && data.previous === undefined ? <Loading /> : null}
      {data.status === 'ready' || (data.status === 'loading' && data.previous !== undefined) ? (
        <>
          <SessionsPanel
            sessions={loaded?.sessions.items ?? []}
            more={loaded !== undefined && loaded.sessions.nextCursor !== null}
          />
          <TokensPanel
            tokens={loaded?.tokens.items ?? []}
            more={loaded?.tokens.more === true}
            loadingMore={data.status === 'loading'}
            onMore={showMore}
          />
        </>
      ) : null}
      {me.isAdmin ? <ResetLinkPanel /> : null}
    </Page>
  );
}

const when = (iso: string | null) => (iso === null ? 'never' : formatDateTime(iso));

function SessionsPanel({ sessions, more }: { sessions: readonly SessionInfo[]; more: boolean }) {
  const toast = useToast();
  const others = sessions.filter((session) => !session.current).length;
  const signOutEverywhere = async () => {
    try {
      const { ended } = await api.signOutEverywhere();
      toast({ message: ended === 1 ? 'Signed out of 1 other session.' : `Signed out of ${ended} other sessions.` });
    } catch (error) {
      toast({ message: messageOf(error) });
    }
  };
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <div className="panel__head">
        <h2 id="sessions-title">Where you are signed in</h2>
        <button
          type="button"
          className="button button--secondary"
          disabled={others === 0}
          onClick={() => void signOutEverywhere()}
        >
          Sign out everywhere else
        </button>
      </div>
      {others === 0 ? <p className="hint">This browser is the only place you are signed in.</p> : null}
      <ul className="credential-list">
        {sessions.map((session) => (
          <li key={session.id}>
            <p className="credential-list__name">
              {describeBrowser(session.userAgent)}
              {session.current ? <span className="badge">This browser</span> : null}
            </p>
            <p className="muted">
              Signed in {when(session.createdAt)} from {session.address ?? 'an unknown address'}; last seen{' '}
              {when(session.lastSeenAt)}.
            </p>
          </li>
        ))}
      </ul>
      {more ? (
        <p className="muted">
          The {MAX_SHOWN_SESSIONS} most recent sessions are listed; signing out everywhere else ends them all.
        </p>
      ) : null}
    </section>
  );
}

/** A browser's name from its User-Agent, roughly, as the sessions list shows it. */
function describeBrowser(userAgent: string | null): string {
  if (userAgent === null || userAgent === '') return 'An unknown browser';
  const browser = /Firefox\//.test(userAgent)
    ? 'Firefox'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : userAgent.slice(0, 40);
  const system = /Windows/.test(userAgent)
    ? ' on Windows'
    : /Mac OS X/.test(userAgent)
      ? ' on macOS'
      : /Android/.test(userAgent)
        ? ' on Android'
        : /iPhone|iPad/.test(userAgent)
          ? ' on iOS'
          : /Linux/.test(userAgent)
            ? ' on Linux'
            : '';
  return `${browser}${system}`;
}

const EXPIRY_CHOICES = [7, 30, 90, 365];

function TokensPanel({
  tokens,
  more,
  loadingMore,
  onMore,
}: {
  tokens: readonly ApiToken[];
  more: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  const toast = useToast();
  // When the list was loaded: expiry is judged against it, so a render is the same every time.
  const [loadedAt] = useState(() => Date.now());
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const token = await api.createToken({ name, expiresInDays: Number(days) });
      setCreated(token);
      setName('');
      setErrors(NO_FIELD_ERRORS);
    } catch (error) {
      setErrors(error instanceof ApiError ? mapFieldErrors(error.fields, ['name', 'expiresInDays']) : NO_FIELD_ERRORS);
      if (!(error instanceof ApiError) || error.fields.length === 0) toast({ message: messageOf(error) });
    }
  };
  const revoke = async (token: ApiToken) => {
    try {
      await api.revokeToken(token.id);
      toast({ message: `Revoked "${token.name}".` });
    } catch (error) {
      toast({ message: messageOf(error) });
    }
  };
  const copy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      toast({ message: 'Copied.' });
    } catch {
      toast({ message: 'Select the token and copy it yourself.' });
    }
  };

  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal API tokens</h2>
      <p>
        For scripts: send a token as <code>Authorization: Bearer lh_…</code>. It acts as you, so keep it as you keep a
        password.
      </p>
      {created === null ? null : (
        <div className="callout token-reveal" role="status">
          <p>
            <strong>Copy the token &ldquo;{created.name}&rdquo; now: it is shown only this once.</strong>
          </p>
          <p className="token-reveal__value">
            <code data-testid="new-token">{created.token}</code>
          </p>
          <p className="button-row">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => void copy(created.token)}
            >
              Copy
            </button>
            <button type="button" className="button button--quiet button--small" onClick={() => setCreated(null)}>
              Done
            </button>
          </p>
        </div>
      )}
      <form className="token-form" noValidate onSubmit={(event) => void create(event)} aria-label="Make a token">
        <TextField
          form="token"
          name="name"
          label="Name"
          hint="Such as “backup script”."
          value={name}
          onChange={setName}
          errors={errors}
          autoComplete="off"
        />
        <div className="field">
          <label htmlFor="token-expiresInDays">Expires after</label>
          <select id="token-expiresInDays" value={days} onChange={(event) => setDays(event.target.value)}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice} value={String(choice)}>
                {choice === 365 ? 'a year' : `${choice} days`}
              </option>
            ))}
          </select>
        </div>
        <p className="button-row">
          <button type="submit" className="button">
            Make a token
          </button>
        </p>
      </form>
      {tokens.length === 0 ? (
        <p className="muted">You have no tokens yet.</p>
      ) : (
        <ul className="credential-list" aria-label="Your tokens">
          {tokens.map((token) => {
            const expired = Date.parse(token.expiresAt) <= loadedAt;
            const state = token.revokedAt !== null ? 'Revoked' : expired ? 'Expired' : null;
            return (
              <li key={token.id}>
                <p className="credential-list__name">
                  {token.name} <code>{token.prefix}…</code>
                  {state === null ? null : <span className="badge">{state}</span>}
                </p>
                <p className="muted">
                  Made {when(token.createdAt)}; {expired ? 'expired' : 'expires'} {when(token.expiresAt)}; last used{' '}
                  {when(token.lastUsedAt)}.
                </p>
                {state === null ? (
                  <button
                    type="button"
                    className="button button--danger button--small"
                    onClick={() => void revoke(token)}
                    aria-label={`Revoke ${token.name}`}
                  >
                    Revoke
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {more ? (
        <ShowMore
          label="Show older tokens"
          loadingLabel="Loading older tokens…"
          loading={loadingMore}
          onMore={onMore}
        />
      ) : null}
    </section>
  );
}

function ResetLinkPanel() {
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [link, setLink] = useState<PasswordResetCreated | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setLink(await api.createPasswordReset(email));
      setErrors(NO_FIELD_ERRORS);
    } catch (error) {
      setErrors(
        error instanceof ApiError
          ? mapFieldErrors(error.fields.length > 0 ? error.fields : [{ path: 'body.email', message: error.message }], [
              'email',
            ])
          : NO_FIELD_ERRORS,
      );
    }
  };
  return (
    <section className="panel" aria-labelledby="reset-title">
      <h2 id="reset-title">Password-reset links (admin)</h2>
      <p>
        A link with which someone sets a new password. It works once, for a day. No mail is sent: hand it over yourself.
      </p>
      {link === null ? null : (
        <div className="callout token-reveal" role="status">
          <p>
            <strong>The link for {link.person.name}, shown only this once:</strong>
          </p>
          <p className="token-reveal__value">
            <code data-testid="reset-link">{link.link}</code>
          </p>
        </div>
      )}
      <form className="token-form" noValidate onSubmit={(event) => void submit(event)} aria-label="Make a reset link">
        <TextField
          form="reset-link"
          name="email"
          label="Their email"
          type="email"
          value={email}
          onChange={setEmail}
          errors={errors}
        />
        <p className="button-row">
          <button type="submit" className="button button--secondary">
            Make a reset link
          </button>
        </p>
      </form>
    </section>
  );
}
