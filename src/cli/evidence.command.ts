import type { Command } from 'commander';
import { DomainError, notFound } from '../core/domain-error.js';
import {
  deleteEvidence,
  editEvidence,
  findEvidence,
  findEvidenceByIdPrefix,
  getEvidenceIncludingDeleted,
  logEvidence,
  undeleteEvidence,
  type Evidence,
} from '../services/evidence.service.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/paging.js';
import { findPeopleByEmailIgnoringCase } from '../store/people.repository.js';
import { EVIDENCE_KINDS, type EvidenceVisibility } from '../store/schema.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { evidenceCount, shown } from './format.js';
import { today, withSession, type Session } from './workspace.js';

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
 * The people these emails name (compared in any case), for sharing evidence
 * with them by name: every email that names nobody is reported, by the flag
 * it came with, before anything is written. Duplicates count once.
 */
async function peopleByEmail(session: Session, emails: readonly string[], flag: string): Promise<string[]> {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const email of emails) {
    const [person] = await findPeopleByEmailIgnoringCase(session.db, email, 1);
    if (person === undefined) unknown.push(email);
    else if (!ids.includes(person.id)) ids.push(person.id);
  }
  if (unknown.length > 0) {
    throw new DomainError(
      'input_invalid',
      unknown.map((email) => `${flag}: nobody in the organisation has the email ${JSON.stringify(email)}`).join('\n'),
    );
  }
  if (ids.length === 0) throw new DomainError('input_invalid', `${flag}: name at least one person by email`);
  return ids;
}

/** The audience a command line asks for: managers with `--share`, named people with emails, else private. */
async function audienceOf(
  session: Session,
  share: boolean,
  emails: readonly string[] | undefined,
  flag: string,
): Promise<{ visibility: EvidenceVisibility; sharedWith?: string[] }> {
  if (emails !== undefined) {
    if (share) throw new DomainError('input_invalid', `--share and ${flag}: give one; --share means your managers`);
    return { visibility: 'people', sharedWith: await peopleByEmail(session, emails, flag) };
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
            withSession(ctx, opts.db, async (session) => {
              const { db, ladder, person } = session;
              const audience = await audienceOf(session, opts.share === true, opts.shareWith, '--share-with');
              return logEvidence(
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
                  ...audience,
                },
                today(ctx, person),
              );
            }),
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
            withSession(ctx, opts.db, ({ db, ladder, person }) =>
              findEvidence(db, ladder, person.id, {
                competency: opts.competency,
                kind: opts.kind,
                since: opts.since,
                until: opts.until,
                limit: opts.limit === undefined ? undefined : parseCount(opts.limit),
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

  /** A command that changes one piece of one's own evidence, named by id. */
  const change = (name: string, description: string) =>
    evidence
      .command(name)
      .description(description)
      .argument('<id>', 'the evidence id, the start of it as `evidence list` shows it, or `latest` for the newest')
      .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
      .option('--json', 'print the evidence as JSON');

  /** What such a command does: find the piece, change it, say what happened. */
  const run =
    (
      work: (session: Session, evidence: Evidence, opts: { with?: string[] }) => Promise<Evidence | null>,
      done: (evidence: Evidence) => string,
    ) =>
    async (id: string, opts: { db?: string; json?: boolean; with?: string[] }) => {
      const result = await inFlagTerms(
        withSession(ctx, opts.db, async (session) => {
          const target = await findOwnEvidence(session, id);
          return { target, changed: await work(session, target, opts) };
        }),
        { ...FLAGS, sharedWith: '--with' },
      );
      if (opts.json === true) ctx.printJson(result.changed ?? { ...result.target, deleted: true });
      else ctx.print(done(result.changed ?? result.target));
      return EXIT.ok;
    };

  const shareWork = async (session: Session, e: Evidence, opts: { with?: string[] }) => {
    const audience = await audienceOf(session, opts.with === undefined, opts.with, '--with');
    return editEvidence(session.db, session.ladder, e.id, audience, today(ctx, session.person));
  };
  const shareDone = (e: Evidence) => `Shared with ${audienceWords(e)}: ${shown(e.title)}`;
  change('share', 'let your managers see a piece of evidence, or only the people you name with --with')
    .option('--with <emails>', 'share with these people instead of your managers, by email, comma-separated', list)
    .action(action(ctx, run(shareWork, shareDone)));
  const unshareWork = ({ db, ladder, person }: Session, e: Evidence) =>
    editEvidence(db, ladder, e.id, { visibility: 'private' }, today(ctx, person));
  const unshareDone = (e: Evidence) => `Private again: ${shown(e.title)}`;
  change('unshare', 'make a piece of evidence private again: only you see it').action(
    action(ctx, run(unshareWork, unshareDone)),
  );
  const deleteWork = async ({ db }: Session, e: Evidence) => {
    await deleteEvidence(db, e.id);
    return null;
  };
  const deleteDone = (e: Evidence) => `Deleted: ${shown(e.title)}. Undo with: longhaul evidence restore ${e.id}`;
  change('delete', 'delete a piece of evidence (undo with: longhaul evidence restore ID)').action(
    action(ctx, run(deleteWork, deleteDone)),
  );
  evidence
    .command('restore')
    .description('undo the deletion of a piece of evidence')
    .argument('<id>', 'the full evidence id, as `evidence delete` printed it')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the evidence as JSON')
    .action(
      action(ctx, async (id: string, opts: { db?: string; json?: boolean }) => {
        const restored = await withSession(ctx, opts.db, async ({ db, ladder, person }) => {
          const { evidence: found } = await getEvidenceIncludingDeleted(db, id);
          if (found.personId !== person.id) throw notFound('evidence_not_found', id, { in: 'your evidence' });
          return undeleteEvidence(db, ladder, id);
        });
        if (opts.json === true) ctx.printJson(restored);
        else ctx.print(`Restored: ${shown(restored.title)}`);
        return EXIT.ok;
      }),
    );
}

/** The word that names the newest piece of evidence, the first line of `evidence list`; ids are hex, so it never clashes. */
const LATEST = 'latest';

/**
 * Finds one of the local person's own pieces of evidence by its id, a
 * unique start of it (the eight characters lists show), or `latest`. Someone else's
 * evidence in a shared database is never matched.
 */
async function findOwnEvidence({ db, ladder, person }: Session, id: string): Promise<Evidence> {
  const wanted = id.trim().toLowerCase();
  if (wanted === LATEST) {
    const [newest] = (await findEvidence(db, ladder, person.id, { limit: 1 })).items;
    if (newest === undefined)
      throw notFound('evidence_not_found', null, { in: 'your evidence', hint: 'log some first' });
    return newest;
  }
  if (wanted.length < 4)
    throw new DomainError(
      'input_invalid',
      `"${id}" is too short to name evidence; give at least 4 characters of its id`,
    );
  const matches = await findEvidenceByIdPrefix(db, ladder, person.id, wanted, 2);
  const [only, ...others] = matches;
  if (only === undefined) {
    throw notFound('evidence_not_found', id, { in: 'your evidence', hint: 'see: longhaul evidence list' });
  }
  if (others.length > 0)
    throw new DomainError('input_invalid', `"${id}" starts more than one evidence id; give more characters`);
  return only;
}

/**
 * A count from the command line. Anything but plain digits is left as it is
 * written, so the service refuses it with the same words as a bad count.
 */
function parseCount(value: string): number {
  return /^[0-9]{1,6}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
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

/** Who a piece of evidence is shared with, in the words of the list: "managers", "2 people". */
function audienceWords(row: Pick<Evidence, 'visibility' | 'sharedWith'>): string {
  if (row.visibility === 'managers') return 'managers';
  const count = row.sharedWith.length;
  return `${count} ${count === 1 ? 'person' : 'people'}`;
}

function formatEvidenceLine(ctx: CliContext, row: Evidence): string {
  const privacy = row.visibility === 'private' ? '' : ctx.style.dim(` (shared with ${audienceWords(row)})`);
  return `${ctx.style.dim(row.id.slice(0, 8))}  ${row.date}  ${ctx.style.cyan(row.kind.padEnd(9))} ${shown(row.title)}${privacy}  ${ctx.style.dim(row.competencyIds.join(', '))}`;
}
