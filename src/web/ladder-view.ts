import type { Ladder } from '../server/api-contract.js';

/**
 * Reading a ladder the way the screens need it: the person's track, its
 * scale, competencies grouped by category, and the window of levels the
 * assessment shows around a rating. The web app may not import the core, so
 * these few rules are restated here, in the core's words.
 */

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

/** One step of the rating scale: a level, or a milestone on a points ladder. */
export interface ScaleStep {
  id: string;
  title: string;
  index: number;
}

/** The rating that says a competency was not seen in action. */
export const NOT_OBSERVED = 'not-observed';

/** The track with that id, or the ladder's first when the id is missing or unknown. */
export function trackOf(ladder: Ladder, trackId?: string | null): Track {
  const track = ladder.tracks.find((t) => t.id === trackId) ?? ladder.tracks[0];
  if (track === undefined) throw new Error(`ladder "${ladder.id}" has no track`);
  return track;
}

/** The steps a rating may name: the track's levels, or the milestones of a points ladder. */
export function scaleOf(ladder: Ladder, track: Track): ScaleStep[] {
  if (ladder.policy.kind === 'points') {
    return ladder.policy.milestones.map((m, index) => ({ id: m.id, title: m.title ?? m.id, index }));
  }
  return track.levels.map((l, index) => ({ id: l.id, title: l.title, index }));
}

/** The competencies that apply on a track, in ladder order. */
export function competenciesOn(ladder: Ladder, track: Track): Competency[] {
  return ladder.competencies.filter((c) => c.track === undefined || c.track === track.id);
}

/** Competencies under their category, in the ladder's category order; unknown categories last. */
export function groupByCategory(
  ladder: Ladder,
  competencies: readonly Competency[],
): Array<{ category: Category; competencies: Competency[] }> {
  const groups = ladder.categories
    .map((category) => ({ category, competencies: competencies.filter((c) => c.category === category.id) }))
    .filter((group) => group.competencies.length > 0);
  const known = new Set(ladder.categories.map((c) => c.id));
  const orphans = competencies.filter((c) => !known.has(c.category));
  if (orphans.length > 0) groups.push({ category: { id: 'other', title: 'Other' }, competencies: orphans });
  return groups;
}

/** What a competency asks at a level, or undefined below the level where it starts. */
export function expectationAt(competency: Competency, stepId: string): Expectation | undefined {
  return competency.levels[stepId];
}

/** Finds a competency by id, or by an id it had before a rename. */
export function findCompetency(ladder: Ladder, id: string): Competency | undefined {
  return ladder.competencies.find((c) => c.id === id) ?? ladder.competencies.find((c) => c.formerly?.includes(id));
}

/** The title of a competency, or its id when the ladder no longer has it. */
export function competencyTitle(ladder: Ladder, id: string): string {
  return findCompetency(ladder, id)?.title ?? id;
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
