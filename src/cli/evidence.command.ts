import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import { findEvidence, logEvidence, type Evidence } from '../services/evidence.service.js';
import { EVIDENCE_KINDS } from '../store/schema.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { plural } from './format.js';
import { today, withSession } from './workspace.js';

const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== ''),
];
const repeat = (value: string, previous: string[] = []) => [...previous, value];

/** The service names fields; the user typed flags. */
const FLAGS: Readonly<Record<string, string>> = {
  title: 'TITLE',
  kind: '--kind',
  competencies: '--competency',
  competency: '--competency',
  date: '--date',
  links: '--link',
  since: '--since',
  until: '--until',
};

/** Rewrites an input error so each problem names the flag the user typed. */
async function inFlagTerms<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'input_invalid' || error.problems.length === 0) throw error;
    const lines = error.problems.map((p) => `${FLAGS[String(p.path[0])] ?? p.path.join('.')}: ${p.message}`);
    throw new DomainError(error.code, lines.join('\n'), error.problems);
  }
}

/** `longhaul log` and `longhaul evidence …`: the record of what someone actually did. */
export function registerEvidenceCommands(program: Command, ctx: CliContext): void {
  program
    .command('log')
    .description('record a piece of evidence: an incident handled, a design, a review, mentoring, a delivery')
    .argument('<title>', 'one line saying what you did')
    .requiredOption('-k, --kind <kind>', `what kind of work it was: ${EVIDENCE_KINDS.join(', ')}`)
    .requiredOption(
      '-c, --competency <ids>',
      'competencies it shows, comma-separated (see: longhaul ladder show)',
      list,
    )
    .option('-d, --date <YYYY-MM-DD>', 'when it happened (default: today)')
    .option('-l, --link <url>', 'a link to the design doc, incident review, pull request… (repeatable)', repeat)
    .option('-b, --body <markdown>', 'the details, in Markdown')
    .option('--share', 'let your manager and reviewers see it (evidence is private by default)')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the stored evidence as JSON')
    .action(
      action(
        ctx,
        async (
          title: string,
          opts: {
            kind: string;
            competency: string[];
            date?: string;
            link?: string[];
            body?: string;
            share?: boolean;
            db?: string;
            json?: boolean;
          },
        ) => {
          const evidence = await inFlagTerms(
            withSession(ctx, opts.db, ({ db, ladder, person }) =>
              logEvidence(
                db,
                ladder,
                person.id,
                {
                  title,
                  kind: opts.kind,
                  competencies: opts.competency,
                  date: opts.date,
                  links: opts.link,
                  body: opts.body,
                  visibility: opts.share === true ? 'shared' : 'private',
                },
                today(ctx),
              ),
            ),
          );
          if (opts.json === true) ctx.printJson(evidence);
          else
            ctx.print(
              `Logged ${evidence.kind} evidence for ${evidence.competencyIds.join(', ')} on ${evidence.date} ${ctx.style.dim(`[${evidence.id.slice(0, 8)}]`)}: ${evidence.title}`,
            );
          return EXIT.ok;
        },
      ),
    );

  const evidence = program.command('evidence').description('look through the evidence you have logged');
  evidence
    .command('list')
    .description('list evidence, newest first')
    .option('-c, --competency <id>', 'only evidence for this competency')
    .option('-k, --kind <kind>', `only this kind: ${EVIDENCE_KINDS.join(', ')}`)
    .option('--since <YYYY-MM-DD>', 'only evidence from this date on')
    .option('--until <YYYY-MM-DD>', 'only evidence up to this date')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the evidence as JSON')
    .action(
      action(
        ctx,
        async (opts: {
          competency?: string;
          kind?: string;
          since?: string;
          until?: string;
          db?: string;
          json?: boolean;
        }) => {
          const rows = await inFlagTerms(
            withSession(ctx, opts.db, ({ db, ladder, person }) =>
              findEvidence(db, ladder, person.id, {
                competency: opts.competency,
                kind: opts.kind,
                since: opts.since,
                until: opts.until,
              }),
            ),
          );
          if (opts.json === true) {
            ctx.printJson(rows);
            return EXIT.ok;
          }
          if (rows.length === 0) {
            const filtered =
              opts.competency !== undefined ||
              opts.kind !== undefined ||
              opts.since !== undefined ||
              opts.until !== undefined;
            ctx.print(
              filtered
                ? 'No evidence matches these filters.'
                : 'No evidence yet. Log some: longhaul log "Led the checkout incident review" --kind incident --competency reliability',
            );
            return EXIT.ok;
          }
          for (const row of rows) ctx.print(formatEvidenceLine(ctx, row));
          ctx.print(ctx.style.dim(plural(rows.length, 'piece of evidence', 'pieces of evidence')));
          return EXIT.ok;
        },
      ),
    );
}

function formatEvidenceLine(ctx: CliContext, row: Evidence): string {
  const privacy = row.visibility === 'private' ? '' : ctx.style.dim(' (shared)');
  return `${row.date}  ${ctx.style.cyan(row.kind.padEnd(9))} ${row.title}${privacy}  ${ctx.style.dim(row.competencyIds.join(', '))}`;
}
