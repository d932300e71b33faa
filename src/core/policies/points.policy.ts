import {
  clampUnit,
  formatNumber,
  resolveLevelStarts,
  type Blocker,
  type LevelVerdict,
  type PolicyLevel,
} from './common.policy.js';

/** The numbers of a points policy that decide levels (milestones are the rating scale). */
export interface PointsRules {
  thresholds: readonly { level: string; points: number }[];
}

/** A milestone as the points policy needs it. */
export interface PointsMilestone {
  id: string;
  index: number;
  points: number;
}

/** The total and what it says about each level of the track. */
export interface PointsOutcome {
  total: number;
  /** Points from which each level is reached; null when no threshold reaches it. */
  starts: (number | null)[];
  /** One verdict per level, lowest first. */
  verdicts: LevelVerdict[];
  /** Points still missing for each level; null when the level cannot be reached. */
  pointsNeeded: (number | null)[];
}

/**
 * Judges every level under the points policy, Medium's Snowflake rule: each
 * competency earns the points of its milestone (nothing when not observed),
 * the points are summed without weights, and a level holds when the total
 * reaches its threshold. There is no minObserved: a total is a total.
 * Levels the thresholds leave out are filled in by resolveLevelStarts.
 */
export function judgePoints(
  points: readonly number[],
  levels: readonly PolicyLevel[],
  rules: PointsRules,
): PointsOutcome {
  const total = points.reduce((sum, p) => sum + p, 0);
  const starts = resolveLevelStarts(
    levels,
    rules.thresholds.map((t) => ({ level: t.level, value: t.points })),
  );
  const verdicts = levels.map((level, i): LevelVerdict => {
    const start = starts[i] ?? null;
    if (start === null) {
      return {
        holds: false,
        readiness: 0,
        blockers: [
          {
            code: 'points-below',
            competency: null,
            message: `${level.title} has no points threshold in the policy, so no total reaches it.`,
          },
        ],
      };
    }
    const holds = total >= start;
    const readiness = start === 0 ? 1 : clampUnit(total / start);
    const blockers: Blocker[] = holds
      ? []
      : [
          {
            code: 'points-below',
            competency: null,
            message: `${formatNumber(total)} ${total === 1 ? 'point' : 'points'} so far; ${level.title} starts at ${formatNumber(start)}.`,
          },
        ];
    return { holds, readiness, blockers };
  });
  const pointsNeeded = starts.map((start) => (start === null ? null : Math.max(0, start - total)));
  return { total, starts, verdicts, pointsNeeded };
}

/**
 * The milestone a competency should aim for next: the first one above its
 * current milestone that earns more points than it has now (a step that
 * earns nothing more is not worth naming). Not observed counts as no
 * milestone and no points. Null at the top.
 */
export function findNextMilestone<M extends PointsMilestone>(
  milestones: readonly M[],
  current: PointsMilestone | null,
): M | null {
  const index = current?.index ?? -1;
  const points = current?.points ?? 0;
  return milestones.find((m) => m.index > index && m.points > points) ?? null;
}
