/**
 * What the four level policies share: the shape of their answer, the view of a
 * rating the level-scale policies (coverage, all, weighted-average) work on,
 * and the wording of the reasons they give. Keeping it here means each policy
 * file holds only its own rule.
 */

/** Why a level is not met: one stable code per kind of reason, so every edge can show and test the same thing. */
export type BlockerCode =
  /** Fewer competencies rated than the policy's minObserved. */
  | 'too-few-observed'
  /** A competency the level lists as required has no rating. */
  | 'required-not-rated'
  /** A required competency is rated below the level. */
  | 'required-below'
  /** A competency is rated more than one level below (coverage). */
  | 'too-far-below'
  /** Coverage: not enough rated competencies meet the level. */
  | 'share-not-reached'
  /** All: a rated competency is below the level. */
  | 'below-level'
  /** A rating at or above the level lacks the evidence the ladder asks for it to count. */
  | 'not-enough-evidence'
  /** Weighted-average: the average is below the level's band. */
  | 'average-below'
  /** Points: the total is below the level's threshold. */
  | 'points-below'
  /** A level below this one is not met (levels are cumulative). */
  | 'lower-level-not-met';

/** One reason a level is not met, as the web app, the CLI and the API all show it. */
export interface Blocker {
  code: BlockerCode;
  /** The competency the blocker names; null for blockers about the whole level. */
  competency: { id: string; title: string } | null;
  /** One sentence a person can act on. */
  message: string;
}

/**
 * What a policy says about one level taken on its own. The engine makes it
 * cumulative (a level is met only when every level below it is met too), so a
 * policy never has to look at the levels below.
 */
export interface LevelVerdict {
  /** The policy's condition holds for this level: exactly when there are no blockers. */
  holds: boolean;
  /** 0..1, the share of the way to this level, for progress bars. */
  readiness: number;
  /** Every reason the level does not hold, whole-level reasons first; empty when it holds. */
  blockers: Blocker[];
}

/**
 * One competency's rating as the level-scale policies see it: positions on the
 * track instead of ids, so a policy is arithmetic and nothing else.
 */
export interface LevelRating {
  /** Competency id, to match a level's `required` list. */
  id: string;
  /** Competency title, for reasons. */
  title: string;
  /**
   * Index on the track of the level the rating counts at, after the evidence
   * rule (-1 when it lacks the evidence to count even at the first level);
   * null when not observed.
   */
  position: number | null;
  /** Index of the level it is rated at before the evidence rule; the same as `position` when left out. */
  rated?: number | null;
  /** Evidence recorded for the competency, to explain the evidence rule. */
  evidenceCount?: number;
  /** Per level index, pieces of evidence the rating needs to count there; none when left out. */
  evidenceNeeded?: readonly number[];
  /** Index of the lowest level where the competency has an expectation; -1 when it has none. */
  firstIndex: number;
  /** Relative weight for the weighted-average policy. */
  weight: number;
}

/** A rating that was observed: the only kind a level-scale policy counts. */
export type ObservedLevelRating = LevelRating & { position: number };

/** A level as the policies need it: the id to match, the title to say, what it requires. */
export interface PolicyLevel {
  id: string;
  title: string;
  required?: readonly string[] | undefined;
}

/**
 * Whether a competency counts at a level: it does from the first level where
 * the ladder states an expectation for it. Below that it is not applicable.
 */
export function isApplicableAt(rating: LevelRating, levelIndex: number): boolean {
  return rating.firstIndex !== -1 && rating.firstIndex <= levelIndex;
}

/** Narrows a rating to an observed one. */
export function isObserved(rating: LevelRating): rating is ObservedLevelRating {
  return rating.position !== null;
}

/**
 * The ratings a level-scale policy judges a level on: observed and
 * applicable there. Not observed is never a failure, only an absence.
 */
export function selectJudged(ratings: readonly LevelRating[], levelIndex: number): ObservedLevelRating[] {
  return ratings.filter(isObserved).filter((r) => isApplicableAt(r, levelIndex));
}

/** Counts the observed ratings, for the minObserved rule. */
export function countObserved(ratings: readonly LevelRating[]): number {
  return ratings.filter(isObserved).length;
}

/**
 * The blocker while too few competencies are rated: a level shown from one
 * or two ratings would be noise, so the ladder sets a minimum.
 */
export function blockTooFewObserved(observed: number, total: number, minObserved: number): Blocker {
  const rated =
    observed === 0
      ? `None of the ${total} ${plural(total, 'competency', 'competencies')} is rated`
      : `Only ${observed} of ${total} ${plural(total, 'competency', 'competencies')} ${observed === 1 ? 'is' : 'are'} rated`;
  return {
    code: 'too-few-observed',
    competency: null,
    message: `${rated}; ${minObserved} ${minObserved === 1 ? 'is' : 'are'} needed before a level can be shown.`,
  };
}

/** The index of the level a rating is rated at before the evidence rule. */
export function ratedIndex(rating: ObservedLevelRating): number {
  return rating.rated ?? rating.position;
}

/**
 * Whether a rating would reach `threshold` but for the evidence rule: it is
 * rated there or above and counts lower because it lacks evidence.
 */
export function lacksEvidenceFor(rating: ObservedLevelRating, threshold: number): boolean {
  return rating.position < threshold && ratedIndex(rating) >= threshold;
}

/**
 * The blocker for a rating that counts lower than it is rated because it
 * lacks evidence: how many pieces it has, how many the level asks, and where
 * it counts instead.
 */
export function blockMissingEvidence(
  rating: ObservedLevelRating,
  levels: readonly PolicyLevel[],
  threshold: number,
): Blocker {
  const rated = levels[ratedIndex(rating)]?.title ?? String(ratedIndex(rating));
  const at = levels[threshold]?.title ?? String(threshold);
  const has = rating.evidenceCount ?? 0;
  const needs = rating.evidenceNeeded?.[threshold] ?? 0;
  const counts = levels[rating.position]?.title;
  return {
    code: 'not-enough-evidence',
    competency: { id: rating.id, title: rating.title },
    message:
      `"${rating.title}" is rated ${rated} with ${has} ${plural(has, 'piece', 'pieces')} of evidence; ` +
      `it needs ${needs} to count at ${at}, so it counts ${counts === undefined ? 'at no level' : `as ${counts}`}.`,
  };
}

/**
 * The value from which each level of a track is reached, from a policy's
 * list of `{ level, value }` (weighted-average bands, points thresholds).
 * A list need not name every level, so the gaps are filled in one way for
 * both policies:
 * - the first level, when not listed, is the floor and starts at 0;
 * - a level between listed ones starts where the next listed level above it
 *   starts: one cannot pass it without reaching it;
 * - a level above the last listed one has no start (null) and cannot be reached.
 * Entries naming levels of other tracks are ignored.
 */
export function resolveLevelStarts(
  levels: readonly PolicyLevel[],
  entries: readonly { level: string; value: number }[],
): (number | null)[] {
  const listed = levels.map((level) => entries.find((e) => e.level === level.id)?.value ?? null);
  const starts: (number | null)[] = [];
  let above: number | null = null;
  for (let i = listed.length - 1; i >= 0; i--) {
    const own = listed[i] ?? null;
    if (own !== null) above = own;
    starts[i] = own ?? above;
  }
  if (listed[0] === null && starts.length > 0) starts[0] = 0;
  return starts;
}

/** Limits a ratio to 0..1 so readiness can drive a progress bar directly. */
export function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Formats a number for a sentence: at most two decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Picks the singular or plural form of a noun. */
export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** Joins names as `"a"`, `"a" and "b"` or `"a", "b" and 2 more`, so a reason stays one line. */
export function listNames(names: readonly string[], limit = 3): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length <= limit) return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, limit - 1).join(', ')} and ${quoted.length - (limit - 1)} more`;
}
