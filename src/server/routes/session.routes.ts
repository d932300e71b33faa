import { adminExists, createFirstAdmin, demoAccounts, setupState } from '../../services/account.service.js';
import {
  endOtherSessions,
  endSession,
  listActiveSessions,
  signIn,
  signInToDemo,
  startSessionFor,
} from '../../services/session.service.js';
import {
  DemoAccounts,
  DemoSignIn,
  SessionCreated,
  SessionPage,
  SessionsEnded,
  SessionsQuery,
  SetupCreate,
  SetupState,
  SignIn,
} from '../api-contract.js';
import { anonymous, signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentDemoAccount, presentSession, presentSessionCreated } from '../presenters/account.presenter.js';
import { presentPage } from '../presenters/page.presenter.js';
import { defineRoute, type Route } from '../route.js';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../session-cookie.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import type { NewSession } from '../../services/session.service.js';

/** Where a sign-in comes from: the address its limits count, and the browser the sessions list names. */
function clientOf(request: FastifyRequest) {
  return { address: request.ip, userAgent: request.headers['user-agent'] };
}

/** Hands the new session to the browser in the cookie; the body carries only its CSRF token. */
function deliver(app: AppContext, request: FastifyRequest, reply: FastifyReply, session: NewSession): NewSession {
  setSessionCookie(
    reply,
    session.token,
    { expiresAt: session.session.expiresAt, now: app.now() },
    app.secureCookies(request),
  );
  return session;
}

/** Signing in and out, the first admin, and the demo's accounts. */
export const sessionRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/session',
    operationId: 'signIn',
    tag: 'session',
    summary: 'Sign in with an email and a password',
    description:
      'Sets the session cookie (httpOnly, SameSite=Lax) with a new session id, ending the session the browser came with. Five failures per account, or twenty per address, in 15 minutes answer 429 until the window ends (Retry-After).',
    authenticate: anonymous,
    body: SignIn,
    example: { email: 'sam.okafor@example.com', password: 'correct horse battery staple' },
    errors: [401, 429, 503],
    authorize: async () => permit(policy.signIn(), undefined),
    handle: async ({ app, request, reply, body }) =>
      deliver(app, request, reply, await signIn(app.db, body, clientOf(request), readSessionToken(request), app.now())),
    present: presentSessionCreated,
    audit: {
      subject: (_input, session) => session.account.person.id,
      ownTransaction: 'a failed sign-in must count towards the limit even though the request fails',
    },
    response: { status: 200, description: 'Signed in; the cookie is set.', schema: SessionCreated },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/session',
    operationId: 'signOut',
    tag: 'session',
    summary: 'Sign out',
    description: 'Ends the session of the cookie and clears the cookie. With an API token there is no session to end.',
    authenticate: signedIn,
    errors: [],
    authorize: async ({ actor }) => permit(policy.manageOwnCredentials(actor), undefined),
    handle: async ({ app, request, reply }) => {
      const token = readSessionToken(request);
      if (token !== undefined) await endSession(app.db, token);
      clearSessionCookie(reply, app.secureCookies(request));
    },
    present: () => undefined,
    audit: { subject: ({ actor }) => actor.person.id },
    response: { status: 204, description: 'Signed out.' },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/sessions',
    operationId: 'listSessions',
    tag: 'session',
    summary: "The signed-in person's sessions, a page at a time",
    description: 'Every browser signed in as this person, newest first, the current one marked.',
    authenticate: signedIn,
    query: SessionsQuery,
    errors: [],
    authorize: async ({ actor }) => permit(policy.manageOwnCredentials(actor), undefined),
    handle: ({ actor, app, query }) => listActiveSessions(app.db, actor.person.id, app.now(), query),
    present: (page, { actor }) => presentPage(page, (s) => presentSession(s, actor.sessionId)),
    audit: { subject: ({ actor }) => actor.person.id },
    response: { status: 200, description: 'A page of the sessions, newest first.', schema: SessionPage },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/sessions',
    operationId: 'signOutEverywhere',
    tag: 'session',
    summary: 'Sign out everywhere else',
    description:
      'Ends every session of the signed-in person except the one making the request (with an API token: all of them). API tokens stay; revoke them one by one.',
    authenticate: signedIn,
    errors: [],
    authorize: async ({ actor }) => permit(policy.manageOwnCredentials(actor), undefined),
    handle: async ({ actor, app }) => ({ ended: await endOtherSessions(app.db, actor.person.id, actor.sessionId) }),
    present: (result) => result,
    audit: { subject: ({ actor }) => actor.person.id },
    response: { status: 200, description: 'How many sessions ended.', schema: SessionsEnded },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/setup',
    operationId: 'getSetup',
    tag: 'session',
    summary: 'Whether the first admin account exists yet',
    description: 'Until it does, the first visit shows "create the admin account" instead of the sign-in page.',
    authenticate: anonymous,
    errors: [503],
    authorize: async () => permit(policy.signIn(), undefined),
    handle: async ({ app }) => ({
      ...(await setupState(app.db)),
      demo: app.demo,
      singleSignOn: app.oidc !== undefined,
    }),
    present: (state) => state,
    audit: { none: 'whether an admin exists: the same answer for everyone' },
    response: { status: 200, description: 'The state of the installation.', schema: SetupState },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/setup',
    operationId: 'createFirstAdmin',
    tag: 'session',
    summary: 'Create the first admin account, and sign in as it',
    description:
      "The database's own person becomes the admin, with this email and password. Refused with 403 once any admin exists.",
    authenticate: anonymous,
    body: SetupCreate,
    example: { email: 'ada@example.com', password: 'a long and private passphrase' },
    errors: [403, 409, 503],
    authorize: async ({ app }) => permit(policy.createFirstAdmin(await adminExists(app.db)), undefined),
    handle: async ({ app, request, reply, body }) => {
      const account = await createFirstAdmin(app.db, body, app.now());
      const session = await startSessionFor(app.db, account, clientOf(request), readSessionToken(request), app.now());
      return deliver(app, request, reply, session);
    },
    present: presentSessionCreated,
    audit: { subject: (_input, session) => session.account.person.id },
    response: { status: 201, description: 'The admin account, signed in.', schema: SessionCreated },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/demo-accounts',
    operationId: 'listDemoAccounts',
    tag: 'session',
    summary: "The demo's accounts, while the server runs the demo",
    description:
      'An engineer, their manager, their skip-level manager and an admin. They exist only in the demo; POST /api/demo-session signs one in with one click.',
    authenticate: anonymous,
    errors: [503],
    authorize: async () => permit(policy.signIn(), undefined),
    handle: async ({ app }) => (app.demo ? demoAccounts(app.db) : []),
    present: (accounts, { app }) => ({ demo: app.demo, accounts: accounts.map(presentDemoAccount) }),
    audit: { none: "the demo's made-up accounts, listed only while the server runs the demo" },
    response: { status: 200, description: 'The demo accounts; none without the demo.', schema: DemoAccounts },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/demo-session',
    operationId: 'signInToDemo',
    tag: 'session',
    summary: 'Sign in to a demo account with one click',
    description: 'Only while the server runs the demo (else 403), and only into an account the demo made.',
    authenticate: anonymous,
    body: DemoSignIn,
    example: { email: 'sam.okafor@example.com' },
    errors: [403, 503],
    authorize: async ({ app }) => permit(policy.demoSignIn(app.demo), undefined),
    handle: async ({ app, request, reply, body }) =>
      deliver(
        app,
        request,
        reply,
        await signInToDemo(app.db, body.email, clientOf(request), readSessionToken(request), app.now()),
      ),
    present: presentSessionCreated,
    audit: { subject: (_input, session) => session.account.person.id },
    response: { status: 200, description: 'Signed in to the demo account.', schema: SessionCreated },
  }),
];
