import type { Kysely } from 'kysely';
import { DomainError, type Problem } from '../core/domain-error.js';
import { requireCompetency, resolveCompetency, type Ladder } from '../core/ladder.js';
import {
  countEvidenceByCompetency,
  insertEvidence,
  listEvidence,
  type EvidenceRecord,
} from '../store/evidence.repository.js';
import { EVIDENCE_KINDS, type Database, type EvidenceKind, type EvidenceVisibility } from '../store/schema.js';

/** Evidence as people see it: competency ids follow renames to today's ladder. */
export type Evidence = EvidenceRecord;

/** What a person gives when logging evidence; checked here, not trusted. */
export interface LogEvidenceInput {
  title: string;
  kind: string;
  competencies: string[];
  date?: string;
  body?: string;
  links?: string[];
  visibility?: EvidenceVisibility;
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
  const problems: Problem[] = [];
  const title = input.title.trim();
  if (title === '') problems.push({ path: ['title'], message: 'the title must not be empty' });
  if (title.length > 200)
    problems.push({
      path: ['title'],
      message: `the title is ${title.length} characters; keep it under 200 and put details in the body`,
    });
  if (!isEvidenceKind(input.kind)) {
    problems.push({
      path: ['kind'],
      message: `"${input.kind}" is not a kind of evidence (kinds: ${EVIDENCE_KINDS.join(', ')})`,
    });
  }
  const competencyIds: string[] = [];
  if (input.competencies.length === 0) {
    problems.push({
      path: ['competencies'],
      message: `name at least one competency the evidence supports (competencies: ${ladder.competencies.map((c) => c.id).join(', ')})`,
    });
  }
  input.competencies.forEach((id, i) => {
    const competency = resolveCompetency(ladder, id.trim());
    if (competency === undefined) {
      problems.push({
        path: ['competencies', i],
        message: `"${id}" is not a competency of ladder "${ladder.id}" (competencies: ${ladder.competencies.map((c) => c.id).join(', ')})`,
      });
    } else competencyIds.push(competency.id);
  });
  const date = input.date ?? today;
  const dateProblem = checkDate(date, today);
  if (dateProblem !== null) problems.push({ path: ['date'], message: dateProblem });
  const links = input.links ?? [];
  links.forEach((link, i) => {
    if (!isHttpUrl(link)) problems.push({ path: ['links', i], message: `"${link}" is not an http(s) URL` });
  });
  if (problems.length > 0 || !isEvidenceKind(input.kind)) {
    throw new DomainError(
      'input_invalid',
      problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'),
      problems,
    );
  }
  return insertEvidence(db, {
    personId,
    date,
    title,
    body: input.body ?? '',
    kind: input.kind,
    links,
    visibility: input.visibility ?? 'private',
    ladderId: ladder.id,
    ladderHash: ladder.hash,
    competencyIds,
  });
}

/** Which evidence to show. Competencies may be given by a former id. */
export interface EvidenceQuery {
  competency?: string;
  since?: string;
  until?: string;
  kind?: string;
}

/** Lists a person's evidence, newest first, with competency ids mapped to today's ladder. */
export async function findEvidence(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  query: EvidenceQuery = {},
): Promise<Evidence[]> {
  const problems: Problem[] = [];
  let competencyIds: string[] | undefined;
  if (query.competency !== undefined) {
    const competency = requireCompetency(ladder, query.competency);
    competencyIds = [competency.id, ...(competency.formerly ?? [])];
  }
  for (const field of ['since', 'until'] as const) {
    const value = query[field];
    if (value !== undefined && !isIsoDate(value))
      problems.push({ path: [field], message: `"${value}" is not a date; use YYYY-MM-DD` });
  }
  if (query.kind !== undefined && !isEvidenceKind(query.kind)) {
    problems.push({
      path: ['kind'],
      message: `"${query.kind}" is not a kind of evidence (kinds: ${EVIDENCE_KINDS.join(', ')})`,
    });
  }
  if (problems.length > 0) {
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
  });
  return rows.map((row) => ({ ...row, competencyIds: currentIds(ladder, row.competencyIds) }));
}

/** Evidence counts per competency of today's ladder, former ids folded in. */
export async function countEvidence(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  options: { since?: string } = {},
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
