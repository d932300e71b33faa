import type { AssessmentCreate } from '../server/api-contract.js';
import { NOT_OBSERVED, type ScaleStep } from './ladder-view.js';
import { hrefWith } from './url-state.js';
import { pathOf } from './router.js';

/**
 * The self-assessment wizard's rules: one step per competency, then a
 * review; choices start from the ratings in force; the saved body names every
 * competency that has a choice. The component only renders and navigates.
 */

/** Competency id -> level id or "not-observed". */
export type Choices = Readonly<Record<string, string>>;

/** Where the wizard is: on a competency, or on the final review. */
export type WizardStep = { kind: 'competency'; competencyId: string; index: number } | { kind: 'review' };

/** The query value that selects the review step: `/assess?step=review`. */
export const REVIEW_STEP = 'review';

/**
 * Works out the step from the route. `/assess` starts at the first
 * competency; an unknown competency also starts there.
 */
export function currentStep(
  competencyIds: readonly string[],
  routeCompetency: string | null,
  stepParam: string | null,
): WizardStep {
  if (stepParam === REVIEW_STEP) return { kind: 'review' };
  const index = routeCompetency === null ? 0 : Math.max(0, competencyIds.indexOf(routeCompetency));
  const competencyId = competencyIds[index];
  return competencyId === undefined ? { kind: 'review' } : { kind: 'competency', competencyId, index };
}

/** The URL of a step. */
export function stepHref(step: { kind: 'competency'; competencyId: string } | { kind: 'review' }): string {
  return step.kind === 'review' ? hrefWith('/assess', { step: REVIEW_STEP }) : pathOf('assess', step.competencyId);
}

/** The URLs of the steps before and after this one; the last competency leads to the review. */
export function neighbourHrefs(
  competencyIds: readonly string[],
  step: WizardStep,
): { back: string | null; next: string | null } {
  if (step.kind === 'review') {
    const last = competencyIds[competencyIds.length - 1];
    return { back: last === undefined ? null : stepHref({ kind: 'competency', competencyId: last }), next: null };
  }
  const previous = competencyIds[step.index - 1];
  const following = competencyIds[step.index + 1];
  return {
    back: previous === undefined ? null : stepHref({ kind: 'competency', competencyId: previous }),
    next: stepHref(following === undefined ? { kind: 'review' } : { kind: 'competency', competencyId: following }),
  };
}

/**
 * The starting choices: each competency's rating in force. Once someone has
 * been assessed, a competency without a rating reads as "not observed", which
 * is what the engine makes of it; before the first assessment nothing is
 * chosen.
 */
export function initialChoices(
  ratings: ReadonlyArray<{ id: string; rating: { id: string } | null; status?: string }>,
  assessed: boolean,
): Choices {
  const choices: Record<string, string> = {};
  for (const { id, rating, status } of ratings) {
    if (rating !== null) choices[id] = rating.id;
    else if (assessed && status === 'not-observed') choices[id] = NOT_OBSERVED;
  }
  return choices;
}

/** The words for a choice: a level title, "Not observed", or that nothing is chosen yet. */
export function describeChoice(choice: string | undefined, scale: readonly ScaleStep[]): string {
  if (choice === undefined) return 'Not rated yet';
  if (choice === NOT_OBSERVED) return 'Not observed';
  return scale.find((s) => s.id === choice)?.title ?? choice;
}

/**
 * The scale position the level window centres on: the choice when it names a
 * level, else the rating in force, else the first level.
 */
export function windowCentre(
  choice: string | undefined,
  current: string | undefined,
  scale: readonly ScaleStep[],
): number {
  for (const id of [choice, current]) {
    const step = scale.find((s) => s.id === id);
    if (step !== undefined) return step.index;
  }
  return 0;
}

/** The competencies whose choice differs from the rating in force, for the review. */
export function changedCompetencies(choices: Choices, initial: Choices): string[] {
  return Object.keys(choices).filter((id) => choices[id] !== initial[id]);
}

/**
 * The body to save: every competency with a choice, in the wizard's order.
 * Competencies left without a choice are not named, so they keep their
 * previous rating.
 */
export function toAssessment(choices: Choices, competencyIds: readonly string[]): AssessmentCreate {
  const ratings: Record<string, string> = {};
  for (const id of competencyIds) {
    const choice = choices[id];
    if (choice !== undefined) ratings[id] = choice;
  }
  return { kind: 'self', ratings };
}
