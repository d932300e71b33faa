import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../services/demo.service.js';
import { ApiTokenCreated, DemoAccounts, ErrorResponse, Me, PasswordResetCreated, SetupState } from './api-contract.js';
import { ROUTES } from './routes/index.js';
import { SESSION_COOKIE } from './session-cookie.js';
import {
  buildPerson,
  sessionCookieOf,
  startTestServer,
  TEST_EMAIL,
  TEST_PASSWORD,
  TEST_TODAY,
  type TestResponse,
  type TestServer,
} from './test-server.fixtures.js';

/*
 * Signing in over HTTP: 401 on every route that needs it, CSRF on cookie
 * changes, session fixation, sign out (everywhere), token revocation and
 * expiry, rate limits, the first admin, the demo's accounts, reset links.
 * Every response and every log line of the suite is kept, and the last test
 * checks that no password, session or token shows up where it must not.
 */

const T0 = new Date('2026-11-28T09:00:00.000Z');
let clock = T0;
const MINUTE = 60_000;

/** Every log line the suite's servers wrote. */
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});
const logger = { level: 'debug', stream: logStream };

/** Secrets the suite has seen, and the responses that may show each (the one that made it). */
const secrets = new Set<string>([TEST_PASSWORD]);
const responses: Array<{ what: string; text: string; shows: string | null }> = [];

function keep(what: string, response: TestResponse, shows: string | null = null): TestResponse {
  responses.push({ what, text: response.text, shows });
  return response;
}

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ now: () => clock, logger });
  secrets.add(t.token);
});

afterAll(async () => {
  await t?.close();
});

const concrete = (path: string) => path.replace(/:([A-Za-z]+)/g, (_m, name: string) => `some-${name}`);

describe('without credentials', () => {
  const guarded = ROUTES.filter((route) => route.meta.authenticated);
  const open = ROUTES.filter((route) => !route.meta.authenticated);

  it('the route table has both kinds', () => {
    expect(guarded.length).toBeGreaterThan(20);
    expect(open.map((r) => `${r.meta.method} ${r.meta.path}`)).toEqual(
      expect.arrayContaining(['GET /healthz', 'GET /api/openapi.json', 'POST /api/session', 'POST /api/setup']),
    );
  });

  it.each(guarded.map((route) => [`${route.meta.method} ${route.meta.path}`, route.meta] as const))(
    '%s answers 401 in the documented shape',
    async (_name, meta) => {
      const response = keep(
        'anonymous',
        await t.anonymous(meta.method, concrete(meta.path), meta.method === 'GET' ? undefined : {}),
      );
      expect(response.status).toBe(401);
      const body = ErrorResponse.parse(response.json);
      expect(body.error.code).toBe('unauthenticated');
      expect(body.error.message).toMatch(/sign in/);
      expect(meta.errors).toContain(401);
    },
  );

  it('an unknown, a malformed or a non-bearer Authorization is 401 too', async () => {
    for (const authorization of ['Bearer lh_unknown', 'Bearer something-else', 'Basic c2FtOnB3', 'Bearer']) {
      const response = keep('bad auth', await t.anonymous('GET', '/api/me', undefined, { authorization }));
      expect(response.status, authorization).toBe(401);
    }
    const forged = await t.anonymous('GET', '/api/me', undefined, { cookie: `${SESSION_COOKIE}=forged` });
    expect(forged.status).toBe(401);
  });
});

describe('sessions', () => {
  it('signs in with a password: httpOnly, SameSite=Lax, Path=/ cookie, not Secure over plain HTTP', async () => {
    const response = keep(
      'sign in',
      await t.anonymous('POST', '/api/session', { email: TEST_EMAIL, password: TEST_PASSWORD }),
    );
    expect(response.status).toBe(200);
    const line = response.headers.getSetCookie().find((l) => l.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Secure/i);
    const cookie = sessionCookieOf(response.headers) ?? '';
    secrets.add(cookie);
    expect(response.text).not.toContain(cookie);
  });

  it('gives a new session id at sign-in: the cookie the browser had before is not the one after, and is dead', async () => {
    const before = await t.signIn();
    secrets.add(before.cookie);
    const again = keep(
      'sign in again',
      await t.anonymous(
        'POST',
        '/api/session',
        { email: TEST_EMAIL, password: TEST_PASSWORD },
        { cookie: `${SESSION_COOKIE}=${before.cookie}` },
      ),
    );
    const after = sessionCookieOf(again.headers) ?? '';
    secrets.add(after);
    expect(after).not.toBe('');
    expect(after).not.toBe(before.cookie);
    expect((await before.request('GET', '/api/me')).status).toBe(401);
    const me = Me.parse(
      (await t.anonymous('GET', '/api/me', undefined, { cookie: `${SESSION_COOKIE}=${after}` })).json,
    );
    expect(me).toMatchObject({ mode: 'session', person: { id: t.me.id } });
    expect(me.csrfToken).toBe((again.json as { csrfToken: string }).csrfToken);
  });

  it('refuses a cookie change without the CSRF header, or with a wrong one, and takes it with the right one', async () => {
    const session = await t.signIn();
    secrets.add(session.cookie);
    const evidence = { title: 'Signed-in change', kind: 'incident', competencies: ['reliability'] };
    const path = `/api/people/${t.me.id}/evidence`;
    const without = keep('no csrf', await session.request('POST', path, evidence, { 'x-csrf-token': '' }));
    expect(without.status).toBe(403);
    expect(ErrorResponse.parse(without.json).error.message).toMatch(/X-CSRF-Token/);
    const wrong = await session.request('POST', path, evidence, { 'x-csrf-token': 'guessed' });
    expect(wrong.status).toBe(403);
    const other = await t.signIn();
    secrets.add(other.cookie);
    const borrowed = await session.request('POST', path, evidence, { 'x-csrf-token': other.csrfToken });
    expect(borrowed.status).toBe(403);
    const right = keep('csrf', await session.request('POST', path, evidence));
    expect(right.status).toBe(201);
    // Reads need no CSRF token.
    expect((await session.request('GET', path)).status).toBe(200);
  });

  it('takes a bearer-token change without any CSRF header', async () => {
    const response = await t.request('POST', `/api/people/${t.me.id}/evidence`, {
      title: 'From a script',
      kind: 'delivery',
      competencies: ['reliability'],
    });
    expect(response.status).toBe(201);
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const session = await t.signIn();
    secrets.add(session.cookie);
    const out = keep('sign out', await session.request('DELETE', '/api/session'));
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join('\n')).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expect((await session.request('GET', '/api/me')).status).toBe(401);
  });

  it('signs out everywhere else: the other sessions end, this one stays, and the list says which is current', async () => {
    const here = await t.signIn(TEST_EMAIL, TEST_PASSWORD, { 'user-agent': 'here' });
    const there = await t.signIn(TEST_EMAIL, TEST_PASSWORD, { 'user-agent': 'there' });
    secrets.add(here.cookie).add(there.cookie);
    const list = keep('sessions', await here.request('GET', '/api/sessions'));
    const sessions = (list.json as { items: Array<{ current: boolean; userAgent: string }> }).items;
    expect(sessions.filter((s) => s.current)).toEqual([expect.objectContaining({ userAgent: 'here' })]);
    expect(sessions.some((s) => s.userAgent === 'there')).toBe(true);

    const ended = keep('everywhere', await here.request('DELETE', '/api/sessions'));
    expect(ended.status).toBe(200);
    expect((ended.json as { ended: number }).ended).toBeGreaterThanOrEqual(1);
    expect((await there.request('GET', '/api/me')).status).toBe(401);
    expect((await here.request('GET', '/api/me')).status).toBe(200);
    expect(((await here.request('GET', '/api/sessions')).json as { items: unknown[] }).items).toHaveLength(1);
  });

  it('ends a session a day after its last use', async () => {
    const session = await t.signIn();
    secrets.add(session.cookie);
    clock = new Date(T0.getTime() + 24 * 60 * MINUTE);
    try {
      const response = await session.request('GET', '/api/me');
      expect(response.status).toBe(401);
      expect(ErrorResponse.parse(response.json).error.message).toMatch(/sign in again/);
    } finally {
      clock = T0;
    }
  });

  it('sets a Secure cookie when the server is reached at an https public URL', async () => {
    const secure = await startTestServer({ publicUrl: 'https://longhaul.example', logger });
    try {
      const response = await secure.server.inject({
        method: 'POST',
        url: '/api/session',
        headers: { host: 'longhaul.example', 'content-type': 'application/json', origin: 'https://longhaul.example' },
        payload: JSON.stringify({ email: TEST_EMAIL, password: TEST_PASSWORD }),
      });
      expect(response.statusCode).toBe(200);
      expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});

describe('API tokens', () => {
  it('shows a new token once, lists it with its last use but never the token, and a revoked token is 401', async () => {
    const created = keep(
      'token',
      await t.request('POST', '/api/tokens', { name: 'backup script', expiresInDays: 7 }),
      'token',
    );
    expect(created.status).toBe(201);
    const token = ApiTokenCreated.parse(created.json);
    secrets.add(token.token);
    responses[responses.length - 1] = { what: 'token', text: created.text, shows: token.token };
    expect(token.token).toMatch(/^lh_/);

    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await t.anonymous('GET', '/api/me', undefined, bearer)).status).toBe(200);
    const list = keep('tokens', await t.request('GET', '/api/tokens'));
    const listed = (
      list.json as { items: Array<{ id: string; lastUsedAt: string | null; prefix: string }> }
    ).items.find((entry) => entry.id === token.id);
    expect(listed).toMatchObject({ lastUsedAt: T0.toISOString(), prefix: token.token.slice(0, 11) });

    const other = await buildPerson(t.db);
    expect(other.id).not.toBe(t.me.id);
    expect(keep('revoke', await t.request('DELETE', `/api/tokens/${token.id}`)).status).toBe(204);
    const refused = await t.anonymous('GET', '/api/me', undefined, bearer);
    expect(refused.status).toBe(401);
    expect(ErrorResponse.parse(refused.json).error.message).toBe('this API token was revoked');
    expect((await t.request('DELETE', '/api/tokens/no-such-token')).status).toBe(404);
  });

  it('an expired token is 401', async () => {
    const created = ApiTokenCreated.parse(
      (await t.request('POST', '/api/tokens', { name: 'short-lived', expiresInDays: 1 })).json,
    );
    secrets.add(created.token);
    clock = new Date(T0.getTime() + 24 * 60 * MINUTE);
    try {
      const response = await t.anonymous('GET', '/api/me', undefined, { authorization: `Bearer ${created.token}` });
      expect(response.status).toBe(401);
      expect(ErrorResponse.parse(response.json).error.message).toMatch(/expired/);
    } finally {
      clock = T0;
    }
  });

  it('refuses an expiry beyond a year, naming the field', async () => {
    const response = await t.request('POST', '/api/tokens', { name: 'forever', expiresInDays: 3650 });
    expect(response.status).toBe(422);
    expect(ErrorResponse.parse(response.json).error.fields[0]?.path).toBe('body.expiresInDays');
  });
});

describe('the policy', () => {
  it("refuses with 403 a reset link from someone who is not an admin, and another person's token", async () => {
    const lee = await buildPerson(t.db, { name: 'Lee Park', email: 'lee@example.com' });
    const link = PasswordResetCreated.parse(
      keep('reset link', await t.request('POST', '/api/password-resets', { email: 'sam.okafor@example.com' })).json,
    );
    const resetToken = link.link.split('#')[1] ?? '';
    secrets.add(resetToken);
    responses[responses.length - 1] = { what: 'reset link', text: JSON.stringify(link), shows: resetToken };
    // Lee has no account yet: give one through the CLI's service path, then a token as Lee.
    const { createAdminAccount } = await import('../services/account.service.js');
    await createAdminAccount(t.db, { email: 'lee@example.com', password: 'lee has a long password' }, clock);
    await t.db.updateTable('people').set({ isAdmin: 0 }).where('id', '=', lee.id).execute();
    const { createApiToken } = await import('../services/api-token.service.js');
    const { token: leeToken } = await createApiToken(t.db, lee.id, { name: 'lee', expiresInDays: 1 }, clock);
    secrets.add(leeToken).add('lee has a long password');
    const asLee = { authorization: `Bearer ${leeToken}` };

    const refused = keep('403', await t.anonymous('POST', '/api/password-resets', { email: TEST_EMAIL }, asLee));
    expect(refused.status).toBe(403);
    expect(ErrorResponse.parse(refused.json).error.message).toBe('only an admin can make a password-reset link');

    const mine = ApiTokenCreated.parse(
      (await t.request('POST', '/api/tokens', { name: 'mine', expiresInDays: 2 })).json,
    );
    secrets.add(mine.token);
    const notHers = await t.anonymous('DELETE', `/api/tokens/${mine.id}`, undefined, asLee);
    expect(notHers.status).toBe(403);
  });
});

describe('a deactivated person', () => {
  it('cannot sign in, and the session and token they had stop working at once', async () => {
    const { createAdminAccount } = await import('../services/account.service.js');
    const { createApiToken } = await import('../services/api-token.service.js');
    const kim = await buildPerson(t.db, { name: 'Kim Ito', email: 'kim@example.com' });
    await createAdminAccount(t.db, { email: 'kim@example.com', password: 'kim has a long password' }, clock);
    const { token } = await createApiToken(t.db, kim.id, { name: 'kim', expiresInDays: 1 }, clock);
    secrets.add(token).add('kim has a long password');
    const session = await t.signIn('kim@example.com', 'kim has a long password');
    secrets.add(session.cookie);
    expect((await session.request('GET', '/api/me')).status).toBe(200);

    await t.db.updateTable('people').set({ deactivatedAt: clock.toISOString() }).where('id', '=', kim.id).execute();

    const withSession = keep('deactivated session', await session.request('GET', '/api/me'));
    expect(withSession.status).toBe(401);
    expect(ErrorResponse.parse(withSession.json).error.message).toMatch(/deactivated/);
    const withToken = await t.anonymous('GET', '/api/me', undefined, { authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(401);
    const signIn = keep(
      'deactivated sign-in',
      await t.anonymous('POST', '/api/session', { email: 'kim@example.com', password: 'kim has a long password' }),
    );
    expect(signIn.status).toBe(401);
    expect(sessionCookieOf(signIn.headers)).toBeUndefined();
  });
});

describe('password-reset links', () => {
  it('set a password once; the link is refused after that, and its token never reaches the log', async () => {
    const link = PasswordResetCreated.parse(
      (await t.request('POST', '/api/password-resets', { email: TEST_EMAIL })).json,
    );
    expect(link.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reset-password#/);
    const token = link.link.split('#')[1] ?? '';
    secrets.add(token);
    const session = await t.signIn();
    secrets.add(session.cookie);
    const newPassword = 'the new test-suite passphrase';
    secrets.add(newPassword);
    const used = keep(
      'use link',
      await t.anonymous('POST', `/api/password-resets/${token}`, { password: newPassword }),
    );
    expect(used.status).toBe(204);
    expect((await session.request('GET', '/api/me')).status).toBe(401);
    const again = await t.anonymous('POST', `/api/password-resets/${token}`, { password: 'another long password' });
    expect(again.status).toBe(410);
    expect(ErrorResponse.parse(again.json).error.code).toBe('reset_link_invalid');
    const weak = await t.anonymous('POST', '/api/password-resets/whatever', { password: 'short' });
    expect(ErrorResponse.parse(weak.json).error.fields[0]?.path).toBe('body.password');
    // Put the suite's password back for the tests after this one.
    const back = PasswordResetCreated.parse(
      (await t.request('POST', '/api/password-resets', { email: TEST_EMAIL })).json,
    );
    const backToken = back.link.split('#')[1] ?? '';
    secrets.add(backToken);
    await t.anonymous('POST', `/api/password-resets/${backToken}`, { password: TEST_PASSWORD });
  });
});

describe('sign-in limits', () => {
  it('answers 429 with Retry-After after five failures for one account in 15 minutes, even with the right password', async () => {
    clock = new Date(T0.getTime() + 100 * MINUTE);
    try {
      for (let i = 0; i < 5; i += 1) {
        const wrong = keep(
          'wrong',
          await t.anonymous('POST', '/api/session', { email: TEST_EMAIL, password: `wrong password ${i}` }),
        );
        expect(wrong.status).toBe(401);
        expect(ErrorResponse.parse(wrong.json).error.fields[0]?.path).toBe('body.password');
      }
      const blocked = keep(
        '429',
        await t.anonymous('POST', '/api/session', { email: TEST_EMAIL, password: TEST_PASSWORD }),
      );
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBe(String(15 * 60));
      expect(ErrorResponse.parse(blocked.json).error.code).toBe('rate_limited');
      clock = new Date(T0.getTime() + 116 * MINUTE);
      expect((await t.anonymous('POST', '/api/session', { email: TEST_EMAIL, password: TEST_PASSWORD })).status).toBe(
        200,
      );
    } finally {
      clock = T0;
    }
  });

  it('answers 429 after twenty failures from one address, whatever accounts they named', async () => {
    clock = new Date(T0.getTime() + 300 * MINUTE);
    try {
      for (let i = 0; i < 20; i += 1) {
        const response = await t.anonymous('POST', '/api/session', {
          email: `guess${i}@example.com`,
          password: 'x'.repeat(12),
        });
        expect(response.status).toBe(401);
      }
      const blocked = await t.anonymous('POST', '/api/session', { email: TEST_EMAIL, password: TEST_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      clock = new Date(T0.getTime() + 400 * MINUTE);
    }
    expect((await t.anonymous('POST', '/api/session', { email: TEST_EMAIL, password: TEST_PASSWORD })).status).toBe(
      200,
    );
    clock = T0;
  });
});

describe('the first admin', () => {
  it('is made on the first visit of a server without accounts, signed in, and refused once one exists', async () => {
    const fresh = await startTestServer({ admin: false, logger });
    try {
      const before = SetupState.parse((await fresh.anonymous('GET', '/api/setup')).json);
      expect(before).toEqual({ adminExists: false, localPersonName: 'Sam Okafor', demo: false, singleSignOn: false });
      const weak = await fresh.anonymous('POST', '/api/setup', { email: 'ada@example.com', password: 'short' });
      expect(weak.status).toBe(422);
      expect(ErrorResponse.parse(weak.json).error.fields.map((f) => f.path)).toEqual(['body.password']);
      const created = keep(
        'setup',
        await fresh.anonymous('POST', '/api/setup', { email: 'ada@example.com', password: 'the first admin password' }),
      );
      secrets.add('the first admin password');
      expect(created.status).toBe(201);
      const cookie = sessionCookieOf(created.headers) ?? '';
      secrets.add(cookie);
      const me = Me.parse(
        (await fresh.anonymous('GET', '/api/me', undefined, { cookie: `${SESSION_COOKIE}=${cookie}` })).json,
      );
      expect(me).toMatchObject({ isAdmin: true, person: { name: 'Sam Okafor', email: 'ada@example.com' } });
      const second = await fresh.anonymous('POST', '/api/setup', {
        email: 'eve@example.com',
        password: 'a takeover attempt',
      });
      expect(second.status).toBe(403);
      expect(SetupState.parse((await fresh.anonymous('GET', '/api/setup')).json).adminExists).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('the demo accounts', () => {
  it('are listed and signed in with one click only while the server runs the demo', async () => {
    expect(DemoAccounts.parse((await t.anonymous('GET', '/api/demo-accounts')).json)).toEqual({
      demo: false,
      accounts: [],
    });
    expect((await t.anonymous('POST', '/api/demo-session', { email: TEST_EMAIL })).status).toBe(403);

    const demo = await startTestServer({ admin: false, demo: true, logger });
    try {
      await seedDemoOrganisation(demo.db, demo.ladder.ladder, { today: TEST_TODAY, localPersonId: demo.me.id });
      const listed = DemoAccounts.parse((await demo.anonymous('GET', '/api/demo-accounts')).json);
      expect(listed.accounts.map((a) => [a.role, a.name])).toEqual([
        ['engineer', 'Sam Okafor'],
        ['manager', 'Kwame Asante'],
        ['skip-level manager', 'Amara Nwosu'],
        ['admin', 'Grace Whitfield'],
      ]);
      const manager = listed.accounts[1];
      const signedIn = keep('demo', await demo.anonymous('POST', '/api/demo-session', { email: manager?.email }));
      expect(signedIn.status).toBe(200);
      const cookie = sessionCookieOf(signedIn.headers) ?? '';
      secrets.add(cookie);
      const me = Me.parse(
        (await demo.anonymous('GET', '/api/me', undefined, { cookie: `${SESSION_COOKIE}=${cookie}` })).json,
      );
      expect(me.person.name).toBe('Kwame Asante');
      expect(me.notice).toBe('Demo: you are signed in as Kwame Asante. The demo accounts exist only in the demo.');
      // A demo account has no password, and a real account is no demo account.
      expect((await demo.anonymous('POST', '/api/session', { email: manager?.email, password: '' })).status).toBe(401);
      const someone = await buildPerson(demo.db, { email: 'real@example.com' });
      expect(someone.email).toBe('real@example.com');
      expect((await demo.anonymous('POST', '/api/demo-session', { email: 'real@example.com' })).status).toBe(422);
    } finally {
      await demo.close();
    }
  });
});

describe('secrets', () => {
  it('no password, session or token appears in any response but the one that made it, nor in any log line', () => {
    expect(secrets.size).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(50);
    const log = logLines.join('\n');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      expect(log.includes(secret), `a secret (${secret.slice(0, 6)}…) is in the log`).toBe(false);
      for (const response of responses) {
        if (response.shows === secret) continue;
        expect(response.text.includes(secret), `a secret (${secret.slice(0, 6)}…) is in "${response.what}"`).toBe(
          false,
        );
      }
    }
    // The log names the reset route by its pattern, not by the link's token.
    expect(log).toMatch(/\/api\/password-resets\/:token/);
  });
});
