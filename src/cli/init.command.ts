import type { Command } from 'commander';
import { DEFAULT_LADDER_FILE, readLadderFile } from '../services/ladder-files.js';
import { activateLadder, initialiseWorkspace, openWorkspace } from '../services/workspace.service.js';
import { machineTimeZone } from './cli-io.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { parseTimeZoneFlag } from './settings.command.js';
import { defaultPersonName, resolveDbFile } from './workspace.js';

/** `longhaul init` and `longhaul ladder use`: create a local database and choose its ladder. */
export function registerWorkspaceCommands(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('create a local database with the default ladder (or your own) and you as its person')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--ladder <file>', 'a ladder YAML file to use instead of the built-in one')
    .option('--name <name>', 'your name, as it appears in brag documents (default: your login name)')
    .option('--time-zone <zone>', 'your IANA time zone, which decides what "today" is (default: $TZ or the system\'s)')
    .option('--json', 'print the result as JSON')
    .action(
      action(ctx, async (opts: { db?: string; ladder?: string; name?: string; timeZone?: string; json?: boolean }) => {
        const timeZone = opts.timeZone === undefined ? machineTimeZone(ctx.io) : parseTimeZoneFlag(opts.timeZone);
        const source = await readLadderFile(opts.ladder ?? DEFAULT_LADDER_FILE, ctx.io.cwd);
        const file = resolveDbFile(ctx, opts.db);
        const workspace = await openWorkspace(file, { create: true });
        try {
          const result = await initialiseWorkspace(workspace.db, {
            ladder: source,
            personName: opts.name ?? defaultPersonName(ctx),
            timeZone,
          });
          if (opts.json === true) {
            ctx.printJson({ database: file, ...result });
          } else if (result.created) {
            ctx.print(
              `Created ${file} with ladder "${result.ladder.title}" (${result.ladder.hash.slice(0, 12)}) for ${result.person.name}, in time zone ${result.person.timeZone ?? timeZone}.`,
            );
            ctx.print(
              ctx.style.dim(
                'Next: longhaul ladder show, then longhaul log "…" --kind incident --competency reliability, then longhaul assess.',
              ),
            );
          } else {
            ctx.print(
              `${file} is already set up (ladder "${result.ladder.title}", person ${result.person.name}); nothing changed.`,
            );
          }
          return EXIT.ok;
        } finally {
          await workspace.close();
        }
      }),
    );

  program
    .command('use-ladder')
    .description(
      'switch the database to another ladder file or version; past ratings keep the version they were made with',
    )
    .argument('<file>', 'the ladder YAML file')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the result as JSON')
    .action(
      action(ctx, async (ladderFile: string, opts: { db?: string; json?: boolean }) => {
        const source = await readLadderFile(ladderFile, ctx.io.cwd);
        const workspace = await openWorkspace(resolveDbFile(ctx, opts.db));
        try {
          await activateLadder(workspace.db, source);
        } finally {
          await workspace.close();
        }
        const { id, hash, title } = source.ladder;
        if (opts.json === true) ctx.printJson({ ladder: { id, hash, title } });
        else ctx.print(`Now using ladder "${title}" (${hash.slice(0, 12)}).`);
        return EXIT.ok;
      }),
    );
}
