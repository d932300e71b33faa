import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runLonghaul } from './cli.fixtures.js';

/*
 * `longhaul admin create` and `longhaul admin reset-link`, run in-process
 * over a database `init` made. The rest of the CLI still needs no account:
 * the last test runs a command after the admin exists.
 */

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-admin-'));
});

const cli = (args: string[], input?: string[]) =>
  runLonghaul(args, { cwd: dir, ...(input === undefined ? {} : { input }) });

describe('longhaul admin', () => {
  it('creates the admin account for the local person from a password on stdin, and says so without the password', async () => {
    expect((await cli(['init'])).code).toBe(0);
    const run = await cli(
      ['admin', 'create', '--email', 'Ada@Example.com', '--password-stdin'],
      ['a long and private passphrase'],
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('Ada Lovelace is an admin and signs in as ada@example.com.\n');
    expect(run.stdout).not.toContain('passphrase');
    // The CLI on a local database still needs no account.
    expect((await cli(['log', 'Wrote the runbook', '--kind', 'other', '--competency', 'reliability'])).code).toBe(0);
  });

  it('refuses a short password and an empty stdin, naming what is wrong', async () => {
    expect((await cli(['init'])).code).toBe(0);
    const short = await cli(['admin', 'create', '--email', 'ada@example.com', '--password-stdin'], ['short']);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^error: the password has 5 characters; use at least 12/);
    const none = await cli(['admin', 'create', '--email', 'ada@example.com', '--password-stdin'], []);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('error: --password-stdin: standard input held no password\n');
  });

  it('prints a one-time reset link under the given URL, and refuses an email without an account', async () => {
    expect((await cli(['init'])).code).toBe(0);
    await cli(['admin', 'create', '--email', 'ada@example.com', '--password-stdin'], ['a long and private passphrase']);
    const run = await cli(['admin', 'reset-link', 'ada@example.com', '--url', 'https://longhaul.example/']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^https:\/\/longhaul\.example\/reset-password#[A-Za-z0-9_-]{43}\n$/);
    expect(run.stderr).toMatch(/^For Ada Lovelace; it works once, until \d{4}-/);
    const unknown = await cli(['admin', 'reset-link', 'nobody@example.com']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: nobody with the email nobody@example.com has an account\n');
  });
});
