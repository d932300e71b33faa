import type { Kysely } from 'kysely';
import type { Ladder } from '../core/ladder.js';
import { computeGap, evaluateProgress, type Evaluation, type LevelProgress } from '../core/progression.js';
import type { Database, EvidenceVisibility } from '../store/schema.js';
import { currentRatings } from './assessment.service.js';
import { countEvidence } from './evidence.service.js';

/** Where a person stands: the engine's evaluation plus when the ratings were made. */
export interface ProgressReport {
  evaluation: Evaluation;
  /** When the ratings in force were recorded; null when never assessed. */
  assessedAt: string | null;
  /** The ladder version the ratings were made against, which may be older than today's. */
  assessedAgainst: { ladderId: string; ladderHash: string } | null;
}

/** Narrows a progress report: the track, and which evidence the viewer may count. */
export interface ProgressOptions {
  track?: string;
  /** Count only evidence of this visibility: `shared` when someone other than the author is looking. */
  evidenceVisibility?: EvidenceVisibility;
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
    countEvidence(db, ladder, personId, { visibility: options.evidenceVisibility }),
  ]);
  const track = options.track ?? current.assessment?.trackId;
  const evaluation = evaluateProgress({ ladder, track, ratings: current.ratings, evidenceCounts });
  const assessment = current.assessment;
  return {
    evaluation,
    assessedAt: assessment?.createdAt ?? null,
    assessedAgainst: assessment === null ? null : { ladderId: assessment.ladderId, ladderHash: assessment.ladderHash },
  };
}

/** What a target level asks that the person's ratings do not show yet. */
export async function getGap(
  db: Kysely<Database>,
  ladder: Ladder,
  personId: string,
  target: string,
  options: { track?: string } = {},
): Promise<LevelProgress> {
  const [current, evidenceCounts] = await Promise.all([
    currentRatings(db, ladder, personId, { track: options.track }),
    countEvidence(db, ladder, personId),
  ]);
  const track = options.track ?? current.assessment?.trackId;
  return computeGap({ ladder, track, ratings: current.ratings, evidenceCounts }, target);
}
