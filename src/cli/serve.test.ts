import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runLonghaul, startLonghaul } from './cli.fixtures.js';
import { chooseLogLevel, choosePort, choosePublicUrl, formatLogLine } from './serve.command.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-serve-'));
});

interface Running {
  url: string;
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM, as a process manager would, and resolves with the exit status. */
  stop(): Promise<number>;
}

/** Runs `longhaul serve` in-process, as typed, and waits for its "running at" line. */
async function serve(args: string[], env: Record<string, string> = {}, isTty = false): Promise<Running> {
  const run = startLonghaul(['serve', ...args], { cwd: dir, env: { LONGHAUL_LOG_LEVEL: 'silent', ...env }, isTty });
  const done = run.done.then((result) => result.code);
  let finished: number | undefined;
  void done.then((code) => (finished = code));
  for (let waited = 0; waited < 15_000; waited += 25) {
    const match = /running at (http:\/\/\S+) /.exec(run.stdout());
    if (match?.[1] !== undefined) {
      return {
        url: match[1],
        stdout: run.stdout,
        stderr: run.stderr,
        stop: async () => {
          process.emit('SIGTERM', 'SIGTERM');
          return done;
        },
      };
    }
    if (finished !== undefined) throw new Error(`serve ended with ${finished}: ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`serve did not start: ${run.stdout()}${run.stderr()}`);
}

function cli(args: string[], env: Record<string, string> = {}) {
  return runLonghaul(args, { cwd: dir, env: { LONGHAUL_LOG_LEVEL: 'silent', ...env } });
}

describe('longhaul serve', () => {
  it('creates a missing database with the demo organisation, serves it, and stops cleanly on SIGTERM', async () => {
    const running = await serve(['--port', '0']);
    expect(running.stdout()).toMatch(
      /^Created \.\/longhaul\.db with the default ladder and a demo organisation: 40 people in 5 teams, .*\nLonghaul is running at http:\/\/127\.0\.0\.1:\d+ \(database \.\/longhaul\.db; the demo: sign in with one of its accounts\)\n$/,
    );
    expect((await fetch(`${running.url}/api/me`)).status).toBe(401);
    const demo = (await (await fetch(`${running.url}/api/demo-accounts`)).json()) as {
      accounts: { email: string; name: string }[];
    };
    expect(demo.accounts.map((a) => a.name)).toEqual(['Sam Okafor', 'Kwame Asante', 'Amara Nwosu', 'Grace Whitfield']);
    const signIn = await fetch(`${running.url}/api/demo-session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demo.accounts[0]?.email }),
    });
    const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const me = (await (await fetch(`${running.url}/api/me`, { headers: { cookie } })).json()) as {
      person: { name: string };
    };
    expect(me.person.name).toBe('Sam Okafor');
    const people = (
      (await (await fetch(`${running.url}/api/people`, { headers: { cookie } })).json()) as { items: unknown[] }
    ).items;
    expect(people).toHaveLength(40);
    expect(await running.stop()).toBe(0);
    expect(running.stdout()).toContain('Received SIGTERM; stopping.');
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    expect(existsSync(join(dir, 'longhaul.db'))).toBe(true);
  });

  it('starts a new database empty with --no-demo, under --name', async () => {
    const running = await serve(['--port', '0', '--no-demo', '--name', 'Grace Hopper', '--db', 'team.db']);
    expect(running.stdout()).toContain('(database ./team.db; open it to create the admin account for Grace Hopper');
    const setup = (await (await fetch(`${running.url}/api/setup`)).json()) as Record<string, unknown>;
    expect(setup).toEqual({ adminExists: false, localPersonName: 'Grace Hopper', demo: false, singleSignOn: false });
    expect((await (await fetch(`${running.url}/api/demo-accounts`)).json()) as unknown).toEqual({
      demo: false,
      accounts: [],
    });
    expect(await running.stop()).toBe(0);
  });

  it('turns single sign-on on from the LONGHAUL_OIDC_* variables, and says so', async () => {
    const oidc = {
      LONGHAUL_OIDC_ISSUER: 'http://127.0.0.1:9/realms/acme',
      LONGHAUL_OIDC_CLIENT_ID: 'longhaul',
      LONGHAUL_OIDC_CLIENT_SECRET: 'a client secret that must not be printed',
      LONGHAUL_PUBLIC_URL: 'http://127.0.0.1:4411',
    };
    const running = await serve(['--port', '0', '--no-demo'], oidc);
    expect(running.stdout()).toContain('Single sign-on through http://127.0.0.1:9/realms/acme is on.');
    const setup = (await (await fetch(`${running.url}/api/setup`)).json()) as Record<string, unknown>;
    expect(setup.singleSignOn).toBe(true);
    // The provider is down: the start lands on the sign-in page saying so, not on an error page.
    const start = await fetch(`${running.url}/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe('/sign-in?sso_error=provider_unreachable');
    expect(await running.stop()).toBe(0);
    expect(running.stdout() + running.stderr()).not.toContain('a client secret that must not be printed');
  });

  it('refuses to start with single sign-on half configured, naming each variable, and makes no database', async () => {
    const result = await cli(['serve', '--port', '0'], { LONGHAUL_OIDC_ISSUER: 'https://id.example.com' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('LONGHAUL_OIDC_CLIENT_ID');
    expect(result.stderr).toContain('LONGHAUL_OIDC_CLIENT_SECRET');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'longhaul.db'))).toBe(false);
  });

  it('uses an existing database as it is', async () => {
    expect((await cli(['init', '--name', 'Katherine Johnson'])).code).toBe(0);
    const running = await serve([], { PORT: '0' });
    expect(running.stdout()).not.toContain('Created');
    expect(running.stdout()).toContain('create the admin account for Katherine Johnson');
    expect(((await (await fetch(`${running.url}/api/setup`)).json()) as Record<string, unknown>).localPersonName).toBe(
      'Katherine Johnson',
    );
    expect(await running.stop()).toBe(0);
  });

  it('says a port is in use in one line, exits 1, and leaves no half-made database behind', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const run = await cli(['serve', '--port', String(port)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`error: port ${port} is in use; pick another with --port\n`);
      expect(existsSync(join(dir, 'longhaul.db'))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a port that is not one, naming where it came from', async () => {
    expect(await cli(['serve', '--port', 'http'])).toMatchObject({
      code: 2,
      stderr: 'error: --port: "http" is not a port; give a whole number from 0 to 65535\n',
    });
    expect((await cli(['serve'], { PORT: '70000' })).stderr).toMatch(/^error: PORT: "70000" is not a port/);
  });
});

describe('the server log', () => {
  /** Asks for a page and an unknown API path, then waits a moment for the log lines to be written. */
  async function visit(url: string): Promise<void> {
    // GET /api/setup needs no account, so the request completes with 200 on a new database too.
    expect((await fetch(`${url}/api/setup`)).status).toBe(200);
    expect((await fetch(`${url}/api/nothing-here`)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  it('is quiet on a terminal: the URL, then no line per request', async () => {
    const running = await serve(['--port', '0', '--no-demo'], { LONGHAUL_LOG_LEVEL: '' }, true);
    await visit(running.url);
    expect(await running.stop()).toBe(0);
    const lines = running.stdout().trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Created \.\/longhaul\.db/),
      expect.stringMatching(/^Longhaul is running at http:/),
      'Received SIGTERM; stopping.',
    ]);
    expect(running.stderr()).toBe('');
  });

  it('on a terminal, --log-level info shows a short text line per request, not JSON', async () => {
    const running = await serve(['--port', '0', '--no-demo', '--log-level', 'info'], { LONGHAUL_LOG_LEVEL: '' }, true);
    await visit(running.url);
    expect(await running.stop()).toBe(0);
    expect(running.stdout()).toMatch(/^\d\d:\d\d:\d\d INFO GET \/api\/setup 200 [\d.]+ms request completed$/m);
    expect(running.stdout()).toMatch(/^\d\d:\d\d:\d\d INFO GET \/api\/nothing-here 404 /m);
    expect(running.stdout()).not.toContain('{"level"');
  });

  it('writes JSON lines, one per request, when stdout is not a terminal', async () => {
    const running = await serve(['--port', '0', '--no-demo'], { LONGHAUL_LOG_LEVEL: '' }, false);
    await visit(running.url);
    expect(await running.stop()).toBe(0);
    const records = running
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string; url?: string; status?: number });
    expect(records).toContainEqual(
      expect.objectContaining({ level: 30, msg: 'request completed', url: '/api/setup', status: 200 }),
    );
  });

  it('takes the level from LONGHAUL_LOG_LEVEL, the flag winning over it', async () => {
    const quiet = await serve(['--port', '0', '--no-demo', '--db', 'a.db'], { LONGHAUL_LOG_LEVEL: 'error' }, false);
    await visit(quiet.url);
    expect(await quiet.stop()).toBe(0);
    expect(quiet.stdout()).not.toContain('request completed');
    const loud = await serve(
      ['--port', '0', '--no-demo', '--db', 'b.db', '--log-level', 'info'],
      { LONGHAUL_LOG_LEVEL: 'error' },
      false,
    );
    await visit(loud.url);
    expect(await loud.stop()).toBe(0);
    expect(loud.stdout()).toContain('"msg":"request completed"');
  });

  it('refuses a level that is not one, naming where it came from', async () => {
    expect(await cli(['serve', '--log-level', 'loud'])).toMatchObject({
      code: 2,
      stderr:
        'error: --log-level: "loud" is not a log level; use one of trace, debug, info, warn, error, fatal, silent\n',
    });
    expect((await cli(['serve'], { LONGHAUL_LOG_LEVEL: 'chatty' })).stderr).toMatch(
      /^error: LONGHAUL_LOG_LEVEL: "chatty" is not a log level/,
    );
  });
});

describe('chooseLogLevel', () => {
  it.each([
    [undefined, undefined, true, 'warn'],
    [undefined, undefined, false, 'info'],
    [undefined, '', true, 'warn'],
    [undefined, 'debug', true, 'debug'],
    ['error', 'debug', false, 'error'],
    ['INFO', undefined, true, 'info'],
  ] as const)('flag %s, env %s, terminal %s -> %s', (flag, env, tty, level) => {
    expect(chooseLogLevel(flag, env, tty)).toBe(level);
  });
});

describe('formatLogLine', () => {
  it('reads a request record and an error record as a person would', () => {
    const time = new Date(2026, 10, 28, 14, 2, 7).getTime();
    expect(
      formatLogLine(
        JSON.stringify({
          level: 30,
          time,
          method: 'GET',
          url: '/api/me',
          status: 200,
          durationMs: 3.1,
          msg: 'request completed',
        }),
      ),
    ).toEqual({ level: 30, line: '14:02:07 INFO GET /api/me 200 3.1ms request completed' });
    expect(
      formatLogLine(JSON.stringify({ level: 50, time, msg: 'unexpected failure', err: { message: 'disk full' } })),
    ).toEqual({
      level: 50,
      line: '14:02:07 ERROR unexpected failure: disk full',
    });
    expect(formatLogLine('not json\n')).toEqual({ level: 30, line: 'not json' });
  });
});

describe('choosePort', () => {
  it.each([
    [undefined, undefined, 4100],
    [undefined, '', 4100],
    [undefined, '8080', 8080],
    ['9000', '8080', 9000],
    ['0', undefined, 0],
  ])('flag %s, PORT %s -> %i', (flag, env, port) => {
    expect(choosePort(flag, env)).toBe(port);
  });
});

describe('choosePublicUrl', () => {
  it('takes the flag over LONGHAUL_PUBLIC_URL, and nothing when neither is given', () => {
    expect(choosePublicUrl('https://a.example', 'https://b.example')).toBe('https://a.example');
    expect(choosePublicUrl(undefined, 'https://b.example')).toBe('https://b.example');
    expect(choosePublicUrl(undefined, '')).toBeUndefined();
  });

  it('refuses what is not an http(s) URL, naming where it came from', () => {
    expect(() => choosePublicUrl('longhaul.example', undefined)).toThrow(
      '--public-url: "longhaul.example" is not a URL',
    );
    expect(() => choosePublicUrl(undefined, 'ftp://x.example')).toThrow('LONGHAUL_PUBLIC_URL');
  });
});

describe('longhaul openapi', () => {
  it('prints the OpenAPI document', async () => {
    const run = await cli(['openapi']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ openapi: '3.1.0', info: { title: 'Longhaul API' } });
  });
});
