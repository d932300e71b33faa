import type { Blocker, CompetencyProgress, Progress } from '../server/api-contract.js';
import type { ScaleStep } from './ladder-view.js';
import { pluralise } from './format.js';

/**
 * How the progress screen reads a Progress answer: the words for each
 * competency's standing, how far along a level is (never "100%" for a level
 * that is not met), what stands in its way, the radar's two polygons and the
 * gap list in the server's order (largest gap first), with the ratings that
 * lack the evidence they need after it.
 */

/** Whether the person has ever been assessed: without ratings there is no progress to show. */
export function hasAssessment(progress: Progress): boolean {
  return progress.assessedAt !== null;
}

/**
 * Readiness as a whole percentage. A level that is not met reads at most
 * 99%, whatever the rounding, and a met level reads 100%: "100% of the way"
 * must mean "there".
 */
export function readinessPercent(share: number, met: boolean): number {
  if (met) return 100;
  if (!Number.isFinite(share)) return 0;
  return Math.min(99, Math.max(0, Math.round(share * 100)));
}

/** Whether a rating is at or above its level but lacks the evidence the ladder asks for it to count. */
export function isUnsupported(competency: CompetencyProgress): boolean {
  return competency.rating !== null && !competency.supported;
}

/** The standing of one competency against the target, in words. */
export function statusText(competency: CompetencyProgress): string {
  switch (competency.status) {
    case 'meets':
      return isUnsupported(competency) ? 'Unsupported' : 'Meets';
    case 'one-below':
      return 'One level below';
    case 'further-below':
      return `${pluralise(Math.max(competency.stepsBelow, 2), 'level')} below`;
    case 'not-observed':
      return 'Not observed';
    case 'not-applicable':
      return 'Not expected at this level';
    case 'scored':
      return isUnsupported(competency) ? 'Unsupported' : 'Scored';
  }
}

/** The badge style of a competency's standing; unsupported ratings get their own. */
export function statusBadge(competency: CompetencyProgress): string {
  return competency.status === 'meets' && isUnsupported(competency) ? 'unsupported' : competency.status;
}

/**
 * Why an unsupported rating does not count, in a sentence; null when the
 * rating is supported. The ladder's evidence rule is what asks for the pieces.
 */
export function evidenceShortfall(competency: CompetencyProgress, levelTitle: string): string | null {
  if (!isUnsupported(competency) || competency.rating === null) return null;
  const needed = pluralise(competency.evidenceNeeded, 'piece', 'pieces');
  const has = competency.evidenceCount === 0 ? 'you have none' : `you have ${competency.evidenceCount}`;
  const at = competency.status === 'meets' ? levelTitle : competency.rating.title;
  return `Rated ${competency.rating.title}, but a rating needs ${needed} of evidence to count at ${at}; ${has}.`;
}

/**
 * The competencies the target asks more of: those rated below it, largest gap
 * first as the server ranks them, then those rated at or above it whose
 * rating lacks the evidence it needs to count.
 */
export function gapCompetencies(progress: Progress): CompetencyProgress[] {
  const byId = new Map(progress.target.competencies.map((c) => [c.id, c]));
  const ranked = progress.target.gaps.map((id) => byId.get(id)).filter((c): c is CompetencyProgress => c !== undefined);
  // Anything below the target the server did not rank still belongs on the list.
  const rest = progress.target.competencies.filter(
    (c) => (c.status === 'one-below' || c.status === 'further-below') && !progress.target.gaps.includes(c.id),
  );
  const listed = new Set([...ranked, ...rest].map((c) => c.id));
  const unsupported = progress.target.competencies.filter(
    (c) => !listed.has(c.id) && c.status !== 'not-applicable' && isUnsupported(c),
  );
  return [...ranked, ...rest, ...unsupported];
}

/** The competencies without a rating, which the next self-assessment could fill in. */
export function unobservedCompetencies(progress: Progress): CompetencyProgress[] {
  return progress.target.competencies.filter((c) => c.status === 'not-observed');
}

/** The rated competencies the gap list does not show: where the ratings already do what the target asks. */
export function otherRatings(progress: Progress): CompetencyProgress[] {
  const inGap = new Set(gapCompetencies(progress).map((c) => c.id));
  return progress.target.competencies.filter((c) => c.rating !== null && !inGap.has(c.id));
}

/** One blocker, with the competency it names when the page can link to it. */
export interface BlockerLine {
  code: Blocker['code'];
  message: string;
  competencyId: string | null;
}

/**
 * What stands in the way of a level, one sentence per blocker as the engine
 * words it. A blocker that a lower level is not met comes last: the others are
 * about this level itself.
 */
export function blockerLines(blockers: readonly Blocker[]): BlockerLine[] {
  const own = blockers.filter((b) => b.code !== 'lower-level-not-met');
  const lower = blockers.filter((b) => b.code === 'lower-level-not-met');
  return [...own, ...lower].map((b) => ({ code: b.code, message: b.message, competencyId: b.competency?.id ?? null }));
}

/** One radar axis: my rating's and the target's position on the scale, with words for the table. */
export interface ProgressAxis {
  id: string;
  label: string;
  value: number | null;
  target: number | null;
  valueText: string;
  targetText: string;
  /** False when the rating lacks the evidence it needs to count. */
  supported: boolean;
  /** Pieces of evidence the ladder asks for the rating to count at the target. */
  evidenceNeeded: number;
}

/**
 * The radar's axes. The target polygon is the target level on every
 * competency it applies to; under the points policy ratings are milestones,
 * which no level lines up with, so there is no target polygon.
 */
export function radarAxes(progress: Progress, scale: readonly ScaleStep[]): ProgressAxis[] {
  const targetIndex = scale.findIndex((s) => s.id === progress.target.level.id);
  const pointsPolicy = progress.ladder.policy === 'points';
  return progress.target.competencies.map((c) => {
    const applies = c.status !== 'not-applicable' && !pointsPolicy && targetIndex !== -1;
    return {
      id: c.id,
      label: c.title,
      value: c.rating === null ? null : c.rating.index,
      target: applies ? targetIndex : null,
      valueText: c.rating === null ? 'Not observed' : c.rating.title,
      targetText: applies ? progress.target.level.title : 'Not expected',
      supported: c.supported,
      evidenceNeeded: c.evidenceNeeded,
    };
  });
}
