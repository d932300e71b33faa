import { z } from 'zod';
import { DomainError, type Problem } from '../core/domain-error.js';
import { quoteInput } from './problems.js';

/**
 * How Longhaul reaches its OpenID Connect identity provider. Read once at
 * start-up by `readOidcSettings`; frozen, and never printed whole (it holds
 * the client secret).
 */
export interface OidcSettings {
  /** The provider's issuer identifier, e.g. `https://login.example.com/realms/acme`; https unless loopback. */
  readonly issuer: string;
  /** The client id Longhaul is registered under at the provider. */
  readonly clientId: string;
  /** The client secret of that registration (confidential client, sent with HTTP Basic). */
  readonly clientSecret: string;
  /** Where the provider sends the browser back: `<public URL>/auth/oidc/callback`, registered at the provider. */
  readonly redirectUri: string;
}

/** The path of the callback route under the server's public URL. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/** Each setting and the environment variable it is read from. */
export const OIDC_ENV = Object.freeze({
  issuer: 'LONGHAUL_OIDC_ISSUER',
  clientId: 'LONGHAUL_OIDC_CLIENT_ID',
  clientSecret: 'LONGHAUL_OIDC_CLIENT_SECRET',
  redirectUri: 'LONGHAUL_OIDC_REDIRECT_URI',
} as const satisfies Record<keyof OidcSettings, string>);

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL names this machine: the only place plain http is acceptable (tests, a local provider). */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

/** An http(s) URL, https unless the host is loopback, with no fragment (nor a query, for an issuer). */
function webUrl(what: 'issuer' | 'redirect URI') {
  return z.string().superRefine((value, ctx) => {
    const shown = quoteInput(value);
    if (!URL.canParse(value)) {
      ctx.addIssue({ code: 'custom', message: `${shown} is not a URL; give one like https://login.example.com` });
      return;
    }
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: `${shown} is not an http(s) URL` });
    } else if (url.protocol === 'http:' && !isLoopbackUrl(url)) {
      ctx.addIssue({
        code: 'custom',
        message: `${shown} uses http, which is allowed only for a loopback host (localhost, 127.0.0.1, [::1]); use https`,
      });
    } else if (url.hash !== '' || value.includes('#')) {
      ctx.addIssue({
        code: 'custom',
        message: `${shown} has a fragment (#…); ${what === 'issuer' ? 'an issuer' : 'a redirect URI'} may not`,
      });
    } else if (what === 'issuer' && url.search !== '') {
      ctx.addIssue({ code: 'custom', message: `${shown} has a query (?…); an issuer may not` });
    } else if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', message: `the ${what} may not hold a user name or password` });
    }
  });
}

/** Text without control characters or surrounding spaces, which a copy and paste often adds. */
function plainText(secret: boolean) {
  return z.string().superRefine((value, ctx) => {
    if (value.trim() !== value) {
      ctx.addIssue({ code: 'custom', message: 'starts or ends with a space; copy it again without it' });
    } else if (/\p{Cc}/u.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'holds a control character; copy it again' });
    } else if (value.length > 1000) {
      ctx.addIssue({
        code: 'custom',
        message: `is ${value.length} characters long; no ${secret ? 'secret' : 'id'} is`,
      });
    }
  });
}

/** The one schema of the settings; each message names the value and what is wrong with it, never a secret. */
export const oidcSettingsSchema = z.object({
  issuer: webUrl('issuer'),
  clientId: plainText(false),
  clientSecret: plainText(true),
  redirectUri: webUrl('redirect URI'),
});

/** Where the rest of the settings come from when the environment does not say. */
export interface ReadOidcSettingsOptions {
  /** The server's public URL (`--public-url`); else $LONGHAUL_PUBLIC_URL. The redirect URI is derived from it. */
  publicUrl?: string;
}

/**
 * Reads the OpenID Connect settings from the environment: undefined when none
 * of the LONGHAUL_OIDC_* variables is set (single sign-on is off), the frozen
 * settings when all are, and a DomainError `input_invalid` naming every
 * variable that is missing or wrong otherwise, one sentence each. The
 * redirect URI is $LONGHAUL_OIDC_REDIRECT_URI, else the public URL followed by
 * `/auth/oidc/callback`. Pure: the caller passes the environment.
 */
export function readOidcSettings(
  env: Readonly<Record<string, string | undefined>>,
  options: ReadOidcSettingsOptions = {},
): OidcSettings | undefined {
  const given = (key: keyof OidcSettings) => {
    const value = env[OIDC_ENV[key]];
    return value === undefined || value === '' ? undefined : value;
  };
  const keys = Object.keys(OIDC_ENV) as (keyof OidcSettings)[];
  if (keys.every((key) => given(key) === undefined)) return undefined;

  const problems: Problem[] = [];
  const missing = (key: keyof OidcSettings, message: string) =>
    problems.push({ source: OIDC_ENV[key], path: ['oidc', key], message });
  for (const key of ['issuer', 'clientId', 'clientSecret'] as const) {
    if (given(key) === undefined) missing(key, 'is not set; single sign-on needs all of issuer, client id and secret');
  }
  const redirectUri = given('redirectUri') ?? derivedRedirectUri(options.publicUrl ?? env.LONGHAUL_PUBLIC_URL);
  if (redirectUri === undefined) {
    missing(
      'redirectUri',
      'is not set, and there is no public URL (--public-url or LONGHAUL_PUBLIC_URL) to derive it from',
    );
  }
  const candidate = {
    issuer: given('issuer') ?? '',
    clientId: given('clientId') ?? '',
    clientSecret: given('clientSecret') ?? '',
    redirectUri: redirectUri ?? '',
  };
  const parsed = oidcSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof OidcSettings;
      // A value that is missing is already reported as missing; its emptiness is no second problem.
      if (candidate[key] === '') continue;
      const source =
        key === 'redirectUri' && given('redirectUri') === undefined ? 'LONGHAUL_PUBLIC_URL' : OIDC_ENV[key];
      problems.push({ source, path: ['oidc', key], message: issue.message });
    }
  }
  if (problems.length > 0) {
    const order = (p: Problem) => keys.indexOf(p.path[1] as keyof OidcSettings);
    problems.sort((a, b) => order(a) - order(b));
    throw new DomainError(
      'input_invalid',
      problems.map((p) => `${p.path.join('.')} (${p.source ?? ''}): ${p.message}`).join('\n'),
      problems,
    );
  }
  return Object.freeze({ ...candidate });
}

/** `<public URL>/auth/oidc/callback`, keeping a path the server is mounted under; undefined without a usable URL. */
function derivedRedirectUri(publicUrl: string | undefined): string | undefined {
  if (publicUrl === undefined || publicUrl === '') return undefined;
  if (!URL.canParse(publicUrl)) return publicUrl; // reported by the schema, naming the public URL
  const url = new URL(publicUrl);
  url.search = '';
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`;
  return url.toString();
}
