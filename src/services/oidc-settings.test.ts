import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import { readOidcSettings } from './oidc-settings.js';

const SECRET = 's3cr3t-value-that-must-never-be-shown';

const COMPLETE = {
  LONGHAUL_OIDC_ISSUER: 'https://login.example.com/realms/acme',
  LONGHAUL_OIDC_CLIENT_ID: 'longhaul',
  LONGHAUL_OIDC_CLIENT_SECRET: SECRET,
  LONGHAUL_PUBLIC_URL: 'https://longhaul.example.com',
};

/** The message of the error reading these variables throws, which must be `input_invalid` and never show the secret. */
function refusal(env: Record<string, string | undefined>, publicUrl?: string): string {
  try {
    readOidcSettings(env, publicUrl === undefined ? {} : { publicUrl });
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domain = error as DomainError;
    expect(domain.code).toBe('input_invalid');
    expect(`${domain.message}${JSON.stringify(domain.problems)}`).not.toContain(SECRET);
    return domain.message;
  }
  throw new Error('the settings were accepted');
}

describe('readOidcSettings', () => {
  it('is off when no LONGHAUL_OIDC_* variable is set (or all are empty)', () => {
    expect(readOidcSettings({})).toBeUndefined();
    expect(readOidcSettings({ LONGHAUL_PUBLIC_URL: 'https://longhaul.example.com' })).toBeUndefined();
    expect(readOidcSettings({ LONGHAUL_OIDC_ISSUER: '', LONGHAUL_OIDC_CLIENT_ID: '' })).toBeUndefined();
  });

  it('reads complete settings, deriving the redirect URI from the public URL, and freezes them', () => {
    const settings = readOidcSettings(COMPLETE);
    expect(settings).toEqual({
      issuer: 'https://login.example.com/realms/acme',
      clientId: 'longhaul',
      clientSecret: SECRET,
      redirectUri: 'https://longhaul.example.com/auth/oidc/callback',
    });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it.each([
    [
      'a path the server lives under',
      'https://example.com/longhaul/',
      'https://example.com/longhaul/auth/oidc/callback',
    ],
    [
      'the --public-url flag over the variable',
      'https://flag.example.com',
      'https://flag.example.com/auth/oidc/callback',
    ],
  ])('derives the redirect URI from %s', (_what, publicUrl, expected) => {
    expect(readOidcSettings(COMPLETE, { publicUrl })?.redirectUri).toBe(expected);
  });

  it('takes LONGHAUL_OIDC_REDIRECT_URI as given, and a loopback http issuer for tests', () => {
    const settings = readOidcSettings({
      ...COMPLETE,
      LONGHAUL_OIDC_ISSUER: 'http://127.0.0.1:4455',
      LONGHAUL_OIDC_REDIRECT_URI: 'http://localhost:4100/auth/oidc/callback',
      LONGHAUL_PUBLIC_URL: undefined,
    });
    expect(settings).toMatchObject({
      issuer: 'http://127.0.0.1:4455',
      redirectUri: 'http://localhost:4100/auth/oidc/callback',
    });
  });

  it.each<[string, Record<string, string | undefined>, string]>([
    [
      'an issuer that is not http(s)',
      { LONGHAUL_OIDC_ISSUER: 'ftp://x' },
      'oidc.issuer (LONGHAUL_OIDC_ISSUER): "ftp://x" is not an http(s) URL',
    ],
    [
      'an issuer that is not a URL',
      { LONGHAUL_OIDC_ISSUER: 'login.example.com' },
      'oidc.issuer (LONGHAUL_OIDC_ISSUER): "login.example.com" is not a URL; give one like https://login.example.com',
    ],
    [
      'a plain http issuer beyond loopback',
      { LONGHAUL_OIDC_ISSUER: 'http://login.example.com' },
      'oidc.issuer (LONGHAUL_OIDC_ISSUER): "http://login.example.com" uses http, which is allowed only for a loopback host (localhost, 127.0.0.1, [::1]); use https',
    ],
    [
      'an issuer with a query',
      { LONGHAUL_OIDC_ISSUER: 'https://login.example.com/?tenant=1' },
      'oidc.issuer (LONGHAUL_OIDC_ISSUER): "https://login.example.com/?tenant=1" has a query (?…); an issuer may not',
    ],
    [
      'a missing issuer',
      { LONGHAUL_OIDC_ISSUER: undefined },
      'oidc.issuer (LONGHAUL_OIDC_ISSUER): is not set; single sign-on needs all of issuer, client id and secret',
    ],
    [
      'a missing client id',
      { LONGHAUL_OIDC_CLIENT_ID: '' },
      'oidc.clientId (LONGHAUL_OIDC_CLIENT_ID): is not set; single sign-on needs all of issuer, client id and secret',
    ],
    [
      'a client id with a space at its end',
      { LONGHAUL_OIDC_CLIENT_ID: 'longhaul ' },
      'oidc.clientId (LONGHAUL_OIDC_CLIENT_ID): starts or ends with a space; copy it again without it',
    ],
    [
      'a missing client secret',
      { LONGHAUL_OIDC_CLIENT_SECRET: undefined },
      'oidc.clientSecret (LONGHAUL_OIDC_CLIENT_SECRET): is not set; single sign-on needs all of issuer, client id and secret',
    ],
    [
      'a client secret pasted with a line break',
      { LONGHAUL_OIDC_CLIENT_SECRET: `${SECRET}\n` },
      'oidc.clientSecret (LONGHAUL_OIDC_CLIENT_SECRET): starts or ends with a space; copy it again without it',
    ],
    [
      'a client secret with a control character inside',
      { LONGHAUL_OIDC_CLIENT_SECRET: `${SECRET}\u0007x` },
      'oidc.clientSecret (LONGHAUL_OIDC_CLIENT_SECRET): holds a control character; copy it again',
    ],
    [
      'a redirect URI that is not http(s)',
      { LONGHAUL_OIDC_REDIRECT_URI: 'longhaul://callback' },
      'oidc.redirectUri (LONGHAUL_OIDC_REDIRECT_URI): "longhaul://callback" is not an http(s) URL',
    ],
    [
      'a plain http redirect URI beyond loopback',
      { LONGHAUL_OIDC_REDIRECT_URI: 'http://longhaul.example.com/auth/oidc/callback' },
      'oidc.redirectUri (LONGHAUL_OIDC_REDIRECT_URI): "http://longhaul.example.com/auth/oidc/callback" uses http, which is allowed only for a loopback host (localhost, 127.0.0.1, [::1]); use https',
    ],
    [
      'a redirect URI with a fragment',
      { LONGHAUL_OIDC_REDIRECT_URI: 'https://longhaul.example.com/cb#x' },
      'oidc.redirectUri (LONGHAUL_OIDC_REDIRECT_URI): "https://longhaul.example.com/cb#x" has a fragment (#…); a redirect URI may not',
    ],
    [
      'no redirect URI and no public URL to derive it from',
      { LONGHAUL_PUBLIC_URL: undefined },
      'oidc.redirectUri (LONGHAUL_OIDC_REDIRECT_URI): is not set, and there is no public URL (--public-url or LONGHAUL_PUBLIC_URL) to derive it from',
    ],
    [
      'only a redirect URI',
      {
        LONGHAUL_OIDC_ISSUER: undefined,
        LONGHAUL_OIDC_CLIENT_ID: undefined,
        LONGHAUL_OIDC_CLIENT_SECRET: undefined,
        LONGHAUL_OIDC_REDIRECT_URI: 'https://longhaul.example.com/auth/oidc/callback',
      },
      [
        'oidc.issuer (LONGHAUL_OIDC_ISSUER): is not set; single sign-on needs all of issuer, client id and secret',
        'oidc.clientId (LONGHAUL_OIDC_CLIENT_ID): is not set; single sign-on needs all of issuer, client id and secret',
        'oidc.clientSecret (LONGHAUL_OIDC_CLIENT_SECRET): is not set; single sign-on needs all of issuer, client id and secret',
      ].join('\n'),
    ],
  ])('refuses %s, naming the variable', (_what, change, message) => {
    expect(refusal({ ...COMPLETE, ...change })).toBe(message);
  });

  it('names every variable that is wrong at once', () => {
    const message = refusal({ LONGHAUL_OIDC_ISSUER: 'ftp://x', LONGHAUL_OIDC_CLIENT_SECRET: SECRET });
    expect(message.split('\n')).toEqual([
      'oidc.issuer (LONGHAUL_OIDC_ISSUER): "ftp://x" is not an http(s) URL',
      'oidc.clientId (LONGHAUL_OIDC_CLIENT_ID): is not set; single sign-on needs all of issuer, client id and secret',
      'oidc.redirectUri (LONGHAUL_OIDC_REDIRECT_URI): is not set, and there is no public URL (--public-url or LONGHAUL_PUBLIC_URL) to derive it from',
    ]);
  });
});
