import type { Kysely } from 'kysely';
import type { Problem } from '../core/domain-error.js';
import {
  competenciesOf,
  findStep,
  findTrack,
  NOT_OBSERVED,
  ratingScale,
  resolveCompetency,
  type Ladder,
} from '../core/ladder.js';
import type { Track } from '../core/ladder.schema.js';
import {
  findLatestAssessment,
  findLatestTrackId,
  insertAssessment,
  listAssessments,
  lockAssessmentsOf,
  type AssessmentRecord,
} from '../store/assessment.repository.js';
import { runInTransaction } from '../store/database.js';
import { problemsError, quoteInput, shortKey } from './problems.js';
import type { AssessmentKind, Database } from '../store/schema.js';

/**
 * The ratings in force for a person on one track: competency id of today's
 * ladder -> scale step id or not-observed.
 */
export interface CurrentRatings {
  ratings: Record<string, string>;
  notes: Record<string, string>;
  /** The assessment they come from; null when the person was never assessed on the track. */
  assessment: AssessmentRecord | null;
  /** The track the ratings were read for: the one asked for, or the person's own (see findPersonTrack). */
  track: Track;
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
 * previous assessment of the same kind on the same track, so an assessment is
 * always a full picture of one track and history shows what changed when. A
 * person who moves to another track starts that track afresh; their
 * assessments on the old one are left as they were.
 *
 * Without a track, the assessment is on the person's track (findPersonTrack).
 * Reading the previous ratings and writing the assessment with all its
 * ratings happen in one transaction: nothing is half-written, and two
 * assessments recorded at once both keep each other's ratings.
 *
 * @throws DomainError `track_not_found`, `rating_invalid`.
 */
export async function recordAssessment(
  db: Kysely<Database>,
  ladder: Ladder,
  input: RecordAssessmentInput,
): Promise<AssessmentRecord> {
  return runInTransaction(db, async (trx) => {
    await lockAssessmentsOf(trx, input.personId);
    const track = await findPersonTrack(trx, ladder, input.personId, { track: input.track });
    const { given, notes } = checkRatings(ladder, track, input);
    const previous = await currentRatings(trx, ladder, input.personId, { kind: input.kind, track: track.id });
    const merged = { ...previous.ratings, ...given };
    // A note explains a rating: it carries forward with the rating, and goes when the rating is given anew.
    const carried = Object.entries(previous.notes).filter(([id]) => !Object.hasOwn(given, id));
    Object.assign(notes, { ...Object.fromEntries(carried), ...notes });
    return insertAssessment(trx, {
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
  });
}

/** The longest note on a whole assessment, in characters: a summary, not a document. The API contract states it. */
export const ASSESSMENT_NOTE_MAX_LENGTH = 10_000;

/** The longest note on one rating, in characters. The API contract states it. */
export const RATING_NOTE_MAX_LENGTH = 2_000;

/** The sentence for a note over its limit, the same from the API's contract and from the service. */
export function noteTooLongMessage(length: number, limit: number): string {
  return `the note is ${length.toLocaleString('en')} characters; keep it under ${limit.toLocaleString('en')}`;
}

/** Checks an assessor's ratings and notes against one track; every problem is reported at once, by field. */
function checkRatings(
  ladder: Ladder,
  track: Track,
  input: Pick<RecordAssessmentInput, 'ratings' | 'notes' | 'note'>,
): { given: Record<string, string>; notes: Record<string, string> } {
  const scale = ratingScale(ladder, track);
  const problems: Problem[] = [];
  const given: Record<string, string> = {};
  let unknown = 0;
  for (const [id, value] of Object.entries(input.ratings)) {
    const competency = resolveCompetency(ladder, id);
    if (competency === undefined || !appliesOn(competency.track, track)) {
      // The track's competencies are named once, with the first unknown id, however many there are.
      const known =
        unknown === 0
          ? ` (competencies: ${competenciesOf(ladder, track)
              .map((c) => c.id)
              .join(', ')})`
          : '';
      unknown += 1;
      problems.push({
        path: ['ratings', shortKey(id)],
        message: `${quoteInput(id)} is not a competency of track "${track.id}"${known}`,
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
        path: ['ratings', shortKey(id)],
        message: `${quoteInput(value)} is not a ${noun} of track "${track.id}" (${noun}s: ${scale.map((s) => s.id).join(', ')}, or ${NOT_OBSERVED})`,
      });
      continue;
    }
    given[competency.id] = step.id;
  }
  const notes: Record<string, string> = {};
  for (const [id, text] of Object.entries(input.notes ?? {})) {
    const competency = resolveCompetency(ladder, id);
    if (competency === undefined || !appliesOn(competency.track, track)) {
      problems.push({
        path: ['notes', shortKey(id)],
        message: `${quoteInput(id)} is not a competency of track "${track.id}"`,
      });
    } else if (text.trim().length > RATING_NOTE_MAX_LENGTH) {
      problems.push({
        path: ['notes', shortKey(id)],
        message: noteTooLongMessage(text.trim().length, RATING_NOTE_MAX_LENGTH),
      });
    } else if (text.trim() !== '') {
      notes[competency.id] = text.trim();
    }
  }
  if (input.note !== undefined && input.note.trim().length > ASSESSMENT_NOTE_MAX_LENGTH) {
    problems.push({
      path: ['note'],
      message: noteTooLongMessage(input.note.trim().length, ASSESSMENT_NOTE_MAX_LENGTH),
    });
  }
  if (Object.keys(given).length === 0 && problems.length === 0) {
    problems.push({ path: ['ratings'], message: 'give at least one rating' });
  }
  if (problems.length > 0) throw problemsError('rating_invalid', problems);
  return { given, notes };
}

function appliesOn(competencyTrack: string | undefined, track: Track): boolean {
  return competencyTrack === undefined || competencyTrack === track.id;
}

/**
 * The track a person is on: the one named, or else the track of their latest
 * assessment of any kind (moving to another track is being assessed on it,
 * by themself or by their manager), or else the ladder's first track. A
 * stored track that today's ladder no longer has counts as none, so a ladder
 * edit never makes a person unreadable.
 *
 * @throws DomainError `track_not_found` only for a track that is named.
 */
export async function findPersonTrack(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  options: { track?: string } = {},
): Promise<Track> {
  if (options.track !== undefined) return findTrack(ladder, options.track);
  const latest = await findLatestTrackId(db, personId);
  return ladder.tracks.find((t) => t.id === latest) ?? findTrack(ladder);
}

/**
 * The ratings in force for a person on a track (the one named, or the
 * person's own: see findPersonTrack), from their latest assessment on that
 * track, read against today's ladder: renamed competencies follow
 * `formerly`, and ratings of competencies or levels that no longer exist, or
 * of competencies that do not apply on the track, are left out. Ratings made
 * on another track never count here.
 *
 * @throws DomainError `track_not_found` for a named track the ladder lacks.
 */
export async function currentRatings(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  options: { kind?: AssessmentKind; track?: string } = {},
): Promise<CurrentRatings> {
  const kind = options.kind ?? 'self';
  const track = await findPersonTrack(db, ladder, personId, { track: options.track });
  const assessment = (await findLatestAssessment(db, personId, { kind, trackId: track.id })) ?? null;
  return { ...ratingsInForce(ladder, track, assessment?.ratings ?? []), assessment, track };
}

/**
 * The ratings of an assessment read against today's ladder: renamed
 * competencies followed, ones that no longer apply on the track or whose
 * step is gone dropped. Pure, so a client holding an assessment from the API
 * (the CLI logged in to a server) reads it exactly as currentRatings does.
 */
export function ratingsInForce(
  ladder: Ladder,
  track: Track,
  given: readonly { competencyId: string; rating: string; note: string | null }[],
): Pick<CurrentRatings, 'ratings' | 'notes'> {
  const ratings: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const scale = ratingScale(ladder, track);
  for (const rating of given) {
    const competency = resolveCompetency(ladder, rating.competencyId);
    if (competency === undefined || !appliesOn(competency.track, track)) continue;
    const step = rating.rating === NOT_OBSERVED ? null : findStep(scale, rating.rating);
    if (step === undefined) continue;
    ratings[competency.id] = step === null ? NOT_OBSERVED : step.id;
    if (rating.note !== null) notes[competency.id] = rating.note;
  }
  return { ratings, notes };
}

/** Every assessment of a person, oldest first: the raw material of history charts. */
export async function assessmentHistory(
  db: Kysely<Database>,
  personId: string,
  kind: AssessmentKind = 'self',
): Promise<AssessmentRecord[]> {
  return listAssessments(db, personId, { kind });
}
