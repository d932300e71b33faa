import {
  blockMissingEvidence,
  blockTooFewObserved,
  clampUnit,
  countObserved,
  ratedIndex,
  type Blocker,
  formatNumber,
  isObserved,
  resolveLevelStarts,
  type LevelRating,
  type LevelVerdict,
  type PolicyLevel,
} from './common.policy.js';

/** The numbers of a weighted-average policy, as the ladder states them (defaults applied). */
export interface WeightedAverageRules {
  minObserved: number;
  bands?: readonly { level: string; from: number }[] | undefined;
}

/** The weighted average and what it says about each level of the track. */
export interface WeightedAverageOutcome {
  /** Weighted mean of the observed positions; null when nothing is rated. */
  average: number | null;
  /** Where each level's band starts (see resolveLevelStarts); null when unreachable. */
  starts: (number | null)[];
  /** One verdict per level, lowest first. */
  verdicts: LevelVerdict[];
}

/**
 * Computes the weighted mean of the observed positions (0 for the first
 * level, 1 for the second, ...). Every observed competency counts, whether or
 * not it applies yet, because the average is one number for the person, not
 * one per level. Null when nothing is rated.
 */
export function computeWeightedAverage(ratings: readonly LevelRating[]): number | null {
  const observed = ratings.filter(isObserved);
  const totalWeight = observed.reduce((sum, r) => sum + r.weight, 0);
  if (totalWeight === 0) return null;
  return observed.reduce((sum, r) => sum + r.weight * r.position, 0) / totalWeight;
}

/**
 * Judges every level under the weighted-average policy, for ladders that
 * trade depth in one competency against another. Positions are where the
 * ratings count after the evidence rule. A level holds when at
 * least `minObserved` competencies are rated and the average reaches the
 * start of the level's band. Without bands each level starts at its own
 * position; with bands, levels the bands leave out are filled in by
 * resolveLevelStarts (the first level is the floor, a level between bands is
 * reached with the band above it, a level above the last band is unreachable).
 */
export function judgeWeightedAverage(
  ratings: readonly LevelRating[],
  levels: readonly PolicyLevel[],
  rules: WeightedAverageRules,
): WeightedAverageOutcome {
  const average = computeWeightedAverage(ratings);
  const entries =
    rules.bands?.map((b) => ({ level: b.level, value: b.from })) ?? levels.map((l, i) => ({ level: l.id, value: i }));
  const starts = resolveLevelStarts(levels, entries);
  const observed = countObserved(ratings);
  const unsupported = ratings.filter(isObserved).filter((r) => r.position < ratedIndex(r));
  const verdicts = levels.map((level, i): LevelVerdict => {
    const start = starts[i] ?? null;
    const readiness = average === null || start === null ? 0 : start === 0 ? 1 : clampUnit(average / start);
    const blockers: Blocker[] = [];
    if (observed < rules.minObserved) blockers.push(blockTooFewObserved(observed, ratings.length, rules.minObserved));
    if (start === null) {
      blockers.push({
        code: 'average-below',
        competency: null,
        message: `${level.title} has no band in the policy, so no average reaches it.`,
      });
    } else if (average === null || average < start) {
      blockers.push({
        code: 'average-below',
        competency: null,
        message: `The weighted average, ${formatNumber(average ?? 0)}, is below ${formatNumber(start)}, where ${level.title} starts.`,
      });
      // Evidence would raise the average: name every rating that counts lower than it is rated.
      for (const rating of unsupported) blockers.push(blockMissingEvidence(rating, levels, ratedIndex(rating)));
    }
    return { holds: blockers.length === 0, readiness, blockers };
  });
  return { average, starts, verdicts };
}
