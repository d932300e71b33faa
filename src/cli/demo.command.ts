import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { seedDemoOrganisation } from '../services/demo.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from '../services/ladder-files.js';
import { presentProgress } from '../server/presenters/progress.presenter.js';
import { getProgress, selectTarget } from '../services/progress.service.js';
import { initialiseWorkspace, openWorkspace } from '../services/workspace.service.js';
import { machineTimeZone } from './cli-io.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { printGap, printStatus } from './progress.command.js';
import { resolveDbFile, today } from './workspace.js';

/** `longhaul demo`: a demo organisation in a throwaway database, to try Longhaul without your own data. */
export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description("create a demo organisation in a new database and show one engineer's status and gap")
    .option('--db <path>', 'where to create the demo database (default: a new temporary directory)')
    .action(
      action(ctx, async (opts: { db?: string }) => {
        const file =
          opts.db === undefined
            ? join(mkdtempSync(join(tmpdir(), 'longhaul-demo-')), 'longhaul.db')
            : resolveDbFile(ctx, opts.db);
        const source = await readLadderFile(DEFAULT_LADDER_FILE, ctx.io.cwd);
        const workspace = await openWorkspace(file, { create: true });
        try {
          const { person, ladder } = await initialiseWorkspace(workspace.db, {
            ladder: source,
            personName: 'Sam Okafor',
            timeZone: machineTimeZone(ctx.io),
          });
          const summary = await seedDemoOrganisation(workspace.db, source.ladder, {
            today: today(ctx, person),
            localPersonId: person.id,
          });
          ctx.print(
            ctx.style.dim(
              `Demo organisation: ${summary.people} people in ${summary.teams} teams, ${summary.evidence} pieces of evidence, ${summary.assessments} assessments, on ladder ${ladder.hash.slice(0, 12)}.\n`,
            ),
          );
          const report = await getProgress(workspace.db, source.ladder, person.id);
          const progress = presentProgress(report, source.ladder, selectTarget(report.evaluation));
          const track = report.evaluation.track;
          printStatus(ctx, {
            name: person.name,
            progress,
            track: { title: track.title, levelCount: track.levels.length },
          });
          if (report.evaluation.next !== null) {
            ctx.print('');
            printGap(ctx, progress.target);
          }
          ctx.print(
            ctx.style.dim(
              `\nExplore it yourself: export LONGHAUL_DB=${file}; then longhaul evidence list, longhaul brag, longhaul gap --to architect.`,
            ),
          );
        } finally {
          await workspace.close();
        }
        return EXIT.ok;
      }),
    );
}
