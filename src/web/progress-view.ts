import type { CompetencyProgress, Progress } from '../server/api-contract.js';
import type { ScaleStep } from './ladder-view.js';
import { pluralise } from './format.js';

/**
 * How the progress screen reads a Progress answer: the words for each
 * competency's standing, the radar's two polygons and the gap list in the
 * server's order (largest gap first).
 */

/** Whether the person has ever been assessed: without ratings there is no progress to show. */
export function hasAssessment(progress: Progress): boolean {
  return progress.assessedAt !== null;
}

/** The standing of one competency against the target, in words. */
export function statusText(competency: CompetencyProgress): string {
  switch (competency.status) {
    case 'meets':
      return 'Meets';
    case 'one-below':
      return 'One level below';
    case 'further-below':
      return `${pluralise(Math.max(competency.stepsBelow, 2), 'level')} below`;
    case 'not-observed':
      return 'Not observed';
    case 'not-applicable':
      return 'Not expected at this level';
    case 'scored':
      return 'Scored';
  }
}

/** The competencies below the target, largest gap first, as the server ranks them. */
export function gapCompetencies(progress: Progress): CompetencyProgress[] {
  const byId = new Map(progress.target.competencies.map((c) => [c.id, c]));
  const ranked = progress.target.gaps.map((id) => byId.get(id)).filter((c): c is CompetencyProgress => c !== undefined);
  // Anything below the target the server did not rank still belongs on the list.
  const rest = progress.target.competencies.filter(
    (c) => (c.status === 'one-below' || c.status === 'further-below') && !progress.target.gaps.includes(c.id),
  );
  return [...ranked, ...rest];
}

/** The competencies without a rating, which the next self-assessment could fill in. */
export function unobservedCompetencies(progress: Progress): CompetencyProgress[] {
  return progress.target.competencies.filter((c) => c.status === 'not-observed');
}

/** One radar axis: my rating's and the target's position on the scale, with words for the table. */
export interface ProgressAxis {
  id: string;
  label: string;
  value: number | null;
  target: number | null;
  valueText: string;
  targetText: string;
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
    };
  });
}
