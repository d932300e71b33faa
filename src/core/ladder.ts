import { notFound } from './domain-error.js';
import { resolveCompetency } from '../shared/ladder.js';
import type { Competency, LadderDefinition, Track } from './ladder.schema.js';

// The rules the web app and the static site share with the engine live in src/shared, once.
export {
  competenciesOf,
  firstStepIndex,
  findStep,
  NOT_OBSERVED,
  ratingScale,
  resolveCompetency,
  type ScaleStep,
} from '../shared/ladder.js';

/**
 * A validated ladder together with its content hash. Everything stored records
 * the ladder id and hash it was made against, so history stays true when the
 * ladder file changes.
 */
export interface Ladder extends LadderDefinition {
  /** sha256 of the ladder's canonical JSON: formatting and comments do not change it. */
  readonly hash: string;
}

/** A rating names a scale step, or says the competency was not observed. */
export type RatingValue = string;

/** Finds a track by id, or the ladder's first track when no id is given. */
export function findTrack(ladder: LadderDefinition, trackId?: string): Track {
  const track = trackId === undefined ? ladder.tracks[0] : ladder.tracks.find((t) => t.id === trackId);
  if (track === undefined) {
    const known = ladder.tracks.map((t) => t.id);
    throw notFound('track_not_found', String(trackId), { in: `ladder "${ladder.id}"`, known });
  }
  return track;
}

/** Finds a level of a track by id or, case-insensitively, by title. */
export function findLevel(track: Track, idOrTitle: string) {
  const wanted = idOrTitle.toLowerCase();
  const level = track.levels.find((l) => l.id === idOrTitle || l.title.toLowerCase() === wanted);
  if (level === undefined) {
    const known = track.levels.map((l) => l.id);
    throw notFound('level_not_found', idOrTitle, { in: `track "${track.id}"`, known });
  }
  return level;
}

/** Like resolveCompetency, but a missing id is an error that names the known ones. */
export function requireCompetency(ladder: LadderDefinition, id: string): Competency {
  const competency = resolveCompetency(ladder, id);
  if (competency === undefined) {
    const known = ladder.competencies.map((c) => c.id);
    throw notFound('competency_not_found', id, { in: `ladder "${ladder.id}"`, known });
  }
  return competency;
}
