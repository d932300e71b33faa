/**
 * Longhaul as a library: load a ladder, evaluate ratings against it, compare
 * ladder versions. Pure functions only; nothing here touches a disk or a network.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * import { parseLadder, evaluateProgress } from 'longhaul';
 * const ladder = parseLadder(readFileSync('ladders/longhaul.yaml', 'utf8'), 'ladders/longhaul.yaml');
 * const result = evaluateProgress({ ladder, ratings: { scope: 'senior', autonomy: 'mid-level' } });
 */
export { DomainError, formatProblem, type DomainErrorCode, type Problem } from './core/domain-error.js';
export {
  competenciesOf,
  findLevel,
  findStep,
  findTrack,
  NOT_OBSERVED,
  ratingScale,
  resolveCompetency,
  type Ladder,
  type RatingValue,
  type ScaleStep,
} from './core/ladder.js';
export type {
  Category,
  Competency,
  Expectation,
  LadderDefinition,
  Level,
  Policy,
  Track,
} from './core/ladder.schema.js';
export { LadderSchema } from './core/ladder.schema.js';
export { checkLadderText, hashLadder, parseLadder, type LadderCheck } from './core/ladder-loader.js';
export { diffLadders, formatLadderDiff, type LadderChange, type LadderDiff } from './core/ladder-diff.js';
export { buildLadderJsonSchema } from './core/ladder-json-schema.js';
export { countingIndex, describeLevelRule, evidenceNeeds } from './core/level-rule.js';
export {
  computeGap,
  evaluateProgress,
  MAX_UNMET_READINESS,
  type Blocker,
  type BlockerCode,
  type CompetencyProgress,
  type CompetencyStatus,
  type Evaluation,
  type EvaluationInput,
  type LevelProgress,
} from './core/progression.js';
