import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../api-client.js';
import { confirmsDeletion, personalDataHrefs } from '../audit-view.js';
import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { TextField } from '../components/text-field.js';
import { mapFieldErrors, NO_FIELD_ERRORS, type FieldErrors } from '../field-errors.js';
import { useSession } from '../session.js';

/**
 * `/settings/data`: what Longhaul holds about the signed-in person, as JSON
 * and Markdown downloads, who has looked at it, and deleting the account and
 * its data after typing the email again.
 */
export function YourDataPage() {
  const { me } = useSession();
  const hrefs = personalDataHrefs(me.person.id);
  return (
    <Page
      title="Your data"
      lead={<p>Everything Longhaul holds about you, who has looked at it, and how to delete it.</p>}
    >
      <section className="panel" aria-labelledby="download-title">
        <h2 id="download-title">Download what Longhaul holds about you</h2>
        <p>
          Your profile, account, sessions, API tokens (by name), evidence (deleted pieces too), assessments, settings,
          and what happened to your data. Never a password or a token.
        </p>
        <p className="button-row">
          <a className="button button--secondary" href={hrefs.json} download="longhaul-my-data.json">
            Download as JSON
          </a>
          <a className="button button--secondary" href={hrefs.markdown} download="longhaul-my-data.md">
            Download as Markdown
          </a>
        </p>
      </section>
      <section className="panel" aria-labelledby="access-title">
        <h2 id="access-title">Who has looked at your data</h2>
        <p>
          Every time someone else reads or changes your data, or is refused, the audit log records it.{' '}
          <Link href="/settings/data/access">See who has looked at your data</Link>.
        </p>
      </section>
      <DeleteAccountPanel />
    </Page>
  );
}

function DeleteAccountPanel() {
  const { me } = useSession();
  const [typed, setTyped] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);
  const [busy, setBusy] = useState(false);
  const { email, name } = me.person;
  const matches = confirmsDeletion(typed, email, name);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches) {
      const message = email === null ? `type your name, ${name}, to confirm` : `type your email, ${email}, to confirm`;
      setErrors(mapFieldErrors([{ path: 'body.confirmEmail', message }], ['confirmEmail']));
      return;
    }
    setBusy(true);
    try {
      await api.deletePerson(me.person.id, typed);
      // The session went with the account: a fresh load shows the sign-in page.
      window.location.assign('/');
    } catch (error) {
      setBusy(false);
      setErrors(
        mapFieldErrors(
          error instanceof ApiError && error.fields.length > 0
            ? error.fields
            : [{ path: 'body.confirmEmail', message: messageOf(error) }],
          ['confirmEmail'],
        ),
      );
    }
  };

  return (
    <section className="panel" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account and your data</h2>
      <p>
        This deletes your account, your sessions and tokens, your evidence and the assessments of you, at once and for
        good. The people you manage keep their place without a manager. The audit log keeps that it happened, not what
        was deleted.
      </p>
      <form className="token-form" noValidate onSubmit={(event) => void submit(event)} aria-label="Delete your account">
        <TextField
          form="delete-account"
          name="confirmEmail"
          label={email === null ? 'Type your name to confirm' : 'Type your email to confirm'}
          hint={email === null ? name : email}
          type={email === null ? 'text' : 'email'}
          autoComplete="off"
          value={typed}
          onChange={(value) => {
            setTyped(value);
            setErrors(NO_FIELD_ERRORS);
          }}
          errors={errors}
        />
        <p className="button-row">
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? 'Deleting…' : 'Delete my account and data'}
          </button>
        </p>
      </form>
    </section>
  );
}
