import type { Ladder } from '../server/api-contract.js';
import { resolveCompetency } from '../shared/ladder.js';

/**
 * Reading a ladder the way the screens need it: the person's track, its
 * scale, competencies grouped by category, and the window of levels the
 * assessment shows around a rating. The rules the engine also applies (the
 * scale, which competencies apply where, renamed ids) come from src/shared,
 * the one copy the core, the site and the web app all use; the names here are
 * the ones the screens were written with.
 */
export {
  NOT_OBSERVED,
  competenciesOf as competenciesOn,
  expectationAt,
  groupByCategory,
  ratingScale as scaleOf,
  resolveCompetency as findCompetency,
  type ScaleStep,
} from '../shared/ladder.js';

/** One career path of the ladder. */
export type Track = Ladder['tracks'][number];
/** One step on a track. */
export type Level = Track['levels'][number];
/** One dimension on which people are rated. */
export type Competency = Ladder['competencies'][number];
/** What a competency asks at one level. */
export type Expectation = NonNullable<Competency['levels'][string]>;
/** A group of related competencies. */
export type Category = Ladder['categories'][number];

/** The track with that id, or the ladder's first when the id is missing or unknown. */
export function trackOf(ladder: Ladder, trackId?: string | null): Track {
  const track = ladder.tracks.find((t) => t.id === trackId) ?? ladder.tracks[0];
  if (track === undefined) throw new Error(`ladder "${ladder.id}" has no track`);
  return track;
}

/** The title of a competency, or its id when the ladder no longer has it. */
export function competencyTitle(ladder: Ladder, id: string): string {
  return resolveCompetency(ladder, id)?.title ?? id;
}

/**
 * The indices of a window of `size` steps centred on `centre`, moved inwards
 * at either end of the scale so it stays full when the scale allows.
 */
export function windowAround(scaleLength: number, centre: number, size = 3): number[] {
  if (scaleLength <= 0) return [];
  const width = Math.min(size, scaleLength);
  const clampedCentre = Math.min(Math.max(centre, 0), scaleLength - 1);
  let start = clampedCentre - Math.floor((width - 1) / 2);
  start = Math.min(Math.max(start, 0), scaleLength - width);
  return Array.from({ length: width }, (_, i) => start + i);
}

/** The lower and the higher of two levels of a track, by position, for the comparison view. */
export function orderLevels(track: Track, a: string, b: string): { lower: Level; higher: Level } | null {
  const ia = track.levels.findIndex((l) => l.id === a);
  const ib = track.levels.findIndex((l) => l.id === b);
  const lower = track.levels[Math.min(ia, ib)];
  const higher = track.levels[Math.max(ia, ib)];
  if (ia === -1 || ib === -1 || lower === undefined || higher === undefined) return null;
  return { lower, higher };
}

/** The level right after another on its track, or undefined at the top. */
export function nextLevel(track: Track, levelId: string): Level | undefined {
  const index = track.levels.findIndex((l) => l.id === levelId);
  return index === -1 ? undefined : track.levels[index + 1];
}

/** The level right before another on its track, or undefined at the bottom. */
export function previousLevel(track: Track, levelId: string): Level | undefined {
  const index = track.levels.findIndex((l) => l.id === levelId);
  return index <= 0 ? undefined : track.levels[index - 1];
}
