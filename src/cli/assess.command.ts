import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import {
  competenciesOf,
  findStep,
  findTrack,
  NOT_OBSERVED,
  resolveCompetency,
  ratingScale,
  type Ladder,
  type ScaleStep,
} from '../core/ladder.js';
import type { Competency } from '../core/ladder.schema.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { withBackend } from './use-backend.js';
import { evidenceCount, plural, wrap } from './format.js';

/** `longhaul assess`: rate yourself, competency by competency, against the ladder's words. */
export function registerAssessCommands(program: Command, ctx: CliContext): void {
  program
    .command('assess')
    .description('rate yourself competency by competency, seeing what the levels around your rating expect')
    .option('--set <ratings>', 'rate without questions, for scripts: scope=senior,autonomy=mid-level (or not-observed)')
    .option('--note <text>', 'a note on the whole assessment')
    .option(
      '--why <competency=text>',
      'why a rating is what it is, e.g. --why "design=Led the queue ADR" (repeatable)',
      collectWhy,
    )
    .option('--track <track>', 'the track to assess on (default: the one you were last assessed on)')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the stored assessment as JSON')
    .addHelpText(
      'after',
      '\nCompetencies you do not rate keep their previous rating, so an assessment is always complete.',
    )
    .action(
      action(
        ctx,
        async (opts: {
          set?: string;
          note?: string;
          why?: Record<string, string>;
          track?: string;
          db?: string;
          json?: boolean;
        }) => {
          const outcome = await withBackend(ctx, opts.db, async (backend) => {
            const ladder = await backend.activeLadder();
            let ratings: Record<string, string>;
            if (opts.set !== undefined) {
              ratings = parseSetOption(opts.set);
            } else {
              if (ctx.io.stdin === null) {
                throw new DomainError(
                  'input_invalid',
                  'assess asks questions and needs a terminal; in scripts use --set scope=senior,autonomy=mid-level',
                );
              }
              const start = await backend.assessmentStart(opts.track);
              const asked = await askRatings(ctx, ladder, start.trackId, start.ratings, start.evidenceCounts);
              if (asked.interrupted) return { kind: 'interrupted' as const, typed: Object.keys(asked.ratings).length };
              ratings = asked.ratings;
              if (Object.keys(ratings).length === 0) return { kind: 'empty' as const };
            }
            const saved = await inFlagTerms(
              backend.recordSelfAssessment({ track: opts.track, ratings, notes: opts.why, note: opts.note }),
            );
            return {
              kind: 'saved' as const,
              stored: saved.assessment,
              given: describeGiven(ladder, saved.assessment.trackId, ratings),
              observed: saved.observed,
              applicable: saved.applicable,
            };
          });
          if (outcome.kind === 'interrupted') {
            ctx.print(
              `\nStopped: nothing saved${outcome.typed === 0 ? '' : ` (${plural(outcome.typed, 'rating', 'ratings')} you typed ${outcome.typed === 1 ? 'was' : 'were'} dropped; q saves and stops)`}.`,
            );
            return EXIT.failure;
          }
          if (outcome.kind === 'empty') {
            ctx.print('No ratings given: nothing saved.');
            return EXIT.ok;
          }
          if (opts.json === true) ctx.printJson(outcome.stored);
          else {
            ctx.print(`Saved ${plural(outcome.given.length, 'rating', 'ratings')}: ${outcome.given.join(', ')}.`);
            ctx.print(
              `${outcome.observed} of ${outcome.applicable} competencies rated; the ones you did not rate keep their previous rating. See where you stand: longhaul status`,
            );
          }
          return EXIT.ok;
        },
      ),
    );
}

/** "Scope of ownership: Senior" for each rating given, in the ladder's order, so the user sees exactly what was saved. */
function describeGiven(ladder: Ladder, trackId: string, ratings: Readonly<Record<string, string>>): string[] {
  const track = findTrack(ladder, trackId);
  const scale = ratingScale(ladder, track);
  const byId = new Map(
    Object.entries(ratings).map(([id, value]) => [resolveCompetency(ladder, id)?.id ?? id, value] as const),
  );
  return competenciesOf(ladder, track).flatMap((c) => {
    const value = byId.get(c.id);
    if (value === undefined) return [];
    const step = value === NOT_OBSERVED ? undefined : findStep(scale, value);
    return [`${c.title}: ${step?.title ?? 'not observed'}`];
  });
}

/** Collects repeated `--why competency=text` into notes by competency; text may contain '=' and ','. */
export function collectWhy(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  const id = at === -1 ? '' : value.slice(0, at).trim();
  const text = at === -1 ? '' : value.slice(at + 1).trim();
  if (id === '' || text === '') {
    throw new DomainError(
      'input_invalid',
      `--why: "${value}" is not COMPETENCY=TEXT (for example design="Led the queue ADR")`,
    );
  }
  // Own keys only: `constructor` or `__proto__` is a competency id like any other, for the ladder to refuse.
  const notes = new Map(Object.entries(previous));
  notes.set(id, text);
  return Object.fromEntries(notes);
}

/** Parses `scope=senior,autonomy=mid-level`; a malformed pair is a usage error that names it. */
export function parseSetOption(value: string): Record<string, string> {
  // A Map, not an object: `constructor` or `__proto__` must read as an unknown competency, not as a rating given before.
  const ratings = new Map<string, string>();
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [id, rating, ...rest] = pair.split('=').map((p) => p.trim());
    if (id === undefined || id === '' || rating === undefined || rating === '' || rest.length > 0) {
      throw new DomainError('input_invalid', `--set: "${pair}" is not COMPETENCY=LEVEL (for example scope=senior)`);
    }
    if (ratings.has(id)) throw new DomainError('input_invalid', `--set: "${id}" is rated twice`);
    ratings.set(id, rating);
  }
  if (ratings.size === 0) throw new DomainError('input_invalid', '--set: give at least one COMPETENCY=LEVEL pair');
  return Object.fromEntries(ratings);
}

/** What the questions gave: the ratings typed, and whether the user stopped with Ctrl-C (then nothing is saved). */
interface Answers {
  ratings: Record<string, string>;
  interrupted: boolean;
}

async function askRatings(
  ctx: CliContext,
  ladder: Ladder,
  trackId: string | undefined,
  previous: Readonly<Record<string, string>>,
  evidenceCounts: Readonly<Record<string, number>>,
): Promise<Answers> {
  const track = findTrack(ladder, trackId);
  const scale = ratingScale(ladder, track);
  const competencies = competenciesOf(ladder, track);
  const ratings: Record<string, string> = {};
  const input = ctx.io.stdin;
  if (input === null) return { ratings, interrupted: false };
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  // Ctrl-C in a terminal is a SIGINT for the whole process: catch it so the user hears what happened to the answers.
  let onInterrupt: () => void = () => undefined;
  const interrupted = new Promise<'interrupted'>((resolve) => {
    onInterrupt = () => resolve('interrupted');
  });
  process.once('SIGINT', onInterrupt);
  const { style } = ctx;
  ctx.print(
    `${style.bold(`Self-assessment against ${ladder.title}`)}\nFor each competency type a number, n for not observed, Enter to keep your rating, q to save and stop (Ctrl-C stops without saving).\n`,
  );
  try {
    for (const [i, competency] of competencies.entries()) {
      const current = previous[competency.id];
      const currentStep = current === undefined || current === NOT_OBSERVED ? undefined : findStep(scale, current);
      const evidence = evidenceCount(evidenceCounts[competency.id] ?? 0);
      ctx.print(
        `${style.bold(`[${i + 1}/${competencies.length}] ${competency.title}`)} ${style.dim(`(${evidence}, now: ${currentStep?.title ?? (current === NOT_OBSERVED ? 'not observed' : 'unrated')})`)}`,
      );
      if (competency.description !== undefined) ctx.print(wrap(competency.description, 88, '  '));
      printChoices(ctx, competency, scale, currentStep);
      for (;;) {
        ctx.io.stdout.write('> ');
        const next = await Promise.race([lines.next(), interrupted]);
        if (next === 'interrupted') return { ratings, interrupted: true };
        if (next.done === true) return { ratings, interrupted: false };
        const answer = next.value.trim().toLowerCase();
        if (answer === 'q') return { ratings, interrupted: false };
        if (answer === '') break;
        if (answer === 'n') {
          ratings[competency.id] = NOT_OBSERVED;
          break;
        }
        const step = scale[Number(answer) - 1];
        if (/^\d+$/.test(answer) && step !== undefined) {
          ratings[competency.id] = step.id;
          break;
        }
        ctx.print(`  "${answer}" is not a choice: type 1 to ${scale.length}, n, Enter or q.`);
      }
      ctx.print('');
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    rl.close();
  }
  return { ratings, interrupted: false };
}

/** Lists every step with its full text: the expectation, its signals and what is not yet enough. */
function printChoices(
  ctx: CliContext,
  competency: Competency,
  scale: readonly ScaleStep[],
  current: ScaleStep | undefined,
): void {
  const { style } = ctx;
  for (const step of scale) {
    const expectation = competency.levels[step.id];
    const marker = step.index === current?.index ? style.green(' (current)') : '';
    ctx.print(`  ${step.index + 1}) ${step.title}${marker}`);
    if (expectation === undefined) {
      ctx.print(style.dim('       does not apply at this level'));
      continue;
    }
    ctx.print(wrap(expectation.expectation, 88, '       '));
    for (const signal of expectation.signals ?? []) ctx.print(bullet(`${style.green('+')} `, signal));
    for (const notYet of expectation.notYet ?? []) ctx.print(bullet(`${style.yellow('-')} not yet: `, notYet));
  }
  ctx.print('  n) not observed');
}

/** A wrapped line of prose under a step, its first line led by a marker. */
function bullet(marker: string, text: string): string {
  return wrap(text, 88, '         ').replace(/^ {9}/, `       ${marker}`);
}

/** The service names fields (`ratings.scope`); the user typed flags (`--set scope`). */
const FLAGS: Readonly<Record<string, string>> = { ratings: '--set', notes: '--why', note: '--note' };

/** Rewrites a refused assessment so each problem names the flag and competency the user typed. */
async function inFlagTerms<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof DomainError) || error.problems.length === 0) throw error;
    const lines = error.problems.map((p) => {
      const [field, ...rest] = p.path.map(String);
      const flag = field === undefined ? undefined : FLAGS[field];
      return `${flag === undefined ? p.path.join('.') : [flag, ...rest].join(' ')}: ${p.message}`;
    });
    throw new DomainError(error.code, lines.join('\n'), error.problems);
  }
}
