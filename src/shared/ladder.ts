/*
 * The rules for reading a ladder that the engine, the web app and the static
 * site all need: which steps a rating may name, which competencies apply on a
 * track and from which step, how old ids find today's competency. They live
 * here once, so the screens cannot drift from what the engine does.
 *
 * Pure and layer-free: the core's types come from its zod schema and the web
 * app's from the API contract, so the functions take the few fields they read
 * as structural shapes and hand back the caller's own types.
 */

/** The value recorded when a competency has not been seen in action. */
export const NOT_OBSERVED = 'not-observed';

/** One step of the scale that ratings use: a level, or a milestone under the points policy. */
export interface ScaleStep {
  id: string;
  title: string;
  /** Position on the scale, 0 for the lowest step. */
  index: number;
  /** Points earned at this step (points policy only). */
  points?: number;
  /** Ids the step had before a rename (levels only), so old ratings still find it. */
  formerly?: string[];
}

/** What the scale needs of a level: the core's Level and the API's level both fit. */
export interface LevelShape {
  id: string;
  title: string;
  formerly?: string[] | undefined;
}

/** What the scale needs of a track. */
export interface TrackShape {
  id: string;
  levels: readonly LevelShape[];
}

/** What the scale needs of a policy: its kind, and the milestones when it scores points. */
export interface PolicyShape {
  kind: string;
  milestones?: readonly { id: string; title?: string | undefined; points: number }[];
}

/** What these rules read of a competency. */
export interface CompetencyShape {
  id: string;
  category: string;
  /** The only track it applies to; every track when absent. */
  track?: string | undefined;
  formerly?: readonly string[] | undefined;
  /** Expectations keyed by step id; a missing key means the competency does not apply there. */
  levels: { readonly [stepId: string]: unknown };
}

/** What these rules read of a category. */
export interface CategoryShape {
  id: string;
  title: string;
  description?: string | undefined;
}

/**
 * The steps a rating may name on a track: the track's levels, or the
 * milestones when the ladder scores points.
 */
export function ratingScale(ladder: { policy: PolicyShape }, track: TrackShape): ScaleStep[] {
  const { policy } = ladder;
  if (policy.kind === 'points' && policy.milestones !== undefined) {
    return policy.milestones.map((m, index) => ({ id: m.id, title: m.title ?? m.id, index, points: m.points }));
  }
  return track.levels.map((l, index) => ({
    id: l.id,
    title: l.title,
    index,
    ...(l.formerly === undefined ? {} : { formerly: l.formerly }),
  }));
}

/** The competencies that apply on a track, in ladder order. */
export function competenciesOf<C extends CompetencyShape>(
  ladder: { competencies: readonly C[] },
  track: { id: string },
): C[] {
  return ladder.competencies.filter((c) => c.track === undefined || c.track === track.id);
}

/**
 * Maps an id that may be old (listed in a competency's `formerly`) to the
 * competency that carries it today, so ratings and evidence survive renames.
 */
export function resolveCompetency<C extends CompetencyShape>(
  ladder: { competencies: readonly C[] },
  id: string,
): C | undefined {
  return (
    ladder.competencies.find((c) => c.id === id) ?? ladder.competencies.find((c) => c.formerly?.includes(id) === true)
  );
}

/** What a competency asks at a step, or undefined where it does not apply (below the step it starts at). */
export function expectationAt<E>(
  competency: { levels: { readonly [stepId: string]: E } },
  stepId: string,
): E | undefined {
  return Object.hasOwn(competency.levels, stepId) ? competency.levels[stepId] : undefined;
}

/** Whether a competency applies at a step: it does exactly where the ladder gives it an expectation. */
export function appliesAt(competency: CompetencyShape, stepId: string): boolean {
  return expectationAt(competency, stepId) !== undefined;
}

/**
 * Index of the lowest scale step at which the competency has an expectation;
 * below it the competency does not apply. Returns -1 when it has none on the scale.
 */
export function firstStepIndex(competency: CompetencyShape, scale: readonly ScaleStep[]): number {
  return scale.findIndex((step) => appliesAt(competency, step.id));
}

/** Finds the scale step a rating names: by id, by a former id, or by case-insensitive title. */
export function findStep(scale: readonly ScaleStep[], idOrTitle: string): ScaleStep | undefined {
  const wanted = idOrTitle.toLowerCase();
  return (
    scale.find((s) => s.id === idOrTitle || s.title.toLowerCase() === wanted) ??
    scale.find((s) => s.formerly?.includes(idOrTitle) === true)
  );
}

/** The group that collects competencies whose category the ladder does not list. */
export const OTHER_CATEGORY = { id: 'other', title: 'Other', description: undefined } as const;

/**
 * Competencies under their category, in the ladder's category order (not the
 * competencies' order), so the matrix, the charts and the tables agree.
 * Competencies of a category the ladder does not list come last, under "Other".
 */
export function groupByCategory<K extends CategoryShape, C extends CompetencyShape>(
  ladder: { categories: readonly K[] },
  competencies: readonly C[],
): Array<{ category: K | typeof OTHER_CATEGORY; competencies: C[] }> {
  const groups: Array<{ category: K | typeof OTHER_CATEGORY; competencies: C[] }> = ladder.categories
    .map((category) => ({ category, competencies: competencies.filter((c) => c.category === category.id) }))
    .filter((group) => group.competencies.length > 0);
  const known = new Set(ladder.categories.map((c) => c.id));
  const orphans = competencies.filter((c) => !known.has(c.category));
  if (orphans.length > 0) groups.push({ category: OTHER_CATEGORY, competencies: orphans });
  return groups;
}
