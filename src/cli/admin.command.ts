import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import { createAdminAccount, createResetLink } from '../services/account.service.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { withSession } from './workspace.js';
import { DEFAULT_PORT } from './serve.command.js';

/**
 * `longhaul admin`: the accounts of a server's database, from a terminal on
 * its machine. Whoever can write the database file is trusted already, so
 * these need no account themselves.
 */
export function registerAdminCommands(program: Command, ctx: CliContext): void {
  const admin = program.command('admin').description('admin accounts and password-reset links for `longhaul serve`');

  admin
    .command('create')
    .description(
      "give the person with this email an admin account (or, when nobody has it, the database's own person); the password is asked for, or read from stdin",
    )
    .requiredOption('--email <email>', 'the email the admin signs in with')
    .option('--password-stdin', 'read the password from the first line of standard input instead of asking')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .action(
      action(ctx, async (opts: { email: string; passwordStdin?: boolean; db?: string }) => {
        const password = await readPassword(ctx, opts.passwordStdin === true);
        const account = await withSession(ctx, opts.db, ({ db }) =>
          createAdminAccount(db, { email: opts.email, password }, ctx.io.now?.() ?? new Date()),
        );
        ctx.print(`${account.person.name} is an admin and signs in as ${account.person.email ?? opts.email}.`);
        return EXIT.ok;
      }),
    );

  admin
    .command('reset-link')
    .description('print a one-time link (24 hours) with which the person sets a new password; hand it over yourself')
    .argument('<email>', 'the email of the account')
    .option(
      '--url <url>',
      `where people reach the server (default: $LONGHAUL_PUBLIC_URL, else http://127.0.0.1:${DEFAULT_PORT})`,
    )
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .action(
      action(ctx, async (email: string, opts: { url?: string; db?: string }) => {
        const base = (opts.url ?? ctx.io.env.LONGHAUL_PUBLIC_URL ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(
          /\/+$/,
          '',
        );
        if (!URL.canParse(base)) {
          throw new DomainError(
            'input_invalid',
            `--url: "${base}" is not a URL; give one like https://longhaul.example`,
          );
        }
        const link = await withSession(ctx, opts.db, ({ db }) =>
          createResetLink(db, { email, createdBy: null }, ctx.io.now?.() ?? new Date()),
        );
        ctx.print(`${base}/reset-password#${link.token}`);
        ctx.warn(`For ${link.person.name}; it works once, until ${link.expiresAt}. Anyone with the link can use it.`);
        return EXIT.ok;
      }),
    );
}

/** The password: the first line of piped stdin with --password-stdin, else asked for twice on the terminal. */
async function readPassword(ctx: CliContext, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const input = ctx.io.pipedStdin ?? ctx.io.stdin;
    const line = input === null || input === undefined ? undefined : await firstLine(input);
    if (line === undefined || line === '') {
      throw new DomainError('input_invalid', '--password-stdin: standard input held no password');
    }
    return line;
  }
  if (ctx.io.stdin === null) {
    throw new DomainError(
      'input_invalid',
      'no terminal to ask for the password on: give it on standard input with --password-stdin',
    );
  }
  const first = await ask(ctx, 'Password (12 to 256 characters): ');
  // Typed blind on a terminal, so asked twice; lines from a stream are taken as they come.
  if ((ctx.io.stdin as NodeJS.ReadStream).isTTY !== true) return first;
  const second = await ask(ctx, 'The same password again: ');
  if (first !== second) throw new DomainError('input_invalid', 'the two passwords differ; nothing was changed');
  return first;
}

/** The first line of a stream, without its line end; undefined when the stream ends first. */
export function firstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, terminal: false });
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      resolve(line.replace(/\r$/, ''));
    });
    rl.once('close', () => {
      if (!done) resolve(undefined);
    });
  });
}

/**
 * Asks for one line. On a terminal the typing is not echoed (raw mode, read
 * key by key: Enter ends, Backspace deletes, Ctrl-C stops); from a stream
 * (tests), the next line is the answer.
 */
export function ask(ctx: CliContext, prompt: string): Promise<string> {
  const input = ctx.io.stdin;
  if (input === null) return Promise.resolve('');
  ctx.io.stdout.write(prompt);
  const tty = input as NodeJS.ReadStream;
  if (tty.isTTY !== true || typeof tty.setRawMode !== 'function') {
    return firstLine(input).then((line) => line ?? '');
  }
  return new Promise((resolve, reject) => {
    let typed = '';
    tty.setRawMode(true);
    tty.resume();
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new DomainError('input_invalid', 'stopped; nothing was changed'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    const finish = () => {
      tty.off('data', onData);
      tty.setRawMode(false);
      tty.pause();
      ctx.io.stdout.write('\n');
    };
    tty.on('data', onData);
  });
}
