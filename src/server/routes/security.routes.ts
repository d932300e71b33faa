import { createResetLink, useResetLink } from '../../services/account.service.js';
import { createApiToken, getApiToken, listTokens, revokeToken } from '../../services/api-token.service.js';
import {
  ApiTokenCreate,
  ApiTokenCreated,
  ApiTokenParams,
  PasswordResetCreate,
  PasswordResetCreated,
  PasswordResetParams,
  PasswordResetUse,
  TokensQuery,
  ApiTokenPage,
} from '../api-contract.js';
import { anonymous, signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentApiToken } from '../presenters/account.presenter.js';
import { presentPerson } from '../presenters/person.presenter.js';
import { presentPage } from '../presenters/page.presenter.js';
import { defineRoute, type Route } from '../route.js';

/** Personal API tokens, and the password-reset links admins hand over. */
export const securityRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/tokens',
    operationId: 'listApiTokens',
    tag: 'security',
    summary: "The signed-in person's API tokens, a page at a time",
    description:
      'Newest first, revoked and expired ones included, each with its last use. Never the tokens themselves.',
    authenticate: signedIn,
    query: TokensQuery,
    errors: [],
    authorize: async ({ actor }) => permit(policy.manageOwnCredentials(actor), undefined),
    handle: ({ actor, app, query }) => listTokens(app.db, actor.person.id, query),
    present: (page) => presentPage(page, presentApiToken),
    audit: { subject: ({ actor }) => actor.person.id },
    response: { status: 200, description: 'A page of the tokens, newest first.', schema: ApiTokenPage },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/tokens',
    operationId: 'createApiToken',
    tag: 'security',
    summary: 'Make a personal API token',
    description:
      'The answer holds the token, once: it is stored only as a hash and cannot be shown again. Send it as `Authorization: Bearer lh_…`.',
    authenticate: signedIn,
    body: ApiTokenCreate,
    example: { name: 'backup script', expiresInDays: 90 },
    errors: [],
    authorize: async ({ actor }) => permit(policy.manageOwnCredentials(actor), undefined),
    handle: ({ actor, app, body }) => createApiToken(app.db, actor.person.id, body, app.now()),
    present: ({ token, info }) => ({ ...presentApiToken(info), token }),
    audit: {
      subject: ({ actor }) => actor.person.id,
      target: (_input, { info }) => ({ kind: 'api_token', id: info.id }),
    },
    response: { status: 201, description: 'The token, shown this once.', schema: ApiTokenCreated },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/tokens/:tokenId',
    operationId: 'revokeApiToken',
    tag: 'security',
    summary: 'Revoke an API token',
    description: 'It stops working at once. Revoking a revoked token changes nothing.',
    authenticate: signedIn,
    params: ApiTokenParams,
    errors: [404],
    authorize: async ({ actor, app, params }) => {
      const token = await getApiToken(app.db, params.tokenId);
      return permit(policy.revokeToken(actor, token), token);
    },
    handle: async ({ app, loaded }) => {
      await revokeToken(app.db, loaded.id, app.now());
    },
    present: () => undefined,
    audit: {
      subject: ({ loaded }) => loaded.personId,
      target: ({ loaded }) => ({ kind: 'api_token', id: loaded.id }),
    },
    response: { status: 204, description: 'Revoked.' },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/password-resets',
    operationId: 'createPasswordReset',
    tag: 'security',
    summary: 'Make a one-time password-reset link (admins)',
    description:
      'For the person with this email. The link works once, for 24 hours; hand it over yourself (no mail is sent). Shown once, stored as a hash.',
    authenticate: signedIn,
    body: PasswordResetCreate,
    example: { email: 'sam.okafor@example.com' },
    errors: [],
    authorize: async ({ actor }) => permit(policy.createResetLink(actor), undefined),
    handle: async ({ actor, app, body, request }) => {
      const link = await createResetLink(app.db, { email: body.email, createdBy: actor.person.id }, app.now());
      const origin = app.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
      return { ...link, link: `${origin}/reset-password#${link.token}` };
    },
    present: (link) => ({ link: link.link, expiresAt: link.expiresAt, person: presentPerson(link.person) }),
    audit: { subject: (_input, link) => link.person.id },
    response: { status: 201, description: 'The link, shown this once.', schema: PasswordResetCreated },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/password-resets/:token',
    operationId: 'usePasswordReset',
    tag: 'security',
    summary: 'Set a new password with a reset link',
    description:
      'Once per link, within 24 hours of its making (else 410). Every session of the person ends; they sign in with the new password.',
    authenticate: anonymous,
    params: PasswordResetParams,
    body: PasswordResetUse,
    example: { password: 'a long and private passphrase' },
    errors: [410],
    authorize: async () => permit(policy.useResetLink(), undefined),
    handle: ({ app, params, body }) =>
      useResetLink(app.db, { token: params.token, password: body.password }, app.now()),
    present: () => undefined,
    audit: { subject: (_input, account) => account.person.id },
    response: { status: 204, description: 'The password is set.' },
  }),
];
