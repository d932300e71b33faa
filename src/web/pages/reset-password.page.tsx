import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../api-client.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { TextField } from '../components/text-field.js';
import { mapFieldErrors, NO_FIELD_ERRORS, type FieldErrors } from '../field-errors.js';

/**
 * `/reset-password#<token>`: setting a new password with the one-time link an
 * admin handed over. The token is in the fragment, which the browser never
 * sends to the server, so it appears in no server log.
 */
export function ResetPasswordPage() {
  const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.usePasswordReset(token, password);
      setDone(true);
      // The link is used up: drop it from the address bar and the history.
      window.history.replaceState(window.history.state, '', '/reset-password');
    } catch (error) {
      const fields = error instanceof ApiError ? mapFieldErrors(error.fields, ['password']) : NO_FIELD_ERRORS;
      setErrors(fields);
      setProblem(Object.keys(fields.byField).length > 0 ? null : messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Page title="Your password is set" lead={<p>Every session you had has ended. Sign in with the new password.</p>}>
        <p>
          <Link className="button" href="/sign-in">
            Sign in
          </Link>
        </p>
      </Page>
    );
  }
  if (token === '') {
    return (
      <Page title="Set a new password">
        <div className="callout callout--error" role="alert">
          <p>This address holds no reset link. Open the whole link an admin gave you, or ask them for a new one.</p>
        </div>
      </Page>
    );
  }
  return (
    <Page title="Set a new password" lead={<p>The link works once, for a day after it was made.</p>}>
      {problem === null ? null : (
        <div className="callout callout--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <form
        className="panel auth-form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Set a new password"
      >
        <TextField
          form="reset"
          name="password"
          label="New password"
          hint="12 to 256 characters; a few words make a good one."
          type="password"
          value={password}
          onChange={setPassword}
          errors={errors}
          autoComplete="new-password"
        />
        <p className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Set the password
          </button>
        </p>
      </form>
    </Page>
  );
}
