import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { DomainError } from '../core/domain-error.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { createContext, type CliContext } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { registerLadderCommands } from './ladder.command.js';
import { registerWorkspaceCommands } from './init.command.js';
import { registerEvidenceCommands } from './evidence.command.js';
import { registerAssessCommands } from './assess.command.js';
import { registerProgressCommands } from './progress.command.js';
import { registerDemoCommand } from './demo.command.js';
import { registerServeCommands } from './serve.command.js';
import { registerSettingsCommand } from './settings.command.js';
import { registerOrgCommands } from './org.command.js';
import { registerAdminCommands } from './admin.command.js';
import { registerLoginCommands } from './login.command.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Builds the command tree for one run; a fresh tree per run keeps runs independent. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('longhaul')
    .description('Longhaul: the career ladder as code, your evidence, and the gap to the next level.')
    .version(version, '-V, --version')
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      outputError: (text, write) => write(text),
    })
    .showSuggestionAfterError(true)
    .option('--local', 'use the local database even when logged in to a server (also: LONGHAUL_LOCAL=1)')
    .exitOverride();
  program.hook('preAction', () => {
    ctx.forceLocal = program.opts<{ local?: boolean }>().local === true;
  });
  program.addHelpText(
    'after',
    `
Start here:
  longhaul init                                  create ./longhaul.db with the default ladder
  longhaul log "Led the checkout incident review" --kind incident --competency reliability
  longhaul assess                                rate yourself, competency by competency
  longhaul status                                your level and a chart per competency
  longhaul gap --to senior                       what the next level asks that is missing

Against a server: longhaul login --server URL, then the same commands; longhaul logout.
Every command that shows data takes --json. Exit status: 0 success, 1 failure, 2 bad input.`,
  );
  registerWorkspaceCommands(program, ctx);
  registerSettingsCommand(program, ctx);
  registerEvidenceCommands(program, ctx);
  registerAssessCommands(program, ctx);
  registerProgressCommands(program, ctx);
  registerLadderCommands(program, ctx);
  registerOrgCommands(program, ctx);
  registerDemoCommand(program, ctx);
  registerServeCommands(program, ctx);
  registerAdminCommands(program, ctx);
  registerLoginCommands(program, ctx);
  return program;
}

/**
 * Runs the CLI and returns its exit status. This is the one top-level catch:
 * a DomainError becomes `error: …` and its exit status; anything else is a bug
 * and says so, with the stack only when LONGHAUL_DEBUG is set.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = createContext(io);
  const program = buildProgram(ctx);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return quiet.includes(error.code) ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof DomainError) {
      ctx.warn(`error: ${error.message}`);
      return exitCodeFor[error.code];
    }
    if (error instanceof CliError) {
      ctx.warn(`error: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.warn(
      `error: unexpected failure: ${message}\nThis is a bug in Longhaul; please report it with the command you ran.`,
    );
    if ((io.env.LONGHAUL_DEBUG ?? '') !== '' && error instanceof Error) ctx.warn(error.stack ?? '');
    return EXIT.failure;
  }
}
