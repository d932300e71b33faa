import type { FastifyRequest } from 'fastify';
import { DomainError } from '../core/domain-error.js';
import { looksLikeApiToken, resolveApiToken } from '../services/api-token.service.js';
import { resolveSession } from '../services/session.service.js';
import type { AppContext } from './app-context.js';
import { HttpError } from './http-error.js';
import type { Actor } from './policy.js';
import { readSessionToken } from './session-cookie.js';

/** The first step of every route: who is asking, read from the request itself. */
export type Authenticator<A> = (app: AppContext, request: FastifyRequest) => Promise<A>;

/** Methods that change data: with a session cookie they must carry the session's CSRF token. */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The header a cookie-authenticated change carries its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Signed in: a personal API token (`Authorization: Bearer lh_…`) or the
 * session cookie. Anything else, or a token or session that is unknown,
 * expired or revoked, is 401 `unauthenticated`. A change made with the
 * cookie must also carry the session's CSRF token in X-CSRF-Token (403
 * without it): a page elsewhere can make the browser send the cookie, but it
 * cannot read the token. A bearer token is never sent by the browser on its
 * own, so it needs no CSRF token.
 */
export const signedIn: Authenticator<Actor> = async (app, request) => {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1] === undefined || !looksLikeApiToken(match[1])) {
      throw new DomainError(
        'unauthenticated',
        'the Authorization header must be "Bearer lh_…" with a personal API token; make one on the Security page',
      );
    }
    const { account, token } = await resolveApiToken(app.db, match[1], app.now());
    return {
      person: account.person,
      isAdmin: account.isAdmin,
      isDemo: account.isDemo,
      via: 'token',
      tokenId: token.id,
    };
  }
  const sessionToken = readSessionToken(request);
  if (sessionToken === undefined) {
    throw new DomainError('unauthenticated', 'sign in first: this request carries no session cookie and no API token');
  }
  const active = await resolveSession(app.db, sessionToken, app.now());
  if (MUTATING.has(request.method) && request.headers[CSRF_HEADER] !== active.csrfToken) {
    throw new HttpError(
      'forbidden',
      'a change made with a session cookie must carry the X-CSRF-Token header that GET /api/me gives; reload the page',
    );
  }
  return {
    person: active.account.person,
    isAdmin: active.account.isAdmin,
    isDemo: active.account.isDemo,
    via: 'session',
    sessionId: active.session.id,
    csrfToken: active.csrfToken,
  };
};

/** For probes, metrics, the API reference and the sign-in routes: no actor at all. */
export const anonymous: Authenticator<null> = async () => null;
