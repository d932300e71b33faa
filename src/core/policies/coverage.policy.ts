import {
  blockMissingEvidence,
  blockTooFewObserved,
  countObserved,
  lacksEvidenceFor,
  plural,
  ratedIndex,
  selectJudged,
  type Blocker,
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
 * - every competency the level lists as `required` is rated at it or above.
 *   A required competency that is not rated blocks the level: the ladder
 *   says the level cannot be shown without it, so absence is not a pass;
 * - none of the rated competencies that apply at the level is more than one
 *   level below it;
 * - among them, at least `share` are rated at it or above.
 * Ratings count where the evidence rule lets them (`position`); a rating that
 * counts lower for want of evidence is named as such, since evidence is what fixes it.
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
  const blockers = explainCoverage(ratings, levels, levelIndex, rules, level);
  const holds = blockers.length === 0;
  const readiness = judged.length === 0 ? (holds ? 1 : 0) : meeting / judged.length;
  return { holds, readiness, blockers };
}

function explainCoverage(
  ratings: readonly LevelRating[],
  levels: readonly PolicyLevel[],
  levelIndex: number,
  rules: CoverageRules,
  level: PolicyLevel,
): Blocker[] {
  const blockers: Blocker[] = [];
  const named = new Set<string>();
  const observed = countObserved(ratings);
  if (observed < rules.minObserved) blockers.push(blockTooFewObserved(observed, ratings.length, rules.minObserved));

  for (const id of level.required ?? []) {
    const rating = ratings.find((r) => r.id === id);
    const competency = { id, title: rating?.title ?? id };
    const asks = `${level.title} requires "${competency.title}" to be rated at ${level.title} or above`;
    named.add(id);
    if (rating?.position === null || rating === undefined) {
      blockers.push({ code: 'required-not-rated', competency, message: `${asks}; it is not rated.` });
    } else if (lacksEvidenceFor({ ...rating, position: rating.position }, levelIndex)) {
      blockers.push(blockMissingEvidence({ ...rating, position: rating.position }, levels, levelIndex));
    } else if (rating.position < levelIndex) {
      const at = levels[ratedIndex({ ...rating, position: rating.position })]?.title ?? String(rating.position);
      blockers.push({ code: 'required-below', competency, message: `${asks}; it is rated ${at}.` });
    }
  }

  const judged = selectJudged(ratings, levelIndex);
  for (const rating of judged.filter((r) => r.position < levelIndex - 1 && !named.has(r.id))) {
    named.add(rating.id);
    if (lacksEvidenceFor(rating, levelIndex - 1)) {
      // Say what the level itself asks (as the gap view does), or what the rating's own level asks when lower.
      blockers.push(blockMissingEvidence(rating, levels, Math.min(ratedIndex(rating), levelIndex)));
    } else {
      const at = levels[ratedIndex(rating)]?.title ?? String(rating.position);
      blockers.push({
        code: 'too-far-below',
        competency: { id: rating.id, title: rating.title },
        message: `"${rating.title}" is rated ${at}, more than one level below ${level.title}.`,
      });
    }
  }

  if (judged.length === 0) return blockers;
  const meeting = judged.filter((r) => r.position >= levelIndex).length;
  if (meeting / judged.length >= rules.share) return blockers;
  const needed = countNeeded(judged.length, rules.share);
  const noun = plural(judged.length, 'competency', 'competencies');
  blockers.push({
    code: 'share-not-reached',
    competency: null,
    message: `${meeting} of ${judged.length} rated ${noun} that apply at ${level.title} meet it; ${needed} must (${Math.round(rules.share * 100)}%).`,
  });
  for (const rating of judged.filter((r) => lacksEvidenceFor(r, levelIndex) && !named.has(r.id))) {
    blockers.push(blockMissingEvidence(rating, levels, levelIndex));
  }
  return blockers;
}

/**
 * The smallest count whose share reaches `share`, computed with the same
 * division the rule uses so the sentence never disagrees with the verdict.
 */
function countNeeded(total: number, share: number): number {
  for (let k = 0; k <= total; k++) if (k / total >= share) return k;
  return total;
}
