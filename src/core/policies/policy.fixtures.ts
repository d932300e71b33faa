import type { Blocker, LevelRating } from './common.policy.js';

/**
 * Ratings c1, c2, … at the given positions (null = not observed), each
 * applicable from the matching entry of `first` (default: the first level),
 * weight 1. Shared by the policy tables; not part of the build.
 */
export function ratingsAt(positions: (number | null)[], first: number[] = []): LevelRating[] {
  return positions.map((position, i) => ({
    id: `c${i + 1}`,
    title: `C${i + 1}`,
    position,
    firstIndex: first[i] ?? 0,
    weight: 1,
  }));
}

/**
 * A rating that counts lower than it is rated for want of evidence: rated at
 * `rated`, counting at `position`, with `evidenceCount` pieces against the
 * per-level `needs`.
 */
export function unsupported(
  rating: LevelRating,
  rated: number,
  evidenceCount: number,
  needs: readonly number[],
): LevelRating {
  return { ...rating, rated, evidenceCount, evidenceNeeded: needs };
}

/** Blockers as `[code, competency id or null, message]`, so a table row reads in one line. */
export function blockerRows(blockers: readonly Blocker[]): [string, string | null, string][] {
  return blockers.map((b) => [b.code, b.competency?.id ?? null, b.message]);
}
