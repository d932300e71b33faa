import { competenciesOf, groupByCategory, ratingScale, type ScaleStep } from '../shared/ladder.js';
import type { Ladder } from '../core/ladder.js';
import { describeLevelRule } from '../core/level-rule.js';
import type { Competency, Level, Policy, Track } from '../core/ladder.schema.js';

/*
 * The model of the static site: one view per track, with the paths of its
 * pages and the labels its steps go by. Every page module reads the ladder
 * through it, so the pages agree on paths, anchors and names.
 */

/** One file of the site, at a relative POSIX path such as `levels/senior.html`. */
export interface SiteFile {
  path: string;
  content: string;
}

/** Choices that do not come from the ladder. */
export interface LadderSiteOptions {
  /** A date (or any text) for the footer, such as `2026-11-28`; left out when not given. */
  generatedOn?: string;
}

/** The points policy, whose milestones replace levels as the scale. */
export type PointsPolicy = Extract<Policy, { kind: 'points' }>;

/** Two adjacent steps of a scale and the page that compares them. */
export interface StepPair {
  from: ScaleStep;
  to: ScaleStep;
  path: string;
}

/** A track as the site shows it: its scale (levels, or milestones under points) and its competencies. */
export interface TrackView {
  track: Track;
  scale: ScaleStep[];
  competencies: Competency[];
  pairs: StepPair[];
  /** What a scale step is called on this ladder. */
  noun: 'level' | 'milestone';
  /** Labels that stay distinct when titles repeat (Snowflake has three "Engineer I"). */
  stepLabels: Map<string, string>;
  levelLabels: Map<string, string>;
  /** Each level's rule in words, by level id, from the core, so the site says what the engine judges. */
  rules: Map<string, string>;
}

/** The whole site: the ladder, a view per track, and what shapes every path. */
export interface Site {
  ladder: Ladder;
  views: TrackView[];
  /** More than one track: per-track pages live in a folder named after the track. */
  multi: boolean;
  points: PointsPolicy | undefined;
  generatedOn: string | undefined;
}

/** The navigation entry a page belongs to, marked as the current one. */
export type Section = 'matrix' | 'levels' | 'milestones' | 'competencies' | 'comparisons';

/** Reads the ladder into the site's model: per track its scale, competencies in category order and comparison pages. */
export function describeSite(ladder: Ladder, options: LadderSiteOptions): Site {
  const multi = ladder.tracks.length > 1;
  const points = ladder.policy.kind === 'points' ? ladder.policy : undefined;
  const views = ladder.tracks.map((track): TrackView => {
    const scale = ratingScale(ladder, track);
    const folder = multi ? `compare/${track.id}` : 'compare';
    const used = new Set<string>();
    const pairs = scale.flatMap((to, i): StepPair[] => {
      const from = scale[i - 1];
      if (from === undefined) return [];
      // Ids may contain "-to-"; a numbered suffix keeps two pairs from sharing a page.
      const base = `${folder}/${from.id}-to-${to.id}`;
      let path = `${base}.html`;
      for (let n = 2; used.has(path); n += 1) path = `${base}-${n}.html`;
      used.add(path);
      return [{ from, to, path }];
    });
    return {
      track,
      scale,
      competencies: groupByCategory(ladder, competenciesOf(ladder, track)).flatMap((group) => group.competencies),
      pairs,
      noun: points === undefined ? 'level' : 'milestone',
      stepLabels: distinctLabels(scale),
      levelLabels: distinctLabels(track.levels),
      rules: new Map(track.levels.map((level) => [level.id, describeLevelRule(ladder, track.id, level.id)])),
    };
  });
  return { ladder, views, multi, points, generatedOn: options.generatedOn };
}

function distinctLabels(items: readonly { id: string; title: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.title, (counts.get(item.title) ?? 0) + 1);
  return new Map(
    items.map((item) => [item.id, (counts.get(item.title) ?? 0) > 1 ? `${item.title} (${item.id})` : item.title]),
  );
}

/** The path of every page, relative to the site root; per-track pages nest when the ladder has several tracks. */
export const paths = {
  index: 'index.html',
  levels: 'levels.html',
  milestones: 'milestones.html',
  competencies: 'competencies.html',
  comparisons: 'comparisons.html',
  style: 'style.css',
  level: (site: Site, view: TrackView, levelId: string) =>
    site.multi ? `levels/${view.track.id}/${levelId}.html` : `levels/${levelId}.html`,
  milestone: (site: Site, view: TrackView, milestoneId: string) =>
    site.multi ? `milestones/${view.track.id}/${milestoneId}.html` : `milestones/${milestoneId}.html`,
  competency: (competencyId: string) => `competencies/${competencyId}.html`,
};

/** The page of a scale step: a level page, or a milestone page under the points policy. */
export function stepPath(site: Site, view: TrackView, step: ScaleStep): string {
  return site.points === undefined ? paths.level(site, view, step.id) : paths.milestone(site, view, step.id);
}

/** The anchor of a step on a competency page; with several tracks it names the track too. */
export function stepAnchor(site: Site, view: TrackView, step: ScaleStep): string {
  return site.multi ? `at-${view.track.id}/${step.id}` : `at-${step.id}`;
}

/** The name of a step, with its id when another step of the track has the same title. */
export function stepLabel(view: TrackView, step: ScaleStep): string {
  return view.stepLabels.get(step.id) ?? step.title;
}

/** The name of a level, with its id when another level of the track has the same title. */
export function levelLabel(view: TrackView, level: Level): string {
  return view.levelLabels.get(level.id) ?? level.title;
}

/** Competencies under their category, in the ladder's category order, as the matrix and the pages list them. */
export function byCategory(site: Site, competencies: readonly Competency[]) {
  return groupByCategory(site.ladder, competencies).map((group) => ({
    category: group.category,
    members: group.competencies,
  }));
}

/** The title of a competency's category. */
export function categoryTitle(site: Site, competency: Competency): string {
  return site.ladder.categories.find((c) => c.id === competency.category)?.title ?? competency.category;
}

/** The points from which a level is reached, or undefined when the policy sets none for it. */
export function threshold(points: PointsPolicy, levelId: string): number | undefined {
  return points.thresholds.find((t) => t.level === levelId)?.points;
}

/** The rule of a level in words; every level of a loaded ladder has one. */
export function levelRule(view: TrackView, level: { id: string }): string {
  return view.rules.get(level.id) ?? '';
}

/** `1 point`, `3 points`; `count(2, 'competency', 'competencies')` for the irregular ones. */
export function count(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
