import type { Kysely } from 'kysely';
import type { CustomFetch } from 'openid-client';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import { closeDatabase, openDatabase } from '../store/database.js';
import { hashOidcState } from '../store/oidc-sign-in.repository.js';
import { insertPerson } from '../store/people.repository.js';
import type { Database } from '../store/schema.js';
import { followSignIn, startTestProvider, type TestClient, type TestProvider } from './oidc-provider.fixtures.js';
import type { OidcSettings } from './oidc-settings.js';
import {
  beginOidcSignIn,
  createOidcClient,
  findPersonForIdentity,
  finishOidcSignIn,
  OIDC_SIGN_IN_TTL_MS,
  SignInFailedError,
  type FinishOidcSignInOptions,
  type OidcClient,
  type OidcIdentity,
} from './oidc.service.js';

/*
 * Single sign-on end to end against a real OpenID provider (oidc-provider on
 * 127.0.0.1), once per database like the store suite: LONGHAUL_TEST_DIALECTS
 * picks them, and PostgreSQL being down is a failure, never a skip.
 */
const DIALECTS = (process.env.LONGHAUL_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d) => d !== '');
const POSTGRES_URL = process.env.LONGHAUL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const ANN = { sub: 'ann-7f3a', email: 'ann.lee@example.com', emailVerified: true, name: 'Ann Lee' };
const UMA = { sub: 'uma-unverified', email: 'uma@example.com', emailVerified: false, name: 'Uma' };
const SAM = { sub: 'sam-stranger', email: 'sam@elsewhere.example', emailVerified: true };
const NEL = { sub: 'nel-no-email', name: 'Nel' };

/** A fresh database of one dialect, and how to throw it away. */
async function freshDatabase(dialect: string): Promise<{ db: Kysely<Database>; dispose(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    return { db, dispose: () => closeDatabase(db) };
  }
  if (dialect !== 'postgres') {
    throw new Error(`LONGHAUL_TEST_DIALECTS names an unknown dialect "${dialect}" (known: sqlite, postgres)`);
  }
  const admin = new Client({ connectionString: POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL} (${String(error)}); run with LONGHAUL_TEST_DIALECTS=sqlite to skip it`,
    );
  }
  const schema = `longhaul_test_oidc_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`create schema "${schema}"`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDatabase({ kind: 'postgres', connectionString: url.toString() });
  return {
    db,
    async dispose() {
      await closeDatabase(db);
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** Everything the provider answered to the client, so a test can check none of it reaches an error message. */
interface Wire {
  /** Every response body from the token and userinfo endpoints. */
  bodies: string[];
  /** Discovery requests made, to check the metadata is cached. */
  discoveries: number;
  /** When set, rewrites the ID token of the next token responses. */
  tamperIdToken: ((idToken: string) => string) | undefined;
}

/** A fetch that records what the provider says and can rewrite the ID token, as an attacker in the middle would. */
function wiredFetch(wire: Wire): CustomFetch {
  return async (url, options) => {
    const response = await fetch(url, { ...options, body: options.body as BodyInit | null | undefined });
    if (url.includes('/.well-known/openid-configuration')) wire.discoveries += 1;
    if (!url.endsWith('/token') && !url.endsWith('/me')) return response;
    const text = await response.text();
    wire.bodies.push(text);
    let body = text;
    if (url.endsWith('/token') && wire.tamperIdToken !== undefined && response.ok) {
      const json = JSON.parse(text) as { id_token: string };
      body = JSON.stringify({ ...json, id_token: wire.tamperIdToken(json.id_token) });
    }
    const headers = new Headers({ 'content-type': response.headers.get('content-type') ?? 'application/json' });
    const wwwAuthenticate = response.headers.get('www-authenticate');
    if (wwwAuthenticate !== null) headers.set('www-authenticate', wwwAuthenticate);
    return new Response(body, { status: response.status, headers });
  };
}

function settingsFor(provider: TestProvider, client: TestClient, overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer: provider.issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri,
    ...overrides,
  };
}

/** The secrets of one sign-in: none may appear in what a person or the log is told. */
function secretsOf(callbackUrl: string, wire: Wire, client: TestClient): string[] {
  const callback = new URL(callbackUrl);
  const fromWire = wire.bodies.flatMap((body) => {
    try {
      const json = JSON.parse(body) as Record<string, unknown>;
      return ['id_token', 'access_token', 'refresh_token'].flatMap((k) =>
        typeof json[k] === 'string' ? [json[k]] : [],
      );
    } catch {
      return [];
    }
  });
  const idTokenParts = fromWire.flatMap((token) => token.split('.')).filter((part) => part.length > 20);
  return [
    client.clientSecret,
    callback.searchParams.get('code') ?? '',
    callback.searchParams.get('state') ?? '',
    ...fromWire,
    ...idTokenParts,
  ].filter((s) => s !== '');
}

/** The error a promise rejects with, which must be the one sign-in failure; with the sentence a person sees. */
async function refusal(promise: Promise<unknown>): Promise<SignInFailedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInFailedError);
  const failure = error as SignInFailedError;
  expect(failure).toBeInstanceOf(DomainError);
  expect(failure.code).toBe('sign_in_failed');
  expect(failure.cause).toBeUndefined();
  return failure;
}

function expectNoSecrets(error: Error, secrets: readonly string[]): void {
  const told = `${error.message}\n${error.stack ?? ''}\n${JSON.stringify(error)}`;
  for (const secret of secrets) expect(told).not.toContain(secret);
}

let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider({ accounts: [ANN, UMA, SAM, NEL], idTokenTtlSeconds: 60 });
});

afterAll(async () => {
  await provider.close();
});

for (const dialect of DIALECTS) {
  describe(`single sign-on on ${dialect}`, () => {
    let db: Kysely<Database>;
    let dispose: () => Promise<void>;
    let wire: Wire;
    let client: OidcClient;

    beforeAll(async () => {
      ({ db, dispose } = await freshDatabase(dialect));
      wire = { bodies: [], discoveries: 0, tamperIdToken: undefined };
      client = createOidcClient(settingsFor(provider, provider.clients.longhaul), { fetch: wiredFetch(wire) });
    });

    afterEach(async () => {
      wire.bodies.length = 0;
      wire.tamperIdToken = undefined;
      provider.signInAs(ANN.sub);
      await db.deleteFrom('oidcSignIns').execute();
      await db.deleteFrom('people').execute();
      expect(provider.serverErrors).toEqual([]);
    });

    afterAll(async () => {
      await dispose();
    });

    /** Begins a sign-in and walks the browser through the provider to the callback URL. */
    async function reachCallback(options: { as?: string; returnTo?: string; now?: Date; on?: OidcClient } = {}) {
      const using = options.on ?? client;
      provider.signInAs(options.as ?? ANN.sub);
      const begun = await beginOidcSignIn(db, using, { returnTo: options.returnTo, now: options.now });
      const callbackUrl = await followSignIn(begun.authorizationUrl, using.redirectUri);
      return { ...begun, callbackUrl };
    }

    it('signs in: the verified email, the subject, the name and where to go, and the person of that email', async () => {
      const ann = await insertPerson(db, { name: 'Ann Lee', email: 'Ann.Lee@Example.com' });
      await insertPerson(db, { name: 'Bob', email: 'bob@example.com' });
      const { authorizationUrl, state, callbackUrl } = await reachCallback({ returnTo: '/people/ann?tab=evidence' });

      const asked = new URL(authorizationUrl);
      expect(asked.origin).toBe(provider.issuer);
      expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
      expect(asked.searchParams.get('scope')).toBe('openid email profile');
      expect(asked.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
      expect(asked.searchParams.get('state')).toBe(state);
      // Only the hash of the state is kept.
      const rows = await db.selectFrom('oidcSignIns').selectAll().execute();
      expect(rows.map((r) => r.stateHash)).toEqual([hashOidcState(state)]);
      expect(JSON.stringify(rows)).not.toContain(state);

      const identity = await finishOidcSignIn(db, client, callbackUrl, { browserState: state });
      expect(identity).toEqual<OidcIdentity>({
        email: ANN.email,
        emailVerified: true,
        subject: ANN.sub,
        name: ANN.name,
        returnTo: '/people/ann?tab=evidence',
      });
      expect(await findPersonForIdentity(db, identity)).toEqual(ann);
      expect(await db.selectFrom('oidcSignIns').selectAll().execute()).toEqual([]);
    });

    it('discovers the provider once per client, and a second client of other settings on its own', async () => {
      const before = wire.discoveries;
      await reachCallback();
      await reachCallback();
      expect(wire.discoveries - before).toBeLessThanOrEqual(1);
      const otherWire: Wire = { bodies: [], discoveries: 0, tamperIdToken: undefined };
      const other = createOidcClient(settingsFor(provider, provider.clients.other), { fetch: wiredFetch(otherWire) });
      await beginOidcSignIn(db, other);
      await beginOidcSignIn(db, other);
      expect(otherWire.discoveries).toBe(1);
    });

    it('lets a state finish one sign-in only', async () => {
      const { callbackUrl } = await reachCallback();
      await finishOidcSignIn(db, client, callbackUrl);
      const again = await refusal(finishOidcSignIn(db, client, callbackUrl));
      expect(again.message).toBe('the sign-in link has expired or was already used; start again');
      expect(again.reason).toBe('sign_in_expired');
      expectNoSecrets(again, secretsOf(callbackUrl, wire, provider.clients.longhaul));
    });

    it('refuses a callback that comes after the sign-in expired, and purges expired sign-ins', async () => {
      const started = new Date();
      const { callbackUrl } = await reachCallback({ now: started });
      const late = new Date(started.getTime() + OIDC_SIGN_IN_TTL_MS + 1000);
      const error = await refusal(finishOidcSignIn(db, client, callbackUrl, { now: late }));
      expect(error.message).toBe('the sign-in link has expired or was already used; start again');
      expectNoSecrets(error, secretsOf(callbackUrl, wire, provider.clients.longhaul));

      await beginOidcSignIn(db, client, { now: new Date(started.getTime() - 2 * OIDC_SIGN_IN_TTL_MS) });
      expect(await db.selectFrom('oidcSignIns').selectAll().execute()).toHaveLength(1);
      await beginOidcSignIn(db, client, { now: started });
      // The first one had expired by then and is gone; the new one stays.
      expect(await db.selectFrom('oidcSignIns').selectAll().execute()).toHaveLength(1);
    });

    /** One way the answer can be wrong: who signs in, what is altered on the way, what the person is told. */
    interface Refusal {
      what: string;
      /** The account to sign in as (Ann by default). */
      as?: string;
      /** Changes the callback URL or the stored sign-in, or sets up tampering; may return the finish options. */
      alter(callback: URL, signIn: { state: string }): Promise<FinishOidcSignInOptions>;
      message: string;
      reason: SignInFailedError['reason'];
    }

    const DID_NOT_CHECK_OUT = "the identity provider's answer did not check out";
    const REFUSALS: Refusal[] = [
      {
        what: 'a callback whose state is not the one this browser started with',
        async alter(callback, { state }) {
          callback.searchParams.set('state', `${state}x`);
          return { browserState: state };
        },
        message: `${DID_NOT_CHECK_OUT} (state); start again`,
        reason: 'state',
      },
      {
        what: 'a callback with the state twice',
        async alter(callback, { state }) {
          callback.searchParams.append('state', state);
          return {};
        },
        message: `${DID_NOT_CHECK_OUT} (state); start again`,
        reason: 'state',
      },
      {
        what: 'a callback without a state',
        async alter(callback) {
          callback.searchParams.delete('state');
          return {};
        },
        message: `${DID_NOT_CHECK_OUT} (state); start again`,
        reason: 'state',
      },
      {
        what: 'a callback with a state no sign-in was started with',
        async alter(callback) {
          callback.searchParams.set('state', 'made-up-state-value-0123456789');
          return {};
        },
        message: 'the sign-in link has expired or was already used; start again',
        reason: 'sign_in_expired',
      },
      {
        what: 'an ID token whose nonce is not the one stored for the sign-in',
        async alter(_callback, { state }) {
          await db
            .updateTable('oidcSignIns')
            .set({ nonce: 'another-nonce-entirely' })
            .where('stateHash', '=', hashOidcState(state))
            .execute();
          return {};
        },
        message: `${DID_NOT_CHECK_OUT} (nonce); start again`,
        reason: 'nonce',
      },
      {
        what: 'an ID token whose signature was changed on the way',
        async alter() {
          wire.tamperIdToken = (token) => {
            const [header, payload, signature = ''] = token.split('.');
            const flipped = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
            return `${header}.${payload}.${flipped}`;
          };
          return {};
        },
        message: `${DID_NOT_CHECK_OUT} (token signature); start again`,
        reason: 'token_signature',
      },
      {
        what: 'an ID token whose claims were changed on the way',
        async alter() {
          wire.tamperIdToken = (token) => {
            const [header, payload = '', signature] = token.split('.');
            const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
            const forged = Buffer.from(JSON.stringify({ ...claims, email: 'boss@example.com' })).toString('base64url');
            return `${header}.${forged}.${signature}`;
          };
          return {};
        },
        message: `${DID_NOT_CHECK_OUT} (token signature); start again`,
        reason: 'token_signature',
      },
      {
        what: 'an ID token the provider issued to another application',
        async alter() {
          const otherToken = await idTokenOf(provider.clients.other);
          wire.tamperIdToken = () => otherToken;
          return {};
        },
        message: `${DID_NOT_CHECK_OUT} (token audience); start again`,
        reason: 'token_audience',
      },
      {
        what: 'an ID token that has expired by the client’s clock',
        // Five minutes on: past the token's 60 seconds and the 30 seconds of tolerance, within the sign-in's ten minutes.
        alter: async () => ({ now: new Date(Date.now() + 5 * 60 * 1000) }),
        message: `${DID_NOT_CHECK_OUT} (token expired); start again, and if it keeps happening check this server's clock`,
        reason: 'token_expired',
      },
      {
        what: 'an email the identity provider did not verify',
        as: UMA.sub,
        alter: async () => ({}),
        message: 'your identity provider did not confirm this email address',
        reason: 'email_unverified',
      },
      {
        what: 'an account without an email',
        as: NEL.sub,
        alter: async () => ({}),
        message: 'your identity provider did not send an email address; ask an admin to let Longhaul read it',
        reason: 'email_missing',
      },
      {
        what: 'a code that is not the one the provider issued',
        async alter(callback) {
          callback.searchParams.set('code', 'not-the-code-the-provider-issued');
          return {};
        },
        message: 'the identity provider refused the sign-in code (invalid_grant); start again',
        reason: 'code_refused',
      },
      {
        what: 'an answer in which the provider refuses the sign-in',
        async alter(callback) {
          callback.searchParams.delete('code');
          callback.searchParams.set('error', 'access_denied');
          callback.searchParams.set('error_description', 'the user said no');
          return {};
        },
        message: 'the identity provider did not sign you in (access_denied); start again',
        reason: 'provider_refused',
      },
    ];

    /** An ID token issued to another client, from a full sign-in of that client. */
    async function idTokenOf(other: TestClient): Promise<string> {
      const otherWire: Wire = { bodies: [], discoveries: 0, tamperIdToken: undefined };
      const otherClient = createOidcClient(settingsFor(provider, other), { fetch: wiredFetch(otherWire) });
      const { callbackUrl } = await reachCallback({ on: otherClient });
      await finishOidcSignIn(db, otherClient, callbackUrl);
      const body = JSON.parse(otherWire.bodies.find((b) => b.includes('id_token')) ?? '{}') as { id_token?: string };
      if (body.id_token === undefined) throw new Error('the other client got no ID token');
      return body.id_token;
    }

    it.each(REFUSALS)('refuses $what', async ({ as, alter, message, reason }) => {
      const { state, callbackUrl } = await reachCallback({ as });
      const { nonce, codeVerifier } = await db
        .selectFrom('oidcSignIns')
        .selectAll()
        .where('stateHash', '=', hashOidcState(state))
        .executeTakeFirstOrThrow();
      const callback = new URL(callbackUrl);
      const options = await alter(callback, { state });

      const error = await refusal(finishOidcSignIn(db, client, callback, options));
      expect(error.message).toBe(message);
      expect(error.reason).toBe(reason);
      expectNoSecrets(error, [...secretsOf(callbackUrl, wire, provider.clients.longhaul), nonce, codeVerifier]);
    });

    it('checks token times against the client’s own clock when a call passes none', async () => {
      let offsetMs = 0;
      const clocked = createOidcClient(settingsFor(provider, provider.clients.longhaul), {
        fetch: wiredFetch(wire),
        now: () => new Date(Date.now() + offsetMs),
      });
      const { callbackUrl } = await reachCallback({ on: clocked });
      offsetMs = 3 * 60 * 1000;
      const error = await refusal(finishOidcSignIn(db, clocked, callbackUrl));
      expect(error.reason).toBe('token_expired');
    });

    it('refuses a client whose secret the provider does not accept, naming what to check', async () => {
      const wrong = createOidcClient(
        settingsFor(provider, provider.clients.longhaul, { clientSecret: 'not-the-secret-0123456789' }),
        { fetch: wiredFetch(wire) },
      );
      const { callbackUrl } = await reachCallback({ on: wrong });
      const error = await refusal(finishOidcSignIn(db, wrong, callbackUrl));
      expect(error.message).toBe(
        "the identity provider did not accept Longhaul's client id and secret (invalid_client); ask an admin to check LONGHAUL_OIDC_CLIENT_ID and LONGHAUL_OIDC_CLIENT_SECRET",
      );
      expectNoSecrets(error, [...secretsOf(callbackUrl, wire, provider.clients.longhaul), 'not-the-secret-0123456789']);
    });

    it('says so when the identity provider cannot be reached', async () => {
      const away = createOidcClient(settingsFor(provider, provider.clients.longhaul, { issuer: 'http://127.0.0.1:1' }));
      const error = await refusal(beginOidcSignIn(db, away));
      expect(error.message).toBe('the identity provider at http://127.0.0.1:1 could not be reached; try again later');
      expect(error.reason).toBe('provider_unreachable');
      expectNoSecrets(error, [provider.clients.longhaul.clientSecret]);
      expect(await db.selectFrom('oidcSignIns').selectAll().execute()).toEqual([]);
    });

    it('says so when the issuer is not an OpenID provider, or its metadata names another issuer', async () => {
      const elsewhere = createOidcClient(
        settingsFor(provider, provider.clients.longhaul, { issuer: `${provider.issuer}/not-here` }),
      );
      const notOidc = await refusal(beginOidcSignIn(db, elsewhere));
      expect(notOidc.message).toBe(
        `${provider.issuer}/not-here did not answer as an OpenID provider; ask an admin to check LONGHAUL_OIDC_ISSUER`,
      );
      const impostor = createOidcClient(settingsFor(provider, provider.clients.longhaul), {
        fetch: async (url, options) => {
          const response = await fetch(url, { ...options, body: options.body as BodyInit | null | undefined });
          const metadata = (await response.json()) as Record<string, unknown>;
          return Response.json({ ...metadata, issuer: 'https://impostor.example' });
        },
      });
      const mismatch = await refusal(beginOidcSignIn(db, impostor));
      expect(mismatch.message).toBe(
        `the identity provider at ${provider.issuer} names another issuer in its metadata; ask an admin to set LONGHAUL_OIDC_ISSUER to exactly the issuer it names`,
      );
      expect(await db.selectFrom('oidcSignIns').selectAll().execute()).toEqual([]);
    });

    it.each(['https://evil.example/', '//evil.example/', '/\\evil.example', 'people', '/a\nb'])(
      'refuses to return to %j after signing in',
      async (returnTo) => {
        await expect(beginOidcSignIn(db, client, { returnTo })).rejects.toMatchObject({
          code: 'input_invalid',
          message: 'returnTo: must be a path within Longhaul, such as /people',
        });
      },
    );

    it('tells a person the organisation does not know their email, and refuses an email two people share', async () => {
      const { callbackUrl } = await reachCallback({ as: SAM.sub });
      const identity = await finishOidcSignIn(db, client, callbackUrl);
      expect(identity).toMatchObject({ email: SAM.email, emailVerified: true, name: null });
      const unknown = await refusal(findPersonForIdentity(db, identity));
      expect(unknown.message).toBe(
        'no one in this organisation has the email sam@elsewhere.example; ask an admin to add you',
      );
      expect(unknown.reason).toBe('email_unknown');

      await insertPerson(db, { name: 'Sam', email: 'Sam@Elsewhere.example' });
      await insertPerson(db, { name: 'Sam again', email: 'sam@elsewhere.EXAMPLE' });
      const shared = await refusal(findPersonForIdentity(db, identity));
      expect(shared.message).toBe(
        'more than one person in this organisation has the email sam@elsewhere.example; ask an admin to fix that',
      );
      const escaping = await refusal(
        findPersonForIdentity(db, { email: 'x\u001b[2J@example.com', emailVerified: true }),
      );
      expect(escaping.message).toBe(
        'no one in this organisation has the email x?[2J@example.com; ask an admin to add you',
      );
      const unverified = await refusal(findPersonForIdentity(db, { email: SAM.email, emailVerified: false as true }));
      expect(unverified.reason).toBe('email_unverified');
    });
  });
}

describe('single sign-on with a provider that keeps the email in userinfo', () => {
  it('reads the email and the name from the userinfo endpoint', async () => {
    const quiet = await startTestProvider({ accounts: [ANN], claimsInIdToken: false });
    const { db, dispose } = await freshDatabase(DIALECTS[0] ?? 'sqlite');
    try {
      const client = createOidcClient(settingsFor(quiet, quiet.clients.longhaul));
      const { authorizationUrl } = await beginOidcSignIn(db, client);
      const callbackUrl = await followSignIn(authorizationUrl, client.redirectUri);
      expect(await finishOidcSignIn(db, client, callbackUrl)).toMatchObject({
        email: ANN.email,
        emailVerified: true,
        subject: ANN.sub,
        name: ANN.name,
      });
      expect(quiet.serverErrors).toEqual([]);
    } finally {
      await dispose();
      await quiet.close();
    }
  });
});
