import type { InstallationSettings } from '../../server/api-contract.js';
import { api } from '../api-client.js';
import { Page } from '../components/page.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { pluralise } from '../format.js';
import { useResource } from '../use-resource.js';

/**
 * `/admin/settings`: what this Longhaul runs with, for an admin. The
 * settings are read here and changed where the server runs (environment
 * variables and flags): whoever runs the server decides how people sign in.
 */
export function AdminSettingsPage() {
  const settings = useResource('admin-settings', () => api.getInstallationSettings());
  const lead = (
    <p>
      How this Longhaul is set up. These settings are changed where the server runs, with environment variables and
      flags; the help next to each says which.
    </p>
  );
  if (settings.status === 'error') {
    return (
      <Page title="Settings" lead={lead}>
        <ErrorView error={settings.error} onRetry={settings.reload} />
      </Page>
    );
  }
  if (settings.status === 'loading') {
    return (
      <Page title="Settings" lead={lead}>
        <Loading label="Loading the settings…" />
      </Page>
    );
  }
  return (
    <Page title="Settings" lead={lead}>
      <SettingsView settings={settings.data} />
    </Page>
  );
}

function SettingsView({ settings }: { settings: InstallationSettings }) {
  const { organisation: org, sessions, signInLimits: limits } = settings;
  return (
    <div className="settings-sections">
      <section className="panel" aria-labelledby="settings-sign-in">
        <h2 id="settings-sign-in">Signing in</h2>
        <dl className="settings-list">
          <dt>Single sign-on</dt>
          <dd>
            {settings.singleSignOn === null ? (
              <>
                Off. People sign in with a password.{' '}
                <span className="hint">Set LONGHAUL_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET to turn it on.</span>
              </>
            ) : (
              <>
                On, through <code>{settings.singleSignOn.issuer}</code> as client{' '}
                <code>{settings.singleSignOn.clientId}</code>; the provider sends people back to{' '}
                <code>{settings.singleSignOn.redirectUri}</code>.{' '}
                <span className="hint">The client secret is never shown.</span>
              </>
            )}
          </dd>
          <dt>Public address</dt>
          <dd>
            {settings.publicUrl === null ? (
              'Not set: reset links use the address of the request.'
            ) : (
              <code>{settings.publicUrl}</code>
            )}{' '}
            <span className="hint">--public-url or LONGHAUL_PUBLIC_URL.</span>
          </dd>
          <dt>Demo accounts</dt>
          <dd>
            {settings.demo ? (
              <>
                Offered with one click on the sign-in page.{' '}
                <span className="hint">serve --no-demo turns them off.</span>
              </>
            ) : (
              'Not offered: this database holds no demo, or the server runs with --no-demo.'
            )}
          </dd>
          <dt>Sessions</dt>
          <dd>
            End after {pluralise(sessions.idleHours, 'hour')} without use, and {pluralise(sessions.absoluteDays, 'day')}{' '}
            after signing in.
          </dd>
          <dt>Failed sign-ins</dt>
          <dd>
            {limits.perAccount} per account and {limits.perAddress} per address in {limits.windowMinutes} minutes, then
            a wait.
          </dd>
          <dt>API tokens</dt>
          <dd>Expire after at most {pluralise(settings.apiTokenMaxDays, 'day')}.</dd>
          <dt>Reset links</dt>
          <dd>Work once, for {pluralise(settings.resetLinkHours, 'hour')}.</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="settings-organisation">
        <h2 id="settings-organisation">The organisation</h2>
        <dl className="settings-list">
          <dt>People</dt>
          <dd>
            {pluralise(org.activePeople, 'active person', 'active people')}
            {org.deactivatedPeople === 0 ? '' : `, ${org.deactivatedPeople} deactivated`}
          </dd>
          <dt>Admins</dt>
          <dd>{pluralise(org.admins, 'admin')}</dd>
          <dt>Teams</dt>
          <dd>{pluralise(org.teams, 'team')}</dd>
        </dl>
      </section>
    </div>
  );
}
