import { DomainError } from './domain-error.js';
import type { Competency, LadderDefinition, Track } from './ladder.schema.js';

/**
 * A validated ladder together with its content hash. Everything stored records
 * the ladder id and hash it was made against, so history stays true when the
 * ladder file changes.
 */
export interface Ladder extends LadderDefinition {
  /** sha256 of the ladder's canonical JSON: formatting and comments do not change it. */
  readonly hash: string;
}

/** One step of the scale that ratings use: a level, or a milestone under the points policy. */
export interface ScaleStep {
  id: string;
  title: string;
  /** Position on the scale, 0 for the lowest step. */
  index: number;
  /** Points earned at this step (points policy only). */
  points?: number;
  /** Ids the step had before a rename (levels only), so old ratings still find it. */
  formerly?: string[];
}

/** The value recorded when a competency has not been seen in action. */
export const NOT_OBSERVED = 'not-observed';

/** A rating names a scale step, or says the competency was not observed. */
export type RatingValue = string;

/** Finds a track by id, or the ladder's first track when no id is given. */
export function findTrack(ladder: LadderDefinition, trackId?: string): Track {
  const track = trackId === undefined ? ladder.tracks[0] : ladder.tracks.find((t) => t.id === trackId);
  if (track === undefined) {
    const known = ladder.tracks.map((t) => t.id).join(', ');
    throw new DomainError('track_not_found', `track "${trackId}" is not in ladder "${ladder.id}" (tracks: ${known})`);
  }
  return track;
}

/** Finds a level of a track by id or, case-insensitively, by title. */
export function findLevel(track: Track, idOrTitle: string) {
  const wanted = idOrTitle.toLowerCase();
  const level = track.levels.find((l) => l.id === idOrTitle || l.title.toLowerCase() === wanted);
  if (level === undefined) {
    const known = track.levels.map((l) => l.id).join(', ');
    throw new DomainError('level_not_found', `level "${idOrTitle}" is not on track "${track.id}" (levels: ${known})`);
  }
  return level;
}

/**
 * The steps a rating may name on a track: the track's levels, or the
 * milestones when the ladder scores points.
 */
export function ratingScale(ladder: LadderDefinition, track: Track): ScaleStep[] {
  if (ladder.policy.kind === 'points') {
    return ladder.policy.milestones.map((m, index) => ({
      id: m.id,
      title: m.title ?? m.id,
      index,
      points: m.points,
    }));
  }
  return track.levels.map((l, index) => ({
    id: l.id,
    title: l.title,
    index,
    ...(l.formerly === undefined ? {} : { formerly: l.formerly }),
  }));
}

/** The competencies that apply on a track, in ladder order. */
export function competenciesOf(ladder: LadderDefinition, track: Track): Competency[] {
  return ladder.competencies.filter((c) => c.track === undefined || c.track === track.id);
}

/**
 * Maps an id that may be old (listed in a competency's `formerly`) to the
 * competency that carries it today, so ratings and evidence survive renames.
 */
export function resolveCompetency(ladder: LadderDefinition, id: string): Competency | undefined {
  return (
    ladder.competencies.find((c) => c.id === id) ?? ladder.competencies.find((c) => c.formerly?.includes(id) === true)
  );
}

/** Like resolveCompetency, but a missing id is an error that names the known ones. */
export function requireCompetency(ladder: LadderDefinition, id: string): Competency {
  const competency = resolveCompetency(ladder, id);
  if (competency === undefined) {
    const known = ladder.competencies.map((c) => c.id).join(', ');
    throw new DomainError(
      'competency_not_found',
      `competency "${id}" is not in ladder "${ladder.id}" (competencies: ${known})`,
    );
  }
  return competency;
}

/**
 * Index of the lowest scale step at which the competency has an expectation;
 * below it the competency does not apply. Returns -1 when it has none on the scale.
 */
export function firstStepIndex(competency: Competency, scale: readonly ScaleStep[]): number {
  return scale.findIndex((step) => competency.levels[step.id] !== undefined);
}

/** Finds the scale step a rating names: by id, by a former id, or by case-insensitive title. */
export function findStep(scale: readonly ScaleStep[], idOrTitle: string): ScaleStep | undefined {
  const wanted = idOrTitle.toLowerCase();
  return (
    scale.find((s) => s.id === idOrTitle || s.title.toLowerCase() === wanted) ??
    scale.find((s) => s.formerly?.includes(idOrTitle) === true)
  );
}
