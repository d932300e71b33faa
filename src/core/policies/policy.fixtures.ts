import type { LevelRating } from './common.policy.js';

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
