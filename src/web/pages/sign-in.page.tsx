import { useState, type FormEvent } from 'react';
import type { DemoAccount, SetupState } from '../../server/api-contract.js';
import { api, ApiError, messageOf } from '../api-client.js';
import { Page } from '../components/page.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { TextField } from '../components/text-field.js';
import { singleSignOnHref, singleSignOnProblem } from '../single-sign-on.js';
import { mapFieldErrors, NO_FIELD_ERRORS, type FieldErrors } from '../field-errors.js';
import { useResource } from '../use-resource.js';

/*
 * What a visitor who is not signed in meets: the first-run page until the
 * installation has its admin, the sign-in page after that, and on a server
 * that runs the demo, its accounts with one click each.
 */

/** Props of the sign-in gate. */
export interface SignInGateProps {
  /** Called once signed in (or once the first admin exists and is signed in). */
  onSignedIn(): void;
}

/** Shows the first-run page or the sign-in page, whichever the installation needs. */
export function SignInGate({ onSignedIn }: SignInGateProps) {
  const state = useResource('sign-in-gate', async () => {
    const [setup, demo] = await Promise.all([api.getSetup(), api.listDemoAccounts()]);
    return { setup, demo };
  });
  if (state.status === 'loading') return <Loading label="Opening Longhaul…" />;
  if (state.status === 'error') return <ErrorView error={state.error} onRetry={state.reload} />;
  const { setup, demo } = state.data;
  if (!setup.adminExists && !setup.demo) return <SetupPage setup={setup} onSignedIn={onSignedIn} />;
  return <SignInPage demoAccounts={demo.accounts} singleSignOn={setup.singleSignOn} onSignedIn={onSignedIn} />;
}

/** Turns a failed form submission into errors at the fields, or a sentence for the top of the form. */
function formErrors(error: unknown, inputs: readonly string[]): { errors: FieldErrors; problem: string | null } {
  if (error instanceof ApiError && error.fields.length > 0) {
    const errors = mapFieldErrors(error.fields, inputs);
    return { errors, problem: errors.general.length > 0 ? error.message : null };
  }
  return { errors: NO_FIELD_ERRORS, problem: messageOf(error) };
}

const ROLE_LABELS: Readonly<Record<DemoAccount['role'], string>> = {
  engineer: 'Engineer',
  manager: 'Manager',
  'skip-level manager': 'Skip-level manager',
  admin: 'Admin',
};

interface SignInPageProps {
  demoAccounts: readonly DemoAccount[];
  singleSignOn: boolean;
  onSignedIn(): void;
}

function SignInPage({ demoAccounts, singleSignOn, onSignedIn }: SignInPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [problem, setProblem] = useState<string | null>(() => singleSignOnProblem(window.location.search));
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.signIn(email, password);
      onSignedIn();
    } catch (error) {
      const shown = formErrors(error, ['email', 'password']);
      setErrors(shown.errors);
      setProblem(shown.problem);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const demoSignIn = async (account: DemoAccount) => {
    setBusy(true);
    try {
      await api.signInToDemo(account.email);
      onSignedIn();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title="Sign in"
      lead={
        <p>
          {singleSignOn
            ? "Sign in through your organisation's identity provider, or with the email and password of your Longhaul account."
            : 'Sign in with the email and password of your Longhaul account.'}
        </p>
      }
    >
      {problem === null ? null : (
        <div className="callout callout--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <div className="auth-layout">
        {demoAccounts.length === 0 ? null : (
          <section className="panel demo-accounts" aria-labelledby="demo-accounts-title">
            <h2 id="demo-accounts-title">Try the demo</h2>
            <p>
              <strong>These accounts exist only in the demo.</strong> Pick one to see Longhaul as that person; no
              password is needed while the server runs the demo.
            </p>
            <ul className="demo-accounts__list">
              {demoAccounts.map((account) => (
                <li key={account.email}>
                  <button
                    type="button"
                    className="button demo-accounts__button"
                    disabled={busy}
                    onClick={() => void demoSignIn(account)}
                  >
                    <span className="demo-accounts__name">Sign in as {account.name}</span>{' '}
                    <span className="demo-accounts__role">
                      {ROLE_LABELS[account.role]}
                      {account.title === null ? '' : ` · ${account.title}`}
                      {account.team === null ? '' : `, ${account.team}`}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {singleSignOn ? (
          <section className="panel auth-form" aria-labelledby="sso-title">
            <h2 id="sso-title">Single sign-on</h2>
            <p>Use the account you sign in to your organisation's other tools with.</p>
            <p className="button-row">
              <a className="button" href={singleSignOnHref(window.location)}>
                Sign in with single sign-on
              </a>
            </p>
          </section>
        ) : null}
        <form className="panel auth-form" noValidate onSubmit={(event) => void submit(event)} aria-label="Sign in">
          {demoAccounts.length === 0 && !singleSignOn ? null : <h2>Sign in with a password</h2>}
          <TextField
            form="sign-in"
            name="email"
            label="Email"
            type="email"
            value={email}
            onChange={setEmail}
            errors={errors}
            autoComplete="username"
          />
          <TextField
            form="sign-in"
            name="password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            errors={errors}
            autoComplete="current-password"
          />
          <p className="button-row">
            <button type="submit" className="button" disabled={busy}>
              Sign in
            </button>
          </p>
          <p className="hint">Forgot your password? Ask an admin for a reset link.</p>
        </form>
      </div>
    </Page>
  );
}

function SetupPage({ setup, onSignedIn }: { setup: SetupState; onSignedIn(): void }) {
  const [name, setName] = useState(setup.localPersonName);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.createFirstAdmin({ name, email, password });
      onSignedIn();
    } catch (error) {
      const shown = formErrors(error, ['name', 'email', 'password']);
      setErrors(shown.errors);
      setProblem(shown.problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title="Create the admin account"
      lead={
        <p>
          This is the first visit to this Longhaul. The admin account is yours: it signs in with this email and
          password, and it can hand out password-reset links to others.
        </p>
      }
    >
      {problem === null ? null : (
        <div className="callout callout--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <form
        className="panel auth-form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Create the admin account"
      >
        <TextField
          form="setup"
          name="name"
          label="Your name"
          value={name}
          onChange={setName}
          errors={errors}
          autoComplete="name"
        />
        <TextField
          form="setup"
          name="email"
          label="Email"
          hint="You sign in with it."
          type="email"
          value={email}
          onChange={setEmail}
          errors={errors}
          autoComplete="username"
        />
        <TextField
          form="setup"
          name="password"
          label="Password"
          hint="12 to 256 characters; a few words make a good one."
          type="password"
          value={password}
          onChange={setPassword}
          errors={errors}
          autoComplete="new-password"
        />
        <p className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Create the admin account
          </button>
        </p>
      </form>
    </Page>
  );
}
