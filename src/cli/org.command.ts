import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import { PEOPLE_CSV_MAX_BYTES } from '../core/people-csv.js';
import type { ImportPlan } from '../server/api-contract.js';
import { getOrgPerson, type OrgPerson } from '../services/org.service.js';
import type { PersonAtDepth } from '../store/organisation.repository.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { requireLocal, withBackend } from './use-backend.js';
import { plural, shown } from './format.js';
import { withSession } from './workspace.js';

/** How many added or updated people the text output names before it counts the rest (--json lists all). */
const LISTED = 20;

/** `longhaul org …`: import the organisation from a people file, list its teams, show one person's place in it. */
export function registerOrgCommands(program: Command, ctx: CliContext): void {
  const org = program
    .command('org')
    .description('the organisation: import people from a CSV file, list teams, show who manages whom');

  org
    .command('import')
    .description(
      'add or update people from a CSV file (email, name, team, manager_email, track, level); all or nothing',
    )
    .argument('<file>', 'the people file; see docs/organisation.md for its columns')
    .option('--dry-run', 'check the file and say what would change, writing nothing')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the plan as JSON')
    .action(
      action(ctx, async (file: string, opts: { dryRun?: boolean; db?: string; json?: boolean }) => {
        const text = readPeopleFile(ctx, file);
        const plan = await withBackend(ctx, opts.db, (backend) =>
          backend.importOrganisation(text, { fileName: file, dryRun: opts.dryRun === true }),
        );
        if (opts.json === true) ctx.printJson(plan);
        else printPlan(ctx, plan);
        return EXIT.ok;
      }),
    );

  org
    .command('teams')
    .description('list the teams, with how many active people each has')
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the teams as JSON')
    .action(
      action(ctx, async (opts: { db?: string; json?: boolean }) => {
        // The whole list: a terminal wants every team, not a page (the server's pages are read one by one).
        const teams = await withBackend(ctx, opts.db, (backend) => backend.listTeams());
        if (opts.json === true) {
          ctx.printJson(teams);
          return EXIT.ok;
        }
        if (teams.length === 0) {
          ctx.print('No teams yet. Import people with their teams: longhaul org import people.csv');
          return EXIT.ok;
        }
        const width = Math.max(...teams.map((t) => t.name.length));
        for (const team of teams)
          ctx.print(`${shown(team.name).padEnd(width)}  ${plural(team.members, 'person', 'people')}`);
        return EXIT.ok;
      }),
    );

  org
    .command('show')
    .description("one person's place: team, track and level, roles, their managers up to the top, and their reports")
    .argument('<email>', "the person's email")
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db)')
    .option('--json', 'print the person as JSON')
    .action(
      action(ctx, async (email: string, opts: { db?: string; json?: boolean }) => {
        requireLocal(ctx, opts.db, 'org show');
        const found = await withSession(ctx, opts.db, ({ db }) => getOrgPerson(db, email));
        if (opts.json === true) ctx.printJson(showJson(found));
        else printPerson(ctx, found);
        return EXIT.ok;
      }),
    );
}

/**
 * Reads a people file, refusing one over the size limit before reading it,
 * so a wrong path to a huge file costs nothing.
 *
 * @throws DomainError `input_invalid` (missing, unreadable or too large).
 */
function readPeopleFile(ctx: CliContext, file: string): string {
  const path = resolve(ctx.io.cwd, file);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new DomainError('input_invalid', `${file} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why = READ_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
    throw new DomainError('input_invalid', `cannot read ${file}: ${why}`);
  }
  if (size > PEOPLE_CSV_MAX_BYTES) {
    throw new DomainError(
      'input_invalid',
      `${file}: the file is ${size.toLocaleString('en')} bytes; an import takes at most 5 MB (${PEOPLE_CSV_MAX_BYTES.toLocaleString('en')} bytes): split it into smaller files`,
    );
  }
  return readFileSync(path, 'utf8');
}

/** Why a file cannot be read, in words, for the errors a mistyped path usually gives. */
const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  ENOTDIR: 'a folder on its path is a file',
};

function printPlan(ctx: CliContext, plan: ImportPlan): void {
  const source = shown(plan.source);
  ctx.print(plan.dryRun ? `Dry run of ${source}: nothing was written. The import would:` : `Imported ${source}:`);
  const verb = (done: string, would: string) => (plan.dryRun ? would : done);
  ctx.print(`  ${verb('added', 'add')} ${plural(plan.added.length, 'person', 'people')}`);
  for (const person of plan.added.slice(0, LISTED)) ctx.print(`    + ${shown(person.email)}  ${shown(person.name)}`);
  if (plan.added.length > LISTED)
    ctx.print(ctx.style.dim(`    … and ${plan.added.length - LISTED} more (--json lists all)`));
  ctx.print(`  ${verb('updated', 'update')} ${plural(plan.updated.length, 'person', 'people')}`);
  for (const person of plan.updated.slice(0, LISTED)) {
    ctx.print(`    ~ ${shown(person.email)}: ${person.changes.map(describeChange).join('; ')}`);
  }
  if (plan.updated.length > LISTED) {
    ctx.print(ctx.style.dim(`    … and ${plan.updated.length - LISTED} more (--json lists all)`));
  }
  ctx.print(`  ${verb('left', 'leave')} ${plural(plan.unchanged, 'person', 'people')} unchanged`);
  if (plan.teamsCreated.length > 0) {
    ctx.print(
      `  ${verb('created', 'create')} ${plural(plan.teamsCreated.length, 'team', 'teams')}: ${plan.teamsCreated.map(shown).join(', ')}`,
    );
  }
  if (plan.notInFile > 0) {
    ctx.print(
      ctx.style.dim(
        `${plural(plan.notInFile, 'person', 'people')} in the organisation ${plan.notInFile === 1 ? 'is' : 'are'} not in the file and ${plan.dryRun ? 'would stay' : 'stayed'} as they were; an import never removes or deactivates anyone.`,
      ),
    );
  }
  if (plan.dryRun) ctx.print(ctx.style.dim('Run it without --dry-run to write these changes.'));
}

function describeChange(change: ImportPlan['updated'][number]['changes'][number]): string {
  const value = (v: string | null) => (v === null ? '(none)' : shown(v));
  return `${change.field} ${value(change.from)} -> ${value(change.to)}`;
}

function printPerson(ctx: CliContext, found: OrgPerson): void {
  const { person } = found;
  ctx.print(`${ctx.style.bold(shown(person.name))}  ${shown(person.email ?? '(no email)')}`);
  ctx.print(`  team     ${person.team === null ? '(none)' : shown(person.team)}`);
  const placement =
    person.trackId === null ? '(none)' : `${person.trackId}${person.levelId === null ? '' : `, ${person.levelId}`}`;
  ctx.print(`  level    ${shown(placement)}`);
  ctx.print(`  roles    ${found.roles.join(', ')}`);
  if (person.deactivatedAt !== null)
    ctx.print(`  ${ctx.style.yellow(`deactivated on ${person.deactivatedAt.slice(0, 10)}`)}`);
  ctx.print(
    `  managers ${found.managers.length === 0 ? '(none: at the top)' : found.managers.map((m) => shown(m.name)).join(' -> ')}`,
  );
  if (found.reports.length === 0) {
    ctx.print('  reports  (none)');
    return;
  }
  const direct = found.reports.filter((r) => r.depth === 1).length;
  ctx.print(`  reports  ${direct} direct, ${found.reports.length} in all`);
  for (const report of treeOrder(found.reports, person.id)) {
    ctx.print(
      `  ${'  '.repeat(report.depth)}${shown(report.name)}${report.email === null ? '' : `  ${ctx.style.dim(shown(report.email))}`}${report.deactivatedAt === null ? '' : ctx.style.yellow(' (deactivated)')}`,
    );
  }
}

/** The report tree in outline order: each manager followed by the people under them (each report is in it once). */
function treeOrder(reports: readonly PersonAtDepth[], rootId: string): PersonAtDepth[] {
  const under = new Map<string, PersonAtDepth[]>();
  for (const report of reports) {
    const key = report.managerId ?? '';
    under.set(key, [...(under.get(key) ?? []), report]);
  }
  const out: PersonAtDepth[] = [];
  const visit = (id: string) => {
    for (const child of under.get(id) ?? []) {
      out.push(child);
      visit(child.id);
    }
  };
  visit(rootId);
  return out;
}

/** `org show --json`: the person, their roles, and the chain and the tree as short entries. */
function showJson(found: OrgPerson) {
  const brief = (p: PersonAtDepth) => ({ id: p.id, name: p.name, email: p.email, team: p.team, depth: p.depth });
  return {
    person: found.person,
    roles: found.roles,
    managers: found.managers.map(brief),
    reports: found.reports.map(brief),
  };
}
