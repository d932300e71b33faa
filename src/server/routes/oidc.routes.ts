import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  beginOidcSignIn,
  finishOidcSignIn,
  OIDC_SIGN_IN_TTL_MS,
  SignInFailedError,
} from '../../services/oidc.service.js';
import { OIDC_CALLBACK_PATH } from '../../services/oidc-settings.js';
import { signInWithIdentity } from '../../services/session.service.js';
import type { AppContext } from '../app-context.js';
import { anonymous } from '../authenticate.js';
import { HttpError } from '../http-error.js';
import { permit, policy } from '../policy.js';
import { defineRoute, type Route } from '../route.js';
import { readSessionToken, setSessionCookie } from '../session-cookie.js';

/*
 * Single sign-on in the browser: GET /auth/oidc/start sends it to the identity
 * provider, GET /auth/oidc/callback brings it back signed in. Both answer with
 * a redirect, never a JSON error a person would have to read: a sign-in that
 * fails lands on the sign-in page with `?sso_error=<reason>`, which the page
 * turns into a sentence. The protocol itself is oidc.service's.
 */

/** The cookie that binds a sign-in to the browser that began it (login CSRF): its state, for ten minutes. */
export const OIDC_STATE_COOKIE = 'longhaul_oidc_state';

/** The longest callback URL read: a code and a state are a few hundred characters; anything longer is not an answer. */
const CALLBACK_URL_LIMIT = 8_000;

const StartQuery = z
  .object({
    returnTo: z
      .string()
      .max(2000)
      .optional()
      .describe('The path within Longhaul to open once signed in, such as /evidence; / by default.'),
  })
  .strict();

/** The client of this server's identity provider, or a 404 that says single sign-on is off. */
function oidcOf(app: AppContext) {
  if (app.oidc === undefined) {
    throw new HttpError('route_not_found', 'single sign-on is not configured on this server; sign in with a password');
  }
  return app.oidc;
}

/** The sign-in page, saying why single sign-on did not sign the person in. */
function failed(reason: string, returnTo?: string): string {
  const query = new URLSearchParams({ sso_error: reason });
  if (returnTo !== undefined && returnTo !== '/') query.set('returnTo', returnTo);
  return `/sign-in?${query.toString()}`;
}

function stateCookieOptions(app: AppContext, request: FastifyRequest) {
  return { httpOnly: true, sameSite: 'lax', secure: app.secureCookies(request), path: '/auth/oidc' } as const;
}

function forgetState(app: AppContext, request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(OIDC_STATE_COOKIE, stateCookieOptions(app, request));
}

export const oidcRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/auth/oidc/start',
    operationId: 'startSingleSignOn',
    tag: 'session',
    summary: "Begin signing in through the organisation's identity provider",
    description:
      'Redirects the browser to the identity provider (authorization code with PKCE, a state and a nonce) and sets a short-lived cookie that ties the sign-in to this browser. 404 when single sign-on is not configured. When the provider cannot be reached, redirects to the sign-in page with `sso_error`.',
    authenticate: anonymous,
    query: StartQuery,
    errors: [404, 503],
    authorize: async () => permit(policy.signIn(), undefined),
    handle: async ({ app, request, reply, query }) => {
      const client = oidcOf(app);
      try {
        const started = await beginOidcSignIn(app.db, client, { returnTo: query.returnTo ?? '/', now: app.now() });
        reply.setCookie(OIDC_STATE_COOKIE, started.state, {
          ...stateCookieOptions(app, request),
          maxAge: OIDC_SIGN_IN_TTL_MS / 1000,
        });
        return { location: started.authorizationUrl, personId: null };
      } catch (error) {
        if (error instanceof SignInFailedError) {
          request.log.warn({ reason: error.reason }, 'single sign-on could not begin');
          return { location: failed(error.reason, query.returnTo), personId: null };
        }
        throw error;
      }
    },
    present: ({ location }) => location,
    audit: { none: "begins a sign-in: nobody is signed in yet, and nobody's data is read" },
    response: { status: 303, description: "To the identity provider's sign-in page." },
  }),
  defineRoute({
    method: 'GET',
    path: OIDC_CALLBACK_PATH,
    operationId: 'finishSingleSignOn',
    tag: 'session',
    summary: 'Where the identity provider sends the browser back',
    description:
      "Checks the provider's answer (state, code with the PKCE verifier, the ID token's signature, issuer, audience, times and nonce), matches the verified email to a person, and signs them in with a new session. Redirects to the page the sign-in began from, or to the sign-in page with `sso_error` naming what failed. A person who is in the organisation but has no account yet gets one, without a password; a deactivated person is refused.",
    authenticate: anonymous,
    errors: [404, 503],
    authorize: async () => permit(policy.signIn(), undefined),
    handle: async ({ app, request, reply }) => {
      const client = oidcOf(app);
      const browserState = request.cookies[OIDC_STATE_COOKIE];
      forgetState(app, request, reply);
      try {
        // The state cookie is required: a callback opened in another browser than the one that began is refused.
        if (browserState === undefined || browserState === '' || request.url.length > CALLBACK_URL_LIMIT) {
          throw new SignInFailedError('state');
        }
        const now = app.now();
        const callback = new URL(request.url, client.redirectUri);
        const identity = await finishOidcSignIn(app.db, client, callback, { now, browserState });
        const session = await signInWithIdentity(
          app.db,
          identity,
          { address: request.ip, userAgent: request.headers['user-agent'] },
          readSessionToken(request),
          now,
        );
        setSessionCookie(
          reply,
          session.token,
          { expiresAt: session.session.expiresAt, now },
          app.secureCookies(request),
        );
        request.log.info({ personId: session.account.person.id }, 'signed in through single sign-on');
        return { location: identity.returnTo, personId: session.account.person.id };
      } catch (error) {
        if (error instanceof SignInFailedError) {
          request.log.warn({ reason: error.reason }, 'single sign-on refused');
          return { location: failed(error.reason), personId: null };
        }
        throw error;
      }
    },
    present: ({ location }) => location,
    // A sign-in that worked is recorded as the person's; one that failed names nobody.
    audit: { subject: (_input, result) => result.personId, reads: 'always' },
    response: { status: 303, description: 'Signed in, to the page the sign-in began from; or to the sign-in page.' },
  }),
];
