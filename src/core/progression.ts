import { DomainError, notFound } from './domain-error.js';
import {
  competenciesOf,
  findLevel,
  findStep,
  findTrack,
  firstStepIndex,
  NOT_OBSERVED,
  ratingScale,
  requireCompetency,
  resolveCompetency,
  type ScaleStep,
} from './ladder.js';
import type { Competency, Expectation, LadderDefinition, Level, Policy, Track } from './ladder.schema.js';
import { countingIndex, describeLevelRule, evidenceNeeds } from './level-rule.js';
import { judgeAll } from './policies/all.policy.js';
import {
  blockMissingEvidence,
  isApplicableAt,
  type Blocker,
  type LevelRating,
  type LevelVerdict,
  type ObservedLevelRating,
} from './policies/common.policy.js';
import { judgeCoverage } from './policies/coverage.policy.js';
import { findNextMilestone, judgePoints } from './policies/points.policy.js';
import { judgeWeightedAverage } from './policies/weighted-average.policy.js';

export type { Blocker, BlockerCode } from './policies/common.policy.js';

/**
 * Where one competency stands against a level, in the words the gap view
 * uses. `scored` is the points policy's only rated status, since points have
 * no per-competency target.
 */
export type CompetencyStatus = 'meets' | 'one-below' | 'further-below' | 'not-observed' | 'not-applicable' | 'scored';

/**
 * Everything the engine needs, and nothing it would have to look up: the
 * caller reads the ladder and the ratings, so the engine stays pure.
 */
export interface EvaluationInput {
  /** The ladder to judge against (a loaded Ladder works too). */
  ladder: LadderDefinition;
  /** Track id; the ladder's first track when left out. */
  track?: string;
  /**
   * Competency id (current, or a former id listed in `formerly`) -> scale step
   * (level, or milestone under the points policy) by id or title, or
   * NOT_OBSERVED. A competency left out is not observed.
   */
  ratings: Readonly<Record<string, string>>;
  /** Competency id (current or former) -> number of evidence items. Missing = 0. */
  evidenceCounts?: Readonly<Record<string, number>>;
}

/** One competency against one level: what a person sees in a row of the gap view. */
export interface CompetencyProgress {
  id: string;
  title: string;
  category: string;
  /** The rated step; null when not observed. */
  rating: ScaleStep | null;
  /** Against the target level. */
  status: CompetencyStatus;
  /**
   * Levels between the rating and the target; 0 when it meets, is not
   * observed or does not apply. Points policy: milestones left to the top.
   */
  stepsBelow: number;
  /**
   * What the competency asks at the target level; under the points policy, at
   * the next milestone worth more points (null at the top).
   */
  expectation: Expectation | null;
  /** Evidence recorded for the competency, under its current and former ids. */
  evidenceCount: number;
  /**
   * Pieces of evidence the rating needs to count at the target level, or at
   * its own level when it is rated below the target (the step it is rated at
   * under the points policy); for a competency not rated, what the target
   * level asks. 0 when the ladder asks none, and when it does not apply.
   */
  evidenceNeeded: number;
  /**
   * False when the rating has fewer pieces of evidence than `evidenceNeeded`,
   * so it counts lower than it is rated ("unsupported"); true otherwise,
   * including when not rated.
   */
  supported: boolean;
}

/** Progress toward one level: whether it is met, how close it is, and what is missing. */
export interface LevelProgress {
  level: Level;
  /** Position of the level on the track, 0 for the first. */
  index: number;
  /** The policy's condition holds for this level and for every level below it. */
  met: boolean;
  /**
   * 0..1, the share of the way to this level. coverage/all: share of rated,
   * applicable competencies that meet it; weighted-average: average / band
   * start; points: total / threshold. Never 1 for a level that is not met
   * (at most MAX_UNMET_READINESS), so no bar reads 100% while something blocks it.
   */
  readiness: number;
  /**
   * Every reason the level is not met, from the policy, then
   * `lower-level-not-met` when a level below is not met; empty exactly when `met`.
   */
  blockers: Blocker[];
  /** The level's rule in words (describeLevelRule). */
  rule: string;
  /** Every competency of the track, in ladder order. */
  competencies: CompetencyProgress[];
  /**
   * The competencies below the level, largest gap first (stable by ladder
   * order). Points policy: those with a next milestone, most points to gain first.
   */
  gaps: CompetencyProgress[];
  /** Points policy only: points still missing (0 once reached); absent when no threshold reaches the level. */
  pointsNeeded?: number;
}

/** The engine's answer for one person on one track. */
export interface Evaluation {
  ladderId: string;
  track: Track;
  policy: Policy['kind'];
  /** The highest level met, or null (see `reason`). */
  demonstrated: Level | null;
  /** The level above `demonstrated` (the first level when none is), null at the top. */
  next: Level | null;
  /** Why no level is demonstrated: the first blocker of the first level; null when one is. */
  reason: string | null;
  /** Competencies of the track that are rated. */
  observed: number;
  /** Competencies of the track (every one applies at some level of it). */
  applicable: number;
  /** Points total (points) or weighted average position (weighted-average); null otherwise or when nothing is rated. */
  score: number | null;
  /** One entry per level of the track, lowest first. */
  levels: LevelProgress[];
}

/**
 * Turns ratings into the level a person demonstrates and the progress toward
 * every level of the track, under the ladder's policy. One call answers both
 * "where am I" and "what is missing for the next level".
 *
 * @throws DomainError `track_not_found`, `competency_not_found` (an unknown
 * id, or a competency of another track), `rating_invalid` (a step not on the
 * scale, or one competency rated twice differently through a former id),
 * `input_invalid` (an evidence count that is not a whole number >= 0).
 */
export function evaluateProgress(input: EvaluationInput): Evaluation {
  const { ladder } = input;
  const track = findTrack(ladder, input.track);
  const scale = ratingScale(ladder, track);
  const competencies = competenciesOf(ladder, track);
  const ratings = resolveRatings(ladder, track, competencies, scale, input.ratings);
  const evidence = countEvidence(ladder, competencies, input.evidenceCounts ?? {});
  const rows = competencies.map((competency): Row => {
    const rating = ratings.get(competency.id) ?? null;
    const evidenceCount = evidence.get(competency.id) ?? 0;
    const needs = evidenceNeeds(ladder, track, competency);
    return {
      competency,
      rating,
      countsAt: rating === null ? null : countingIndex(needs, rating.index, evidenceCount),
      firstIndex: firstStepIndex(competency, scale),
      evidenceCount,
      needs,
    };
  });
  const observed = rows.filter((r) => r.rating !== null).length;
  const policy = ladder.policy;
  const judged =
    policy.kind === 'points' ? judgePointsLevels(track, scale, rows, policy) : judgeLevelScale(track, rows, policy);

  let demonstratedIndex = -1;
  let firstUnmet: Level | null = null;
  const levels = track.levels.map((level, index): LevelProgress => {
    const verdict = judged.verdicts[index] ?? { holds: false, readiness: 0, blockers: [] };
    // Whole-level reasons first, then those naming a competency, each group in the policy's order.
    const blockers = [
      ...verdict.blockers.filter((b) => b.competency === null),
      ...verdict.blockers.filter((b) => b.competency !== null),
    ];
    if (firstUnmet !== null) {
      blockers.push({
        code: 'lower-level-not-met',
        competency: null,
        message: `${nameLevel(track, firstUnmet)}, below ${nameLevel(track, level)}, is not met yet; levels are reached in order.`,
      });
    }
    const met = blockers.length === 0;
    if (met) demonstratedIndex = index;
    else firstUnmet ??= level;
    const readiness = met ? verdict.readiness : Math.min(verdict.readiness, MAX_UNMET_READINESS);
    return {
      ...judged.describe(level, index),
      level,
      index,
      met,
      readiness,
      blockers,
      rule: describeLevelRule(ladder, track.id, level.id),
    };
  });

  const demonstrated = track.levels[demonstratedIndex] ?? null;
  return {
    ladderId: ladder.id,
    track,
    policy: policy.kind,
    demonstrated,
    next: track.levels[demonstratedIndex + 1] ?? null,
    reason:
      demonstrated === null ? (levels[0]?.blockers[0]?.message ?? 'The track has no level the ratings reach.') : null,
    observed,
    applicable: rows.length,
    score: judged.score,
    levels,
  };
}

/** A level's title, with its id when another level of the track shares the title (Snowflake's 1.1, 1.2, ...). */
function nameLevel(track: Track, level: Level): string {
  const shared = track.levels.some((l) => l !== level && l.title === level.title);
  return shared ? `${level.title} (${level.id})` : level.title;
}

/**
 * The highest readiness a level that is not met may show: a bar at 100% says
 * "done", and a level with a blocker is not.
 */
export const MAX_UNMET_READINESS = 0.99;

/**
 * Progress toward one level, named by id or title (case-insensitive), for
 * "what do I need for Senior?" when Senior is not the next level.
 *
 * @throws DomainError `level_not_found`, and whatever evaluateProgress throws.
 */
export function computeGap(input: EvaluationInput, targetLevel: string): LevelProgress {
  const evaluation = evaluateProgress(input);
  const level = findLevel(evaluation.track, targetLevel);
  const progress = evaluation.levels.find((l) => l.level.id === level.id);
  if (progress === undefined) throw notFound('level_not_found', targetLevel, { in: `track "${evaluation.track.id}"` });
  return progress;
}

/** A competency of the track with everything resolved from the input. */
interface Row {
  competency: Competency;
  rating: ScaleStep | null;
  /** Index of the step the rating counts at under the evidence rule (-1: none); null when not rated. */
  countsAt: number | null;
  firstIndex: number;
  evidenceCount: number;
  /** Pieces of evidence needed to count at each step of the scale. */
  needs: number[];
}

/** A policy's judgement of the track, plus how it describes the competencies at each level. */
interface Judgement {
  verdicts: readonly LevelVerdict[];
  score: number | null;
  describe: (level: Level, index: number) => Pick<LevelProgress, 'competencies' | 'gaps' | 'pointsNeeded'>;
}

type LevelScalePolicy = Exclude<Policy, { kind: 'points' }>;
type PointsPolicy = Extract<Policy, { kind: 'points' }>;

function judgeLevelScale(track: Track, rows: readonly Row[], policy: LevelScalePolicy): Judgement {
  const ratings = rows.map((row): LevelRating => ({
    id: row.competency.id,
    title: row.competency.title,
    position: row.countsAt,
    rated: row.rating?.index ?? null,
    evidenceCount: row.evidenceCount,
    evidenceNeeded: row.needs,
    firstIndex: row.firstIndex,
    weight: row.competency.weight ?? 1,
  }));
  let verdicts: LevelVerdict[];
  let score: number | null = null;
  switch (policy.kind) {
    case 'coverage':
      verdicts = track.levels.map((_, i) => judgeCoverage(ratings, track.levels, i, policy));
      break;
    case 'all':
      verdicts = track.levels.map((_, i) => judgeAll(ratings, track.levels, i, policy));
      break;
    case 'weighted-average': {
      const outcome = judgeWeightedAverage(ratings, track.levels, policy);
      verdicts = outcome.verdicts;
      score = outcome.average;
      break;
    }
  }
  return {
    verdicts,
    score,
    describe: (level, index) => {
      const competencies = rows.map((row, r) => describeAgainstLevel(row, ratings[r], level, index));
      const gaps = competencies
        .filter((c) => c.status === 'one-below' || c.status === 'further-below')
        .sort((a, b) => b.stepsBelow - a.stepsBelow);
      return { competencies, gaps };
    },
  };
}

function describeAgainstLevel(
  row: Row,
  rating: LevelRating | undefined,
  level: Level,
  index: number,
): CompetencyProgress {
  if (rating === undefined || !isApplicableAt(rating, index)) {
    return {
      ...summarize(row, null),
      status: 'not-applicable',
      stepsBelow: 0,
      expectation: null,
      evidenceNeeded: 0,
      supported: true,
    };
  }
  const base = summarize(row, index);
  const expectation = row.competency.levels[level.id] ?? null;
  if (row.rating === null) return { ...base, status: 'not-observed', stepsBelow: 0, expectation };
  const stepsBelow = Math.max(0, index - row.rating.index);
  const status: CompetencyStatus = stepsBelow === 0 ? 'meets' : stepsBelow === 1 ? 'one-below' : 'further-below';
  return { ...base, status, stepsBelow, expectation };
}

function judgePointsLevels(
  track: Track,
  scale: readonly ScaleStep[],
  rows: readonly Row[],
  policy: PointsPolicy,
): Judgement {
  const milestones = scale.map((step) => ({ ...step, points: step.points ?? 0 }));
  // A milestone counts only with the evidence its expectation asks; without it, the highest lower one that has it.
  const outcome = judgePoints(
    rows.map((row) => (row.countsAt === null ? 0 : (milestones[row.countsAt]?.points ?? 0))),
    track.levels,
    policy,
  );
  const top = milestones.length - 1;
  const unsupported: Blocker[] = rows.flatMap((row) => {
    if (row.rating === null || row.countsAt === null || row.countsAt >= row.rating.index) return [];
    const rating: ObservedLevelRating = {
      id: row.competency.id,
      title: row.competency.title,
      position: row.countsAt,
      rated: row.rating.index,
      evidenceCount: row.evidenceCount,
      evidenceNeeded: row.needs,
      firstIndex: row.firstIndex,
      weight: 1,
    };
    return [blockMissingEvidence(rating, milestones, row.rating.index)];
  });
  const verdicts = outcome.verdicts.map((v) => (v.holds ? v : { ...v, blockers: [...v.blockers, ...unsupported] }));
  const scored = rows.map((row) => {
    const current = row.rating === null ? null : { ...row.rating, points: row.rating.points ?? 0 };
    const next = findNextMilestone(milestones, current);
    const gain = next === null ? 0 : next.points - (current?.points ?? 0);
    const progress: CompetencyProgress = {
      ...summarize(row, row.rating === null ? (next?.index ?? null) : row.rating.index),
      status: row.rating === null ? 'not-observed' : 'scored',
      stepsBelow: row.rating === null ? 0 : top - row.rating.index,
      expectation: next === null ? null : (row.competency.levels[next.id] ?? null),
    };
    return { progress, gain, next };
  });
  // Points do not depend on the level, so every level shows the same rows; a level
  // the total already reaches has nothing missing, the others the same gap list.
  const competencies = scored.map((s) => s.progress);
  const gaps = scored
    .filter((s) => s.next !== null)
    .sort((a, b) => b.gain - a.gain)
    .map((s) => s.progress);
  return {
    verdicts,
    score: outcome.total,
    describe: (_level, index) => {
      const needed = outcome.pointsNeeded[index] ?? null;
      return {
        competencies: [...competencies],
        gaps: needed === 0 ? [] : [...gaps],
        ...(needed === null ? {} : { pointsNeeded: needed }),
      };
    },
  };
}

/**
 * The parts of a row that do not depend on the status. `target` is the step
 * the evidence rule is read at: the level judged, or the rating's own step
 * when it is lower; null for no step (nothing is needed).
 */
function summarize(
  row: Row,
  target: number | null,
): Pick<CompetencyProgress, 'id' | 'title' | 'category' | 'rating' | 'evidenceCount' | 'evidenceNeeded' | 'supported'> {
  const step = target === null ? null : Math.min(target, row.rating?.index ?? target);
  const evidenceNeeded = step === null ? 0 : (row.needs[step] ?? 0);
  return {
    id: row.competency.id,
    title: row.competency.title,
    category: row.competency.category,
    rating: row.rating,
    evidenceCount: row.evidenceCount,
    evidenceNeeded,
    supported: row.rating === null || row.evidenceCount >= evidenceNeeded,
  };
}

/**
 * Resolves rating keys (current or former ids) to the track's competencies
 * and values to scale steps. Key order never matters: two keys that reach the
 * same competency must agree, whichever comes first.
 */
function resolveRatings(
  ladder: LadderDefinition,
  track: Track,
  competencies: readonly Competency[],
  scale: readonly ScaleStep[],
  ratings: Readonly<Record<string, string>>,
): Map<string, ScaleStep | null> {
  const resolved = new Map<string, { key: string; value: string; step: ScaleStep | null }>();
  for (const [key, value] of Object.entries(ratings)) {
    const competency = requireCompetency(ladder, key);
    if (!competencies.includes(competency)) {
      throw notFound('competency_not_found', key, {
        in: `track "${track.id}"`,
        hint: `it belongs to track "${competency.track ?? ''}"`,
      });
    }
    const step = typeof value === 'string' ? (value === NOT_OBSERVED ? null : findStep(scale, value)) : undefined;
    if (step === undefined) {
      const noun =
        ladder.policy.kind === 'points' ? `milestone of ladder "${ladder.id}"` : `level of track "${track.id}"`;
      const nouns = ladder.policy.kind === 'points' ? 'milestones' : 'levels';
      throw new DomainError(
        'rating_invalid',
        `rating for "${key}" is ${JSON.stringify(value)}, which is not a ${noun} (${nouns}: ${scale.map((s) => s.id).join(', ')})`,
      );
    }
    const earlier = resolved.get(competency.id);
    if (earlier !== undefined && earlier.step?.id !== step?.id) {
      const [a, b] = [earlier, { key, value }].sort((x, y) => (x.key < y.key ? -1 : 1));
      throw new DomainError(
        'rating_invalid',
        `competency "${competency.id}" is rated twice: "${a?.value}" as "${a?.key}" and "${b?.value}" as "${b?.key}"`,
      );
    }
    resolved.set(competency.id, { key, value, step });
  }
  return new Map([...resolved].map(([id, r]) => [id, r.step]));
}

/**
 * Sums evidence counts per competency of the track, following former ids.
 * Counts for ids the ladder no longer knows (or for other tracks) are
 * ignored rather than refused: evidence outlives ladder edits.
 */
function countEvidence(
  ladder: LadderDefinition,
  competencies: readonly Competency[],
  counts: Readonly<Record<string, number>>,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [key, count] of Object.entries(counts)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new DomainError(
        'input_invalid',
        `evidence count for "${key}" is ${String(count)}; it must be a whole number, 0 or more`,
      );
    }
    const competency = resolveCompetency(ladder, key);
    if (competency === undefined || !competencies.includes(competency)) continue;
    totals.set(competency.id, (totals.get(competency.id) ?? 0) + count);
  }
  return totals;
}
