import { Me } from '../api-contract.js';
import { localMode } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentMe } from '../presenters/person.presenter.js';
import { defineRoute, type Route } from '../route.js';

/** GET /api/me: who the server acts as, and the notice that says it is local mode. */
export const meRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/me',
    operationId: 'getMe',
    tag: 'me',
    summary: 'Who the server acts as',
    description:
      'In local mode every request acts as the local person of the database. The notice says so in a sentence to show on every page.',
    authenticate: localMode,
    errors: [503],
    authorize: async ({ actor }) => permit(policy.readPeople(actor), actor.person),
    handle: async ({ app, loaded }) => ({ person: loaded, ladder: await app.ladders.active(app.db) }),
    present: ({ person, ladder }) => presentMe(person, ladder),
    response: { status: 200, description: 'The acting person and the active ladder.', schema: Me },
  }),
];
