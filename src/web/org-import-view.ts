/**
 * What the "Import people" screen says: the columns a people file has, an
 * example file, each problem split into its line, column and sentence, and the
 * plan in words. Pure, so it is tested without a browser.
 */

import type { ImportPlan } from '../server/api-contract.js';

/** The six columns of a people file, in the order the example uses (docs/organisation.md). */
export const PEOPLE_FILE_COLUMNS: ReadonlyArray<{ name: string; says: string }> = [
  { name: 'email', says: 'who the person is; an import matches stored people by it, ignoring case' },
  { name: 'name', says: 'their name as the organisation knows it' },
  { name: 'team', says: 'their team; a team the file names is created when missing; empty for none' },
  { name: 'manager_email', says: 'the email of their manager, in the file or already stored; empty for none' },
  { name: 'track', says: 'the id of their track on the active ladder; empty for none' },
  { name: 'level', says: 'the id of their official level on that track; empty for none' },
];

/** A small, valid people file: the example the screen links to. */
export const EXAMPLE_PEOPLE_FILE = [
  'email,name,team,manager_email,track,level',
  'amara.nwosu@example.com,Amara Nwosu,,,ic,architect',
  'kwame.asante@example.com,Kwame Asante,Payments,amara.nwosu@example.com,ic,senior',
  'sam.okafor@example.com,Sam Okafor,Payments,kwame.asante@example.com,ic,mid-level',
  '',
].join('\n');

/** The example as a link target a browser downloads (`<a download href=…>`). */
export const EXAMPLE_PEOPLE_FILE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(EXAMPLE_PEOPLE_FILE)}`;

/** One problem of the file, located: `people.csv:3:4: column manager_email: …`. */
export interface LocatedProblem {
  line: number | null;
  column: number | null;
  /** The sentence after the location. */
  text: string;
}

/** Splits the server's `file:line:col: sentence` into its parts; a message without a location is kept whole. */
export function locateProblem(message: string, fileName: string): LocatedProblem {
  const prefix = `${fileName}:`;
  if (message.startsWith(prefix)) {
    const match = /^(\d+):(\d+): ([\s\S]*)$/.exec(message.slice(prefix.length));
    if (match !== null) return { line: Number(match[1]), column: Number(match[2]), text: match[3] ?? '' };
    const lineOnly = /^(\d+): ([\s\S]*)$/.exec(message.slice(prefix.length));
    if (lineOnly !== null) return { line: Number(lineOnly[1]), column: null, text: lineOnly[2] ?? '' };
    return { line: null, column: null, text: message.slice(prefix.length).replace(/^\s+/, '') };
  }
  return { line: null, column: null, text: message };
}

/** Where a problem is, in words: "Line 3, column 4". */
export function describeLocation(problem: LocatedProblem): string {
  if (problem.line === null) return 'The whole file';
  if (problem.column === null) return `Line ${problem.line}`;
  return `Line ${problem.line}, column ${problem.column}`;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The plan in one sentence: what a dry run would do, or what the import did. */
export function summarisePlan(plan: ImportPlan): string {
  const parts = [
    count(plan.added.length, 'person added', 'people added'),
    count(plan.updated.length, 'person updated', 'people updated'),
    `${plan.unchanged.toLocaleString('en')} unchanged`,
  ];
  if (plan.teamsCreated.length > 0) parts.push(count(plan.teamsCreated.length, 'team created', 'teams created'));
  const list = parts.join(', ');
  if (plan.applied) return `Imported ${plan.source}: ${list}.`;
  if (plan.added.length === 0 && plan.updated.length === 0 && plan.teamsCreated.length === 0) {
    return `${plan.source} is valid and matches what is stored: importing it would change nothing.`;
  }
  return `${plan.source} is valid. If imported: ${list}. Nothing has been written yet.`;
}

/** The sentence under the plan about the people the file leaves out, or null when it lists everyone. */
export function describeNotInFile(plan: ImportPlan): string | null {
  if (plan.notInFile === 0) return null;
  const who = count(plan.notInFile, 'stored person is', 'stored people are');
  return `${who} not in the file; an import leaves them as they are.`;
}

/** A field name of the plan in the screen's words. */
const FIELD_LABELS: Readonly<Record<ImportPlan['updated'][number]['changes'][number]['field'], string>> = {
  name: 'Name',
  team: 'Team',
  manager: 'Manager',
  track: 'Track',
  level: 'Level',
};

/** One change of an updated person: "Team: Payments → Search", with "none" for an empty value. */
export function describeFieldChange(change: ImportPlan['updated'][number]['changes'][number]): string {
  return `${FIELD_LABELS[change.field]}: ${change.from ?? 'none'} → ${change.to ?? 'none'}`;
}

/** The file name the server should locate problems in: the chosen file's, or people.csv for pasted text. */
export function importFileName(chosen: string | null): string {
  const name = (chosen ?? '').trim();
  if (name === '') return 'people.csv';
  return name.length > 200 ? name.slice(0, 200) : name;
}
