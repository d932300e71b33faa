import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import { checkTimeZone, timeZoneOf } from '../services/person.service.js';
import { machineTimeZone } from './cli-io.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { withBackend } from './use-backend.js';
import { today } from './workspace.js';

/**
 * Checks a `--time-zone` value and returns its canonical IANA name; the
 * error names the flag, as every CLI input error does.
 *
 * @throws DomainError `input_invalid`.
 */
export function parseTimeZoneFlag(value: string): string {
  try {
    return checkTimeZone(value);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'input_invalid') throw error;
    throw new DomainError(
      'input_invalid',
      error.problems.map((p) => `--time-zone: ${p.message}`).join('\n'),
      error.problems,
    );
  }
}

/** `longhaul settings`: what the local person has chosen (their time zone), and changing it. */
export function registerSettingsCommand(program: Command, ctx: CliContext): void {
  program
    .command('settings')
    .description('show your settings, or change them: your time zone decides what "today" is for your evidence')
    .option('--time-zone <zone>', 'an IANA time zone such as Europe/Berlin or America/New_York')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the settings as JSON')
    .action(
      action(ctx, async (opts: { timeZone?: string; db?: string; json?: boolean }) => {
        const timeZone = opts.timeZone === undefined ? undefined : parseTimeZoneFlag(opts.timeZone);
        const person = await withBackend(ctx, opts.db, (backend) =>
          timeZone === undefined ? backend.me() : backend.changeSettings({ timeZone }),
        );
        const machine = machineTimeZone(ctx.io);
        const effective = timeZoneOf(person, machine);
        const todayThere = today(ctx, person);
        if (opts.json === true) {
          ctx.printJson({
            name: person.name,
            timeZone: person.timeZone,
            effectiveTimeZone: effective,
            today: todayThere,
          });
          return EXIT.ok;
        }
        if (timeZone !== undefined) ctx.print(`Time zone set to ${effective}; today there is ${todayThere}.`);
        else {
          ctx.print(`Name:      ${person.name}`);
          ctx.print(
            person.timeZone === null
              ? `Time zone: not chosen; this machine's (${machine}) is used. Choose one with longhaul settings --time-zone ZONE.`
              : `Time zone: ${effective}`,
          );
          ctx.print(`Today:     ${todayThere}`);
        }
        return EXIT.ok;
      }),
    );
}
