import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import type { Me } from '../server/api-contract.js';
import { ask, firstLine } from './admin.command.js';
import { action, type CliContext } from './context.js';
import { readCredentials, removeCredentials, writeCredentials } from './credentials.js';
import { EXIT } from './exit-codes.js';
import { shown } from './format.js';
import { callServer, checkServerUrl } from './remote-client.js';
import { isForcedLocal } from './use-backend.js';
import { resolveDbFile } from './workspace.js';

/** The longest token accepted: `lh_` and 43 characters today, with room to grow. */
const TOKEN_MAX_LENGTH = 200;

/** `longhaul login`, `logout` and `whoami`: run every command against a server instead of the local database. */
export function registerLoginCommands(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description('use a Longhaul server instead of the local database, with a personal API token')
    .requiredOption('--server <url>', 'the server, such as https://longhaul.example.com')
    .option('--token-stdin', 'read the token from the first line of standard input instead of asking')
    .option('--insecure', 'allow a plain http:// server that is not on this machine (the token can be read on the way)')
    .option('--json', 'print who is logged in, and where, as JSON')
    .addHelpText(
      'after',
      '\nMake the token on the server: the Security page of the web app, or POST /api/tokens.\nIt is kept in $XDG_CONFIG_HOME/longhaul/credentials.json (default ~/.config/longhaul), readable by you only.',
    )
    .action(
      action(ctx, async (opts: { server: string; tokenStdin?: boolean; insecure?: boolean; json?: boolean }) => {
        const server = checkServerUrl(opts.server, opts.insecure === true);
        const token = await readToken(ctx, opts.tokenStdin === true);
        const me = await callServer<Me>(
          { server, token },
          { method: 'GET', path: '/api/me' },
          {
            unauthenticated: `the server at ${server} does not accept this token (unknown, expired or revoked); make a new one on its Security page`,
          },
        );
        const file = writeCredentials(ctx, { server, token });
        if (opts.json === true) ctx.printJson({ mode: 'remote', server, person: personJson(me), credentials: file });
        else {
          ctx.print(`Logged in to ${server} as ${who(me)}.`);
          ctx.print(ctx.style.dim(`Commands now use that server; longhaul logout to stop. The token is in ${file}.`));
        }
        return EXIT.ok;
      }),
    );

  program
    .command('logout')
    .description('forget the server and token of `longhaul login`: commands use the local database again')
    .action(
      action(ctx, () => {
        const stored = readCredentials(ctx);
        if (!removeCredentials(ctx)) {
          ctx.print('Not logged in; nothing to do.');
          return EXIT.ok;
        }
        const where = stored.state === 'ok' ? ` of ${stored.credentials.server}` : '';
        ctx.print(`Logged out${where}; commands use the local database again.`);
        if (stored.state === 'ok')
          ctx.print(ctx.style.dim("The token still works until it expires; revoke it on the server's Security page."));
        return EXIT.ok;
      }),
    );

  program
    .command('whoami')
    .description('who the commands act as, and where: a server or the local database')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print it as JSON')
    .action(
      action(ctx, async (opts: { db?: string; json?: boolean }) => {
        const stored =
          opts.db !== undefined || isForcedLocal(ctx) ? ({ state: 'none' } as const) : readCredentials(ctx);
        if (stored.state === 'ok') {
          const me = await callServer<Me>(stored.credentials, { method: 'GET', path: '/api/me' });
          const server = stored.credentials.server;
          if (opts.json === true) ctx.printJson({ mode: 'remote', server, person: personJson(me) });
          else ctx.print(`${who(me)} on ${server}`);
          return EXIT.ok;
        }
        if (stored.state === 'unreadable')
          ctx.warn(`note: not logged in: ${stored.file} cannot be used, because ${stored.reason}.`);
        const database = resolveDbFile(ctx, opts.db);
        if (opts.json === true) ctx.printJson({ mode: 'local', database });
        else ctx.print(`Not logged in to a server; commands use the local database ${database}.`);
        return EXIT.ok;
      }),
    );
}

/** The token: the first line of stdin with --token-stdin, else asked for on the terminal without echo. */
async function readToken(ctx: CliContext, fromStdin: boolean): Promise<string> {
  let token: string | undefined;
  if (fromStdin) {
    const input = ctx.io.pipedStdin ?? ctx.io.stdin;
    token = input === null || input === undefined ? undefined : await firstLine(input);
  } else if (ctx.io.stdin === null) {
    throw new DomainError(
      'input_invalid',
      'no terminal to ask for the token on: give it on standard input with --token-stdin',
    );
  } else token = await ask(ctx, 'API token (lh_…, from the Security page of the server): ');
  token = token?.trim();
  if (token === undefined || token === '') throw new DomainError('input_invalid', 'token: none was given');
  if (token.length > TOKEN_MAX_LENGTH || /\s/.test(token))
    throw new DomainError(
      'input_invalid',
      'token: that is not an API token; they look like lh_ and 43 more characters',
    );
  return token;
}

function who(me: Me): string {
  const email = me.person.email === null ? '' : ` <${shown(me.person.email)}>`;
  return `${shown(me.person.name)}${email}`;
}

function personJson(me: Me) {
  return { id: me.person.id, name: me.person.name, email: me.person.email, isAdmin: me.isAdmin };
}
