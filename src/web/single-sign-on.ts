/*
 * Single sign-on from the browser's side: the link that begins it, and what
 * the sign-in page says when the server sent the browser back with
 * `?sso_error=<reason>`. The reasons are the server's fixed vocabulary
 * (docs/sso.md); the page reads only the code from the address, never a
 * sentence, so nobody can put words on it with a crafted link.
 */

/** The server's route that sends the browser to the identity provider. */
export const SSO_START_PATH = '/auth/oidc/start';

/** The link of the "Sign in with single sign-on" button: back to this page (but the sign-in page itself) once signed in. */
export function singleSignOnHref(location: { pathname: string; search: string }): string {
  const here = location.pathname === '/sign-in' ? '/' : `${location.pathname}${withoutSsoError(location.search)}`;
  return here === '/' ? SSO_START_PATH : `${SSO_START_PATH}?${new URLSearchParams({ returnTo: here }).toString()}`;
}

function withoutSsoError(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('sso_error');
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}

const START_AGAIN = 'Try signing in again.';
const ASK_ADMIN = 'Ask an admin of this Longhaul.';

/** What a person can do about each failure, grouped as they would act on it. */
const SENTENCES: Readonly<Record<string, string>> = Object.freeze({
  sign_in_expired: `The sign-in took too long or its link was already used. ${START_AGAIN}`,
  state: `This sign-in was not started in this browser, or its answer was changed on the way. ${START_AGAIN}`,
  nonce: `The identity provider's answer did not match this sign-in. ${START_AGAIN}`,
  token_signature: `The identity provider's answer did not carry a valid signature. ${START_AGAIN}`,
  token_audience: `The identity provider answered for another application. ${START_AGAIN}`,
  token_issuer: `The answer came from another identity provider than the one configured. ${START_AGAIN}`,
  token_expired: `The identity provider's answer had expired; if this keeps happening, the server's clock may be wrong. ${ASK_ADMIN}`,
  token_not_yet_valid: `The identity provider's answer is dated in the future; the server's clock may be wrong. ${ASK_ADMIN}`,
  token_missing: `The identity provider did not send an ID token. ${START_AGAIN}`,
  provider_response: `The identity provider sent an answer Longhaul could not read. ${START_AGAIN}`,
  provider_refused: `The identity provider did not sign you in. ${START_AGAIN}`,
  code_refused: `The identity provider refused the sign-in code. ${START_AGAIN}`,
  client_refused: `The identity provider does not accept this Longhaul's client id and secret. ${ASK_ADMIN}`,
  provider_unreachable: 'The identity provider could not be reached. Try again in a few minutes.',
  provider_unsupported: `The identity provider does not offer the sign-in method Longhaul needs (PKCE with S256). ${ASK_ADMIN}`,
  provider_not_oidc: `The configured identity provider did not answer as an OpenID provider. ${ASK_ADMIN}`,
  issuer_mismatch: `The identity provider names another issuer than the one configured. ${ASK_ADMIN}`,
  email_missing: `The identity provider did not tell Longhaul your email address. ${ASK_ADMIN}`,
  email_unverified: 'The identity provider has not confirmed your email address. Confirm it there, then try again.',
  email_unknown: `You signed in at the identity provider, but nobody in this organisation has that email. ${ASK_ADMIN}`,
  email_ambiguous: `Two people in this organisation have your email address. ${ASK_ADMIN}`,
  account_deactivated: `Your account in this organisation has been deactivated. ${ASK_ADMIN}`,
});

/** The sentence for the failure the address names, or null when it names none. */
export function singleSignOnProblem(search: string): string | null {
  const reason = new URLSearchParams(search).get('sso_error');
  if (reason === null) return null;
  const known = Object.hasOwn(SENTENCES, reason) ? SENTENCES[reason] : undefined;
  return known ?? `Single sign-on did not sign you in. ${START_AGAIN}`;
}
