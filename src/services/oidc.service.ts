import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Kysely } from 'kysely';
import { DomainError } from '../core/domain-error.js';
import {
  findPeopleByEmailIgnoringCase,
  hashOidcState,
  purgeExpiredOidcSignIns,
  saveOidcSignIn,
  takeOidcSignIn,
  type Database,
  type PersonRow,
} from '../store/index.js';
import { isLoopbackUrl, type OidcSettings } from './oidc-settings.js';

/*
 * OpenID Connect single sign-on: the authorization code flow with PKCE (S256),
 * a state and a nonce, through openid-client (a certified relying party
 * library; nothing of the protocol is written here). What the callback must
 * check lives in the database (`oidc_sign_ins`), so any server sharing it can
 * finish a sign-in another began. The routes (src/server/routes/oidc.routes.ts)
 * call `beginOidcSignIn` on GET /auth/oidc/start and `finishOidcSignIn` on
 * GET /auth/oidc/callback; `signInWithIdentity` (session.service) then
 * matches the person with `findPersonForIdentity` and opens the session.
 */

/** How long a person has, from the click on "Sign in" to the callback, before they must start again. */
export const OIDC_SIGN_IN_TTL_MS = 10 * 60 * 1000;

/** What Longhaul asks the identity provider for: an ID token, the verified email, the name. */
export const OIDC_SCOPE = 'openid email profile';

/** How long one request to the identity provider may take, in seconds. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/**
 * Why a sign-in failed, for the server log: a fixed vocabulary, never a token,
 * a code or a secret. The person sees the matching sentence of `SIGN_IN_MESSAGES`.
 */
export type SignInFailureReason =
  | 'sign_in_expired'
  | 'state'
  | 'nonce'
  | 'token_signature'
  | 'token_audience'
  | 'token_issuer'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_missing'
  | 'provider_refused'
  | 'code_refused'
  | 'client_refused'
  | 'provider_unreachable'
  | 'provider_unsupported'
  | 'provider_not_oidc'
  | 'issuer_mismatch'
  | 'provider_response'
  | 'email_missing'
  | 'email_unverified'
  | 'email_unknown'
  | 'email_ambiguous'
  | 'account_deactivated'
  | 'unexpected';

const DID_NOT_CHECK_OUT = "the identity provider's answer did not check out";

/** Facts a message may name: all safe to show (an issuer URL, an email, an OAuth error code). */
interface FailureFacts {
  issuer?: string;
  email?: string;
  /** The OAuth `error` code the provider answered with, e.g. `invalid_grant`. */
  oauthError?: string;
}

/** The one sentence a person sees for each reason: what happened and what to do. */
const SIGN_IN_MESSAGES: Readonly<Record<SignInFailureReason, (facts: FailureFacts) => string>> = Object.freeze({
  sign_in_expired: () => 'the sign-in link has expired or was already used; start again',
  state: () => `${DID_NOT_CHECK_OUT} (state); start again`,
  nonce: () => `${DID_NOT_CHECK_OUT} (nonce); start again`,
  token_signature: () => `${DID_NOT_CHECK_OUT} (token signature); start again`,
  token_audience: () => `${DID_NOT_CHECK_OUT} (token audience); start again`,
  token_issuer: () => `${DID_NOT_CHECK_OUT} (token issuer); start again`,
  token_expired: () =>
    `${DID_NOT_CHECK_OUT} (token expired); start again, and if it keeps happening check this server's clock`,
  token_not_yet_valid: () => `${DID_NOT_CHECK_OUT} (token not yet valid); check this server's clock`,
  token_missing: () => `${DID_NOT_CHECK_OUT} (no ID token); start again`,
  provider_response: () => `${DID_NOT_CHECK_OUT} (unexpected response); start again`,
  provider_refused: (f) => `the identity provider did not sign you in (${f.oauthError ?? 'error'}); start again`,
  code_refused: (f) => `the identity provider refused the sign-in code (${f.oauthError ?? 'error'}); start again`,
  client_refused: (f) =>
    `the identity provider did not accept Longhaul's client id and secret (${f.oauthError ?? 'error'}); ` +
    'ask an admin to check LONGHAUL_OIDC_CLIENT_ID and LONGHAUL_OIDC_CLIENT_SECRET',
  provider_unreachable: (f) =>
    `the identity provider at ${f.issuer ?? 'its issuer URL'} could not be reached; try again later`,
  provider_unsupported: (f) =>
    `the identity provider at ${f.issuer ?? 'its issuer URL'} does not offer PKCE with S256, which Longhaul requires; ask an admin`,
  provider_not_oidc: (f) =>
    `${f.issuer ?? 'the issuer URL'} did not answer as an OpenID provider; ask an admin to check LONGHAUL_OIDC_ISSUER`,
  issuer_mismatch: (f) =>
    `the identity provider at ${f.issuer ?? 'its issuer URL'} names another issuer in its metadata; ` +
    'ask an admin to set LONGHAUL_OIDC_ISSUER to exactly the issuer it names',
  email_missing: () => 'your identity provider did not send an email address; ask an admin to let Longhaul read it',
  email_unverified: () => 'your identity provider did not confirm this email address',
  email_unknown: (f) => `no one in this organisation has the email ${f.email ?? ''}; ask an admin to add you`,
  email_ambiguous: (f) =>
    `more than one person in this organisation has the email ${f.email ?? ''}; ask an admin to fix that`,
  account_deactivated: () => 'your account in this organisation has been deactivated; ask an admin',
  unexpected: () => 'the sign-in could not be completed; start again',
});

/**
 * The DomainError every failed sign-in throws (code `sign_in_failed`, 401 on
 * the wire): one sentence a person can act on, and `reason` for the server
 * log. It carries no `cause`: the library's errors hold tokens and codes.
 */
export class SignInFailedError extends DomainError {
  constructor(
    readonly reason: SignInFailureReason,
    facts: FailureFacts = {},
  ) {
    super('sign_in_failed', SIGN_IN_MESSAGES[reason](facts));
  }
}

/** A connection to one identity provider: its settings, and its discovered metadata once fetched. */
export interface OidcClient {
  /** The issuer, client id and redirect URI (the secret stays inside). */
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** The clock used when a call passes none. */
  readonly now: () => Date;
  /** The provider's configuration for a clock: discovered once per client, then reused. */
  configurationAt(now: Date): Promise<oidc.Configuration>;
  /** Keeps the provider's keys a configuration fetched, so the next sign-in need not fetch them again. */
  keepKeys(config: oidc.Configuration): void;
}

/** What a test (or an unusual deployment) may replace. */
export interface CreateOidcClientOptions {
  /** The fetch used for every request to the provider (openid-client's `customFetch`). */
  fetch?: oidc.CustomFetch;
  /** The clock: token times are checked against it (openid-client's `clockSkew`), and sign-ins expire by it. */
  now?: () => Date;
}

/**
 * Makes a client for the provider the settings name. Nothing is fetched until
 * the first sign-in; the discovered metadata is then kept in this object (one
 * per settings, not a module global), and a failed discovery is tried again
 * on the next sign-in. Plain http is allowed only for a loopback issuer.
 */
export function createOidcClient(settings: OidcSettings, options: CreateOidcClientOptions = {}): OidcClient {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:' && isLoopbackUrl(issuer);
  const now = options.now ?? (() => new Date());
  let discovered: Promise<oidc.ServerMetadata> | undefined;
  let jwksCache: oidc.ExportedJWKSCache | undefined;

  const discover = async (): Promise<oidc.ServerMetadata> => {
    let config: oidc.Configuration;
    try {
      config = await oidc.discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        oidc.ClientSecretBasic(settings.clientSecret),
        {
          ...(options.fetch === undefined ? {} : { [oidc.customFetch]: options.fetch }),
          execute: insecure ? [oidc.allowInsecureRequests] : [],
          timeout: PROVIDER_TIMEOUT_SECONDS,
        },
      );
    } catch (error) {
      throw discoveryFailure(error, settings.issuer);
    }
    const metadata = config.serverMetadata();
    const methods = metadata.code_challenge_methods_supported;
    if (methods !== undefined && !methods.includes('S256')) {
      throw new SignInFailedError('provider_unsupported', { issuer: settings.issuer });
    }
    return { ...metadata };
  };

  return {
    issuer: settings.issuer,
    clientId: settings.clientId,
    redirectUri: settings.redirectUri,
    now,
    async configurationAt(at: Date) {
      discovered ??= discover().catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
      const metadata = await discovered;
      // A configuration per call, so each call checks token times against its own clock.
      const config = new oidc.Configuration(
        metadata,
        settings.clientId,
        { client_secret: settings.clientSecret, [oidc.clockSkew]: (at.getTime() - Date.now()) / 1000 },
        oidc.ClientSecretBasic(settings.clientSecret),
      );
      if (options.fetch !== undefined) config[oidc.customFetch] = options.fetch;
      if (insecure) oidc.allowInsecureRequests(config);
      // Check the ID token's signature even though it comes straight from the token endpoint: TLS vouches for the
      // sender, the signature for the token itself (a proxy or a bug in between cannot forge an email).
      oidc.enableNonRepudiationChecks(config);
      config.timeout = PROVIDER_TIMEOUT_SECONDS;
      if (jwksCache !== undefined) oidc.setJwksCache(config, jwksCache);
      return config;
    },
    keepKeys(config: oidc.Configuration) {
      jwksCache = oidc.getJwksCache(config) ?? jwksCache;
    },
  };
}

/** What a sign-in starts from. */
export interface BeginOidcSignInInput {
  /** The path within Longhaul to return to once signed in; `/` when absent. Only a local path is accepted. */
  returnTo?: string;
  /** The instant the sign-in begins; the client's clock when absent. */
  now?: Date;
}

/** Where to send the browser, and the state to bind to it. */
export interface BeginOidcSignInResult {
  /** The provider's authorization URL with the PKCE challenge, state, nonce and scope. */
  authorizationUrl: string;
  /**
   * The state in that URL. The caller should also put it in a short-lived,
   * HttpOnly, SameSite=Lax cookie and hand it back to `finishOidcSignIn` as
   * `browserState`, so a callback URL opened in another browser is refused
   * (login CSRF). Only its hash is stored.
   */
  state: string;
}

/**
 * Starts a sign-in: makes a PKCE code verifier, a state and a nonce, keeps
 * them in the database for ten minutes (purging sign-ins that expired
 * unused), and returns the provider's authorization URL to redirect to.
 * Throws `input_invalid` for a `returnTo` that is not a local path, and
 * `sign_in_failed` when the provider cannot be reached.
 */
export async function beginOidcSignIn(
  db: Kysely<Database>,
  client: OidcClient,
  input: BeginOidcSignInInput = {},
): Promise<BeginOidcSignInResult> {
  const now = input.now ?? client.now();
  const returnTo = checkReturnTo(input.returnTo ?? '/');
  const config = await client.configurationAt(now);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeChallenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  await purgeExpiredOidcSignIns(db, now.toISOString());
  await saveOidcSignIn(db, {
    state,
    nonce,
    codeVerifier,
    returnTo,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + OIDC_SIGN_IN_TTL_MS).toISOString(),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: client.redirectUri,
    scope: OIDC_SCOPE,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { authorizationUrl: url.href, state };
}

/** Who the provider says signed in. Every field was checked: the email is verified. */
export interface OidcIdentity {
  email: string;
  emailVerified: true;
  /** The provider's stable id of the person (`sub`). */
  subject: string;
  /** The display name, when the provider sent one. */
  name: string | null;
  /** The local path the sign-in began from. */
  returnTo: string;
}

/** What finishing a sign-in needs besides the callback URL. */
export interface FinishOidcSignInOptions {
  /** The instant the callback arrived: the sign-in's expiry and the token's times are checked against it. */
  now?: Date;
  /** The state from the cookie set at the start, when the caller sets one (see `BeginOidcSignInResult.state`). */
  browserState?: string;
}

/**
 * Finishes a sign-in from the URL the provider redirected the browser to:
 * takes the pending sign-in of its state (once: a second use is refused),
 * exchanges the code with the PKCE verifier, and checks the ID token's
 * signature, issuer, audience, times and nonce (openid-client). The email and
 * name come from the ID token, or from the userinfo endpoint when the
 * provider keeps them there. Every failure is a `SignInFailedError`.
 */
export async function finishOidcSignIn(
  db: Kysely<Database>,
  client: OidcClient,
  callbackUrl: string | URL,
  options: FinishOidcSignInOptions = {},
): Promise<OidcIdentity> {
  const now = options.now ?? client.now();
  if (!URL.canParse(callbackUrl)) throw new SignInFailedError('state');
  const callback = new URL(callbackUrl);
  const states = callback.searchParams.getAll('state');
  const state = states[0];
  if (states.length !== 1 || state === undefined || state === '') throw new SignInFailedError('state');
  if (options.browserState !== undefined && !sameSecret(options.browserState, state)) {
    throw new SignInFailedError('state');
  }
  const pending = await takeOidcSignIn(db, state);
  if (pending === undefined || pending.expiresAt <= now.toISOString()) throw new SignInFailedError('sign_in_expired');

  // The registered redirect URI with the provider's answer: what the server was reached at (a proxy may say
  // otherwise) is not what the code was issued for.
  const answer = new URL(client.redirectUri);
  answer.search = callback.search;
  const config = await client.configurationAt(now);
  let claims: oidc.IDToken | undefined;
  let accessToken: string;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, answer, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    accessToken = tokens.access_token;
  } catch (error) {
    throw toSignInFailure(error, client);
  } finally {
    client.keepKeys(config);
  }
  if (claims === undefined) throw new SignInFailedError('token_missing');

  let profile: Record<string, unknown> = claims;
  if (claims.email === undefined) {
    try {
      profile = await oidc.fetchUserInfo(config, accessToken, claims.sub);
    } catch (error) {
      throw toSignInFailure(error, client);
    }
  }
  const { email, email_verified: emailVerified, name } = profile;
  if (typeof email !== 'string' || email === '') throw new SignInFailedError('email_missing');
  if (emailVerified !== true) throw new SignInFailedError('email_unverified');
  return {
    email,
    emailVerified: true,
    subject: claims.sub,
    name: typeof name === 'string' && name !== '' ? name : null,
    returnTo: pending.returnTo,
  };
}

/**
 * The person a verified identity belongs to: the one whose `people.email`
 * equals the email but for letter case. Throws `sign_in_failed` for an
 * unverified email, an email no one has, or one that two people share.
 *
 * `signInWithIdentity` then refuses a deactivated person and opens the session.
 */
export async function findPersonForIdentity(
  db: Kysely<Database>,
  identity: Pick<OidcIdentity, 'email' | 'emailVerified'>,
): Promise<PersonRow> {
  if (identity.emailVerified !== true) throw new SignInFailedError('email_unverified');
  // Shown to the person and written to terminals and logs: no control characters, no more than an email can hold.
  const shown = identity.email.replace(/\p{Cc}/gu, '?');
  const email = shown.length > 254 ? `${shown.slice(0, 254)}…` : shown;
  const found = await findPeopleByEmailIgnoringCase(db, identity.email);
  const [person] = found;
  if (person === undefined) throw new SignInFailedError('email_unknown', { email });
  if (found.length > 1) throw new SignInFailedError('email_ambiguous', { email });
  return person;
}

/** Compares two secrets in constant time (their hashes, so lengths may differ). */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashOidcState(a), 'hex'), Buffer.from(hashOidcState(b), 'hex'));
}

/** A local path to return to: `/…`, not `//host` or `/\host` (which a browser reads as another site). */
function checkReturnTo(returnTo: string): string {
  const local = /^\/(?![/\\])[^\p{Cc}\\]*$/u.test(returnTo) && returnTo.length <= 2000;
  if (!local) {
    throw new DomainError('input_invalid', 'returnTo: must be a path within Longhaul, such as /people', [
      { path: ['returnTo'], message: 'must be a path within Longhaul, such as /people' },
    ]);
  }
  return returnTo;
}

/** Why the provider's metadata could not be had: it is down, it is not an OpenID provider, or it is another issuer. */
function discoveryFailure(error: unknown, issuer: string): SignInFailedError {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') return new SignInFailedError('issuer_mismatch', { issuer });
  const notOidc = [
    'OAUTH_RESPONSE_IS_NOT_CONFORM',
    'OAUTH_RESPONSE_IS_NOT_JSON',
    'OAUTH_PARSE_ERROR',
    'OAUTH_INVALID_RESPONSE',
  ];
  if (notOidc.includes(code)) return new SignInFailedError('provider_not_oidc', { issuer });
  return new SignInFailedError('provider_unreachable', { issuer });
}

/** An OAuth error code as the provider sent it, when it looks like one; nothing else of its answer is shown. */
function oauthErrorCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.-]{1,64}$/.test(value) ? value : undefined;
}

/** What openid-client (and oauth4webapi beneath it) threw, as a reason: read from codes and claim names only. */
function toSignInFailure(error: unknown, client: OidcClient): SignInFailedError {
  if (error instanceof SignInFailedError) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    return new SignInFailedError('provider_refused', { oauthError: oauthErrorCode(error.error) });
  }
  if (error instanceof oidc.ResponseBodyError) {
    const oauthError = oauthErrorCode(error.error);
    return new SignInFailedError(oauthError === 'invalid_client' ? 'client_refused' : 'code_refused', { oauthError });
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    // The token endpoint refusing Longhaul's own credentials (HTTP Basic) answers 401 with a challenge.
    const oauthError = oauthErrorCode(error.cause[0]?.parameters.error) ?? 'invalid_client';
    return new SignInFailedError(oauthError === 'invalid_client' ? 'client_refused' : 'code_refused', { oauthError });
  }
  if (!(error instanceof Error)) return new SignInFailedError('unexpected');
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const inner = error.cause instanceof Error ? error.cause : undefined;
  const claim = claimOf(inner);
  switch (code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      if (claim === 'nonce') return new SignInFailedError('nonce');
      if (claim === 'aud' || claim === 'azp') return new SignInFailedError('token_audience');
      if (claim === 'iss') return new SignInFailedError('token_issuer');
      return new SignInFailedError('provider_response');
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      if (claim === 'exp') return new SignInFailedError('token_expired');
      return new SignInFailedError('token_not_yet_valid');
    case 'OAUTH_KEY_SELECTION_FAILED':
      return new SignInFailedError('token_signature');
    case 'OAUTH_INVALID_RESPONSE': {
      const what = inner?.message ?? '';
      if (/signature/i.test(what)) return new SignInFailedError('token_signature');
      if (/"state"/.test(what)) return new SignInFailedError('state');
      if (/"iss"/.test(what)) return new SignInFailedError('token_issuer');
      return new SignInFailedError('provider_response');
    }
    case 'OAUTH_TIMEOUT':
    case 'OAUTH_ABORT':
      return new SignInFailedError('provider_unreachable', { issuer: client.issuer });
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_PARSE_ERROR':
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
      return new SignInFailedError('provider_response');
    default:
      // fetch itself failing (the provider is down) is a TypeError from undici.
      if (error instanceof TypeError && /fetch failed/.test(error.message)) {
        return new SignInFailedError('provider_unreachable', { issuer: client.issuer });
      }
      return new SignInFailedError('unexpected');
  }
}

/** The claim a failed JWT check names (`aud`, `nonce`, `exp`…), from oauth4webapi's `cause.claim`. */
function claimOf(error: Error | undefined): string | undefined {
  const cause: unknown = error?.cause;
  if (typeof cause !== 'object' || cause === null || !('claim' in cause)) return undefined;
  return typeof cause.claim === 'string' ? cause.claim : undefined;
}
