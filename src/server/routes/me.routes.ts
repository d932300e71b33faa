import { countReports } from '../../services/team.service.js';
import { Me } from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentMe } from '../presenters/person.presenter.js';
import { defineRoute, type Route } from '../route.js';

/** GET /api/me: who is signed in, and the CSRF token of their session. */
export const meRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/me',
    operationId: 'getMe',
    tag: 'me',
    summary: 'Who is signed in',
    description:
      'The signed-in person, whether they are an admin, how they signed in, and for a session the CSRF token to send with every change.',
    authenticate: signedIn,
    errors: [503],
    authorize: async ({ actor }) => permit(policy.readPeople(actor), actor),
    handle: async ({ app, loaded }) => ({
      actor: loaded,
      ladder: await app.ladders.active(app.db),
      directReports: await countReports(app.db, loaded.person.id),
    }),
    present: ({ actor, ladder, directReports }) => presentMe(actor, ladder, directReports),
    audit: { none: "the actor's own profile and the ladder: nobody else's data" },
    response: { status: 200, description: 'The signed-in person and the active ladder.', schema: Me },
  }),
];
