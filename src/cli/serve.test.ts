import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './program.js';
import { choosePort } from './serve.command.js';

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
async function serve(args: string[], env: Record<string, string> = {}): Promise<Running> {
  let stdout = '';
  let stderr = '';
  const done = runCli(['serve', ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: null,
    env: { LONGHAUL_NAME: 'Ada Lovelace', LONGHAUL_LOG_LEVEL: 'silent', ...env },
    cwd: dir,
    isTty: false,
    today: '2026-11-28',
  });
  let finished: number | undefined;
  void done.then((code) => (finished = code));
  for (let waited = 0; waited < 15_000; waited += 25) {
    const match = /running at (http:\/\/\S+) /.exec(stdout);
    if (match?.[1] !== undefined) {
      return {
        url: match[1],
        stdout: () => stdout,
        stderr: () => stderr,
        stop: async () => {
          process.emit('SIGTERM', 'SIGTERM');
          return done;
        },
      };
    }
    if (finished !== undefined) throw new Error(`serve ended with ${finished}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`serve did not start: ${stdout}${stderr}`);
}

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: null,
    env: { LONGHAUL_NAME: 'Ada Lovelace', LONGHAUL_LOG_LEVEL: 'silent', ...env },
    cwd: dir,
    isTty: false,
    today: '2026-11-28',
  });
  return { code, stdout, stderr };
}

describe('longhaul serve', () => {
  it('creates a missing database with the demo organisation, serves it, and stops cleanly on SIGTERM', async () => {
    const running = await serve(['--port', '0']);
    expect(running.stdout()).toMatch(
      /^Created \.\/longhaul\.db with the default ladder and a demo organisation: 40 people in 5 teams, .*\nLonghaul is running at http:\/\/127\.0\.0\.1:\d+ \(database \.\/longhaul\.db, local mode as Sam Okafor\)\n$/,
    );
    const me = (await (await fetch(`${running.url}/api/me`)).json()) as { person: { name: string } };
    expect(me.person.name).toBe('Sam Okafor');
    const people = (await (await fetch(`${running.url}/api/people`)).json()) as unknown[];
    expect(people).toHaveLength(40);
    expect(await running.stop()).toBe(0);
    expect(running.stdout()).toContain('Received SIGTERM; stopping.');
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    expect(existsSync(join(dir, 'longhaul.db'))).toBe(true);
  });

  it('starts a new database empty with --no-demo, under --name', async () => {
    const running = await serve(['--port', '0', '--no-demo', '--name', 'Grace Hopper', '--db', 'team.db']);
    expect(running.stdout()).toContain('(database ./team.db, local mode as Grace Hopper)');
    expect((await (await fetch(`${running.url}/api/people`)).json()) as unknown[]).toHaveLength(1);
    expect(await running.stop()).toBe(0);
  });

  it('uses an existing database as it is', async () => {
    expect((await cli(['init', '--name', 'Katherine Johnson'])).code).toBe(0);
    const running = await serve([], { PORT: '0' });
    expect(running.stdout()).not.toContain('Created');
    expect(running.stdout()).toContain('local mode as Katherine Johnson');
    expect((await (await fetch(`${running.url}/api/people`)).json()) as unknown[]).toHaveLength(1);
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

describe('longhaul openapi', () => {
  it('prints the OpenAPI document', async () => {
    const run = await cli(['openapi']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ openapi: '3.1.0', info: { title: 'Longhaul API' } });
  });
});
