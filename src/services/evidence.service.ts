import type { Kysely } from 'kysely';
import { DomainError, notFound, type Problem } from '../core/domain-error.js';
import { requireCompetency, resolveCompetency, type Ladder } from '../core/ladder.js';
import {
  countEvidenceByCompetency,
  findEvidenceById,
  findPeopleForAudience,
  findEvidenceIncludingDeleted,
  insertEvidence,
  listEvidence,
  listEvidenceByIdPrefix,
  restoreEvidence,
  softDeleteEvidence,
  updateEvidence,
  type EvidencePatch,
  type EvidenceRecord,
  type EvidenceViewer,
} from '../store/evidence.repository.js';
import { readAllPages, planPage, toPage, type Page, type PagePlan, type PageRequest } from './paging.js';
import { problemsError, quoteInput } from './problems.js';
import { EARLIEST_DATE } from '../shared/time-zone.js';
import { EVIDENCE_KINDS, type Database, type EvidenceKind, type EvidenceVisibility } from '../store/schema.js';

/** Evidence as people see it: competency ids follow renames to today's ladder. */
export type Evidence = EvidenceRecord;

/**
 * The longest body a piece of evidence may have, in characters: room for a
 * thorough write-up, while a pasted log or document belongs behind a link.
 * The API contract states the same limit.
 */
export const EVIDENCE_BODY_MAX_LENGTH = 20_000;

/** The most competencies one piece of evidence may name; the API contract states it. */
export const EVIDENCE_MAX_COMPETENCIES = 50;

/** The most links one piece of evidence may hold; the API contract states it. */
export const EVIDENCE_MAX_LINKS = 50;

/** The most people one piece of evidence may be shared with by name; the API contract states it. */
export const EVIDENCE_MAX_AUDIENCE = 50;

/** Why `shared` is refused since evidence names its audience: for the API and the command line alike. */
export const SHARED_IS_GONE_MESSAGE =
  '"shared" is no longer a visibility: use "managers" to share with your manager chain, or "people" with sharedWith to name who may see it';

/** The sentence that explains the body limit, for the API and the command line alike. */
export function bodyTooLongMessage(length: number): string {
  return `the body is ${length.toLocaleString('en')} characters; keep it to ${EVIDENCE_BODY_MAX_LENGTH.toLocaleString('en')} and link to anything longer`;
}

/** What a person gives when logging evidence; checked here, not trusted. */
export interface LogEvidenceInput {
  title: string;
  kind: string;
  competencies: string[];
  date?: string;
  body?: string;
  links?: string[];
  /** Who may see it besides the author; `private` when left out. */
  visibility?: EvidenceVisibility;
  /** Ids of the people it is shared with: for visibility `people` only, at least one then. */
  sharedWith?: string[];
}

/**
 * Records a piece of evidence against the active ladder. Every field is
 * checked and every problem reported together, named by field, so a form or a
 * command line can point at each.
 */
export async function logEvidence(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  input: LogEvidenceInput,
  today: string,
): Promise<Evidence> {
  const audience = await checkAudience(db, personId, input.visibility ?? 'private', input.sharedWith, []);
  const checked = checkEvidenceFields(ladder, { ...input, date: input.date ?? today }, today, audience.problems);
  return insertEvidence(db, {
    personId,
    date: checked.date ?? today,
    title: checked.title ?? '',
    body: input.body ?? '',
    kind: checked.kind ?? 'other',
    links: checked.links ?? [],
    visibility: input.visibility ?? 'private',
    sharedWith: audience.sharedWith ?? [],
    ladderId: ladder.id,
    ladderHash: ladder.hash,
    competencyIds: checked.competencyIds ?? [],
  });
}

/** What a person may change on a piece of evidence; absent fields stay as they are. */
export type EditEvidenceInput = Partial<LogEvidenceInput>;

/**
 * Changes a piece of evidence with the same checks as logging it. New
 * competencies are read against the active ladder, so the evidence then
 * belongs to that ladder version; without new competencies it keeps its own.
 *
 * @throws DomainError `evidence_not_found` (also for deleted evidence), `input_invalid`.
 */
export async function editEvidence(
  db: Kysely<Database>,
  ladder: Ladder,
  evidenceId: string,
  input: EditEvidenceInput,
  today: string,
): Promise<Evidence> {
  let audienceProblems: Problem[] = [];
  let sharedWith: string[] | undefined;
  if (input.visibility !== undefined || input.sharedWith !== undefined) {
    const current = await findEvidenceById(db, evidenceId);
    if (current === undefined) throw evidenceNotFound(evidenceId);
    const audience = await checkAudience(
      db,
      current.personId,
      input.visibility ?? current.visibility,
      input.sharedWith,
      current.sharedWith.map((p) => p.id),
    );
    audienceProblems = audience.problems;
    sharedWith = audience.sharedWith;
  }
  const checked = checkEvidenceFields(ladder, input, today, audienceProblems);
  const patch: EvidencePatch = {
    title: checked.title,
    kind: checked.kind,
    date: checked.date,
    links: checked.links,
    body: input.body,
    visibility: input.visibility,
    sharedWith,
  };
  if (checked.competencyIds !== undefined) {
    patch.competencyIds = checked.competencyIds;
    patch.ladderId = ladder.id;
    patch.ladderHash = ladder.hash;
  }
  const changed = Object.values(patch).some((value) => value !== undefined);
  const updated = changed ? await updateEvidence(db, evidenceId, patch) : await findEvidenceById(db, evidenceId);
  if (updated === undefined) throw evidenceNotFound(evidenceId);
  return { ...updated, competencyIds: currentIds(ladder, updated.competencyIds) };
}

/**
 * One piece of live evidence, competency ids mapped to today's ladder.
 *
 * @throws DomainError `evidence_not_found` (also for deleted evidence).
 */
export async function getEvidence(db: Kysely<Database>, ladder: Ladder, evidenceId: string): Promise<Evidence> {
  const found = await findEvidenceById(db, evidenceId);
  if (found === undefined) throw evidenceNotFound(evidenceId);
  return { ...found, competencyIds: currentIds(ladder, found.competencyIds) };
}

/**
 * A piece of evidence whether deleted or not, with whether it is: what an undo
 * has to check before it restores.
 *
 * @throws DomainError `evidence_not_found` when no evidence ever had this id.
 */
export async function getEvidenceIncludingDeleted(
  db: Kysely<Database>,
  evidenceId: string,
): Promise<{ evidence: Evidence; deleted: boolean }> {
  const found = await findEvidenceIncludingDeleted(db, evidenceId);
  if (found === undefined) throw evidenceNotFound(evidenceId);
  return { evidence: found.evidence, deleted: found.deletedAt !== null };
}

/**
 * Deletes a piece of evidence so that it can be undone with `undeleteEvidence`.
 *
 * @throws DomainError `evidence_not_found` (also when it is already deleted).
 */
export async function deleteEvidence(db: Kysely<Database>, evidenceId: string): Promise<void> {
  if (!(await softDeleteEvidence(db, evidenceId))) throw evidenceNotFound(evidenceId);
}

/**
 * Undoes a delete. Evidence that is not deleted is returned as it is, so an
 * undo sent twice is harmless.
 *
 * @throws DomainError `evidence_not_found` when no evidence ever had this id.
 */
export async function undeleteEvidence(db: Kysely<Database>, ladder: Ladder, evidenceId: string): Promise<Evidence> {
  const restored = await restoreEvidence(db, evidenceId);
  if (restored === undefined) throw evidenceNotFound(evidenceId);
  return { ...restored, competencyIds: currentIds(ladder, restored.competencyIds) };
}

function evidenceNotFound(evidenceId: string): DomainError {
  return notFound('evidence_not_found', evidenceId);
}

/**
 * Checks who a piece of evidence is to be shared with: at most
 * EVIDENCE_MAX_AUDIENCE people, each once, not the author, each an active
 * person, all read in one query. A named audience goes with visibility
 * `people` only, and that visibility needs one. Returns the audience to store
 * (an empty one when the visibility is not `people`, so a narrowed
 * visibility leaves nobody named) or undefined to keep the stored one.
 */
async function checkAudience(
  db: Kysely<Database>,
  ownerId: string,
  visibility: EvidenceVisibility,
  given: string[] | undefined,
  stored: readonly string[],
): Promise<{ sharedWith: string[] | undefined; problems: Problem[] }> {
  const problems: Problem[] = [];
  if (visibility !== 'people') {
    if (given !== undefined && given.length > 0)
      problems.push({
        path: ['sharedWith'],
        message: `people are named only when visibility is "people" (it is "${visibility}"); set visibility to "people" or leave sharedWith out`,
      });
    return { sharedWith: [], problems };
  }
  if (given === undefined) {
    if (stored.length === 0)
      problems.push({ path: ['sharedWith'], message: 'name at least one person to share with, by id' });
    return { sharedWith: undefined, problems };
  }
  if (given.length === 0)
    problems.push({ path: ['sharedWith'], message: 'name at least one person to share with, by id' });
  if (given.length > EVIDENCE_MAX_AUDIENCE) {
    problems.push({
      path: ['sharedWith'],
      message: `share with at most ${EVIDENCE_MAX_AUDIENCE} people by name (${given.length.toLocaleString('en')} given); share with managers for more`,
    });
    return { sharedWith: undefined, problems };
  }
  const found = new Map((await findPeopleForAudience(db, given)).map((p) => [p.id, p]));
  const seen = new Set<string>();
  given.forEach((id, i) => {
    const person = found.get(id);
    if (seen.has(id))
      problems.push({ path: ['sharedWith', i], message: `${quoteInput(id)} is named twice; name each person once` });
    else if (id === ownerId)
      problems.push({
        path: ['sharedWith', i],
        message: 'the author always sees their own evidence; name someone else',
      });
    else if (person === undefined)
      problems.push({ path: ['sharedWith', i], message: `no person has the id ${quoteInput(id)}` });
    else if (person.deactivatedAt !== null)
      problems.push({
        path: ['sharedWith', i],
        message: `${person.name} is deactivated; evidence can be shared only with active people`,
      });
    seen.add(id);
  });
  return { sharedWith: given, problems };
}

/** The fields of evidence after checking: present exactly when given. */
interface CheckedFields {
  title?: string;
  kind?: EvidenceKind;
  competencyIds?: string[];
  date?: string;
  links?: string[];
}

/**
 * Checks the fields that are given and reports every problem together, named
 * by field, so a form or a command line can point at each.
 */
function checkEvidenceFields(
  ladder: Ladder,
  input: Partial<LogEvidenceInput>,
  today: string,
  alsoWrong: readonly Problem[] = [],
): CheckedFields {
  const problems: Problem[] = [];
  const checked: CheckedFields = {};
  if (input.title !== undefined) {
    const title = input.title.trim();
    if (title === '') problems.push({ path: ['title'], message: 'the title must not be empty' });
    else if (!hasVisibleText(title))
      problems.push({ path: ['title'], message: 'the title has no visible characters; say what was done in words' });
    if (title.length > 200)
      problems.push({
        path: ['title'],
        message: `the title is ${title.length} characters; keep it under 200 and put details in the body`,
      });
    checked.title = title;
  }
  if (input.body !== undefined && input.body.length > EVIDENCE_BODY_MAX_LENGTH)
    problems.push({ path: ['body'], message: bodyTooLongMessage(input.body.length) });
  if (input.kind !== undefined) {
    if (isEvidenceKind(input.kind)) checked.kind = input.kind;
    else
      problems.push({
        path: ['kind'],
        message: `"${input.kind}" is not a kind of evidence (kinds: ${EVIDENCE_KINDS.join(', ')})`,
      });
  }
  if (input.competencies !== undefined) {
    const competencyIds: string[] = [];
    if (input.competencies.length === 0) {
      problems.push({
        path: ['competencies'],
        message: `name at least one competency the evidence supports (competencies: ${ladder.competencies.map((c) => c.id).join(', ')})`,
      });
    }
    if (input.competencies.length > EVIDENCE_MAX_COMPETENCIES)
      problems.push({
        path: ['competencies'],
        message: `name at most ${EVIDENCE_MAX_COMPETENCIES} competencies (${input.competencies.length.toLocaleString('en')} given)`,
      });
    let unknown = 0;
    input.competencies.forEach((id, i) => {
      const competency = resolveCompetency(ladder, id.trim());
      if (competency === undefined) {
        // The ladder's competencies are named once, with the first unknown id, however many there are.
        const known = unknown === 0 ? ` (competencies: ${ladder.competencies.map((c) => c.id).join(', ')})` : '';
        unknown += 1;
        problems.push({
          path: ['competencies', i],
          message: `${quoteInput(id)} is not a competency of ladder "${ladder.id}"${known}`,
        });
      } else competencyIds.push(competency.id);
    });
    checked.competencyIds = competencyIds;
  }
  if (input.date !== undefined) {
    const dateProblem = checkDate(input.date, today);
    if (dateProblem !== null) problems.push({ path: ['date'], message: dateProblem });
    checked.date = input.date;
  }
  if (input.links !== undefined) {
    if (input.links.length > EVIDENCE_MAX_LINKS)
      problems.push({
        path: ['links'],
        message: `give at most ${EVIDENCE_MAX_LINKS} links (${input.links.length.toLocaleString('en')} given)`,
      });
    input.links.forEach((link, i) => {
      if (!isHttpUrl(link)) problems.push({ path: ['links', i], message: `${quoteInput(link)} is not an http(s) URL` });
    });
    checked.links = input.links;
  }
  problems.push(...alsoWrong);
  if (problems.length > 0) throw problemsError('input_invalid', problems);
  return checked;
}

/** Characters that show nothing: controls, format characters (zero-width spaces, bidi marks) and separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\s]/gu;

/** Whether text has at least one character a reader can see. */
function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

/** Which evidence to show. Competencies may be given by a former id. */
export interface EvidenceQuery {
  competency?: string;
  since?: string;
  until?: string;
  kind?: string;
  /** Only evidence of this visibility. */
  visibility?: EvidenceVisibility;
  /** Only what this reader may see (policy.evidenceViewer); everything when left out. */
  viewer?: EvidenceViewer;
}

/** The kind tag of evidence cursors, so a cursor of another list is refused here. */
const EVIDENCE_PAGES = 'evidence';

/**
 * One page of a person's evidence, newest first, with competency ids mapped
 * to today's ladder. Filters and the cursor are checked together, so a
 * request with a bad date and a bad cursor hears about both.
 *
 * @throws DomainError `input_invalid` naming `since`, `until`, `kind`, `limit` or `cursor`;
 *   `competency_not_found` for an unknown `competency`.
 */
export async function findEvidence(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  query: EvidenceQuery & PageRequest = {},
): Promise<Page<Evidence>> {
  const problems: Problem[] = [];
  let competencyIds: string[] | undefined;
  if (query.competency !== undefined) {
    const competency = requireCompetency(ladder, query.competency);
    competencyIds = [competency.id, ...(competency.formerly ?? [])];
  }
  for (const field of ['since', 'until'] as const) {
    const value = query[field];
    if (value !== undefined && !isIsoDate(value))
      problems.push({ path: [field], message: `${quoteInput(value)} is not a date; use YYYY-MM-DD` });
  }
  if (query.kind !== undefined && !isEvidenceKind(query.kind)) {
    problems.push({
      path: ['kind'],
      message: `${quoteInput(query.kind)} is not a kind of evidence (kinds: ${EVIDENCE_KINDS.join(', ')})`,
    });
  }
  let plan: PagePlan | undefined;
  try {
    plan = planPage(EVIDENCE_PAGES, 3, query);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || plan === undefined) {
    throw new DomainError(
      'input_invalid',
      problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'),
      problems,
    );
  }
  const rows = await listEvidence(db, {
    personId,
    competencyIds,
    since: query.since,
    until: query.until,
    kind: query.kind as EvidenceKind | undefined,
    visibility: query.visibility,
    viewer: query.viewer,
    after: plan.after as readonly [string, string, string] | undefined,
    limit: plan.limit + 1,
  });
  const page = toPage(EVIDENCE_PAGES, rows, plan.limit, (row) => [row.date, row.createdAt, row.id]);
  return {
    items: page.items.map((row) => ({ ...row, competencyIds: currentIds(ladder, row.competencyIds) })),
    nextCursor: page.nextCursor,
  };
}

/** Every piece of a person's evidence that matches the filters, newest first: for reports that need all of it. */
export async function findAllEvidence(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  query: EvidenceQuery = {},
): Promise<Evidence[]> {
  return readAllPages((page) => findEvidence(db, ladder, personId, { ...query, ...page }));
}

/**
 * A person's live evidence whose id starts with `prefix`, at most `limit` of
 * them: how the CLI finds the piece a short id names without reading them all.
 */
export async function findEvidenceByIdPrefix(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  prefix: string,
  limit: number,
): Promise<Evidence[]> {
  const rows = await listEvidenceByIdPrefix(db, personId, prefix, limit);
  return rows.map((row) => ({ ...row, competencyIds: currentIds(ladder, row.competencyIds) }));
}

/** Evidence counts per competency of today's ladder, former ids folded in. */
export async function countEvidence(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  options: { since?: string; visibility?: EvidenceVisibility; viewer?: EvidenceViewer } = {},
): Promise<Record<string, number>> {
  const raw = await countEvidenceByCompetency(db, personId, options);
  const counts: Record<string, number> = {};
  for (const [id, count] of Object.entries(raw)) {
    const current = resolveCompetency(ladder, id)?.id;
    if (current !== undefined) counts[current] = (counts[current] ?? 0) + count;
  }
  return counts;
}

function currentIds(ladder: Ladder, ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => resolveCompetency(ladder, id)?.id ?? id))];
}

function isEvidenceKind(kind: string): kind is EvidenceKind {
  return (EVIDENCE_KINDS as readonly string[]).includes(kind);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function checkDate(value: string, today: string): string | null {
  if (!isIsoDate(value)) return `"${value}" is not a date; use YYYY-MM-DD`;
  if (value > today) return `${value} is in the future; evidence records what already happened`;
  if (value < EARLIEST_DATE) return `${value} is before 1900; check the year`;
  return null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
