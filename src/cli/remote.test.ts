import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { buildPerson, startTestServer, TEST_EMAIL, type TestServer } from '../server/test-server.fixtures.js';
import { createApiToken } from '../services/api-token.service.js';
import { insertAccount } from '../store/account.repository.js';
import { CliError } from './cli-error.js';
import { runLonghaul, type CliRun } from './cli.fixtures.js';
import { callServer, REQUEST_TIMEOUT_MS } from './remote-client.js';

/*
 * The CLI against a real server on 127.0.0.1, logged in with a personal API
 * token: the same scenario runs against a local database and against the
 * server, and every step must print the same and exit the same. Ids, cursors
 * and times differ between two databases, so they are replaced by
 * placeholders before comparing; everything else must match to the byte.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

/** A place to run in: a working folder (for ./longhaul.db) and a config folder (for the credentials). */
interface Place {
  cwd: string;
  config: string;
}

function newPlace(): Place {
  const root = mkdtempSync(join(tmpdir(), 'longhaul-remote-'));
  mkdirSync(join(root, 'work'));
  return { cwd: join(root, 'work'), config: join(root, 'config') };
}

function run(place: Place, args: string[], options: { input?: string[]; env?: Record<string, string> } = {}) {
  return runLonghaul(args, {
    cwd: place.cwd,
    ...(options.input === undefined ? {} : { input: options.input }),
    env: { XDG_CONFIG_HOME: place.config, LONGHAUL_NAME: 'Sam Okafor', ...options.env },
  });
}

async function login(place: Place, url = server.url, token = server.token): Promise<CliRun> {
  return run(place, ['login', '--server', url, '--token-stdin'], { input: [token] });
}

/** What two databases cannot agree on: ids, cursors, times. */
function normalised(text: string): string {
  return (
    text
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
      .replace(/\b[0-9a-f]{8}\b/g, '<id8>')
      .replace(/--cursor \S+/g, '--cursor <cursor>')
      .replace(/"nextCursor": "[^"]+"/g, '"nextCursor": "<cursor>"')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
      // The day an assessment was made is the real one: the two runs may straddle midnight.
      .replace(/Assessed \d{4}-\d{2}-\d{2}/g, 'Assessed <day>')
  );
}

/** One step of the scenario; `args` may depend on what earlier steps printed (an id). */
interface Step {
  args: (state: { firstId: string }) => string[];
  /** Lines typed at the questions of an interactive command. */
  input?: string[];
}

const steps: Step[] = [
  { args: () => ['settings', '--time-zone', 'Europe/Berlin'] },
  { args: () => ['settings'] },
  { args: () => ['settings', '--json'] },
  { args: () => ['evidence', 'list'] },
  { args: () => ['evidence', 'delete', 'latest'] },
  {
    args: () => [
      'log',
      'Led the checkout incident review',
      '--kind',
      'incident',
      '--competency',
      'reliability',
      '--date',
      '2026-03-02',
    ],
  },
  {
    args: () => [
      'log',
      'Designed the payments queue',
      '--kind',
      'design',
      '--competency',
      'design,reliability',
      '--date',
      '2026-04-10',
      '--link',
      'https://wiki.example.com/adr/7',
      '--body',
      'The **ADR**',
      '--share',
      '--json',
    ],
  },
  { args: () => ['log', 'Mentored a new hire', '--kind', 'mentoring', '--competency', 'mentoring'] },
  { args: () => ['log', 'Something', '--kind', 'party', '--competency', 'reliability'] },
  { args: () => ['log', 'Something', '--kind', 'review', '--competency', 'no-such-competency'] },
  { args: () => ['log', 'Something', '--kind', 'review', '--competency', 'reliability', '--date', '2027-01-01'] },
  { args: () => ['log', 'Something', '--kind', 'review', '--competency', 'reliability', '--date', 'yesterday'] },
  { args: () => ['evidence', 'list'] },
  { args: () => ['evidence', 'list', '--json'] },
  { args: () => ['evidence', 'list', '--limit', '1'] },
  { args: () => ['evidence', 'list', '--limit', 'many'] },
  { args: () => ['evidence', 'list', '--competency', 'reliability', '--since', '2026-04-01'] },
  { args: () => ['evidence', 'list', '--kind', 'delivery'] },
  { args: () => ['evidence', 'list', '--since', 'last week'] },
  { args: () => ['evidence', 'share', 'latest'] },
  { args: () => ['evidence', 'unshare', 'latest', '--json'] },
  { args: ({ firstId }) => ['evidence', 'share', firstId.slice(0, 8)] },
  { args: () => ['evidence', 'share', 'abc'] },
  { args: () => ['evidence', 'share', 'ffffffff'] },
  { args: ({ firstId }) => ['evidence', 'delete', firstId] },
  { args: () => ['evidence', 'list'] },
  { args: ({ firstId }) => ['evidence', 'restore', firstId] },
  { args: ({ firstId }) => ['evidence', 'restore', firstId, '--json'] },
  { args: () => ['evidence', 'list'] },
  { args: () => ['brag'] },
  { args: () => ['brag', '--json'] },
  { args: () => ['brag', '--since', '2026-04-01'] },
  { args: () => ['brag', '--since', 'soon'] },
  { args: () => ['brag', '--format', 'pdf'] },
  {
    args: () => [
      'assess',
      '--set',
      'scope=senior,autonomy=mid-level,reliability=senior,debugging=mid-level,design=senior,technology=mid-level',
      '--note',
      'After Q3',
      '--why',
      'design=Led the queue ADR',
    ],
  },
  { args: () => ['assess', '--set', 'scope=wizard'] },
  { args: () => ['assess', '--set', 'nonsense=senior'] },
  { args: () => ['assess', '--set', 'mentoring=mid-level', '--json'] },
  { args: () => ['assess'] },
  { args: () => ['assess', '--set', 'communication=not-observed'] },
  { args: () => ['assess'], input: ['3', '', 'n', '', '', '', '', '', 'q'] },
  { args: () => ['assess', '--track', 'ic'], input: ['q'] },
  { args: () => ['status'] },
  { args: () => ['status', '--json'] },
  { args: () => ['gap'] },
  { args: () => ['gap', '--json'] },
  { args: () => ['gap', '--to', 'senior'] },
  { args: () => ['gap', '--to', 'senior', '--json'] },
  { args: () => ['gap', '--to', 'no-such-level'] },
  { args: () => ['status', '--track', 'no-such-track'] },
  { args: () => ['ladder', 'show'] },
  { args: () => ['ladder', 'show', '--json'] },
  { args: () => ['ladder', 'show', '--level', 'senior'] },
  { args: () => ['ladder', 'show', '--level', 'senior', '--json'] },
  { args: () => ['ladder', 'show', '--level', 'wizard'] },
  { args: () => ['org', 'teams'] },
  { args: () => ['org', 'import', 'people.csv', '--dry-run'] },
  { args: () => ['org', 'import', 'people.csv', '--json'] },
  { args: () => ['org', 'import', 'people.csv'] },
  // Named people are looked up by email in the organisation just imported, locally or through the server.
  { args: () => ['evidence', 'share', 'latest', '--with', 'GRACE.whitfield@example.com,kwame.asante@example.com'] },
  { args: () => ['evidence', 'list'] },
  { args: () => ['evidence', 'share', 'latest', '--with', 'nobody@example.com'] },
  { args: () => ['evidence', 'share', 'latest'] },
  { args: () => ['org', 'import', 'broken.csv'] },
  { args: () => ['org', 'import', 'missing.csv'] },
  { args: () => ['org', 'teams'] },
  { args: () => ['org', 'teams', '--json'] },
];

const PEOPLE_CSV = [
  'email,name,team,manager_email,track,level',
  'amara.nwosu@example.com,Amara Nwosu,,,ic,architect',
  'kwame.asante@example.com,Kwame Asante,Payments,amara.nwosu@example.com,ic,senior',
  'grace.whitfield@example.com,Grace Whitfield,Platform,amara.nwosu@example.com,ic,mid-level',
].join('\n');

const BROKEN_CSV = ['email,name,team,manager_email,track,level', 'not-an-email,Nobody,,,ic,wizard'].join('\n');

/** Runs the scenario in a place and returns what each step printed and how it ended, normalised. */
async function scenario(place: Place): Promise<string[]> {
  writeFileSync(join(place.cwd, 'people.csv'), PEOPLE_CSV);
  writeFileSync(join(place.cwd, 'broken.csv'), BROKEN_CSV);
  const outcomes: string[] = [];
  const state = { firstId: '' };
  for (const step of steps) {
    const args = step.args(state);
    const result = await run(place, args, step.input === undefined ? {} : { input: step.input });
    if (state.firstId === '' && args[0] === 'log' && result.code === 0) {
      const listed = await run(place, ['evidence', 'list', '--json']);
      state.firstId = listed.json<{ items: { id: string }[] }>().items[0]?.id ?? '';
    }
    outcomes.push(
      `$ longhaul ${normalised(args.join(' '))}\nexit ${result.code}\n${normalised(result.stdout)}--- stderr\n${normalised(result.stderr)}`,
    );
  }
  return outcomes;
}

describe('longhaul login, then every command against the server', () => {
  it('prints the same and exits the same as on a local database, step by step', async () => {
    // A server of its own: what other tests add to the shared one would show in org import's counts.
    const own = await startTestServer();
    onTestFinished(() => own.close());
    const local = newPlace();
    expect((await run(local, ['init'])).code).toBe(0);
    const remote = newPlace();
    const logged = await login(remote, own.url, own.token);
    expect(logged.stderr).toBe('');
    expect(logged.code).toBe(0);
    expect(logged.stdout).toContain(`Logged in to ${own.url} as Sam Okafor <${TEST_EMAIL}>.`);

    const here = await scenario(local);
    const there = await scenario(remote);
    for (let i = 0; i < steps.length; i += 1) expect(there[i]).toBe(here[i]);

    // The scenario did reach the server: its database holds what the remote run logged.
    const listed = await own.request('GET', `/api/people/${own.me.id}/evidence`);
    expect((listed.json as { items: { title: string }[] }).items.map((e) => e.title)).toEqual([
      'Mentored a new hire',
      'Designed the payments queue',
      'Led the checkout incident review',
    ]);
    // Sharing with named people worked both ways, and an email nobody has was refused by name.
    expect(here.join('\n')).toContain('Shared with 2 people: ');
    expect(here.join('\n')).toContain('--with: nobody in the organisation has the email "nobody@example.com"');
    // And the steps covered failures: bad input (2) and not found (1).
    expect(here.filter((o) => o.includes('\nexit 2\n')).length).toBeGreaterThanOrEqual(10);
    expect(here.filter((o) => o.includes('\nexit 1\n')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('longhaul login, whoami and logout', () => {
  let place: Place;
  beforeEach(() => {
    place = newPlace();
  });

  it('stores the server and token readable by their owner only, says who and where, and forgets them', async () => {
    expect((await run(place, ['whoami'])).stdout).toBe(
      `Not logged in to a server; commands use the local database ${join(place.cwd, 'longhaul.db')}.\n`,
    );
    expect((await login(place)).code).toBe(0);
    const file = join(place.config, 'longhaul', 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(place.config, 'longhaul')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ server: server.url, token: server.token });

    const whoami = await run(place, ['whoami']);
    expect(whoami.stdout).toBe(`Sam Okafor <${TEST_EMAIL}> on ${server.url}\n`);
    expect((await run(place, ['whoami', '--json'])).json()).toMatchObject({
      mode: 'remote',
      server: server.url,
      person: { name: 'Sam Okafor', email: TEST_EMAIL },
    });
    // --local and LONGHAUL_LOCAL=1 use the local database while logged in.
    expect((await run(place, ['whoami', '--local'])).stdout).toContain('commands use the local database');
    expect((await run(place, ['whoami'], { env: { LONGHAUL_LOCAL: '1' } })).stdout).toContain('local database');

    const out = await run(place, ['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Logged out of ${server.url}; commands use the local database again.`);
    expect(existsSync(file)).toBe(false);
    expect((await run(place, ['whoami'])).stdout).toContain('Not logged in to a server');
    expect((await run(place, ['logout'])).stdout).toBe('Not logged in; nothing to do.\n');
  });

  it('keeps the file 0600 when a login replaces an earlier one', async () => {
    expect((await login(place)).code).toBe(0);
    const file = join(place.config, 'longhaul', 'credentials.json');
    chmodSync(file, 0o644);
    expect((await login(place)).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a token the server does not accept, and stores nothing', async () => {
    const result = await login(place, server.url, 'lh_not-a-token-the-server-made');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: the server at ${server.url} does not accept this token (unknown, expired or revoked); make a new one on its Security page\n`,
    );
    expect(existsSync(join(place.config, 'longhaul', 'credentials.json'))).toBe(false);
    expect((await run(place, ['login', '--server', server.url, '--token-stdin'], { input: [] })).stderr).toBe(
      'error: token: none was given\n',
    );
  });

  it('refuses plain http to another machine unless --insecure, and anything but a server address', async () => {
    const http = await run(place, ['login', '--server', 'http://longhaul.example.com', '--token-stdin'], {
      input: [server.token],
    });
    expect(http.code).toBe(2);
    expect(http.stderr).toBe(
      'error: --server: http://longhaul.example.com is plain http, so the token could be read on the way; use https, or --insecure if you accept that\n',
    );
    for (const url of ['longhaul.example.com', 'ftp://longhaul.example.com', 'https://me:pw@longhaul.example.com'])
      expect((await run(place, ['login', '--server', url, '--token-stdin'], { input: ['lh_x'] })).code).toBe(2);
    expect(existsSync(join(place.config, 'longhaul', 'credentials.json'))).toBe(false);
  });

  it('says when the server cannot be reached, at login and afterwards', async () => {
    const port = await freePort();
    const down = await login(place, `http://127.0.0.1:${port}`);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(`error: cannot reach the server at http://127.0.0.1:${port}: ECONNREFUSED\n`);

    const other = await startTestServer();
    expect((await login(place, other.url, other.token)).code).toBe(0);
    await other.close();
    const after = await run(place, ['evidence', 'list']);
    expect(after.code).toBe(1);
    expect(after.stderr).toBe(`error: cannot reach the server at ${other.url}: ECONNREFUSED\n`);
  });

  it('asks for a new login once the token is revoked or expired', async () => {
    const made = await server.request('POST', '/api/tokens', { name: 'revoked soon', expiresInDays: 1 });
    const { token, id } = made.json as { token: string; id: string };
    expect((await login(place, server.url, token)).code).toBe(0);
    expect((await server.request('DELETE', `/api/tokens/${id}`)).status).toBe(204);
    const revoked = await run(place, ['status']);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toBe(
      `error: the server at ${server.url} no longer accepts your token (expired or revoked): run longhaul login again\n`,
    );

    let now = new Date('2026-11-28T12:00:00Z');
    const clocked = await startTestServer({ now: () => now });
    try {
      const later = newPlace();
      expect((await login(later, clocked.url, clocked.token)).code).toBe(0);
      expect((await run(later, ['evidence', 'list'])).code).toBe(0);
      now = new Date('2027-01-28T12:00:00Z');
      const expired = await run(later, ['evidence', 'list']);
      expect(expired.code).toBe(1);
      expect(expired.stderr).toContain('no longer accepts your token (expired or revoked): run longhaul login again');
    } finally {
      await clocked.close();
    }
  });

  it('treats a credentials file it cannot use as not logged in, and says so', async () => {
    mkdirSync(join(place.config, 'longhaul'), { recursive: true });
    writeFileSync(join(place.config, 'longhaul', 'credentials.json'), '{ not json');
    expect((await run(place, ['init'])).code).toBe(0);
    const listed = await run(place, ['evidence', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('No evidence yet.');
    expect(listed.stderr).toContain(
      `note: not logged in: ${join(place.config, 'longhaul', 'credentials.json')} cannot be used, because it is not JSON; using the local database.`,
    );
    // A file this user may not read is named too (root reads every file, so only when not root).
    if (process.getuid?.() !== 0) {
      chmodSync(join(place.config, 'longhaul', 'credentials.json'), 0o000);
      expect((await run(place, ['evidence', 'list'])).stderr).toContain('because it cannot be read (EACCES)');
    }
  });

  it('refuses a local-only command while logged in, and runs it with --local or --db', async () => {
    expect((await run(place, ['init'])).code).toBe(0);
    expect((await login(place)).code).toBe(0);
    const show = await run(place, ['org', 'show', TEST_EMAIL]);
    expect(show.code).toBe(1);
    expect(show.stderr).toBe(
      `error: \`longhaul org show\` works on the local database only, and you are logged in to ${server.url}; add --local (or --db PATH) to run it locally\n`,
    );
    // Locally nobody has that email: the command ran, on the local database.
    const local = await run(place, ['org', 'show', TEST_EMAIL, '--local']);
    expect(local.stderr).toContain('not found');
    expect((await run(place, ['org', 'show', TEST_EMAIL, '--db', 'longhaul.db'])).stderr).toContain('not found');
    // init, use-ladder, demo, serve and admin always work on a local database.
    expect((await run(place, ['init'])).stdout).toContain('already set up');
  });
});

describe('longhaul against a server, where only a server can fail', () => {
  let place: Place;
  beforeEach(() => {
    place = newPlace();
  });

  it('asks for the token when --token-stdin is not given', async () => {
    const result = await run(place, ['login', '--server', server.url], { input: [server.token] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('API token (lh_…, from the Security page of the server): ');
    expect(result.stdout).toContain(`Logged in to ${server.url} as Sam Okafor`);
  });

  it("says what the server's policy refuses, with exit 1", async () => {
    const person = await buildPerson(server.db, { name: 'Grace Whitfield', email: 'grace@example.com' });
    await insertAccount(server.db, { personId: person.id, passwordHash: null, now: new Date().toISOString() });
    const { token } = await createApiToken(server.db, person.id, { name: 'cli', expiresInDays: 5 }, new Date());
    expect((await login(place, server.url, token)).code).toBe(0);
    writeFileSync(join(place.cwd, 'people.csv'), PEOPLE_CSV);
    const refused = await run(place, ['org', 'import', 'people.csv']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: the server refused: .*admin.*\n$/);
    // What she may do works, as herself.
    expect((await run(place, ['whoami'])).stdout).toBe(`Grace Whitfield <grace@example.com> on ${server.url}\n`);
    expect((await run(place, ['evidence', 'list'])).stdout).toContain('No evidence yet.');
  });

  it('refuses an answer that is too large or is not JSON', async () => {
    const big = await fakeServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`"${'x'.repeat(9 * 1024 * 1024)}"`);
    });
    try {
      const result = await login(place, big.url, 'lh_anything');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`error: the server at ${big.url} sent more than 8 MiB; stopped reading\n`);
    } finally {
      await big.close();
    }
    const html = await fakeServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>a proxy page</html>');
    });
    try {
      const result = await login(place, html.url, 'lh_anything');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`error: the server at ${html.url} answered something that is not JSON\n`);
    } finally {
      await html.close();
    }
    expect(existsSync(join(place.config, 'longhaul', 'credentials.json'))).toBe(false);
  });
});

describe('every error answer of a server', () => {
  const error = (code: string, message: string, fields: { path: string; message: string }[] = []) => ({
    error: { code, message, fields },
  });
  it.each([
    [404, error('evidence_not_found', 'evidence "abcd" not found'), 'error: evidence "abcd" not found', 1],
    [
      409,
      error('conflict', 'this installation already has an admin'),
      'error: this installation already has an admin',
      1,
    ],
    [
      422,
      error('input_invalid', 'the since is wrong', [{ path: 'query.since', message: 'not a date; use YYYY-MM-DD' }]),
      'error: --since: not a date; use YYYY-MM-DD',
      2,
    ],
    [403, error('forbidden', 'evidence is private'), 'error: the server refused: evidence is private', 1],
    [503, error('database_busy', 'the database is busy; try again'), 'error: the database is busy; try again', 1],
    [
      500,
      error('internal', 'The server failed unexpectedly.'),
      'error: the server at URL failed: The server failed unexpectedly.',
      1,
    ],
    [404, error('route_not_found', 'no route GET /api/me'), 'error: no route GET /api/me', 1],
    [502, '<html>bad gateway</html>', 'error: the server at URL failed: the server answered 502', 1],
  ])('%i %j exits as the local path would', async (status, body, stderr, code) => {
    const fake = await fakeServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
    try {
      const place = newPlace();
      mkdirSync(join(place.config, 'longhaul'), { recursive: true });
      writeFileSync(
        join(place.config, 'longhaul', 'credentials.json'),
        JSON.stringify({ server: fake.url, token: 'lh_x' }),
      );
      const result = await run(place, ['evidence', 'list', '--since', '2026-01-01']);
      expect(result.stderr).toBe(`${stderr.replace('URL', fake.url)}\n`);
      expect(result.code).toBe(code);
    } finally {
      await fake.close();
    }
  });
});

describe('callServer', () => {
  it('gives up on a server that does not answer, or stops halfway, after its timeout', async () => {
    const silent = await fakeServer(() => undefined);
    try {
      await expect(
        callServer({ server: silent.url, token: 'lh_x' }, { method: 'GET', path: '/api/me' }, { timeoutMs: 200 }),
      ).rejects.toThrow(new CliError(`cannot reach the server at ${silent.url}: no answer within 0.2 s`, 1));
    } finally {
      await silent.close();
    }
    const halfway = await fakeServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"person":');
    });
    try {
      await expect(
        callServer({ server: halfway.url, token: 'lh_x' }, { method: 'GET', path: '/api/me' }, { timeoutMs: 200 }),
      ).rejects.toThrow(`the server at ${halfway.url} stopped answering: no answer within 0.2 s`);
    } finally {
      await halfway.close();
    }
    expect(REQUEST_TIMEOUT_MS).toBe(30_000);
  });
});

/** An HTTP server on 127.0.0.1 that answers every request with `handle`, for failures a real server never makes. */
async function fakeServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const fake = createHttpServer(handle);
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const address = fake.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        fake.close(() => resolve());
        fake.closeAllConnections();
      }),
  };
}

/** A port nothing listens on: bound once by the system's choice, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
