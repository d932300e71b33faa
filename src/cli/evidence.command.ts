import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import type { Evidence, EvidenceCreate } from '../server/api-contract.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/paging.js';
import { EVIDENCE_KINDS } from '../store/schema.js';
import type { Backend } from './backend.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { evidenceCount, shown } from './format.js';
import { withBackend } from './use-backend.js';

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
  body: '--body',
  links: '--link',
  since: '--since',
  until: '--until',
  limit: '--limit',
  cursor: '--cursor',
  sharedWith: '--share-with',
};

/** Rewrites an input error so each problem names the flag the user typed. */
async function inFlagTerms<T>(work: Promise<T>, flags: Readonly<Record<string, string>> = FLAGS): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'input_invalid' || error.problems.length === 0) throw error;
    const lines = error.problems.map((p) => `${flags[String(p.path[0])] ?? p.path.join('.')}: ${p.message}`);
    throw new DomainError(error.code, lines.join('\n'), error.problems);
  }
}

/**
 * Who may see a piece, from the flags: --share is the manager chain, a list of
 * emails (--share-with, or --with on `evidence share`) names people, neither is
 * private. The emails are looked up in the organisation (locally or on the
 * server), and one nobody has is refused by name before anything is written.
 */
async function audienceOf(
  backend: Backend,
  share: boolean,
  emails: readonly string[] | undefined,
  flag: string,
): Promise<Pick<EvidenceCreate, 'visibility' | 'sharedWith'>> {
  if (emails !== undefined) {
    if (share) throw new DomainError('input_invalid', `--share and ${flag}: give one; --share means your managers`);
    if (emails.length === 0) throw new DomainError('input_invalid', `${flag}: name at least one person by email`);
    const found = await backend.peopleByEmail(emails);
    const unknown = emails.filter((email) => !found.has(email.toLowerCase()));
    if (unknown.length > 0) {
      throw new DomainError(
        'input_invalid',
        unknown.map((email) => `${flag}: nobody in the organisation has the email ${JSON.stringify(email)}`).join('\n'),
      );
    }
    return { visibility: 'people', sharedWith: [...new Set(emails.map((e) => found.get(e.toLowerCase()) ?? ''))] };
  }
  return { visibility: share ? 'managers' : 'private' };
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
    .option('--share', 'let your managers see it, up the chain (evidence is private by default)')
    .option('--share-with <emails>', 'let these people see it, by email, comma-separated', list)
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
            shareWith?: string[];
            db?: string;
            json?: boolean;
          },
        ) => {
          const evidence = await inFlagTerms(
            withBackend(ctx, opts.db, async (backend) =>
              backend.logEvidence({
                title,
                // The server checks the kind; the contract's type is its enum.
                kind: opts.kind as Evidence['kind'],
                competencies: opts.competency,
                date: opts.date,
                links: opts.link,
                body: opts.body,
                ...(await audienceOf(backend, opts.share === true, opts.shareWith, '--share-with')),
              }),
            ),
          );
          if (opts.json === true) ctx.printJson(evidence);
          else
            ctx.print(
              `Logged ${evidence.kind} evidence for ${evidence.competencyIds.join(', ')} on ${evidence.date} ${ctx.style.dim(`[${evidence.id.slice(0, 8)}]`)}: ${shown(evidence.title)}`,
            );
          return EXIT.ok;
        },
      ),
    );

  const evidence = program
    .command('evidence')
    .description('look through the evidence you have logged; share, unshare, delete or restore a piece');
  evidence
    .command('list')
    .description('list evidence, newest first')
    .option('-c, --competency <id>', 'only evidence for this competency')
    .option('-k, --kind <kind>', `only this kind: ${EVIDENCE_KINDS.join(', ')}`)
    .option('--since <YYYY-MM-DD>', 'only evidence from this date on')
    .option('--until <YYYY-MM-DD>', 'only evidence up to this date')
    .option('-n, --limit <count>', `how many to show, 1 to ${MAX_PAGE_SIZE} (default: ${DEFAULT_PAGE_SIZE})`)
    .option('--cursor <cursor>', 'go on where the previous list stopped (it prints the command)')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the page as JSON: { items, nextCursor }')
    .action(
      action(
        ctx,
        async (opts: {
          competency?: string;
          kind?: string;
          since?: string;
          until?: string;
          limit?: string;
          cursor?: string;
          db?: string;
          json?: boolean;
        }) => {
          const page = await inFlagTerms(
            withBackend(ctx, opts.db, (backend) =>
              backend.listEvidence({
                competency: opts.competency,
                kind: opts.kind,
                since: opts.since,
                until: opts.until,
                limit: opts.limit,
                cursor: opts.cursor,
              }),
            ),
          );
          if (opts.json === true) {
            ctx.printJson(page);
            return EXIT.ok;
          }
          const rows = page.items;
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
          if (page.nextCursor === null) {
            ctx.print(ctx.style.dim(evidenceCount(rows.length)));
          } else {
            ctx.print(ctx.style.dim(`${evidenceCount(rows.length)} shown; older evidence follows. The next ones:`));
            ctx.print(ctx.style.dim(`  longhaul evidence list ${continueFlags(opts, page.nextCursor)}`));
          }
          return EXIT.ok;
        },
      ),
    );

  const change = (
    name: string,
    description: string,
    work: (backend: Backend, evidence: Evidence, opts: { with?: string[] }) => Promise<Evidence | null>,
    done: (evidence: Evidence) => string,
    withOption?: string,
  ) => {
    const command = evidence
      .command(name)
      .description(description)
      .argument('<id>', 'the evidence id, the start of it as `evidence list` shows it, or `latest` for the newest');
    if (withOption !== undefined) command.option('--with <emails>', withOption, list);
    return command
      .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
      .option('--json', 'print the evidence as JSON')
      .action(
        action(ctx, async (id: string, opts: { db?: string; json?: boolean; with?: string[] }) => {
          const result = await inFlagTerms(
            withBackend(ctx, opts.db, async (backend) => {
              const target = await backend.findOwnEvidence(id);
              return { target, changed: await work(backend, target, opts) };
            }),
            { ...FLAGS, sharedWith: '--with' },
          );
          if (opts.json === true) ctx.printJson(result.changed ?? { ...result.target, deleted: true });
          else ctx.print(done(result.changed ?? result.target));
          return EXIT.ok;
        }),
      );
  };

  change(
    'share',
    'let your managers see a piece of evidence, or only the people you name with --with',
    async (backend, e, opts) =>
      backend.editEvidence(e.id, await audienceOf(backend, opts.with === undefined, opts.with, '--with')),
    (e) => `Shared with ${audienceWords(e)}: ${shown(e.title)}`,
    'share with these people instead of your managers, by email, comma-separated',
  );
  change(
    'unshare',
    'make a piece of evidence private again: only you see it',
    (backend, e) => backend.editEvidence(e.id, { visibility: 'private' }),
    (e) => `Private again: ${shown(e.title)}`,
  );
  change(
    'delete',
    'delete a piece of evidence (undo with: longhaul evidence restore ID)',
    async (backend, e) => {
      await backend.deleteEvidence(e.id);
      return null;
    },
    (e) => `Deleted: ${shown(e.title)}. Undo with: longhaul evidence restore ${e.id}`,
  );
  evidence
    .command('restore')
    .description('undo the deletion of a piece of evidence')
    .argument('<id>', 'the full evidence id, as `evidence delete` printed it')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the evidence as JSON')
    .action(
      action(ctx, async (id: string, opts: { db?: string; json?: boolean }) => {
        const restored = await withBackend(ctx, opts.db, (backend) => backend.restoreEvidence(id));
        if (opts.json === true) ctx.printJson(restored);
        else ctx.print(`Restored: ${shown(restored.title)}`);
        return EXIT.ok;
      }),
    );
}

/** The flags that repeat a list's filters and go on from `cursor`, for the hint under a page. */
function continueFlags(
  opts: { competency?: string; kind?: string; since?: string; until?: string; limit?: string; db?: string },
  cursor: string,
): string {
  const flags: string[] = [];
  const add = (flag: string, value: string | undefined) => {
    if (value !== undefined) flags.push(flag, /^[\w.,:/-]+$/.test(value) ? value : JSON.stringify(value));
  };
  add('--competency', opts.competency);
  add('--kind', opts.kind);
  add('--since', opts.since);
  add('--until', opts.until);
  add('--limit', opts.limit);
  add('--db', opts.db);
  add('--cursor', cursor);
  return flags.join(' ');
}

/** Who besides the author sees a piece: "managers", or how many people. */
function audienceWords(row: Pick<Evidence, 'visibility' | 'sharedWith'>): string {
  if (row.visibility === 'managers') return 'managers';
  const count = row.sharedWith.length;
  return `${count} ${count === 1 ? 'person' : 'people'}`;
}

function formatEvidenceLine(ctx: CliContext, row: Evidence): string {
  const privacy = row.visibility === 'private' ? '' : ctx.style.dim(` (shared with ${audienceWords(row)})`);
  return `${ctx.style.dim(row.id.slice(0, 8))}  ${row.date}  ${ctx.style.cyan(row.kind.padEnd(9))} ${shown(row.title)}${privacy}  ${ctx.style.dim(row.competencyIds.join(', '))}`;
}
