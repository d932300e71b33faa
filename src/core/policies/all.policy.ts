import {
  countObserved,
  describeTooFewObserved,
  listNames,
  selectJudged,
  type LevelRating,
  type LevelVerdict,
  type PolicyLevel,
} from './common.policy.js';

/** The numbers of an all policy, as the ladder states them (defaults applied). */
export interface AllRules {
  minObserved: number;
}

/**
 * Judges one level under the all policy, for ladders that want no
 * compromise: the level holds when at least `minObserved` competencies are
 * rated and every rated competency that applies at the level is rated at it
 * or above. Competencies that are not rated, or do not apply yet, are ignored.
 */
export function judgeAll(
  ratings: readonly LevelRating[],
  levels: readonly PolicyLevel[],
  levelIndex: number,
  rules: AllRules,
): LevelVerdict {
  const level = levels[levelIndex];
  if (level === undefined) throw new RangeError(`no level at index ${levelIndex}`);
  const judged = selectJudged(ratings, levelIndex);
  const below = judged.filter((r) => r.position < levelIndex);
  const observed = countObserved(ratings);
  let why: string | null = null;
  if (observed < rules.minObserved) {
    why = describeTooFewObserved(observed, ratings.length, rules.minObserved);
  } else if (below.length > 0) {
    const verb = below.length === 1 ? 'is' : 'are';
    why = `${listNames(below.map((r) => r.title))} ${verb} rated below ${level.title}; every rated competency must meet it.`;
  }
  const holds = why === null;
  const readiness = judged.length === 0 ? (holds ? 1 : 0) : (judged.length - below.length) / judged.length;
  return { holds, readiness, why };
}
