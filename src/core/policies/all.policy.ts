import {
  blockMissingEvidence,
  blockTooFewObserved,
  countObserved,
  lacksEvidenceFor,
  ratedIndex,
  selectJudged,
  type Blocker,
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
 * rated and every rated competency that applies at the level counts at it or
 * above (after the evidence rule). Competencies that are not rated, or do not
 * apply yet, are ignored.
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
  const blockers: Blocker[] = [];
  if (observed < rules.minObserved) blockers.push(blockTooFewObserved(observed, ratings.length, rules.minObserved));
  for (const rating of below) {
    if (lacksEvidenceFor(rating, levelIndex)) {
      blockers.push(blockMissingEvidence(rating, levels, levelIndex));
      continue;
    }
    const at = levels[ratedIndex(rating)]?.title ?? String(rating.position);
    blockers.push({
      code: 'below-level',
      competency: { id: rating.id, title: rating.title },
      message: `"${rating.title}" is rated ${at}, below ${level.title}; every rated competency must meet it.`,
    });
  }
  const holds = blockers.length === 0;
  const readiness = judged.length === 0 ? (holds ? 1 : 0) : (judged.length - below.length) / judged.length;
  return { holds, readiness, blockers };
}
