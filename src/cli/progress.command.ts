import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import type { Blocker, CompetencyProgress, Progress } from '../server/api-contract.js';
import { renderBragMarkdown } from '../services/brag.service.js';
import { isIsoDate } from '../services/evidence.service.js';
import type { ProgressView } from './backend.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { bar, evidenceCount, pad, shown, wrap } from './format.js';
import { withBackend } from './use-backend.js';
import { today } from './workspace.js';

/** `longhaul status`, `gap` and `brag`: where you stand, what is missing, and the evidence for a review. */
export function registerProgressCommands(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('your demonstrated level and a chart of every competency against the next level')
    .option('--track <track>', 'the track (default: the one you were assessed on)')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the result as JSON')
    .action(
      action(ctx, async (opts: { track?: string; db?: string; json?: boolean }) => {
        const view = await withBackend(ctx, opts.db, (backend) => backend.progress({ track: opts.track }));
        if (opts.json === true) ctx.printJson(presentStatus(view.progress));
        else printStatus(ctx, view);
        return EXIT.ok;
      }),
    );

  program
    .command('gap')
    .description('what a level asks that your ratings do not show yet, with the expectations and your evidence')
    .option('--to <level>', 'the target level (default: the next one)')
    .option('--track <track>', 'the track (default: the one you were assessed on)')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the result as JSON')
    .action(
      action(ctx, async (opts: { to?: string; track?: string; db?: string; json?: boolean }) => {
        const view = await withBackend(ctx, opts.db, (backend) =>
          backend.progress({ track: opts.track, target: opts.to }),
        );
        if (opts.json === true) ctx.printJson(presentGap(view.progress.target));
        else printGap(ctx, view.progress.target);
        return EXIT.ok;
      }),
    );

  program
    .command('brag')
    .description('a brag document: your evidence grouped by competency, ready to paste into a review')
    .option('-f, --format <format>', 'md or json', 'md')
    .option('--since <YYYY-MM-DD>', 'only evidence from this date on')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'the same as --format json')
    .action(
      action(ctx, async (opts: { format: string; since?: string; db?: string; json?: boolean }) => {
        const format = opts.json === true ? 'json' : opts.format;
        if (format !== 'md' && format !== 'json')
          throw new DomainError('input_invalid', `--format: "${format}" is not md or json`);
        if (opts.since !== undefined && !isIsoDate(opts.since))
          throw new DomainError('input_invalid', `--since: "${opts.since}" is not a date; use YYYY-MM-DD`);
        const doc = await withBackend(ctx, opts.db, async (backend) =>
          backend.bragDocument({ since: opts.since, today: today(ctx, await backend.me()) }),
        );
        if (format === 'json') ctx.printJson(doc);
        else ctx.print(shown(renderBragMarkdown(doc)));
        return EXIT.ok;
      }),
    );
}

const levelRef = (level: { id: string; title: string } | null) =>
  level === null ? null : { id: level.id, title: level.title };

/** The level of `levels` the progress calls next, if any. */
function nextLevel(p: Progress): Progress['levels'][number] | undefined {
  return p.next === null ? undefined : p.levels.find((l) => l.id === p.next?.id);
}

/** The JSON of `status`: stable, small, and free of the ladder's prose. */
export function presentStatus(p: Progress) {
  const target = p.target;
  return {
    ladder: { id: p.ladder.id, track: p.ladder.track, policy: p.ladder.policy },
    assessedAt: p.assessedAt,
    assessedAgainst: p.assessedAgainst,
    demonstrated: levelRef(p.demonstrated),
    next: levelRef(p.next),
    reason: p.reason,
    readinessForNext: nextLevel(p)?.readiness ?? null,
    observed: p.observed,
    applicable: p.applicable,
    score: p.score,
    target: {
      ...levelRef(target.level),
      met: target.met,
      readiness: round(target.readiness),
      blockers: target.blockers.map(presentBlocker),
      rule: target.rule,
    },
    competencies: target.competencies.map((c) => ({
      id: c.id,
      title: c.title,
      category: c.category,
      rating: c.rating === null ? null : c.rating.id,
      status: c.status,
      evidenceCount: c.evidenceCount,
      evidenceNeeded: c.evidenceNeeded,
      supported: c.supported,
    })),
    levels: p.levels.map((l) => ({
      id: l.id,
      title: l.title,
      met: l.met,
      readiness: round(l.readiness),
      blockers: l.blockers.map(presentBlocker),
      rule: l.rule,
    })),
  };
}

/** A blocker in the JSON of `status` and `gap`: the same fields the API serves. */
function presentBlocker(b: Blocker) {
  return { code: b.code, competency: b.competency === null ? null : { ...b.competency }, message: b.message };
}

/** What one level asks, as the API's progress carries it for the target. */
export type TargetProgress = Progress['target'];

/** The competencies below the target, largest gap first, as the API lists their ids. */
function gapsOf(gap: TargetProgress): CompetencyProgress[] {
  return gap.gaps.flatMap((id) => gap.competencies.filter((c) => c.id === id));
}

/** The JSON of `gap`. */
export function presentGap(gap: TargetProgress) {
  const row = (c: CompetencyProgress) => ({
    id: c.id,
    title: c.title,
    rating: c.rating === null ? null : c.rating.id,
    status: c.status,
    stepsBelow: c.stepsBelow,
    evidenceCount: c.evidenceCount,
    evidenceNeeded: c.evidenceNeeded,
    supported: c.supported,
    expectation: c.expectation,
  });
  return {
    target: levelRef(gap.level),
    met: gap.met,
    readiness: round(gap.readiness),
    blockers: gap.blockers.map(presentBlocker),
    rule: gap.rule,
    pointsNeeded: gap.pointsNeeded,
    gaps: gapsOf(gap).map(row),
    unsupported: gap.competencies.filter((c) => !c.supported).map(row),
    notObserved: gap.competencies.filter((c) => c.status === 'not-observed').map(row),
    meets: gap.competencies
      .filter((c) => c.status === 'meets')
      .map((c) => ({ id: c.id, title: c.title, rating: c.rating?.id ?? null })),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const STATUS_WORDS: Record<CompetencyProgress['status'], string> = {
  meets: 'meets',
  'one-below': 'one below',
  'further-below': 'further below',
  'not-observed': 'not observed',
  'not-applicable': 'not yet applicable',
  scored: 'scored',
};

/** Prints where a person stands, with a bar per competency. */
export function printStatus(ctx: CliContext, view: ProgressView): void {
  const { style } = ctx;
  const p = view.progress;
  const next = nextLevel(p);
  ctx.print(`${style.bold(shown(view.name))} ${style.dim(`on ${shown(view.track.title)}`)}`);
  if (p.assessedAt === null) {
    ctx.print(
      '\nNot assessed yet. Rate yourself with `longhaul assess` (or `longhaul assess --set scope=mid-level,...`).',
    );
    return;
  }
  const demonstrated = p.demonstrated === null ? style.yellow('none yet') : style.green(shown(p.demonstrated.title));
  ctx.print(
    `Demonstrated level: ${demonstrated}${p.score === null ? '' : style.dim(` (score ${Math.round(p.score * 100) / 100})`)}`,
  );
  if (p.reason !== null) ctx.print(style.yellow(wrap(p.reason, 88)));
  const target = p.target;
  // Without a named target the API's target is the next level, so its points are the next level's.
  const pointsNeeded = next !== undefined && target.level.id === next.id ? target.pointsNeeded : null;
  if (next !== undefined) {
    ctx.print(
      `Next: ${shown(next.title)}, ${Math.round(next.readiness * 100)}% of the way${pointsNeeded === null ? '' : `, ${pointsNeeded} points to go`}`,
    );
  } else {
    ctx.print('You are at the top of this track.');
  }
  printRuleAndBlockers(ctx, target);
  ctx.print(style.dim(`Assessed ${p.assessedAt.slice(0, 10)}; ${p.observed} of ${p.applicable} competencies rated.`));
  ctx.print('');
  const rows = target.competencies;
  const scale = p.ladder.policy === 'points' ? undefined : view.track.levelCount;
  const steps = scale ?? Math.max(1, ...rows.map((r) => (r.rating?.index ?? 0) + 1 + r.stepsBelow));
  const width = Math.max(...rows.map((r) => shown(r.title).length), 10);
  for (const row of rows) {
    const filled = row.rating === null ? 0 : row.rating.index + 1;
    const chart = row.rating === null ? style.dim(bar(0, steps, 24)) : colourBar(ctx, row, bar(filled, steps, 24));
    // Not observed shows once, in the status column; the rating column stays empty.
    const rating = pad(shown(row.rating?.title ?? ''), 12);
    const evidence = row.supported
      ? style.dim(evidenceCount(row.evidenceCount))
      : style.yellow(`${evidenceCount(row.evidenceCount)}, unsupported (${row.evidenceNeeded} needed)`);
    ctx.print(`${pad(shown(row.title), width)}  ${chart}  ${rating} ${pad(STATUS_WORDS[row.status], 18)} ${evidence}`);
  }
  if (next !== undefined && target.level.id === next.id && target.gaps.length > 0)
    ctx.print(style.dim(`\nWhat ${shown(next.title)} asks that is missing: longhaul gap --to ${next.id}`));
}

/**
 * The rule of a level and, when it is not met, every blocker: one line each,
 * the engine's own sentence, so the terminal says what the API and web app say.
 */
function printRuleAndBlockers(ctx: CliContext, level: TargetProgress): void {
  const { style } = ctx;
  ctx.print(style.dim(wrap(shown(`${level.level.title} asks: ${level.rule}`), 88)));
  if (level.blockers.length === 0) return;
  ctx.print(`Not met yet, because:`);
  for (const blocker of level.blockers) ctx.print(style.yellow(`  - ${shown(blocker.message)}`));
}

function colourBar(ctx: CliContext, row: CompetencyProgress, text: string): string {
  if (row.status === 'meets' || row.status === 'scored') return ctx.style.green(text);
  if (row.status === 'one-below') return ctx.style.yellow(text);
  if (row.status === 'further-below') return ctx.style.red(text);
  return text;
}

/** Prints what a level asks that is missing, with expectations, signals and evidence counts. */
export function printGap(ctx: CliContext, gap: TargetProgress): void {
  const { style } = ctx;
  const head = gap.met
    ? `You demonstrate ${shown(gap.level.title)}.`
    : `${shown(gap.level.title)}: ${Math.round(gap.readiness * 100)}% of the way.`;
  ctx.print(style.bold(head) + (gap.pointsNeeded === null || gap.met ? '' : ` ${gap.pointsNeeded} points to go.`));
  printRuleAndBlockers(ctx, gap);
  if (gap.met) ctx.print('Nothing is missing for this level.');
  for (const c of gapsOf(gap)) {
    ctx.print('');
    const where = c.rating === null ? 'not rated' : `now ${shown(c.rating.title)}`;
    ctx.print(
      `${style.bold(shown(c.title))} ${style.dim(`[${c.id}] ${where}, ${STATUS_WORDS[c.status]}, ${evidenceCount(c.evidenceCount)}`)}`,
    );
    if (c.expectation !== null) {
      ctx.print(wrap(shown(c.expectation.expectation), 88, '  '));
      for (const signal of c.expectation.signals ?? [])
        ctx.print(wrap(shown(signal), 88, '    ').replace(/^ {4}/, '  + '));
    }
  }
  const unsupported = gap.competencies.filter((c) => !c.supported);
  if (unsupported.length > 0) {
    ctx.print(
      `\n${style.bold('Unsupported')} ${style.dim('(rated, but without the evidence the ladder asks for it to count)')}`,
    );
    for (const c of unsupported) {
      ctx.print(
        `  ${shown(c.title)}: rated ${shown(c.rating?.title ?? '')}, ${c.evidenceCount} of ${c.evidenceNeeded} ${c.evidenceNeeded === 1 ? 'piece' : 'pieces'} of evidence`,
      );
    }
  }
  const unobserved = gap.competencies.filter((c) => c.status === 'not-observed');
  if (unobserved.length > 0) {
    ctx.print(
      `\n${style.bold('Not observed yet')} ${style.dim('(never counted against you; rate them when you have evidence)')}`,
    );
    ctx.print(`  ${unobserved.map((c) => `${shown(c.title)} (${evidenceCount(c.evidenceCount)})`).join(', ')}`);
  }
}
