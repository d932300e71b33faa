import { parseCsv, type CsvField, type CsvRecord } from './csv.js';
import type { Problem } from './domain-error.js';
import type { LadderDefinition, Track } from './ladder.schema.js';

/*
 * The people file of `longhaul org import`: one person a row, checked as a
 * whole against the ladder and the organisation as stored, so an import is
 * all or nothing. Pure: the text, the ladder and the stored people come in,
 * the people to import or every problem (located `file:line:col`) go out.
 */

/** The columns of a people file, in the order the documentation shows them; a file may order them freely. */
export const PEOPLE_CSV_COLUMNS = ['email', 'name', 'team', 'manager_email', 'track', 'level'] as const;
/** A column of a people file. */
export type PeopleCsvColumn = (typeof PEOPLE_CSV_COLUMNS)[number];

/** The largest people file an import reads: 5 MiB is some 50,000 people with long names. */
export const PEOPLE_CSV_MAX_BYTES = 5 * 1024 * 1024;
/** The most people one import takes; a larger organisation imports in parts. */
export const PEOPLE_CSV_MAX_ROWS = 50_000;
/** How many problems an error lists; the rest are counted, since the first ones usually explain the others. */
export const PEOPLE_CSV_MAX_PROBLEMS = 20;
/** The longest email address (RFC 5321's path limit). */
export const EMAIL_MAX_LENGTH = 254;
/** The longest name a person may have. */
export const PERSON_NAME_MAX_LENGTH = 200;
/** The longest team name. */
export const TEAM_NAME_MAX_LENGTH = 100;

/** One person as the file states them, checked; emails are lower-cased, since they are matched without case. */
export interface PersonEntry {
  /** The line the person's row starts on. */
  line: number;
  email: string;
  name: string;
  /** The team's name as written, or null for none. */
  team: string | null;
  /** The manager's email, lower-cased, or null for someone at the top. */
  managerEmail: string | null;
  /** A track id of the ladder, or null. */
  trackId: string | null;
  /** A level id of that track, or null. */
  levelId: string | null;
}

/** A person already in the organisation, as the checks need them: their email and their manager's. */
export interface KnownPerson {
  email: string;
  managerEmail: string | null;
}

/** What checking a people file needs besides its text. */
export interface PeopleCsvContext {
  /** The file's name as problems show it: `people.csv`. */
  source: string;
  /** The active ladder: tracks and levels are checked against it. */
  ladder: Pick<LadderDefinition, 'id' | 'tracks'>;
  /** Everyone stored, so a manager may be someone not in the file and a cycle through them is seen. */
  organisation: readonly KnownPerson[];
}

/** The outcome of checking a people file: the people, or every problem found. */
export type PeopleCsvCheck = { ok: true; entries: PersonEntry[] } | { ok: false; problems: Problem[] };

/**
 * Checks a people file. Every problem is reported at once, located at the
 * line and column of the field at fault: a missing or unknown header, a
 * malformed or duplicate email, an empty name, a manager no one has as their
 * email, a cycle in the manager chain (through stored people too), a track or
 * level the ladder lacks. A file over PEOPLE_CSV_MAX_BYTES or with more than
 * PEOPLE_CSV_MAX_ROWS people is refused before anything else.
 */
export function checkPeopleCsv(text: string, context: PeopleCsvContext): PeopleCsvCheck {
  const { source } = context;
  const fail = (message: string): PeopleCsvCheck => ({ ok: false, problems: [{ source, path: [], message }] });

  const bytes = utf8Length(text);
  if (bytes > PEOPLE_CSV_MAX_BYTES) {
    return fail(
      `the file is ${bytes.toLocaleString('en')} bytes; an import takes at most ${megabytes(PEOPLE_CSV_MAX_BYTES)} (${PEOPLE_CSV_MAX_BYTES.toLocaleString('en')} bytes): split it into smaller files`,
    );
  }
  const parsed = parseCsv(text, { maxRecords: PEOPLE_CSV_MAX_ROWS + 1 });
  if (!parsed.ok) {
    return { ok: false, problems: [{ source, line: parsed.line, col: parsed.col, path: [], message: parsed.message }] };
  }
  const [header, ...rows] = parsed.records;
  if (header === undefined) {
    return fail(`the file is empty; its first line names the columns: ${PEOPLE_CSV_COLUMNS.join(', ')}`);
  }
  // The header and PEOPLE_CSV_MAX_ROWS people were read; anything left over is one person too many.
  if (parsed.truncated) {
    return fail(
      `the file lists more than ${PEOPLE_CSV_MAX_ROWS.toLocaleString('en')} people; an import takes at most ${PEOPLE_CSV_MAX_ROWS.toLocaleString('en')}: split it into smaller files`,
    );
  }

  const problems: Problem[] = [];
  const at = (field: Pick<CsvField, 'line' | 'col'>, column: string | null, message: string): void => {
    problems.push({
      source,
      line: field.line,
      col: field.col,
      path: column === null ? [] : [column],
      message: column === null ? message : `column ${column}: ${message}`,
    });
  };

  const columns = readHeader(header, at);
  if (columns === undefined) return { ok: false, problems: sortProblems(problems) };

  const entries: PersonEntry[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const entry = readRow(row, columns, context, at);
    if (entry === undefined) continue;
    const earlier = firstLineOf.get(entry.email);
    if (earlier !== undefined) {
      const emailField = row.fields[columns.email] ?? { line: row.line, col: columns.email + 1 };
      at(
        emailField,
        'email',
        `duplicate email ${quote(entry.email)}: lines ${earlier} and ${row.line}; list each person once`,
      );
      continue;
    }
    firstLineOf.set(entry.email, row.line);
    entries.push(entry);
  }

  const emailsInFile = new Set(rows.map((row) => (row.fields[columns.email]?.value ?? '').trim().toLowerCase()));
  checkManagers(entries, rows, columns, context.organisation, emailsInFile, at);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, entries };
}

/**
 * The error message for the problems of a people file: how many there are,
 * that nothing was imported, and the first PEOPLE_CSV_MAX_PROBLEMS, one a line.
 */
export function describeCsvProblems(
  source: string,
  problems: readonly Problem[],
  format: (p: Problem) => string,
): string {
  const count = problems.length;
  const shown = problems.slice(0, PEOPLE_CSV_MAX_PROBLEMS).map(format);
  const rest = count - shown.length;
  const lines = [
    `${source}: ${count.toLocaleString('en')} problem${count === 1 ? '' : 's'}; nothing was imported`,
    ...shown,
  ];
  if (rest > 0) lines.push(`… and ${rest.toLocaleString('en')} more problem${rest === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** The length of text in UTF-8 bytes, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

type Report = (field: Pick<CsvField, 'line' | 'col'>, column: string | null, message: string) => void;

/** Column name -> 0-based index in each row. */
type Columns = Record<PeopleCsvColumn, number>;

function readHeader(header: CsvRecord, report: Report): Columns | undefined {
  const found = new Map<string, number>();
  let bad = false;
  for (const field of header.fields) {
    const name = field.value.trim().toLowerCase();
    const known = (PEOPLE_CSV_COLUMNS as readonly string[]).includes(name);
    if (!known) {
      report(field, null, `unknown column ${quote(field.value)}; the columns are ${PEOPLE_CSV_COLUMNS.join(', ')}`);
      bad = true;
      continue;
    }
    const earlier = found.get(name);
    if (earlier !== undefined) {
      report(field, null, `column ${name} is named twice, in columns ${earlier + 1} and ${field.col}`);
      bad = true;
      continue;
    }
    found.set(name, field.col - 1);
  }
  const missing = PEOPLE_CSV_COLUMNS.filter((c) => !found.has(c));
  for (const name of missing) {
    report(
      { line: header.line, col: header.fields.length + 1 },
      null,
      `missing column ${name}; the first line names all of ${PEOPLE_CSV_COLUMNS.join(', ')}, in any order`,
    );
  }
  if (bad || missing.length > 0) return undefined;
  return Object.fromEntries(found) as Columns;
}

/** A row as a person, or undefined (with its problems reported) when a field is wrong. */
function readRow(row: CsvRecord, columns: Columns, context: PeopleCsvContext, report: Report): PersonEntry | undefined {
  const width = Object.keys(columns).length;
  if (row.fields.length > width) {
    const extra = row.fields[width] ?? { line: row.line, col: width + 1 };
    report(
      extra,
      null,
      `the line has ${row.fields.length} fields and the header ${width}: quote a value that holds a comma`,
    );
    return undefined;
  }
  const problemsBefore = { count: 0 };
  const flag: Report = (field, column, message) => {
    problemsBefore.count += 1;
    report(field, column, message);
  };
  const cell = (column: PeopleCsvColumn): CsvField => {
    const index = columns[column];
    return row.fields[index] ?? { value: '', line: row.fields.at(-1)?.line ?? row.line, col: index + 1 };
  };
  if (row.fields.length < width) {
    const missing = PEOPLE_CSV_COLUMNS.filter((c) => columns[c] >= row.fields.length).sort(
      (a, b) => columns[a] - columns[b],
    );
    const first = missing[0] ?? 'email';
    flag(
      cell(first),
      first,
      `missing: the line has ${row.fields.length} field${row.fields.length === 1 ? '' : 's'} and the header ${width}`,
    );
    return undefined;
  }

  const emailField = cell('email');
  const email = emailField.value.trim().toLowerCase();
  if (email === '') flag(emailField, 'email', 'empty; every person needs an email address');
  else checkEmail(emailField, 'email', email, flag);

  const nameField = cell('name');
  const name = nameField.value.trim();
  if (name === '') flag(nameField, 'name', 'empty; every person needs a name');
  else if (name.length > PERSON_NAME_MAX_LENGTH) {
    flag(nameField, 'name', `${name.length} characters; a name has at most ${PERSON_NAME_MAX_LENGTH}`);
  }

  const teamField = cell('team');
  const team = teamField.value.trim();
  if (team.length > TEAM_NAME_MAX_LENGTH) {
    flag(teamField, 'team', `${team.length} characters; a team name has at most ${TEAM_NAME_MAX_LENGTH}`);
  }

  const managerField = cell('manager_email');
  const managerEmail = managerField.value.trim().toLowerCase();
  if (managerEmail !== '') {
    checkEmail(managerField, 'manager_email', managerEmail, flag);
    if (managerEmail === email) {
      flag(
        managerField,
        'manager_email',
        `${quote(managerEmail)} is this person's own email; leave it empty for someone without a manager`,
      );
    }
  }

  const placement = readPlacement(cell('track'), cell('level'), context.ladder, flag);
  if (problemsBefore.count > 0 || placement === undefined) return undefined;
  return {
    line: row.line,
    email,
    name,
    team: team === '' ? null : team,
    managerEmail: managerEmail === '' ? null : managerEmail,
    trackId: placement.trackId,
    levelId: placement.levelId,
  };
}

/** Loose on purpose: one @, something before it, a dotted domain after, no spaces; mail servers decide the rest. */
const EMAIL = /^[^\s@",;<>()[\]\\]+@[^\s@",;<>()[\]\\]+\.[^\s@",;<>()[\]\\.][^\s@",;<>()[\]\\]*$/;

function checkEmail(field: CsvField, column: PeopleCsvColumn, email: string, report: Report): void {
  if (email.length > EMAIL_MAX_LENGTH) {
    report(field, column, `${email.length} characters; an email address has at most ${EMAIL_MAX_LENGTH}`);
  } else if (!EMAIL.test(email)) {
    report(field, column, `${quote(field.value.trim())} is not an email address`);
  }
}

/**
 * The track and level of a row: both empty for none; a level without a track
 * is on the ladder's first track. Ids are matched without case, and a level
 * by its title too, as `longhaul gap --to` does.
 */
function readPlacement(
  trackField: CsvField,
  levelField: CsvField,
  ladder: PeopleCsvContext['ladder'],
  report: Report,
): { trackId: string | null; levelId: string | null } | undefined {
  const trackText = trackField.value.trim();
  const levelText = levelField.value.trim();
  if (trackText === '' && levelText === '') return { trackId: null, levelId: null };
  let track: Track | undefined;
  if (trackText === '') {
    track = ladder.tracks[0];
  } else {
    track = ladder.tracks.find((t) => t.id.toLowerCase() === trackText.toLowerCase());
    if (track === undefined) {
      report(
        trackField,
        'track',
        `the ladder "${ladder.id}" has no track ${quote(trackText)} (tracks: ${ladder.tracks.map((t) => t.id).join(', ')})`,
      );
      return undefined;
    }
  }
  if (track === undefined) return undefined;
  if (levelText === '') return { trackId: track.id, levelId: null };
  const wanted = levelText.toLowerCase();
  const level = track.levels.find((l) => l.id.toLowerCase() === wanted || l.title.toLowerCase() === wanted);
  if (level === undefined) {
    report(
      levelField,
      'level',
      `track "${track.id}" has no level ${quote(levelText)} (levels: ${track.levels.map((l) => l.id).join(', ')})`,
    );
    return undefined;
  }
  return { trackId: track.id, levelId: level.id };
}

/**
 * Managers: each must be someone in the file or stored, and following
 * managers from anyone in the file must never come back round. The chain is
 * what the organisation would be after the import: the file's managers for
 * the people it lists, the stored ones for everyone else.
 */
function checkManagers(
  entries: readonly PersonEntry[],
  rows: readonly CsvRecord[],
  columns: Columns,
  organisation: readonly KnownPerson[],
  emailsInFile: ReadonlySet<string>,
  report: Report,
): void {
  const fieldAt = new Map(rows.map((row) => [row.line, row.fields[columns.manager_email]]));
  const where = (entry: PersonEntry) => fieldAt.get(entry.line) ?? { line: entry.line, col: columns.manager_email + 1 };
  const managerOf = new Map<string, string | null>();
  for (const person of organisation)
    managerOf.set(person.email.toLowerCase(), person.managerEmail?.toLowerCase() ?? null);
  const inFile = new Map<string, PersonEntry>();
  for (const entry of entries) inFile.set(entry.email, entry);
  for (const entry of entries) managerOf.set(entry.email, entry.managerEmail);

  for (const entry of entries) {
    // A manager on a row with problems of its own is in the file: that row's problems are reported already.
    if (entry.managerEmail !== null && !managerOf.has(entry.managerEmail) && !emailsInFile.has(entry.managerEmail)) {
      report(
        where(entry),
        'manager_email',
        `no one in the file or the organisation has the email ${quote(entry.managerEmail)}`,
      );
    }
  }

  // Walk up from each person in the file; `done` holds everyone whose chain is known to end.
  const done = new Set<string>();
  const reported = new Set<string>();
  for (const entry of entries) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | null = entry.email;
    while (current !== null && !done.has(current) && !onPath.has(current)) {
      onPath.set(current, path.length);
      path.push(current);
      current = managerOf.get(current) ?? null;
    }
    if (current !== null && onPath.has(current)) {
      const loop = path.slice(onPath.get(current));
      const members = loop.map((email) => inFile.get(email)).filter((e): e is PersonEntry => e !== undefined);
      const first = members.sort((a, b) => a.line - b.line)[0];
      if (first !== undefined && !loop.some((email) => reported.has(email))) {
        const start = loop.indexOf(first.email);
        const ordered = [...loop.slice(start), ...loop.slice(0, start), first.email];
        report(
          where(first),
          'manager_email',
          `the manager chain loops: ${ordered.join(' -> ')} (each is managed by the next)`,
        );
        for (const email of loop) reported.add(email);
      }
    }
    for (const email of path) done.add(email);
  }
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** A value as a message shows it: in quotes, with control characters escaped and long text cut. */
function quote(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return JSON.stringify(cut);
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
