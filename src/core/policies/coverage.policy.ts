import {
  countObserved,
  describeTooFewObserved,
  listNames,
  plural,
  selectJudged,
  type LevelRating,
  type LevelVerdict,
  type PolicyLevel,
} from './common.policy.js';

/** The numbers of a coverage policy, as the ladder states them (defaults applied). */
export interface CoverageRules {
  share: number;
  minObserved: number;
}

/**
 * Judges one level under the coverage policy, the default, because people
 * are rarely even across competencies: the level holds when
 * - at least `minObserved` competencies are rated at all;
 * - among the rated competencies that apply at the level, at least `share`
 *   are rated at it or above;
 * - none of them is more than one level below it;
 * - every competency the level lists as `required` is rated at it or above.
 *   A required competency that is not rated blocks the level: the ladder
 *   says the level cannot be shown without it, so absence is not a pass.
 * When no rated competency applies at the level, the share and distance
 * rules hold vacuously (only required competencies and minObserved count),
 * so competencies that start higher up never block a lower level.
 */
export function judgeCoverage(
  ratings: readonly LevelRating[],
  levels: readonly PolicyLevel[],
  levelIndex: number,
  rules: CoverageRules,
): LevelVerdict {
  const level = levels[levelIndex];
  if (level === undefined) throw new RangeError(`no level at index ${levelIndex}`);
  const judged = selectJudged(ratings, levelIndex);
  const meeting = judged.filter((r) => r.position >= levelIndex).length;
  const readinessShare = judged.length === 0 ? null : meeting / judged.length;
  const why = explainCoverage(ratings, levels, levelIndex, rules, level);
  const holds = why === null;
  return { holds, readiness: readinessShare ?? (holds ? 1 : 0), why };
}

function explainCoverage(
  ratings: readonly LevelRating[],
  levels: readonly PolicyLevel[],
  levelIndex: number,
  rules: CoverageRules,
  level: PolicyLevel,
): string | null {
  const observed = countObserved(ratings);
  if (observed < rules.minObserved) return describeTooFewObserved(observed, ratings.length, rules.minObserved);

  for (const id of level.required ?? []) {
    const rating = ratings.find((r) => r.id === id);
    const name = rating?.title ?? id;
    if (rating?.position === null || rating === undefined) {
      return `${level.title} requires "${name}" to be rated at ${level.title} or above; it is not rated.`;
    }
    if (rating.position < levelIndex) {
      const at = levels[rating.position]?.title ?? String(rating.position);
      return `${level.title} requires "${name}" to be rated at ${level.title} or above; it is rated ${at}.`;
    }
  }

  const judged = selectJudged(ratings, levelIndex);
  const far = judged.filter((r) => r.position < levelIndex - 1);
  if (far.length > 0) {
    const verb = far.length === 1 ? 'is' : 'are';
    return `${listNames(far.map((r) => r.title))} ${verb} rated more than one level below ${level.title}.`;
  }

  if (judged.length === 0) return null;
  const meeting = judged.filter((r) => r.position >= levelIndex).length;
  if (meeting / judged.length >= rules.share) return null;
  const needed = countNeeded(judged.length, rules.share);
  const noun = plural(judged.length, 'competency', 'competencies');
  return `${meeting} of ${judged.length} rated ${noun} that apply at ${level.title} meet it; ${needed} must (${Math.round(rules.share * 100)}%).`;
}

/**
 * The smallest count whose share reaches `share`, computed with the same
 * division the rule uses so the sentence never disagrees with the verdict.
 */
function countNeeded(total: number, share: number): number {
  for (let k = 0; k <= total; k++) if (k / total >= share) return k;
  return total;
}
