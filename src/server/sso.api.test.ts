import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { followSignIn, startTestProvider, type TestProvider } from '../services/oidc-provider.fixtures.js';
import { createOidcClient } from '../services/oidc.service.js';
import { updatePerson } from '../store/people.repository.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { OIDC_STATE_COOKIE } from './routes/oidc.routes.js';
import { buildPerson, sessionCookieOf, startTestServer, TEST_EMAIL, type TestServer } from './test-server.fixtures.js';

/*
 * Single sign-on through the HTTP routes, against a real OpenID provider on
 * 127.0.0.1: the browser's part (the provider's redirects) is followed by
 * hand, and the callback is sent to Longhaul with the state cookie the start
 * set. What the protocol checks (audience, signature, nonce, expiry) is
 * proven in oidc.service.test.ts; here: the session, the redirects, the
 * person matched, and every refusal landing on the sign-in page.
 */

const ANN = { sub: 'ann-1', email: 'Ann.Lee@example.com', emailVerified: true, name: 'Ann Lee' };
const SAM = { sub: 'sam-1', email: TEST_EMAIL, emailVerified: true, name: 'Sam Okafor' };
const STRANGER = { sub: 'x-1', email: 'nobody@elsewhere.example', emailVerified: true };
const UNVERIFIED = { sub: 'u-1', email: 'uma@example.com', emailVerified: false };
const GONE = { sub: 'g-1', email: 'gone@example.com', emailVerified: true };

let provider: TestProvider;
let test: TestServer;
let clockOffsetMs = 0;

beforeAll(async () => {
  provider = await startTestProvider({ accounts: [ANN, SAM, STRANGER, UNVERIFIED, GONE], idTokenTtlSeconds: 60 });
  const { longhaul } = provider.clients;
  const oidc = createOidcClient({ issuer: provider.issuer, ...longhaul });
  test = await startTestServer({ oidc, now: () => new Date(Date.now() + clockOffsetMs) });
  await buildPerson(test.db, { name: 'Ann Lee', email: 'ann.lee@example.com' });
  await buildPerson(test.db, { name: 'Uma', email: 'uma@example.com' });
  const gone = await buildPerson(test.db, { name: 'Gone', email: 'gone@example.com' });
  await updatePerson(test.db, gone.id, { deactivatedAt: '2026-11-01T00:00:00.000Z' });
});

afterAll(async () => {
  await test.close();
  await provider.close();
});

afterEach(() => {
  clockOffsetMs = 0;
  expect(provider.serverErrors).toEqual([]);
});

/** The value a Set-Cookie header gives a cookie, if it sets it. */
function cookieOf(headers: Headers, name: string): string | undefined {
  for (const line of headers.getSetCookie()) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(line);
    if (match?.[1] !== undefined && match[1] !== '') return match[1];
  }
  return undefined;
}

/** Begins a sign-in as a browser would: the redirect to the provider, and the state cookie. */
async function start(returnTo?: string) {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const response = await test.anonymous('GET', `/auth/oidc/start${query}`);
  expect(response.status, response.text).toBe(303);
  const location = response.headers.get('location') ?? '';
  const stateLine = response.headers.getSetCookie().find((line) => line.startsWith(`${OIDC_STATE_COOKIE}=`)) ?? '';
  return { location, stateLine, state: cookieOf(response.headers, OIDC_STATE_COOKIE) ?? '' };
}

/** The whole round trip as `sub`: start, the provider, and the callback sent back to Longhaul. */
async function signInAs(sub: string, options: { returnTo?: string; stateCookie?: string | null } = {}) {
  provider.signInAs(sub);
  const begun = await start(options.returnTo);
  const callback = new URL(await followSignIn(begun.location, provider.clients.longhaul.redirectUri));
  const cookie = options.stateCookie === undefined ? begun.state : options.stateCookie;
  const response = await test.anonymous(
    'GET',
    `${callback.pathname}${callback.search}`,
    undefined,
    cookie === null ? {} : { cookie: `${OIDC_STATE_COOKIE}=${cookie}` },
  );
  return { response, callback, begun };
}

describe('single sign-on through the routes', () => {
  it('the setup answer says single sign-on is on, so the sign-in page offers it', async () => {
    const setup = await test.anonymous('GET', '/api/setup');
    expect(setup.json).toMatchObject({ singleSignOn: true });
  });

  it('start sends the browser to the provider with PKCE, and binds the sign-in to it with a short-lived cookie', async () => {
    const { location, stateLine, state } = await start('/evidence');
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(stateLine).toMatch(/HttpOnly/i);
    expect(stateLine).toMatch(/SameSite=Lax/i);
    expect(stateLine).toMatch(/Path=\/auth\/oidc/);
    expect(stateLine).toMatch(/Max-Age=600/);
  });

  it('signs in a person the organisation holds but who never had an account, and returns to the page they began on', async () => {
    const { response } = await signInAs('ann-1', { returnTo: '/evidence?kind=design' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/evidence?kind=design');
    const session = sessionCookieOf(response.headers);
    expect(session).toBeDefined();
    // The state cookie is spent.
    expect(response.headers.getSetCookie().some((l) => l.startsWith(`${OIDC_STATE_COOKIE}=;`))).toBe(true);
    const me = await test.anonymous('GET', '/api/me', undefined, { cookie: `${SESSION_COOKIE}=${session ?? ''}` });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ person: { name: 'Ann Lee' } });
    // The account made for her has no password: she cannot sign in with one.
    const withPassword = await test.anonymous('POST', '/api/session', {
      email: 'ann.lee@example.com',
      password: 'any twelve characters or more',
    });
    expect(withPassword.status).toBe(401);
  });

  it('signs in a person who also has a password, into a new session (not the one the browser came with)', async () => {
    const before = await test.signIn();
    provider.signInAs('sam-1');
    const begun = await start();
    const callback = new URL(await followSignIn(begun.location, provider.clients.longhaul.redirectUri));
    const response = await test.anonymous('GET', `${callback.pathname}${callback.search}`, undefined, {
      cookie: `${OIDC_STATE_COOKIE}=${begun.state}; ${SESSION_COOKIE}=${before.cookie}`,
    });
    expect(response.headers.get('location')).toBe('/');
    const after = sessionCookieOf(response.headers);
    expect(after).toBeDefined();
    expect(after).not.toBe(before.cookie);
    // The session the browser came with ended (session fixation).
    const old = await before.request('GET', '/api/me');
    expect(old.status).toBe(401);
  });

  it.each([
    ['an email nobody in the organisation has', 'x-1', 'email_unknown'],
    ['an email the provider has not verified', 'u-1', 'email_unverified'],
    ['a deactivated person', 'g-1', 'account_deactivated'],
  ])('refuses %s: back to the sign-in page saying why, and no session', async (_what, sub, reason) => {
    const { response } = await signInAs(sub);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/sign-in?sso_error=${reason}`);
    expect(sessionCookieOf(response.headers)).toBeUndefined();
  });

  it('refuses a callback opened in a browser that did not begin the sign-in (no state cookie, or another one)', async () => {
    const none = await signInAs('ann-1', { stateCookie: null });
    expect(none.response.headers.get('location')).toBe('/sign-in?sso_error=state');
    const other = await start();
    const wrong = await signInAs('ann-1', { stateCookie: other.state });
    expect(wrong.response.headers.get('location')).toBe('/sign-in?sso_error=state');
    expect(sessionCookieOf(wrong.response.headers)).toBeUndefined();
  });

  it('refuses a callback used twice, and a tampered state', async () => {
    const first = await signInAs('ann-1');
    expect(sessionCookieOf(first.response.headers)).toBeDefined();
    const again = await test.anonymous('GET', `${first.callback.pathname}${first.callback.search}`, undefined, {
      cookie: `${OIDC_STATE_COOKIE}=${first.begun.state}`,
    });
    expect(again.headers.get('location')).toBe('/sign-in?sso_error=sign_in_expired');

    provider.signInAs('ann-1');
    const begun = await start();
    const callback = new URL(await followSignIn(begun.location, provider.clients.longhaul.redirectUri));
    callback.searchParams.set('state', `${begun.state}x`);
    const tampered = await test.anonymous('GET', `${callback.pathname}${callback.search}`, undefined, {
      cookie: `${OIDC_STATE_COOKIE}=${begun.state}x`,
    });
    expect(tampered.headers.get('location')).toBe('/sign-in?sso_error=sign_in_expired');
    expect(sessionCookieOf(tampered.headers)).toBeUndefined();
  });

  it("refuses an ID token that expired before the callback reached the server (the server's clock)", async () => {
    provider.signInAs('ann-1');
    const begun = await start();
    const callback = new URL(await followSignIn(begun.location, provider.clients.longhaul.redirectUri));
    clockOffsetMs = 5 * 60_000; // past the token's 60 s and the 30 s of tolerance, inside the sign-in's 10 minutes
    const response = await test.anonymous('GET', `${callback.pathname}${callback.search}`, undefined, {
      cookie: `${OIDC_STATE_COOKIE}=${begun.state}`,
    });
    expect(response.headers.get('location')).toBe('/sign-in?sso_error=token_expired');
  });

  it('refuses a return address outside Longhaul before anything leaves for the provider', async () => {
    for (const returnTo of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
      const response = await test.anonymous('GET', `/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
      expect(response.status).toBe(422);
      expect(response.json).toMatchObject({ error: { fields: [{ path: 'query.returnTo' }] } });
      expect(response.headers.get('location')).toBeNull();
      expect(cookieOf(response.headers, OIDC_STATE_COOKIE)).toBeUndefined();
    }
  });

  it('logs the reason of a refusal and who signed in, never the code, the state or a token', async () => {
    const lines: string[] = [];
    const logged = await startTestServer({
      oidc: createOidcClient({ issuer: provider.issuer, ...provider.clients.longhaul }),
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    try {
      await buildPerson(logged.db, { name: 'Ann Lee', email: 'ann.lee@example.com' });
      const secrets: string[] = [];
      for (const sub of ['x-1', 'ann-1']) {
        provider.signInAs(sub);
        const begun = await logged.anonymous('GET', '/auth/oidc/start');
        const state = cookieOf(begun.headers, OIDC_STATE_COOKIE) ?? '';
        const back = new URL(
          await followSignIn(begun.headers.get('location') ?? '', provider.clients.longhaul.redirectUri),
        );
        const answer = await logged.anonymous('GET', `${back.pathname}${back.search}`, undefined, {
          cookie: `${OIDC_STATE_COOKIE}=${state}`,
        });
        secrets.push(state, back.searchParams.get('code') ?? 'no code', sessionCookieOf(answer.headers) ?? '');
      }
      const log = lines.join('');
      expect(log).toContain('"reason":"email_unknown"');
      expect(log).toContain('signed in through single sign-on');
      for (const secret of secrets.filter((s) => s !== '')) expect(log).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });
});

describe('single sign-on when it is not configured', () => {
  it('has no start route to follow (404 that says so), and the setup answer says it is off', async () => {
    const plain = await startTestServer();
    try {
      const response = await plain.anonymous('GET', '/auth/oidc/start');
      expect(response.status).toBe(404);
      expect(response.json).toMatchObject({ error: { message: expect.stringMatching(/not configured/) } });
      const callback = await plain.anonymous('GET', '/auth/oidc/callback?code=x&state=y');
      expect(callback.status).toBe(404);
      expect(((await plain.anonymous('GET', '/api/setup')).json as { singleSignOn: boolean }).singleSignOn).toBe(false);
    } finally {
      await plain.close();
    }
  });
});
