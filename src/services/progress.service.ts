import type { Kysely } from 'kysely';
import { notFound } from '../core/domain-error.js';
import { findLevel, type Ladder } from '../core/ladder.js';
import { computeGap, evaluateProgress, type Evaluation, type LevelProgress } from '../core/progression.js';
import type { EvidenceViewer } from '../store/evidence.repository.js';
import type { Database } from '../store/schema.js';
import { currentRatings } from './assessment.service.js';
import { countEvidence } from './evidence.service.js';

/** Where a person stands: the engine's evaluation plus when the ratings were made. */
export interface ProgressReport {
  evaluation: Evaluation;
  /** When the ratings in force were recorded; null when never assessed. */
  assessedAt: string | null;
  /** The ladder version the ratings were made against, which may be older than today's. */
  assessedAgainst: { ladderId: string; ladderHash: string } | null;
  /** Why each rating in force was given: competency id of today's ladder -> the assessor's note. */
  notes: Record<string, string>;
}

/** Narrows a progress report: the track, and which evidence the viewer may count. */
export interface ProgressOptions {
  track?: string;
  /** Count only the evidence this reader may see (policy.evidenceViewer); all of it when left out. */
  evidenceViewer?: EvidenceViewer;
}

/** Evaluates a person's latest self-assessment and evidence against today's ladder. */
export async function getProgress(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  options: ProgressOptions = {},
): Promise<ProgressReport> {
  const [current, evidenceCounts] = await Promise.all([
    currentRatings(db, ladder, personId, { track: options.track }),
    countEvidence(db, ladder, personId, { viewer: options.evidenceViewer }),
  ]);
  const track = current.track.id;
  const evaluation = evaluateProgress({ ladder, track, ratings: current.ratings, evidenceCounts });
  const assessment = current.assessment;
  return {
    evaluation,
    assessedAt: assessment?.createdAt ?? null,
    assessedAgainst: assessment === null ? null : { ladderId: assessment.ladderId, ladderHash: assessment.ladderHash },
    notes: current.notes,
  };
}

/**
 * What a target level asks that the person's ratings do not show yet; the
 * default target (see selectTarget) when none is named.
 */
export async function getGap(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  target: string | undefined,
  options: { track?: string } = {},
): Promise<LevelProgress> {
  const [current, evidenceCounts] = await Promise.all([
    currentRatings(db, ladder, personId, { track: options.track }),
    countEvidence(db, ladder, personId),
  ]);
  const track = current.track.id;
  const input = { ladder, track, ratings: current.ratings, evidenceCounts };
  return target === undefined ? selectTarget(evaluateProgress(input)) : computeGap(input, target);
}

/**
 * The level progress is shown against: the one named (id or title), or by
 * default the next level, or the top level once the person is at the top.
 * The one place the default is chosen, so the API, the CLI and the web app
 * (which shows the API's target) never disagree.
 *
 * @throws DomainError `level_not_found` for a name that is not on the track.
 */
export function selectTarget(evaluation: Evaluation, requested?: string): LevelProgress {
  const level =
    requested === undefined
      ? (evaluation.next ?? evaluation.track.levels.at(-1))
      : findLevel(evaluation.track, requested);
  const target = evaluation.levels.find((l) => l.level.id === level?.id);
  if (target === undefined) {
    throw notFound('level_not_found', null, { in: `track "${evaluation.track.id}"`, hint: 'the track has no levels' });
  }
  return target;
}
