import type { AssessmentCreate } from '../server/api-contract.js';
import { splitFieldPath } from './field-errors.js';
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

/** Competency id -> why the person gives that rating, in their own words. */
export type Notes = Readonly<Record<string, string>>;

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

/**
 * The notes in force: each rating's note from the latest assessment, so the
 * wizard starts from them and saving again does not drop them.
 */
export function initialNotes(ratings: ReadonlyArray<{ id: string; note?: string | null }>): Notes {
  const notes: Record<string, string> = {};
  for (const { id, note } of ratings) {
    if (note !== undefined && note !== null && note.trim() !== '') notes[id] = note;
  }
  return notes;
}

/** A note as it will be saved: trimmed, and absent when only white space is left. */
function savedNote(notes: Notes, id: string): string | undefined {
  const note = notes[id]?.trim();
  return note === undefined || note === '' ? undefined : note;
}

/**
 * The competencies whose choice or note differs from what is in force, for
 * the review, in the order the choices and notes were made.
 */
export function changedCompetencies(
  choices: Choices,
  initial: Choices,
  notes: Notes = {},
  notesBefore: Notes = {},
): string[] {
  const ids = [...new Set([...Object.keys(choices), ...Object.keys(notes)])];
  return ids.filter(
    (id) =>
      (choices[id] !== undefined && choices[id] !== initial[id]) || savedNote(notes, id) !== savedNote(notesBefore, id),
  );
}

/**
 * The body to save: every competency with a choice, in the wizard's order,
 * with its note. Competencies left without a choice are not named, so they
 * keep their previous rating and note. A rating given again without its note
 * loses the note on the server, so every note in force goes with its rating.
 */
export function toAssessment(choices: Choices, competencyIds: readonly string[], notes: Notes = {}): AssessmentCreate {
  const ratings: Record<string, string> = {};
  const savedNotes: Record<string, string> = {};
  for (const id of competencyIds) {
    const choice = choices[id];
    if (choice === undefined) continue;
    ratings[id] = choice;
    const note = savedNote(notes, id);
    if (note !== undefined) savedNotes[id] = note;
  }
  return Object.keys(savedNotes).length === 0
    ? { kind: 'self', ratings }
    : { kind: 'self', ratings, notes: savedNotes };
}

/** One problem the server found with a self-assessment, in words that name competencies by title. */
export interface AssessmentProblem {
  /** The competency the problem is about, so the review can link to its step; null for the whole assessment. */
  competencyId: string | null;
  text: string;
}

/**
 * Words the server's field problems (`body.ratings.design`,
 * `body.notes.design`) for a person: the competency's title instead of its
 * id, in the path and wherever the message quotes an id of the ladder.
 */
export function describeAssessmentProblems(
  fields: ReadonlyArray<{ path: string; message: string }>,
  competencies: ReadonlyArray<{ id: string; title: string }>,
): AssessmentProblem[] {
  const titles = new Map(competencies.map((c) => [c.id, c.title]));
  const titled = (message: string) =>
    message
      .replace(/\(competencies: ([^)]*)\)/g, (_all, list: string) => {
        const named = list.split(',').map((id) => titles.get(id.trim()) ?? id.trim());
        return `(competencies: ${named.join(', ')})`;
      })
      .replace(/"([^"]+)"/g, (quoted, id: string) => titles.get(id) ?? quoted);
  return fields.map(({ path, message }) => {
    const [kind, competencyId] = splitFieldPath(path);
    const title = competencyId === undefined ? undefined : titles.get(competencyId);
    if ((kind === 'ratings' || kind === 'notes') && competencyId !== undefined) {
      const subject = title ?? `"${competencyId}"`;
      const what = kind === 'notes' ? `Your note on ${subject}` : `Your rating for ${subject}`;
      return { competencyId: title === undefined ? null : competencyId, text: `${what}: ${titled(message)}` };
    }
    return { competencyId: null, text: titled(message) };
  });
}
