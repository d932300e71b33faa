import type { Evidence, EvidenceCreate } from '../server/api-contract.js';

/**
 * The evidence form's values and how they become a request body, kept apart
 * from the component so the conversions (links one per line, the
 * shared/private switch, an empty date) are tested without a browser.
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
  shared: boolean;
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
    shared: false,
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
    shared: evidence.visibility !== 'private',
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
    visibility: values.shared ? 'managers' : 'private',
  };
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
