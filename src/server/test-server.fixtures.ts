import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { logEvidence, type LogEvidenceInput } from '../services/evidence.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile, type LadderSource } from '../services/ladder-files.js';
import { initialiseWorkspace, openWorkspace, type Workspace } from '../services/workspace.service.js';
import { insertPerson, type InsertPersonInput } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import type { Evidence } from './api-contract.js';
import { buildServer } from './app.js';

/*
 * Test support for the HTTP suites (not a test itself): a real server on
 * 127.0.0.1 over a fresh SQLite file, and factories for the rows a test needs.
 * Outline's getTestServer() is the model.
 */

/** The date every test server believes is today, so evidence dates are stable. */
export const TEST_TODAY = '2026-11-28';

/** A running server over its own database, and what a test needs to talk to it. */
export interface TestServer {
  /** Base URL, like http://127.0.0.1:53412. */
  url: string;
  server: FastifyInstance;
  db: Kysely<Database>;
  /** The local person every request acts as. */
  me: PersonRow;
  ladder: LadderSource;
  /** Sends a request; `body` is sent as JSON. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
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
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'longhaul-server-'));
  const workspace: Workspace = await openWorkspace(join(dir, 'longhaul.db'), { create: true });
  const ladder = await readLadderFile(options.ladderFile ?? DEFAULT_LADDER_FILE);
  const { person } = await initialiseWorkspace(workspace.db, { ladder, personName: 'Sam Okafor' });
  const server = await buildServer({
    db: workspace.db,
    webRoot: options.webRoot ?? join(dir, 'no-web-build'),
    ...(options.now === undefined ? { today: () => TEST_TODAY } : { now: options.now }),
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the test server has no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    server,
    db: workspace.db,
    me: person,
    ladder,
    async request(method, path, body, headers = {}) {
      const response = await fetch(url + path, {
        method,
        // A change always says JSON, bodyless ones included, as the web app does (the server's CSRF guard).
        headers:
          body === undefined && (method === 'GET' || method === 'HEAD')
            ? headers
            : { 'content-type': 'application/json', ...headers },
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
    },
    async close() {
      await server.close();
      await workspace.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
      visibility: 'shared',
      ...overrides,
    },
    TEST_TODAY,
  );
  return { ...evidence };
}
