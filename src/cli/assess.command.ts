import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import {
  competenciesOf,
  findStep,
  findTrack,
  NOT_OBSERVED,
  ratingScale,
  type Ladder,
  type ScaleStep,
} from '../core/ladder.js';
import type { Competency } from '../core/ladder.schema.js';
import { currentRatings, recordAssessment } from '../services/assessment.service.js';
import { countEvidence } from '../services/evidence.service.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { wrap } from './format.js';
import { withSession } from './workspace.js';

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
    .option('--track <track>', 'the track to assess on (default: the first)')
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
          const stored = await withSession(ctx, opts.db, async ({ db, ladder, person }) => {
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
              const previous = await currentRatings(db, ladder, person.id, { track: opts.track });
              const counts = await countEvidence(db, ladder, person.id);
              ratings = await askRatings(ctx, ladder, opts.track, previous.ratings, counts);
              if (Object.keys(ratings).length === 0) return null;
            }
            return recordAssessment(db, ladder, {
              personId: person.id,
              assessorId: person.id,
              kind: 'self',
              track: opts.track,
              ratings,
              notes: opts.why,
              note: opts.note,
            });
          });
          if (stored === null) {
            ctx.print('No ratings given; nothing saved.');
            return EXIT.ok;
          }
          if (opts.json === true) ctx.printJson(stored);
          else {
            const rated = stored.ratings.filter((r) => r.rating !== NOT_OBSERVED).length;
            ctx.print(
              `Saved your self-assessment: ${rated} of ${stored.ratings.length} competencies rated. See where you stand: longhaul status`,
            );
          }
          return EXIT.ok;
        },
      ),
    );
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
  return { ...previous, [id]: text };
}

/** Parses `scope=senior,autonomy=mid-level`; a malformed pair is a usage error that names it. */
export function parseSetOption(value: string): Record<string, string> {
  const ratings: Record<string, string> = {};
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [id, rating, ...rest] = pair.split('=').map((p) => p.trim());
    if (id === undefined || id === '' || rating === undefined || rating === '' || rest.length > 0) {
      throw new DomainError('input_invalid', `--set: "${pair}" is not COMPETENCY=LEVEL (for example scope=senior)`);
    }
    if (ratings[id] !== undefined) throw new DomainError('input_invalid', `--set: "${id}" is rated twice`);
    ratings[id] = rating;
  }
  if (Object.keys(ratings).length === 0)
    throw new DomainError('input_invalid', '--set: give at least one COMPETENCY=LEVEL pair');
  return ratings;
}

async function askRatings(
  ctx: CliContext,
  ladder: Ladder,
  trackId: string | undefined,
  previous: Readonly<Record<string, string>>,
  evidenceCounts: Readonly<Record<string, number>>,
): Promise<Record<string, string>> {
  const track = findTrack(ladder, trackId);
  const scale = ratingScale(ladder, track);
  const competencies = competenciesOf(ladder, track);
  const input = ctx.io.stdin;
  if (input === null) return {};
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ratings: Record<string, string> = {};
  const { style } = ctx;
  ctx.print(
    `${style.bold(`Self-assessment against ${ladder.title}`)}\nFor each competency type a number, n for not observed, Enter to keep your rating, q to save and stop.\n`,
  );
  try {
    for (const [i, competency] of competencies.entries()) {
      const current = previous[competency.id];
      const currentStep = current === undefined || current === NOT_OBSERVED ? undefined : findStep(scale, current);
      ctx.print(
        `${style.bold(`[${i + 1}/${competencies.length}] ${competency.title}`)} ${style.dim(`(${evidenceCounts[competency.id] ?? 0} evidence, now: ${currentStep?.title ?? (current === NOT_OBSERVED ? 'not observed' : 'unrated')})`)}`,
      );
      if (competency.description !== undefined) ctx.print(wrap(competency.description, 88, '  '));
      printChoices(ctx, competency, scale, currentStep);
      for (;;) {
        ctx.io.stdout.write('> ');
        const next = await lines.next();
        if (next.done === true) return ratings;
        const answer = next.value.trim().toLowerCase();
        if (answer === 'q') return ratings;
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
    rl.close();
  }
  return ratings;
}

/** Lists every step; the expectations in full for the steps around the current rating. */
function printChoices(
  ctx: CliContext,
  competency: Competency,
  scale: readonly ScaleStep[],
  current: ScaleStep | undefined,
): void {
  const centre = current?.index ?? 0;
  for (const step of scale) {
    const expectation = competency.levels[step.id];
    const marker = step.index === current?.index ? ctx.style.green(' (current)') : '';
    ctx.print(`  ${step.index + 1}) ${step.title}${marker}`);
    if (expectation !== undefined && Math.abs(step.index - centre) <= 1)
      ctx.print(wrap(expectation.expectation, 88, '       '));
    else if (expectation === undefined) ctx.print(ctx.style.dim('       does not apply at this level'));
  }
  ctx.print('  n) not observed');
}
