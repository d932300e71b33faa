import type { Ladder } from '../../core/ladder.js';
import type {
  Blocker as CoreBlocker,
  CompetencyProgress as CoreCompetencyProgress,
  LevelProgress,
} from '../../core/progression.js';
import type { ProgressReport } from '../../services/progress.service.js';
import type { Blocker, CompetencyProgress, LevelRef, Progress } from '../api-contract.js';

const levelRef = (level: { id: string; title: string } | null): LevelRef | null =>
  level === null ? null : { id: level.id, title: level.title };

/**
 * Where a person stands and what one level (the target) asks: the same facts
 * as `longhaul status` and `longhaul gap` together, so a page needs one request.
 */
export function presentProgress(report: ProgressReport, ladder: Ladder, target: LevelProgress): Progress {
  const e = report.evaluation;
  return {
    ladder: { id: ladder.id, hash: ladder.hash, track: e.track.id, policy: e.policy },
    assessedAt: report.assessedAt,
    assessedAgainst: report.assessedAgainst === null ? null : { ...report.assessedAgainst },
    demonstrated: levelRef(e.demonstrated),
    next: levelRef(e.next),
    reason: e.reason,
    observed: e.observed,
    applicable: e.applicable,
    score: e.score,
    levels: e.levels.map((l) => ({
      id: l.level.id,
      title: l.level.title,
      met: l.met,
      readiness: l.readiness,
      blockers: l.blockers.map(presentBlocker),
      rule: l.rule,
    })),
    target: {
      level: { id: target.level.id, title: target.level.title },
      met: target.met,
      readiness: target.readiness,
      blockers: target.blockers.map(presentBlocker),
      rule: target.rule,
      pointsNeeded: target.pointsNeeded ?? null,
      competencies: target.competencies.map((c) => presentCompetencyProgress(c, report.notes[c.id] ?? null)),
      gaps: target.gaps.map((c) => c.id),
    },
  };
}

/** One blocker as the API shows it: the engine's code, competency and sentence. */
export function presentBlocker(b: CoreBlocker): Blocker {
  return { code: b.code, competency: b.competency === null ? null : { ...b.competency }, message: b.message };
}

function presentCompetencyProgress(c: CoreCompetencyProgress, note: string | null): CompetencyProgress {
  return {
    id: c.id,
    title: c.title,
    category: c.category,
    rating: c.rating === null ? null : { id: c.rating.id, title: c.rating.title, index: c.rating.index },
    status: c.status,
    stepsBelow: c.stepsBelow,
    evidenceCount: c.evidenceCount,
    supported: c.supported,
    evidenceNeeded: c.evidenceNeeded,
    note,
    expectation:
      c.expectation === null
        ? null
        : {
            expectation: c.expectation.expectation,
            ...(c.expectation.signals === undefined ? {} : { signals: [...c.expectation.signals] }),
            ...(c.expectation.notYet === undefined ? {} : { notYet: [...c.expectation.notYet] }),
          },
  };
}
