import type { Evidence, EvidenceCreate } from '../server/api-contract.js';
import { foldForSearch } from './format.js';

/**
 * The evidence form's values and how they become a request body, kept apart
 * from the component so the conversions (links one per line, who sees it,
 * an empty date) are tested without a browser.
 */

/** The kinds of evidence the API accepts, with the words the form shows. */
export const EVIDENCE_KINDS = [
  { id: 'delivery', label: 'Delivery' },
  { id: 'design', label: 'Design' },
  { id: 'incident', label: 'Incident' },
  { id: 'review', label: 'Review' },
  { id: 'mentoring', label: 'Mentoring' },
  { id: 'other', label: 'Other' },
] as const;

/** The label of a kind of evidence, or the id itself for one the form does not know. */
export function kindLabel(kind: string): string {
  return EVIDENCE_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** Who sees a piece of evidence besides its author. */
export type Audience = Evidence['visibility'];

/** A person the evidence is shared with, as the form shows them. */
export interface AudiencePerson {
  id: string;
  name: string;
}

/** The three audiences, with the words the form's radio buttons show. */
export const AUDIENCES: ReadonlyArray<{ id: Audience; label: string; hint: string }> = [
  { id: 'private', label: 'Only me', hint: 'Nobody else sees it.' },
  { id: 'managers', label: 'My managers', hint: 'Your manager, and their managers up the chain.' },
  { id: 'people', label: 'Named people', hint: 'Only the people you choose, such as a mentor.' },
];

/** The most people the form lets one name; the server refuses more. */
export const MAX_NAMED_PEOPLE = 50;

/** What the form holds while someone types. */
export interface EvidenceFormValues {
  title: string;
  kind: string;
  /** YYYY-MM-DD; empty means "today" to the server. */
  date: string;
  competencies: string[];
  /** One address per line, as typed. */
  links: string;
  /** Markdown. */
  body: string;
  visibility: Audience;
  /** The people chosen for `people`; kept while another audience is picked, sent only with `people`. */
  sharedWith: AudiencePerson[];
}

/** A blank form dated today, optionally with one competency already ticked. */
export function emptyEvidenceForm(today: string, competency?: string | null): EvidenceFormValues {
  return {
    title: '',
    kind: 'delivery',
    date: today,
    competencies: competency === undefined || competency === null || competency === '' ? [] : [competency],
    links: '',
    body: '',
    visibility: 'private',
    sharedWith: [],
  };
}

/** The form filled in from a stored piece of evidence, for editing. */
export function valuesFromEvidence(evidence: Evidence): EvidenceFormValues {
  return {
    title: evidence.title,
    kind: evidence.kind,
    date: evidence.date,
    competencies: [...evidence.competencyIds],
    links: evidence.links.join('\n'),
    body: evidence.body,
    visibility: evidence.visibility,
    sharedWith: evidence.sharedWith.map((person) => ({ id: person.id, name: person.name })),
  };
}

/** The non-empty lines of the links box, trimmed. */
export function splitLinks(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The line of the links box (1-based) each link came from, so an error about
 * the second link can point at the line where it was typed.
 */
export function linkLineNumbers(text: string): number[] {
  const numbers: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() !== '') numbers.push(i + 1);
  });
  return numbers;
}

/** The request body for creating (or, in full, updating) evidence from the form. */
export function toEvidenceBody(values: EvidenceFormValues): EvidenceCreate {
  const body: EvidenceCreate = {
    title: values.title.trim(),
    kind: values.kind,
    competencies: [...values.competencies],
    body: values.body,
    links: splitLinks(values.links),
    visibility: values.visibility,
  };
  if (values.visibility === 'people') body.sharedWith = values.sharedWith.map((person) => person.id);
  if (values.date.trim() !== '') body.date = values.date.trim();
  return body;
}

/** Ticks or unticks a competency, keeping the ladder's order of the ticked ones. */
export function toggleCompetency(selected: readonly string[], id: string, order: readonly string[]): string[] {
  const next = selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
  const position = (c: string) => {
    const index = order.indexOf(c);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return next.sort((a, b) => position(a) - position(b));
}

/** Who sees a piece of evidence besides its author, in the words the list shows. */
export function audienceLabel(evidence: Pick<Evidence, 'visibility' | 'sharedWith'>): string {
  if (evidence.visibility === 'managers') return 'Shared with managers';
  if (evidence.visibility === 'private') return 'Private';
  const [first, second] = evidence.sharedWith;
  if (first === undefined) return 'Shared with nobody yet';
  if (second === undefined) return `Shared with ${first.name}`;
  return `Shared with ${evidence.sharedWith.length} people`;
}

/**
 * The people of the directory a search names, for the people picker: every
 * word of the query must start a word of the name, or the email or a part of it.
 * The author and those already chosen are left out; at most `limit`, in the
 * directory's order (by name).
 */
export function matchPeople<P extends { id: string; name: string; email: string | null }>(
  directory: readonly P[],
  query: string,
  leaveOut: readonly string[],
  limit = 8,
): P[] {
  const words = foldForSearch(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return [];
  const found: P[] = [];
  for (const person of directory) {
    if (leaveOut.includes(person.id)) continue;
    const nameWords = foldForSearch(person.name).split(/[\s-]+/);
    const email = foldForSearch(person.email ?? '');
    const emailParts = [email, ...email.split(/[.@_+-]+/)].filter((part) => part !== '');
    const starts = (word: string) =>
      nameWords.some((w) => w.startsWith(word)) || emailParts.some((part) => part.startsWith(word));
    if (words.every(starts)) found.push(person);
    if (found.length === limit) break;
  }
  return found;
}
