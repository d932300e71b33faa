import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from './domain-error.js';
import { parseLadder } from './ladder-loader.js';
import {
  checkPeopleCsv,
  describeCsvProblems,
  PEOPLE_CSV_MAX_BYTES,
  PEOPLE_CSV_MAX_ROWS,
  utf8Length,
  type KnownPerson,
} from './people-csv.js';

// One track, ic, with levels junior and senior.
const ladder = parseLadder(readFileSync(new URL('./fixtures/small-ladder.yaml', import.meta.url), 'utf8'));
const HEADER = 'email,name,team,manager_email,track,level';

/** The problems of a file as the CLI prints them, or the entries when it is valid. */
function check(text: string, organisation: readonly KnownPerson[] = []) {
  const result = checkPeopleCsv(text, { source: 'people.csv', ladder, organisation });
  return result.ok ? { entries: result.entries } : { problems: result.problems.map(formatProblem) };
}

const file = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('checkPeopleCsv', () => {
  it('reads people in any column order and header case, lower-cases emails, trims values, and accepts BOM and CRLF', () => {
    const text =
      '\ufeffName,EMAIL,Level,Track,Manager_Email,team\r\n' +
      ' Ada Lovelace ,Ada@Example.com,Senior,IC,,Platform\r\n' +
      'Grace Hopper,grace@example.com,junior,,ADA@example.com,\r\n' +
      'Alan Turing,alan@example.com,,,,\r\n';
    expect(check(text)).toEqual({
      entries: [
        {
          line: 2,
          email: 'ada@example.com',
          name: 'Ada Lovelace',
          team: 'Platform',
          managerEmail: null,
          trackId: 'ic',
          levelId: 'senior',
        },
        // A level without a track is on the ladder's first track.
        {
          line: 3,
          email: 'grace@example.com',
          name: 'Grace Hopper',
          team: null,
          managerEmail: 'ada@example.com',
          trackId: 'ic',
          levelId: 'junior',
        },
        {
          line: 4,
          email: 'alan@example.com',
          name: 'Alan Turing',
          team: null,
          managerEmail: null,
          trackId: null,
          levelId: null,
        },
      ],
    });
  });

  it('takes a manager who is stored but not in the file', () => {
    const result = check(file('ada@example.com,Ada,,boss@example.com,,'), [
      { email: 'boss@example.com', managerEmail: null },
    ]);
    expect(result).toMatchObject({ entries: [{ email: 'ada@example.com', managerEmail: 'boss@example.com' }] });
  });

  // [what, file, the problems exactly as printed]
  it.each<[string, string, string[]]>([
    [
      'an unknown manager',
      file('ada@example.com,Ada,,x@y.org,,'),
      ['people.csv:2:4: column manager_email: no one in the file or the organisation has the email "x@y.org"'],
    ],
    [
      'a cycle in the manager chain, naming its emails, at the first line of it',
      file(
        'top@example.com,Top,,,,',
        'a@example.com,A,,b@example.com,,',
        'b@example.com,B,,c@example.com,,',
        'c@example.com,C,,a@example.com,,',
        'd@example.com,D,,a@example.com,,',
      ),
      [
        'people.csv:3:4: column manager_email: the manager chain loops: a@example.com -> b@example.com -> c@example.com -> a@example.com (each is managed by the next)',
      ],
    ],
    [
      'a person managing themself',
      file('ada@example.com,Ada,,ADA@example.com,,'),
      [
        'people.csv:2:4: column manager_email: "ada@example.com" is this person\'s own email; leave it empty for someone without a manager',
      ],
    ],
    [
      'a duplicate email, naming both lines',
      file('ada@example.com,Ada,,,,', 'bob@example.com,Bob,,,,', 'ADA@example.com,Ada again,,,,'),
      ['people.csv:4:1: column email: duplicate email "ada@example.com": lines 2 and 4; list each person once'],
    ],
    [
      'a level the track lacks, listing the valid ids',
      file('ada@example.com,Ada,,,ic,wizard'),
      ['people.csv:2:6: column level: track "ic" has no level "wizard" (levels: junior, senior)'],
    ],
    [
      'a track the ladder lacks, listing the valid ids',
      file('ada@example.com,Ada,,,manager,senior'),
      ['people.csv:2:5: column track: the ladder "small" has no track "manager" (tracks: ic)'],
    ],
    [
      'a malformed email',
      file('ada.example.com,Ada,,,,', 'bob@example.com,Bob,,not an email,,'),
      [
        'people.csv:2:1: column email: "ada.example.com" is not an email address',
        'people.csv:3:4: column manager_email: "not an email" is not an email address',
      ],
    ],
    [
      'an empty email and an empty name',
      file(',Ada,,,,', 'bob@example.com,  ,,,,'),
      [
        'people.csv:2:1: column email: empty; every person needs an email address',
        'people.csv:3:2: column name: empty; every person needs a name',
      ],
    ],
    [
      'too many fields and too few',
      file('ada@example.com,Ada,Platform,,ic,senior,extra', 'bob@example.com,Bob,Platform,'),
      [
        'people.csv:2:7: the line has 7 fields and the header 6: quote a value that holds a comma',
        'people.csv:3:5: column track: missing: the line has 4 fields and the header 6',
      ],
    ],
    [
      'an unknown header and a missing one',
      'email,name,team,manager,track,level\nada@example.com,Ada,,,,',
      [
        'people.csv:1:4: unknown column "manager"; the columns are email, name, team, manager_email, track, level',
        'people.csv:1:7: missing column manager_email; the first line names all of email, name, team, manager_email, track, level, in any order',
      ],
    ],
    [
      'a header named twice',
      'email,name,team,manager_email,track,level,Email\n',
      ['people.csv:1:7: column email is named twice, in columns 1 and 7'],
    ],
    [
      'a CSV syntax error, where it is',
      file('ada@example.com,"Ada,,,,'),
      ['people.csv:2:2: a quoted field is never closed: add the missing closing quote (")'],
    ],
    [
      'an empty file',
      '',
      [
        'people.csv: the file is empty; its first line names the columns: email, name, team, manager_email, track, level',
      ],
    ],
    [
      'a name longer than 200 characters',
      file(`ada@example.com,${'A'.repeat(201)},,,,`),
      ['people.csv:2:2: column name: 201 characters; a name has at most 200'],
    ],
    [
      'a quoted multi-line name on a later line keeps the line of the row below',
      file('"ada@example.com","Ada\nLovelace",,,,', 'bob@example.com,Bob,,nobody@example.com,,'),
      [
        'people.csv:4:4: column manager_email: no one in the file or the organisation has the email "nobody@example.com"',
      ],
    ],
  ])('refuses %s', (_what, text, expected) => {
    expect(check(text)).toEqual({ problems: expected });
  });

  it('sees a cycle that runs through a stored person the file does not list', () => {
    // Stored: boss is managed by ada. The file makes ada managed by boss.
    const stored = [
      { email: 'ada@example.com', managerEmail: null },
      { email: 'boss@example.com', managerEmail: 'ada@example.com' },
    ];
    expect(check(file('ada@example.com,Ada,,boss@example.com,,'), stored)).toEqual({
      problems: [
        'people.csv:2:4: column manager_email: the manager chain loops: ada@example.com -> boss@example.com -> ada@example.com (each is managed by the next)',
      ],
    });
  });

  it('does not blame a manager whose own row has problems for being unknown', () => {
    expect(check(file('boss@example.com,,,,,', 'ada@example.com,Ada,,boss@example.com,,'))).toEqual({
      problems: ['people.csv:2:2: column name: empty; every person needs a name'],
    });
  });

  it('refuses a file over the size limit before reading it, and more rows than the row limit', () => {
    const big = `${HEADER}\n${'x'.repeat(PEOPLE_CSV_MAX_BYTES)}`;
    expect(check(big)).toEqual({
      problems: [
        'people.csv: the file is 5,242,922 bytes; an import takes at most 5 MB (5,242,880 bytes): split it into smaller files',
      ],
    });
    const rows = Array.from({ length: PEOPLE_CSV_MAX_ROWS + 1 }, (_, i) => `p${i}@example.com,P,,,,`);
    expect(check(file(...rows))).toEqual({
      problems: [
        'people.csv: the file lists more than 50,000 people; an import takes at most 50,000: split it into smaller files',
      ],
    });
  });

  it('counts UTF-8 bytes as a file holds them', () => {
    expect(['a', 'é', '€', '😀'].map(utf8Length)).toEqual([1, 2, 3, 4]);
  });

  it('lists at most 20 problems in its message and counts the rest', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `bad${i},P,,,,`);
    const result = checkPeopleCsv(file(...rows), { source: 'people.csv', ladder, organisation: [] });
    if (result.ok) throw new Error('expected problems');
    const message = describeCsvProblems('people.csv', result.problems, formatProblem).split('\n');
    expect(message[0]).toBe('people.csv: 25 problems; nothing was imported');
    expect(message.slice(1, 21)).toHaveLength(20);
    expect(message[1]).toBe('people.csv:2:1: column email: "bad0" is not an email address');
    expect(message[21]).toBe('… and 5 more problems');
    expect(message).toHaveLength(22);
  });
});
