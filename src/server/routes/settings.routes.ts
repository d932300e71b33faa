import { describeInstallation } from '../../services/installation.service.js';
import { InstallationSettings } from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { defineRoute, type Route } from '../route.js';

/** The installation's settings, for the admin screens. */
export const settingsRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/admin/settings',
    operationId: 'getInstallationSettings',
    tag: 'organisation',
    summary: "The installation's settings, as an admin reads them",
    description:
      'Single sign-on (issuer, client id, redirect URI; never the secret), the public URL, the demo, the session, sign-in, token and reset-link limits, and the size of the organisation. They are set where the server runs (environment variables and flags), not through the API. Admins only.',
    authenticate: signedIn,
    errors: [403, 503],
    authorize: async ({ actor }) => permit(policy.manageOrganisation(actor), undefined),
    handle: ({ app }) => describeInstallation(app.db, { demo: app.demo, publicUrl: app.publicUrl, oidc: app.oidc }),
    present: (settings) => settings,
    audit: { none: "the server's own settings and counts: no one's data" },
    response: { status: 200, description: 'The settings.', schema: InstallationSettings },
  }),
];
