import type { Kysely } from 'kysely';
import { DomainError, type Problem } from '../core/domain-error.js';
import {
  competenciesOf,
  findStep,
  findTrack,
  NOT_OBSERVED,
  ratingScale,
  resolveCompetency,
  type Ladder,
} from '../core/ladder.js';
import {
  findLatestAssessment,
  insertAssessment,
  listAssessments,
  type AssessmentRecord,
} from '../store/assessment.repository.js';
import type { AssessmentKind, Database } from '../store/schema.js';

/** The ratings in force for a person: competency id of today's ladder -> scale step id or not-observed. */
export interface CurrentRatings {
  ratings: Record<string, string>;
  notes: Record<string, string>;
  /** The assessment they come from; null when the person was never assessed. */
  assessment: AssessmentRecord | null;
}

/** What an assessor gives: ratings by competency (id, former id) and scale step (id or title). */
export interface RecordAssessmentInput {
  personId: string;
  assessorId: string;
  kind: AssessmentKind;
  track?: string;
  ratings: Record<string, string>;
  notes?: Record<string, string>;
  note?: string;
  /** ISO-8601 instant the assessment was made, for importing or seeding history; defaults to now. */
  createdAt?: string;
}

/**
 * Records an assessment. Competencies not named keep the rating of the
 * previous assessment of the same kind, so an assessment is always a full
 * picture and history shows what changed when.
 */
export async function recordAssessment(
  db: Kysely<Database>,
  ladder: Ladder,
  input: RecordAssessmentInput,
): Promise<AssessmentRecord> {
  const track = findTrack(ladder, input.track);
  const scale = ratingScale(ladder, track);
  const problems: Problem[] = [];
  const given: Record<string, string> = {};
  for (const [id, value] of Object.entries(input.ratings)) {
    const competency = resolveCompetency(ladder, id);
    if (competency === undefined || (competency.track !== undefined && competency.track !== track.id)) {
      problems.push({
        path: ['ratings', id],
        message: `"${id}" is not a competency of track "${track.id}" (competencies: ${competenciesOf(ladder, track)
          .map((c) => c.id)
          .join(', ')})`,
      });
      continue;
    }
    const normalised = value.trim().toLowerCase().replace(/\s+/g, '-');
    if (normalised === NOT_OBSERVED) {
      given[competency.id] = NOT_OBSERVED;
      continue;
    }
    const step = findStep(scale, value.trim());
    if (step === undefined) {
      const noun = ladder.policy.kind === 'points' ? 'milestone' : 'level';
      problems.push({
        path: ['ratings', id],
        message: `"${value}" is not a ${noun} of track "${track.id}" (${noun}s: ${scale.map((s) => s.id).join(', ')}, or ${NOT_OBSERVED})`,
      });
      continue;
    }
    given[competency.id] = step.id;
  }
  const notes: Record<string, string> = {};
  for (const [id, text] of Object.entries(input.notes ?? {})) {
    const competency = resolveCompetency(ladder, id);
    if (competency === undefined || (competency.track !== undefined && competency.track !== track.id)) {
      problems.push({ path: ['notes', id], message: `"${id}" is not a competency of track "${track.id}"` });
    } else if (text.trim().length > 2000) {
      problems.push({
        path: ['notes', id],
        message: `the note is ${text.trim().length} characters; keep it under 2,000`,
      });
    } else if (text.trim() !== '') {
      notes[competency.id] = text.trim();
    }
  }
  if (Object.keys(given).length === 0 && problems.length === 0) {
    problems.push({ path: ['ratings'], message: 'give at least one rating' });
  }
  if (problems.length > 0) {
    throw new DomainError(
      'rating_invalid',
      problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'),
      problems,
    );
  }

  const previous = await currentRatings(db, ladder, input.personId, { kind: input.kind, track: track.id });
  const merged = { ...previous.ratings, ...given };
  // A note explains a rating: it carries forward with the rating, and goes when the rating is given anew.
  const carried = Object.entries(previous.notes).filter(([id]) => given[id] === undefined);
  Object.assign(notes, { ...Object.fromEntries(carried), ...notes });
  return insertAssessment(db, {
    personId: input.personId,
    assessorId: input.assessorId,
    kind: input.kind,
    ladderId: ladder.id,
    ladderHash: ladder.hash,
    trackId: track.id,
    note: input.note ?? null,
    createdAt: input.createdAt,
    ratings: Object.entries(merged).map(([competencyId, rating]) => ({
      competencyId,
      rating,
      note: notes[competencyId] ?? null,
    })),
  });
}

/**
 * The ratings in force for a person from their latest assessment, read
 * against today's ladder: renamed competencies follow `formerly`, and ratings
 * of competencies or levels that no longer exist are left out.
 */
export async function currentRatings(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  options: { kind?: AssessmentKind; track?: string } = {},
): Promise<CurrentRatings> {
  const assessment = (await findLatestAssessment(db, personId, { kind: options.kind ?? 'self' })) ?? null;
  const ratings: Record<string, string> = {};
  const notes: Record<string, string> = {};
  if (assessment === null) return { ratings, notes, assessment };
  const track = findTrack(ladder, options.track ?? assessment.trackId);
  const scale = ratingScale(ladder, track);
  for (const rating of assessment.ratings) {
    const competency = resolveCompetency(ladder, rating.competencyId);
    if (competency === undefined) continue;
    const step = rating.rating === NOT_OBSERVED ? null : findStep(scale, rating.rating);
    if (step === undefined) continue;
    ratings[competency.id] = step === null ? NOT_OBSERVED : step.id;
    if (rating.note !== null) notes[competency.id] = rating.note;
  }
  return { ratings, notes, assessment };
}

/** Every assessment of a person, oldest first: the raw material of history charts. */
export async function assessmentHistory(
  db: Kysely<Database>,
  personId: string,
  kind: AssessmentKind = 'self',
): Promise<AssessmentRecord[]> {
  return listAssessments(db, personId, { kind });
}
