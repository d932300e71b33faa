import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { formatProblem, DomainError } from '../core/domain-error.js';
import { competenciesOf, findLevel, findTrack, type Ladder } from '../core/ladder.js';
import { diffLadders, formatLadderDiff } from '../core/ladder-diff.js';
import { buildLadderJsonSchema } from '../core/ladder-json-schema.js';
import { describeLevelRule } from '../core/level-rule.js';
import { readLadderFile } from '../services/ladder-files.js';
import { writeSiteFiles } from '../services/site-files.js';
import { buildLadderSite, SITE_MARKER } from '../site/ladder-site.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { remoteBackend } from './remote-backend.js';
import { chooseBackendTarget } from './use-backend.js';
import { shown, wrap } from './format.js';
import { loadActiveLadder, today } from './workspace.js';

/** `longhaul ladder …`: validate, show, diff and publish (as a static site) the ladder that lives in git. */
export function registerLadderCommands(program: Command, ctx: CliContext): void {
  const ladder = program
    .command('ladder')
    .description('work with ladder files: validate, show, compare, publish as a website, print the JSON Schema');

  ladder
    .command('validate')
    .description('check ladder files and report every problem as file:line:col (exit 2 when any is broken)')
    .argument('<files...>', 'ladder YAML files')
    .option('--json', 'print the result as JSON')
    .action(
      action(ctx, async (files: string[], opts: { json?: boolean }) => {
        const results = [];
        for (const file of files) {
          try {
            const { ladder: loaded } = await readLadderFile(file, ctx.io.cwd);
            results.push({
              file,
              ok: true,
              id: loaded.id,
              hash: loaded.hash,
              problems: [] as string[],
              summary: summarise(loaded),
            });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            const problems = error.problems.length > 0 ? error.problems.map(formatProblem) : [error.message];
            results.push({ file, ok: false, id: null, hash: null, problems, summary: null });
          }
        }
        if (opts.json === true) {
          ctx.printJson(results.map(({ summary: _summary, ...rest }) => rest));
        } else {
          for (const result of results) {
            if (result.ok) ctx.print(`${ctx.style.green('ok')} ${result.file}: ${result.summary}`);
            else ctx.warn(result.problems.join('\n'));
          }
        }
        return results.every((r) => r.ok) ? EXIT.ok : EXIT.usage;
      }),
    );

  ladder
    .command('show')
    .description('print the ladder: its levels and competencies, or everything one level expects')
    .argument('[file]', 'a ladder file (default: the ladder of the database, or the built-in one)')
    .option('--level <level>', 'show the expectations, signals and "not yet" of one level')
    .option('--track <track>', 'the track to show (default: the first)')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the ladder as JSON')
    .action(
      action(
        ctx,
        async (file: string | undefined, opts: { level?: string; track?: string; db?: string; json?: boolean }) => {
          const loaded =
            file === undefined ? await activeLadder(ctx, opts.db) : (await readLadderFile(file, ctx.io.cwd)).ladder;
          const track = findTrack(loaded, opts.track);
          if (opts.level !== undefined) {
            const level = findLevel(track, opts.level);
            const rows = competenciesOf(loaded, track).map((c) => ({
              id: c.id,
              title: c.title,
              category: c.category,
              ...c.levels[level.id],
            }));
            if (opts.json === true) {
              const rule = describeLevelRule(loaded, track.id, level.id);
              ctx.printJson({ ladder: loaded.id, hash: loaded.hash, track: track.id, level, rule, competencies: rows });
              return EXIT.ok;
            }
            ctx.print(
              `${ctx.style.bold(shown(level.title))} ${ctx.style.dim(`(${shown(loaded.title)}, track ${shown(track.title)})`)}`,
            );
            if (level.summary !== undefined) ctx.print(wrap(shown(level.summary), 88));
            ctx.print(ctx.style.dim(wrap(shown(`The rule: ${describeLevelRule(loaded, track.id, level.id)}`), 88)));
            for (const row of rows) {
              ctx.print('');
              if (row.expectation === undefined) {
                ctx.print(`${ctx.style.bold(shown(row.title))} ${ctx.style.dim('does not apply at this level yet')}`);
                continue;
              }
              ctx.print(`${ctx.style.bold(shown(row.title))} ${ctx.style.dim(`[${shown(row.id)}]`)}`);
              ctx.print(wrap(shown(row.expectation), 88, '  '));
              for (const signal of row.signals ?? [])
                ctx.print(wrap(shown(signal), 88, '    ').replace(/^ {4}/, '  + '));
              for (const gap of row.notYet ?? []) ctx.print(wrap(shown(gap), 88, '    ').replace(/^ {4}/, '  - '));
            }
            if (level.readiness !== undefined && level.readiness.length > 0) {
              ctx.print(`\n${ctx.style.bold('Ready for the next level when')}`);
              for (const sign of level.readiness) ctx.print(wrap(shown(sign), 88, '    ').replace(/^ {4}/, '  * '));
            }
            return EXIT.ok;
          }
          if (opts.json === true) {
            ctx.printJson(loaded);
            return EXIT.ok;
          }
          ctx.print(
            `${ctx.style.bold(shown(loaded.title))} ${ctx.style.dim(`[${shown(loaded.id)} ${loaded.hash.slice(0, 12)}]`)}`,
          );
          if (loaded.description !== undefined) ctx.print(wrap(shown(loaded.description), 88));
          ctx.print(`\n${ctx.style.bold('Levels')} (track ${shown(track.title)})`);
          track.levels.forEach((level, i) => {
            ctx.print(`  ${i + 1}. ${shown(level.title)} ${ctx.style.dim(`[${shown(level.id)}]`)}`);
            ctx.print(ctx.style.dim(wrap(shown(describeLevelRule(loaded, track.id, level.id)), 88, '     ')));
          });
          ctx.print(`\n${ctx.style.bold('Competencies')}`);
          for (const category of loaded.categories) {
            const members = competenciesOf(loaded, track).filter((c) => c.category === category.id);
            if (members.length === 0) continue;
            ctx.print(`  ${shown(category.title)}`);
            for (const c of members) ctx.print(`    ${shown(c.title)} ${ctx.style.dim(`[${shown(c.id)}]`)}`);
          }
          ctx.print(`\n${ctx.style.dim('Show what a level expects: longhaul ladder show --level <level>')}`);
          return EXIT.ok;
        },
      ),
    );

  ladder
    .command('site')
    .description(
      'write a static website of the ladder (matrix, levels, competencies, comparisons) that opens from file://',
    )
    .argument('[file]', 'a ladder file (default: the ladder of the database, or the built-in one)')
    .requiredOption('--out <dir>', 'the folder to write; created when missing')
    .option('--force', 'write into a non-empty folder that does not hold an earlier site')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .action(
      action(ctx, async (file: string | undefined, opts: { out: string; force?: boolean; db?: string }) => {
        const loaded =
          file === undefined ? await loadActiveLadder(ctx, opts.db) : (await readLadderFile(file, ctx.io.cwd)).ladder;
        const outDir = resolve(ctx.io.cwd, opts.out);
        const files = buildLadderSite(loaded, { generatedOn: today(ctx) });
        const result = await writeSiteFiles(outDir, files, { marker: SITE_MARKER, force: opts.force === true });
        if (result.removed.length > 0) {
          const count = result.removed.length;
          const shown = result.removed.slice(0, 5).join(', ');
          const more = count > 5 ? ` and ${count - 5} more` : '';
          ctx.warn(`removed ${count} page${count === 1 ? '' : 's'} the ladder no longer has: ${shown}${more}`);
        }
        ctx.print(`Wrote ${result.written} files to ${outDir}; open ${join(outDir, 'index.html')}`);
        return EXIT.ok;
      }),
    );

  ladder
    .command('schema')
    .description('print the JSON Schema of ladder files, for editors and CI')
    .action(
      action(ctx, () => {
        ctx.printJson(buildLadderJsonSchema());
        return EXIT.ok;
      }),
    );

  ladder
    .command('diff')
    .description(
      'compare two versions of a ladder: added, removed and renamed competencies and levels, changed expectations',
    )
    .argument('<old>', 'the earlier ladder file')
    .argument('<new>', 'the later ladder file')
    .option('--json', 'print the changes as JSON')
    .action(
      action(ctx, async (oldFile: string, newFile: string, opts: { json?: boolean }) => {
        const before = (await readLadderFile(oldFile, ctx.io.cwd)).ladder;
        const after = (await readLadderFile(newFile, ctx.io.cwd)).ladder;
        const diff = diffLadders(before, after);
        if (opts.json === true) ctx.printJson(diff);
        else ctx.print(formatLadderDiff(diff));
        return EXIT.ok;
      }),
    );
}

function summarise(ladder: Ladder): string {
  const levels = ladder.tracks.reduce((n, t) => n + t.levels.length, 0);
  return `ladder "${ladder.id}", ${ladder.tracks.length} track${ladder.tracks.length === 1 ? '' : 's'}, ${levels} levels, ${ladder.competencies.length} competencies, hash ${ladder.hash.slice(0, 12)}`;
}

/**
 * The ladder `ladder show` prints without a file: the server's active ladder
 * when logged in, else the local database's, or the built-in one before init.
 */
async function activeLadder(ctx: CliContext, dbFlag: string | undefined): Promise<Ladder> {
  const target = chooseBackendTarget(ctx, dbFlag);
  return target.kind === 'local' ? loadActiveLadder(ctx, dbFlag) : remoteBackend(target.credentials).activeLadder();
}
