import type { Kysely } from 'kysely';
import { countOrganisation, type OrganisationCounts } from '../store/organisation.repository.js';
import type { Database } from '../store/schema.js';
import { RESET_LINK_TTL_MS, SIGN_IN_LIMITS } from './account.service.js';
import { MAX_TOKEN_DAYS } from './api-token.service.js';
import type { OidcClient } from './oidc.service.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session.service.js';

/*
 * The installation's settings as an admin reads them: what the server was
 * started with (single sign-on, the public URL, the demo), the limits that
 * protect accounts, and the size of the organisation. They are set where the
 * server is deployed (environment variables and flags, docs/security.md and
 * docs/sso.md), not from the web app: a setting that decides who can sign in
 * belongs with whoever runs the server.
 */

/** What the server was started with, as the routes know it. */
export interface ServerFacts {
  demo: boolean;
  publicUrl: string | undefined;
  oidc: OidcClient | undefined;
}

/** The settings page's facts; never a secret. */
export interface InstallationSettings {
  singleSignOn: { issuer: string; clientId: string; redirectUri: string } | null;
  publicUrl: string | null;
  demo: boolean;
  sessions: { idleHours: number; absoluteDays: number };
  signInLimits: { perAccount: number; perAddress: number; windowMinutes: number };
  apiTokenMaxDays: number;
  resetLinkHours: number;
  organisation: OrganisationCounts;
}

/** Reads the settings of this installation. */
export async function describeInstallation(db: Kysely<Database>, server: ServerFacts): Promise<InstallationSettings> {
  return {
    singleSignOn:
      server.oidc === undefined
        ? null
        : { issuer: server.oidc.issuer, clientId: server.oidc.clientId, redirectUri: server.oidc.redirectUri },
    publicUrl: server.publicUrl ?? null,
    demo: server.demo,
    sessions: { idleHours: SESSION_IDLE_MS / 3_600_000, absoluteDays: SESSION_ABSOLUTE_MS / 86_400_000 },
    signInLimits: {
      perAccount: SIGN_IN_LIMITS.perAccount,
      perAddress: SIGN_IN_LIMITS.perAddress,
      windowMinutes: SIGN_IN_LIMITS.windowMs / 60_000,
    },
    apiTokenMaxDays: MAX_TOKEN_DAYS,
    resetLinkHours: RESET_LINK_TTL_MS / 3_600_000,
    organisation: await countOrganisation(db),
  };
}
