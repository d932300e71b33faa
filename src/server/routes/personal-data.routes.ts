import { collectPersonalData, deletePerson } from '../../services/personal-data.service.js';
import { getPerson } from '../../services/person.service.js';
import { PersonalData, PersonDelete, PersonParams } from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy, type Actor } from '../policy.js';
import { presentPersonalData, presentPersonalDataMarkdown } from '../presenters/personal-data.presenter.js';
import { defineRoute, type Route, type RouteInput } from '../route.js';
import { clearSessionCookie } from '../session-cookie.js';

/** A person's rights over their data: everything Longhaul holds about them, and deleting it. */
/** Both forms of "what Longhaul holds about me": the person themself only. */
async function ownDataOnly({ actor, app, params }: RouteInput<Actor, { personId: string }, undefined, undefined>) {
  const person = await getPerson(app.db, params.personId);
  return permit(policy.readOwnData(actor, person), person);
}

export const personalDataRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId/data',
    operationId: 'getPersonalData',
    tag: 'people',
    summary: 'What Longhaul holds about me, as JSON',
    description:
      'Everything stored about the person: profile, account (never a password hash), sessions (without ids), API tokens (by name), evidence (deleted included), assessments, settings and the audit events about them. The person themself only.',
    authenticate: signedIn,
    params: PersonParams,
    errors: [403, 404, 503],
    authorize: ownDataOnly,
    handle: async ({ app, loaded, reply }) => {
      reply.header('content-disposition', 'attachment; filename="longhaul-my-data.json"');
      return collectPersonalData(app.db, loaded, app.now());
    },
    present: presentPersonalData,
    audit: { subject: ({ loaded }) => loaded.id },
    response: { status: 200, description: 'Everything stored about the person.', schema: PersonalData },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId/data.md',
    operationId: 'getPersonalDataMarkdown',
    tag: 'people',
    summary: 'What Longhaul holds about me, as Markdown',
    description: 'The same as GET /api/people/{personId}/data, as a document to read. The person themself only.',
    authenticate: signedIn,
    params: PersonParams,
    errors: [403, 404, 503],
    authorize: ownDataOnly,
    handle: async ({ app, loaded, reply }) => {
      reply.header('content-disposition', 'attachment; filename="longhaul-my-data.md"');
      return collectPersonalData(app.db, loaded, app.now());
    },
    present: presentPersonalDataMarkdown,
    audit: { subject: ({ loaded }) => loaded.id },
    response: {
      status: 200,
      description: 'Everything stored about the person, as Markdown.',
      contentType: 'text/markdown; charset=utf-8',
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/people/:personId',
    operationId: 'deletePerson',
    tag: 'people',
    summary: 'Delete an account and its data',
    description:
      "The person themself or an admin, typing the person's email again. Deletes the account, sessions, API tokens, evidence and the assessments of the person; the people they managed lose their manager. Refused with 409 for the last admin, for the database's own person and for someone who recorded assessments of others. The audit log keeps that it happened (ids only).",
    authenticate: signedIn,
    params: PersonParams,
    body: PersonDelete,
    example: { confirmEmail: 'sam.okafor@example.com' },
    errors: [403, 404, 409, 503],
    authorize: async ({ actor, app, params }) => {
      const person = await getPerson(app.db, params.personId);
      return permit(policy.deletePerson(actor, person), person);
    },
    handle: async ({ actor, app, loaded, body, request, reply }) => {
      await deletePerson(app.db, loaded, body.confirmEmail);
      if (loaded.id === actor.person.id) clearSessionCookie(reply, app.secureCookies(request));
    },
    present: () => undefined,
    audit: { subject: ({ loaded }) => loaded.id, target: ({ loaded }) => ({ kind: 'person', id: loaded.id }) },
    response: { status: 204, description: 'Deleted; no body.' },
  }),
];
