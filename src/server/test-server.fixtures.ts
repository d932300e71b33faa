import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createAdminAccount } from '../services/account.service.js';
import { createApiToken } from '../services/api-token.service.js';
import { logEvidence, type LogEvidenceInput } from '../services/evidence.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile, type LadderSource } from '../services/ladder-files.js';
import { findLocalPerson, initialiseWorkspace, openWorkspace, type Workspace } from '../services/workspace.service.js';
import { insertPerson, type InsertPersonInput } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import type { Evidence } from './api-contract.js';
import { buildServer, type BuildServerOptions } from './app.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { suiteLogger } from './suite-log.fixtures.js';

/*
 * Test support for the HTTP suites (not a test itself): a real server on
 * 127.0.0.1 over a fresh SQLite file, and factories for the rows a test needs.
 * Outline's getTestServer() is the model.
 */

/** The date every test server believes is today, so evidence dates are stable. */
export const TEST_TODAY = '2026-11-28';

/** The local person's email and password on every test server; the account is an admin. */
export const TEST_EMAIL = 'sam.okafor@example.com';
export const TEST_PASSWORD = 'test suite passphrase, long enough';

/** Sends a request; `body` is sent as JSON. */
export type TestRequest = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<TestResponse>;

/** A browser-like client: a session cookie and its CSRF token, sent with every request. */
export interface SessionClient {
  /** The cookie value (the session token), to check it never shows up where it should not. */
  cookie: string;
  csrfToken: string;
  /** Sends with the cookie, and the CSRF header on changes unless `headers` says otherwise. */
  request: TestRequest;
}

/** A running server over its own database, and what a test needs to talk to it. */
export interface TestServer {
  /** Base URL, like http://127.0.0.1:53412. */
  url: string;
  server: FastifyInstance;
  db: Kysely<Database>;
  /** The local person, an admin signed in by default (with an API token). */
  me: PersonRow;
  ladder: LadderSource;
  /** The personal API token every request sends unless its headers set `authorization` (to '' for none). */
  token: string;
  /** Sends a request as `me`, with the API token; `body` is sent as JSON. */
  request: TestRequest;
  /** Sends a request with no credentials at all. */
  anonymous: TestRequest;
  /** Signs in with a password through POST /api/session, as the web app does. */
  signIn(email?: string, password?: string, headers?: Record<string, string>): Promise<SessionClient>;
  close(): Promise<void>;
}

/** A response with its body read once, as text and (when it parses) as JSON. */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  // The body as parsed JSON; tests check it against the contract schemas or with matchers.
  json: unknown;
}

/**
 * Starts a server on 127.0.0.1 on a free port over a new database with the default ladder and Sam Okafor.
 * Today is TEST_TODAY in every time zone, unless `now` gives a clock: then each person's today is
 * taken from it in their own time zone.
 */
export async function startTestServer(
  options: {
    webRoot?: string;
    now?: () => Date;
    /** A ladder file to initialise the database with instead of the default ladder. */
    ladderFile?: string;
    /** The server's logger (pino options); by default the suite's log (suite-log.fixtures.ts), or silence. */
    logger?: BuildServerOptions['logger'];
    /** Whether the server runs the demo (the demo organisation is not seeded for it). */
    demo?: boolean;
    /** The server's --public-url. */
    publicUrl?: string;
    /** The identity provider for single sign-on; off without it. */
    oidc?: BuildServerOptions['oidc'];
    /** False: the local person gets no account (a first start without the demo); `token` is then ''. */
    admin?: boolean;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'longhaul-server-'));
  const workspace: Workspace = await openWorkspace(join(dir, 'longhaul.db'), { create: true });
  const ladder = await readLadderFile(options.ladderFile ?? DEFAULT_LADDER_FILE);
  await initialiseWorkspace(workspace.db, { ladder, personName: 'Sam Okafor' });
  const clock = options.now ?? (() => new Date());
  let person: PersonRow;
  let token = '';
  if (options.admin === false) person = await findLocalPerson(workspace.db);
  else {
    ({ person } = await createAdminAccount(workspace.db, { email: TEST_EMAIL, password: TEST_PASSWORD }, clock()));
    ({ token } = await createApiToken(workspace.db, person.id, { name: 'test suite', expiresInDays: 30 }, clock()));
  }
  const server = await buildServer({
    db: workspace.db,
    webRoot: options.webRoot ?? join(dir, 'no-web-build'),
    ...(options.now === undefined ? { today: () => TEST_TODAY } : { now: options.now }),
    logger: options.logger ?? suiteLogger(),
    ...(options.demo === undefined ? {} : { demo: options.demo }),
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    ...(options.oidc === undefined ? {} : { oidc: options.oidc }),
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the test server has no address');
  const url = `http://127.0.0.1:${address.port}`;
  const send = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const sent = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
    const response = await fetch(url + path, {
      method,
      // A redirect is an answer to check, not one to follow: single sign-on sends the browser elsewhere.
      redirect: 'manual',
      // A change always says JSON, bodyless ones included, as the web app does (the server's CSRF guard).
      headers:
        body === undefined && (method === 'GET' || method === 'HEAD')
          ? sent
          : { 'content-type': 'application/json', ...sent },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  return {
    url,
    server,
    db: workspace.db,
    me: person,
    ladder,
    token,
    request: (method, path, body, headers = {}) =>
      send(method, path, body, { authorization: `Bearer ${token}`, ...headers }),
    anonymous: (method, path, body, headers = {}) => send(method, path, body, headers),
    async signIn(email = TEST_EMAIL, password = TEST_PASSWORD, headers = {}) {
      const response = await send('POST', '/api/session', { email, password }, headers);
      if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${response.text}`);
      const cookie = sessionCookieOf(response.headers);
      if (cookie === undefined) throw new Error('sign-in set no session cookie');
      const { csrfToken } = response.json as { csrfToken: string };
      return {
        cookie,
        csrfToken,
        request: (method, path, body, extra = {}) =>
          send(method, path, body, {
            cookie: `${SESSION_COOKIE}=${cookie}`,
            ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
            ...extra,
          }),
      };
    },
    async close() {
      await server.close();
      await workspace.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The session cookie's value in a response's Set-Cookie headers, if one was set. */
export function sessionCookieOf(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(line);
    if (match?.[1] !== undefined && match[1] !== '') return match[1];
  }
  return undefined;
}

let people = 0;

/** Adds a person; every field can be overridden, the rest is made up and unique. */
export async function buildPerson(
  db: Kysely<Database>,
  overrides: Partial<InsertPersonInput> = {},
): Promise<PersonRow> {
  people += 1;
  return insertPerson(db, {
    name: `Person ${people}`,
    email: `person${people}@example.com`,
    team: 'Payments',
    title: 'Engineer',
    ...overrides,
  });
}

/** Logs evidence for a person through the service, as the API would; shared unless overridden. */
export async function buildEvidence(
  test: Pick<TestServer, 'db' | 'ladder'>,
  person: Pick<PersonRow, 'id'>,
  overrides: Partial<LogEvidenceInput> = {},
): Promise<Evidence> {
  const evidence = await logEvidence(
    test.db,
    test.ladder.ladder,
    person.id,
    {
      title: 'Led the checkout incident review',
      kind: 'incident',
      competencies: ['reliability'],
      date: '2026-03-02',
      visibility: 'managers',
      ...overrides,
    },
    TEST_TODAY,
  );
  return { ...evidence };
}
