import { describe, expect, it } from 'vitest';
import type { ImportPlan } from '../server/api-contract.js';
import {
  describeFieldChange,
  describeLocation,
  describeNotInFile,
  EXAMPLE_PEOPLE_FILE,
  EXAMPLE_PEOPLE_FILE_HREF,
  importFileName,
  locateProblem,
  PEOPLE_FILE_COLUMNS,
  summarisePlan,
} from './org-import-view.js';

const plan = (overrides: Partial<ImportPlan> = {}): ImportPlan => ({
  source: 'people.csv',
  dryRun: true,
  applied: false,
  added: [],
  updated: [],
  unchanged: 0,
  teamsCreated: [],
  notInFile: 0,
  ...overrides,
});

describe('the people file', () => {
  it('names the six columns, and the example has exactly them as its header', () => {
    expect(PEOPLE_FILE_COLUMNS.map((c) => c.name)).toEqual([
      'email',
      'name',
      'team',
      'manager_email',
      'track',
      'level',
    ]);
    expect(EXAMPLE_PEOPLE_FILE.split('\n')[0]).toBe(PEOPLE_FILE_COLUMNS.map((c) => c.name).join(','));
    expect(decodeURIComponent(EXAMPLE_PEOPLE_FILE_HREF.replace(/^data:text\/csv;charset=utf-8,/, ''))).toBe(
      EXAMPLE_PEOPLE_FILE,
    );
  });

  it('locates problems in the file named, with a line, a column, or neither', () => {
    expect(locateProblem('team.csv:3:4: column manager_email: no one has the email "x@y.org"', 'team.csv')).toEqual({
      line: 3,
      column: 4,
      text: 'column manager_email: no one has the email "x@y.org"',
    });
    expect(locateProblem('team.csv:7: a line too many', 'team.csv')).toEqual({
      line: 7,
      column: null,
      text: 'a line too many',
    });
    expect(locateProblem('team.csv: the file is empty', 'team.csv')).toEqual({
      line: null,
      column: null,
      text: 'the file is empty',
    });
    expect(locateProblem('something else', 'team.csv')).toEqual({ line: null, column: null, text: 'something else' });
    expect(describeLocation({ line: 3, column: 4, text: '' })).toBe('Line 3, column 4');
    expect(describeLocation({ line: 7, column: null, text: '' })).toBe('Line 7');
    expect(describeLocation({ line: null, column: null, text: '' })).toBe('The whole file');
  });

  it('names pasted text people.csv and keeps a chosen file its name, within what the API takes', () => {
    expect(importFileName(null)).toBe('people.csv');
    expect(importFileName('  ')).toBe('people.csv');
    expect(importFileName('org-2026.csv')).toBe('org-2026.csv');
    expect(importFileName(`${'a'.repeat(300)}.csv`)).toHaveLength(200);
  });
});

describe('the plan in words', () => {
  it('says what a dry run would do, and that nothing is written yet', () => {
    const sentence = summarisePlan(
      plan({
        added: [{ line: 2, email: 'a@example.com', name: 'A' }],
        updated: [
          { line: 3, email: 'b@example.com', name: 'B', changes: [{ field: 'team', from: 'Payments', to: 'Search' }] },
          { line: 4, email: 'c@example.com', name: 'C', changes: [{ field: 'level', from: null, to: 'senior' }] },
        ],
        unchanged: 5,
        teamsCreated: ['Search'],
      }),
    );
    expect(sentence).toBe(
      'people.csv is valid. If imported: 1 person added, 2 people updated, 5 unchanged, 1 team created. Nothing has been written yet.',
    );
  });

  it('says what an import did, and when a file would change nothing', () => {
    expect(summarisePlan(plan({ applied: true, dryRun: false, unchanged: 8 }))).toBe(
      'Imported people.csv: 0 people added, 0 people updated, 8 unchanged.',
    );
    expect(summarisePlan(plan({ unchanged: 8 }))).toBe(
      'people.csv is valid and matches what is stored: importing it would change nothing.',
    );
  });

  it('words each change with before and after, and the people the file leaves out', () => {
    expect(describeFieldChange({ field: 'team', from: 'Payments', to: 'Search' })).toBe('Team: Payments → Search');
    expect(describeFieldChange({ field: 'manager', from: null, to: 'kwame@example.com' })).toBe(
      'Manager: none → kwame@example.com',
    );
    expect(describeNotInFile(plan())).toBeNull();
    expect(describeNotInFile(plan({ notInFile: 1 }))).toBe(
      '1 stored person is not in the file; an import leaves them as they are.',
    );
    expect(describeNotInFile(plan({ notInFile: 3 }))).toBe(
      '3 stored people are not in the file; an import leaves them as they are.',
    );
  });
});
