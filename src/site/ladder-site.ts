import { competenciesOf, firstStepIndex, ratingScale, type Ladder, type ScaleStep } from '../core/ladder.js';
import type { Competency, Expectation, Level, Policy, Track } from '../core/ladder.schema.js';
import { html, paragraphs, relativeHref, trusted, type Html, type HtmlValue } from './html.js';
import { MIN_RADAR_AXES, renderRadarChart } from './radar-chart.js';
import { SITE_CSS } from './site-style.js';

/**
 * The static website of a ladder: plain HTML files and one stylesheet that work
 * from file:// with no server, no script and nothing fetched from elsewhere, so
 * a company can publish its ladder the way others publish theirs. Pure: the
 * caller writes the files.
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

/**
 * The generator meta tag on every page. The CLI recognises an earlier site by
 * it, so it replaces its own pages and refuses to write into unrelated folders.
 */
export const SITE_MARKER = '<meta name="generator" content="Longhaul">';

/**
 * Builds every file of the site: `index.html` (overview and matrix), list pages
 * for levels, competencies and comparisons, a page per level, competency and
 * adjacent pair of scale steps, and `style.css`. Under the points policy the
 * scale is the milestones, which get pages of their own.
 */
export function buildLadderSite(ladder: Ladder, options: LadderSiteOptions = {}): SiteFile[] {
  const site = describeSite(ladder, options);
  const files: SiteFile[] = [
    { path: 'style.css', content: SITE_CSS },
    renderIndexPage(site),
    renderLevelsPage(site),
    renderCompetenciesPage(site),
    renderComparisonsPage(site),
  ];
  if (site.points !== undefined) files.push(renderMilestonesPage(site, site.points));
  for (const view of site.views) {
    for (const step of view.scale) files.push(renderStepPage(site, view, step));
    if (site.points !== undefined) {
      for (const level of view.track.levels) files.push(renderPointsLevelPage(site, site.points, view, level));
    }
    for (const pair of view.pairs) files.push(renderComparisonPage(site, view, pair));
  }
  for (const competency of ladder.competencies) files.push(renderCompetencyPage(site, competency));
  return files;
}

// ---------------------------------------------------------------------------
// The model of the site: one view per track, with the paths of its pages.

type PointsPolicy = Extract<Policy, { kind: 'points' }>;

/** Two adjacent steps of a scale and the page that compares them. */
interface StepPair {
  from: ScaleStep;
  to: ScaleStep;
  path: string;
}

/** A track as the site shows it: its scale (levels, or milestones under points) and its competencies. */
interface TrackView {
  track: Track;
  scale: ScaleStep[];
  competencies: Competency[];
  pairs: StepPair[];
  /** What a scale step is called on this ladder. */
  noun: 'level' | 'milestone';
  /** Labels that stay distinct when titles repeat (Snowflake has three "Engineer I"). */
  stepLabels: Map<string, string>;
  levelLabels: Map<string, string>;
}

interface Site {
  ladder: Ladder;
  views: TrackView[];
  /** More than one track: per-track pages live in a folder named after the track. */
  multi: boolean;
  points: PointsPolicy | undefined;
  generatedOn: string | undefined;
}

type Section = 'matrix' | 'levels' | 'milestones' | 'competencies' | 'comparisons';

function describeSite(ladder: Ladder, options: LadderSiteOptions): Site {
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
      competencies: inCategoryOrder(ladder, competenciesOf(ladder, track)),
      pairs,
      noun: points === undefined ? 'level' : 'milestone',
      stepLabels: distinctLabels(scale),
      levelLabels: distinctLabels(track.levels),
    };
  });
  return { ladder, views, multi, points, generatedOn: options.generatedOn };
}

/** Competencies grouped by category, as the matrix shows them, so the chart, the tables and the matrix agree. */
function inCategoryOrder(ladder: Ladder, competencies: readonly Competency[]): Competency[] {
  return ladder.categories.flatMap((category) => competencies.filter((c) => c.category === category.id));
}

function distinctLabels(items: readonly { id: string; title: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.title, (counts.get(item.title) ?? 0) + 1);
  return new Map(
    items.map((item) => [item.id, (counts.get(item.title) ?? 0) > 1 ? `${item.title} (${item.id})` : item.title]),
  );
}

const paths = {
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
function stepPath(site: Site, view: TrackView, step: ScaleStep): string {
  return site.points === undefined ? paths.level(site, view, step.id) : paths.milestone(site, view, step.id);
}

/** The anchor of a step on a competency page; with several tracks it names the track too. */
function stepAnchor(site: Site, view: TrackView, step: ScaleStep): string {
  return site.multi ? `at-${view.track.id}/${step.id}` : `at-${step.id}`;
}

function stepLabel(view: TrackView, step: ScaleStep): string {
  return view.stepLabels.get(step.id) ?? step.title;
}

function levelLabel(view: TrackView, level: Level): string {
  return view.levelLabels.get(level.id) ?? level.title;
}

/**
 * A competency's value at a step for the radar: the step's position where the
 * competency applies, else 0. Levels count from 1, so 0 stays free for "does
 * not apply yet"; milestones count from 0, as Snowflake numbers them, because
 * the lowest milestone already means "nothing yet".
 */
function stepValue(view: TrackView, competency: Competency, step: ScaleStep): number {
  return competency.levels[step.id] === undefined ? 0 : step.index + radarOrigin(view);
}

function radarOrigin(view: TrackView): number {
  return view.noun === 'milestone' ? 0 : 1;
}

function byCategory(site: Site, competencies: readonly Competency[]) {
  return site.ladder.categories
    .map((category) => ({ category, members: competencies.filter((c) => c.category === category.id) }))
    .filter((group) => group.members.length > 0);
}

function categoryTitle(site: Site, competency: Competency): string {
  return site.ladder.categories.find((c) => c.id === competency.category)?.title ?? competency.category;
}

function threshold(points: PointsPolicy, levelId: string): number | undefined {
  return points.thresholds.find((t) => t.level === levelId)?.points;
}

/** `1 point`, `3 points`; `count(2, 'competency', 'competencies')` for the irregular ones. */
function count(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

// ---------------------------------------------------------------------------
// The page frame: head, skip link, navigation, footer.

/** Builds relative links from one page, so the site works from file:// in any folder. */
class PageLinks {
  constructor(readonly path: string) {}
  to(target: string, anchor?: string): string {
    if (anchor === undefined) return relativeHref(this.path, target);
    return target === this.path ? `#${anchor}` : `${relativeHref(this.path, target)}#${anchor}`;
  }
}

function renderPage(
  site: Site,
  links: PageLinks,
  page: { title: string; section: Section | undefined; body: Html },
): SiteFile {
  const { ladder } = site;
  const nav: { section: Section; label: string; target: string; anchor?: string }[] = [
    { section: 'matrix', label: 'Matrix', target: paths.index, anchor: 'matrix' },
    { section: 'levels', label: 'Levels', target: paths.levels },
    ...(site.points === undefined
      ? []
      : [{ section: 'milestones' as const, label: 'Milestones', target: paths.milestones }]),
    { section: 'competencies', label: 'Competencies', target: paths.competencies },
    { section: 'comparisons', label: 'Comparisons', target: paths.comparisons },
  ];
  const title = page.title === ladder.title ? ladder.title : `${page.title} · ${ladder.title}`;
  const generated = site.generatedOn === undefined ? '' : ` on ${site.generatedOn}`;
  const content = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${trusted(SITE_MARKER)}
        <title>${title}</title>
        <link rel="stylesheet" href="${links.to(paths.style)}" />
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <div class="site-header-inner">
            <p class="site-name"><a href="${links.to(paths.index)}">${ladder.title}</a></p>
            <nav class="site-nav" aria-label="Ladder">
              <ul>
                ${nav.map(
                  (item) =>
                    html`<li>
                      <a
                        href="${links.to(item.target, item.anchor)}"
                        ${item.section === page.section ? html` aria-current="page"` : ''}
                        >${item.label}</a
                      >
                    </li> `,
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main">${page.body}</main>
        <footer class="site-footer">
          <p>
            Generated by Longhaul from ladder
            <code>${ladder.id}</code> (<code>${ladder.hash.slice(0, 12)}</code>)${generated}.
          </p>
        </footer>
      </body>
    </html> `;
  return { path: links.path, content: content.value };
}

/** A heading at a computed depth (pages nest per track when the ladder has several). */
function heading(depth: number, content: HtmlValue, className?: string): Html {
  const tag = trusted(`h${Math.min(6, Math.max(1, Math.round(depth)))}`);
  return html`<${tag}${className === undefined ? '' : html` class="${className}"`}>${content}</${tag}>`;
}

function trackHeading(site: Site, view: TrackView, depth: number): Html {
  if (!site.multi) return html``;
  return html`${heading(depth, html`Track: ${view.track.title}`)}${paragraphs(view.track.description, 'prose')}`;
}

function expectationDetails(expectation: Expectation, listDepth: number): Html {
  const signals = expectation.signals ?? [];
  const notYet = expectation.notYet ?? [];
  return html`${paragraphs(expectation.expectation, 'prose')}
  ${
    signals.length === 0
      ? ''
      : html`${heading(listDepth, 'Signals', 'list-heading')}
          <ul class="signals">
            ${signals.map((s) => html`<li>${s}</li>`)}
          </ul>`
  }
  ${
    notYet.length === 0
      ? ''
      : html`${heading(listDepth, 'Not yet', 'list-heading')}
          <ul class="not-yet">
            ${notYet.map((s) => html`<li>${s}</li>`)}
          </ul>`
  }`;
}

// ---------------------------------------------------------------------------
// index.html: the ladder, its levels and the matrix.

function renderIndexPage(site: Site): SiteFile {
  const { ladder } = site;
  const links = new PageLinks(paths.index);
  const depth = site.multi ? 3 : 2;
  const levels = site.views.map(
    (view) =>
      html`${trackHeading(site, view, 3)}
        <ol class="card-list card-grid">
          ${view.track.levels.map((level) => {
            const points = site.points === undefined ? undefined : threshold(site.points, level.id);
            return html`<li>
              <p class="card-title">
                <a href="${links.to(paths.level(site, view, level.id))}">${levelLabel(view, level)}</a>${
                  points === undefined ? '' : html` <span class="muted">from ${count(points, 'point')}</span>`
                }
              </p>
              ${paragraphs(level.summary)}
            </li> `;
          })}
        </ol>`,
  );
  const milestones =
    site.points === undefined
      ? ''
      : html`<section aria-labelledby="milestones">
          <h2 id="milestones">Milestones and points</h2>
          <p class="prose">
            Each competency is rated at a milestone. The points of the milestones are added up, and the total decides
            the level.
          </p>
          ${renderMilestoneTable(site, links, site.views[0])}
        </section>`;
  const body = html`<h1>${ladder.title}</h1>
    ${paragraphs(ladder.description, 'lead')}
    <section aria-labelledby="levels">
      <h2 id="levels">Levels</h2>
      ${levels}
    </section>
    ${milestones}
    <section aria-labelledby="matrix">
      <h2 id="matrix">Matrix</h2>
      <p class="prose">
        One row per competency, grouped by category; one column per ${site.views[0]?.noun ?? 'level'}. Each cell is what
        the ${site.views[0]?.noun ?? 'level'} expects; select it to read the competency at that
        ${site.views[0]?.noun ?? 'level'}.
      </p>
      ${site.views.map((view) => html`${trackHeading(site, view, depth)}${renderMatrix(site, links, view)}`)}
    </section>`;
  return renderPage(site, links, { title: ladder.title, section: 'matrix', body });
}

function renderMatrix(site: Site, links: PageLinks, view: TrackView): Html {
  const captionId = site.multi ? `matrix-caption-${view.track.id}` : 'matrix-caption';
  const columns = view.scale.length + 1;
  const groups = byCategory(site, view.competencies);
  return html`<div class="table-scroll" role="region" aria-labelledby="${captionId}" tabindex="0">
    <table class="matrix" data-track="${view.track.id}">
      <caption id="${captionId}">
        What each ${view.noun} expects, by competency${site.multi ? html` (track ${view.track.title})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Competency</th>
          ${view.scale.map(
            (step) =>
              html`<th scope="col" data-step="${step.id}">
                <a href="${links.to(stepPath(site, view, step))}">${stepLabel(view, step)}</a>
              </th>`,
          )}
        </tr>
      </thead>
      ${groups.map(
        ({ category, members }) =>
          html`<tbody>
            <tr>
              <th scope="rowgroup" colspan="${columns}">${category.title}</th>
            </tr>
            ${members.map(
              (competency) =>
                html`<tr data-competency="${competency.id}">
                  <th scope="row"><a href="${links.to(paths.competency(competency.id))}">${competency.title}</a></th>
                  ${view.scale.map((step) => {
                    const expectation = competency.levels[step.id];
                    if (expectation === undefined) {
                      return html`<td class="not-applicable">
                        <span aria-hidden="true">–</span><span class="visually-hidden">Does not apply yet</span>
                      </td>`;
                    }
                    return html`<td>
                      <a href="${links.to(paths.competency(competency.id), stepAnchor(site, view, step))}"
                        >${expectation.expectation}</a
                      >
                    </td>`;
                  })}
                </tr> `,
            )}
          </tbody> `,
      )}
    </table>
  </div>`;
}

function renderMilestoneTable(site: Site, links: PageLinks, view: TrackView | undefined): Html {
  if (site.points === undefined || view === undefined) return html``;
  return html`<div class="table-scroll data-table">
    <table>
      <thead>
        <tr>
          <th scope="col">Milestone</th>
          <th scope="col" class="number">Points</th>
        </tr>
      </thead>
      <tbody>
        ${view.scale.map(
          (step) =>
            html`<tr${links.path === paths.milestone(site, view, step.id) ? html` class="is-current"` : ''}><th scope="row"><a href="${links.to(paths.milestone(site, view, step.id))}">${stepLabel(view, step)}</a></th><td class="number">${step.points ?? 0}</td></tr>
`,
        )}
      </tbody>
    </table>
  </div>`;
}

// ---------------------------------------------------------------------------
// List pages: levels, milestones, competencies, comparisons.

function renderLevelsPage(site: Site): SiteFile {
  const links = new PageLinks(paths.levels);
  const body = html`<h1>Levels</h1>
    ${
      site.points === undefined
        ? html`<p class="prose">
            The levels of the ladder, lowest first. Open a level for everything it expects, or a comparison for what
            changes on the way up.
          </p>`
        : html`<p class="prose">
            A level is reached when the points of all competencies add up to its threshold. Open a level for its
            threshold, or a <a href="${links.to(paths.milestones)}">milestone</a> for what each competency expects
            there.
          </p>`
    }
    ${site.views.map(
      (view) =>
        html`${trackHeading(site, view, 2)}
        ${
          site.points === undefined
            ? html`<ol class="card-list">
                ${view.track.levels.map((level, i) => {
                  const pair = view.pairs[i];
                  return html`<li>
                    <p class="card-title">
                      <a href="${links.to(paths.level(site, view, level.id))}">${levelLabel(view, level)}</a>
                    </p>
                    ${paragraphs(level.summary)}
                    ${pair === undefined ? '' : html`<p><a href="${links.to(pair.path)}">What changes from ${stepLabel(view, pair.from)} to ${stepLabel(view, pair.to)}</a></p>`}
                  </li> `;
                })}
              </ol>`
            : renderThresholdTable(site, site.points, links, view)
        }`,
    )}`;
  return renderPage(site, links, { title: 'Levels', section: 'levels', body });
}

function renderThresholdTable(site: Site, points: PointsPolicy, links: PageLinks, view: TrackView): Html {
  return html`<div class="table-scroll data-table">
    <table>
      <caption>
        Points needed for each level${site.multi ? html` (track ${view.track.title})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col" class="number">From points</th>
        </tr>
      </thead>
      <tbody>
        ${view.track.levels.map((level) => {
          const from = threshold(points, level.id);
          const path = paths.level(site, view, level.id);
          return html`<tr${links.path === path ? html` class="is-current"` : ''}><th scope="row"><a href="${links.to(path)}"${links.path === path ? html` aria-current="page"` : ''}>${levelLabel(view, level)}</a></th><td class="number">${from ?? html`<span class="muted">no threshold</span>`}</td></tr>
`;
        })}
      </tbody>
    </table>
  </div>`;
}

function renderMilestonesPage(site: Site, points: PointsPolicy): SiteFile {
  const links = new PageLinks(paths.milestones);
  const body = html`<h1>Milestones</h1>
    <p class="prose">
      Each competency is rated at one of ${count(points.milestones.length, 'milestone')}. A milestone earns its points;
      the total of all competencies decides the level (see <a href="${links.to(paths.levels)}">Levels</a>).
    </p>
    ${site.views.map((view) => html`${trackHeading(site, view, 2)}${renderMilestoneTable(site, links, view)}`)}`;
  return renderPage(site, links, { title: 'Milestones', section: 'milestones', body });
}

function renderCompetenciesPage(site: Site): SiteFile {
  const { ladder } = site;
  const links = new PageLinks(paths.competencies);
  const body = html`<h1>Competencies</h1>
    <p class="prose">
      ${count(ladder.competencies.length, 'competency', 'competencies')} in
      ${count(ladder.categories.length, 'category', 'categories')}. Each competency page shows how its expectation grows
      from one ${site.views[0]?.noun ?? 'level'} to the next.
    </p>
    ${byCategory(site, ladder.competencies).map(
      ({ category, members }) =>
        html`<h2 id="category-${category.id}">${category.title}</h2>
          ${paragraphs(category.description, 'prose')}
          <ul class="card-list">
            ${members.map((competency) => {
              const starts = site.views
                .map((view) => ({ view, first: view.scale[firstStepIndex(competency, view.scale)] }))
                .filter((entry) => entry.first !== undefined && entry.view.competencies.includes(competency));
              return html`<li>
                <p class="card-title"><a href="${links.to(paths.competency(competency.id))}">${competency.title}</a></p>
                ${paragraphs(competency.description)}
                ${starts.map(({ view, first }) =>
                  first === undefined || first.index === 0
                    ? ''
                    : html`<p class="muted">
                        Starts at ${stepLabel(view, first)}${site.multi ? html` on the ${view.track.title} track` : ''}.
                      </p>`,
                )}
              </li> `;
            })}
          </ul>`,
    )}`;
  return renderPage(site, links, { title: 'Competencies', section: 'competencies', body });
}

function renderComparisonsPage(site: Site): SiteFile {
  const links = new PageLinks(paths.comparisons);
  const noun = site.views[0]?.noun ?? 'level';
  const body = html`<h1>Comparisons</h1>
    <p class="prose">What changes from one ${noun} to the next, competency by competency.</p>
    ${site.views.map(
      (view) =>
        html`${trackHeading(site, view, 2)}
        ${
          view.pairs.length === 0
            ? html`<p class="muted">This track has a single ${noun}, so there is nothing to compare.</p>`
            : html`<ol class="card-list">
                ${view.pairs.map(
                  (pair) =>
                    html`<li>
                      <p class="card-title">
                        <a href="${links.to(pair.path)}"
                          >${stepLabel(view, pair.from)} to ${stepLabel(view, pair.to)}</a
                        >
                      </p>
                      <p class="muted">${changeSummary(view, pair)}</p>
                    </li> `,
                )}
              </ol>`
        }`,
    )}`;
  return renderPage(site, links, { title: 'Comparisons', section: 'comparisons', body });
}

function changeSummary(view: TrackView, pair: StepPair): string {
  const starting = view.competencies.filter(
    (c) => c.levels[pair.to.id] !== undefined && c.levels[pair.from.id] === undefined,
  ).length;
  const changing = view.competencies.filter(
    (c) => c.levels[pair.to.id] !== undefined && c.levels[pair.from.id] !== undefined,
  ).length;
  const parts = [
    ...(changing > 0
      ? [`${count(changing, 'competency', 'competencies')} ${changing === 1 ? 'changes' : 'change'}`]
      : []),
    ...(starting > 0
      ? [`${count(starting, 'competency', 'competencies')} ${starting === 1 ? 'starts' : 'start'}`]
      : []),
  ];
  return parts.length === 0 ? 'No competency applies at either.' : `${parts.join('; ')}.`;
}

// ---------------------------------------------------------------------------
// A step page: a level (or, under points, a milestone) with its chart and expectations.

function renderStepPage(site: Site, view: TrackView, step: ScaleStep): SiteFile {
  const links = new PageLinks(stepPath(site, view, step));
  const level = site.points === undefined ? view.track.levels[step.index] : undefined;
  const below = view.scale[step.index - 1];
  const above = view.scale[step.index + 1];
  const pairIn = view.pairs[step.index - 1];
  const pairOut = view.pairs[step.index];
  const label = stepLabel(view, step);
  const noun = view.noun;
  const eyebrow = [
    // Milestones are often numbered from 0 ("Milestone 3" is the fourth), so only levels say where they stand.
    noun === 'level' ? `Level ${step.index + 1} of ${view.scale.length}` : 'Milestone',
    ...(site.multi ? [`${view.track.title} track`] : []),
    ...(step.points === undefined ? [] : [count(step.points, 'point')]),
  ].join(' · ');
  const required = (level?.required ?? [])
    .map((id) => view.competencies.find((c) => c.id === id))
    .filter((c): c is Competency => c !== undefined);
  const readiness = level?.readiness ?? [];
  const body = html`<p class="eyebrow">${eyebrow}</p>
    <h1>${label}</h1>
    ${paragraphs(level?.summary, 'lead')}
    ${
      required.length === 0
        ? ''
        : html`<p class="prose">
            <strong>Required at this level:</strong> ${required.map(
              (c, i) =>
                html`${i === 0 ? '' : ', '}<a href="${links.to(paths.competency(c.id), stepAnchor(site, view, step))}"
                    >${c.title}</a
                  >`,
            )}
            (the level is not reached without ${required.length === 1 ? 'it' : 'them'}).
          </p>`
    }
    ${renderPager(`Neighbouring ${noun}s`, [
      below === undefined
        ? undefined
        : { href: links.to(stepPath(site, view, below)), text: `← ${stepLabel(view, below)}` },
      pairIn === undefined
        ? undefined
        : { href: links.to(pairIn.path), text: `What changes from ${stepLabel(view, pairIn.from)}` },
      pairOut === undefined
        ? undefined
        : { href: links.to(pairOut.path), text: `What changes toward ${stepLabel(view, pairOut.to)}` },
      above === undefined
        ? undefined
        : { href: links.to(stepPath(site, view, above)), text: `${stepLabel(view, above)} →` },
    ])}
    ${renderStepChart(site, links, view, step)}
    <section aria-labelledby="expectations">
      <h2 id="expectations">What ${label} expects</h2>
      ${view.competencies.length === 0 ? html`<p class="muted">No competency applies on this track.</p>` : ''}
      ${byCategory(site, view.competencies).map(
        ({ category, members }) =>
          html`<h3>${category.title}</h3>
            ${members.map((competency) => {
              const expectation = competency.levels[step.id];
              const first = view.scale[firstStepIndex(competency, view.scale)];
              const href = links.to(
                paths.competency(competency.id),
                expectation === undefined ? undefined : stepAnchor(site, view, step),
              );
              return html`<article class="competency-block" id="competency-${competency.id}">
                <h4>
                  <a href="${href}">${competency.title}</a>${
                    expectation !== undefined && first?.id === step.id && step.index > 0
                      ? html` <span class="tag tag-new">new at this ${noun}</span>`
                      : ''
                  }
                </h4>
                ${
                  expectation === undefined
                    ? html`<p class="muted">
                        Does not apply at this ${noun}
                        yet${first === undefined ? '' : html`; it starts at <a href="${links.to(stepPath(site, view, first))}">${stepLabel(view, first)}</a>`}.
                      </p>`
                    : expectationDetails(expectation, 5)
                }
              </article> `;
            })}`,
      )}
    </section>
    ${
      readiness.length === 0
        ? ''
        : html`<section aria-labelledby="readiness">
            <h2 id="readiness">
              ${above === undefined ? 'Signs of growing beyond this level' : html`Ready for ${stepLabel(view, above)} when`}
            </h2>
            <ul class="prose">
              ${readiness.map((sign) => html`<li>${sign}</li>`)}
            </ul>
          </section>`
    }`;
  return renderPage(site, links, { title: label, section: noun === 'level' ? 'levels' : 'milestones', body });
}

function renderPager(label: string, items: readonly ({ href: string; text: string } | undefined)[]): Html {
  const present = items.filter((item): item is { href: string; text: string } => item !== undefined);
  if (present.length === 0) return html``;
  return html`<nav class="pager" aria-label="${label}">
    <ul>
      ${present.map((item) => html`<li><a href="${item.href}">${item.text}</a></li>`)}
    </ul>
  </nav>`;
}

function renderStepChart(site: Site, links: PageLinks, view: TrackView, step: ScaleStep): Html {
  const below = view.scale[step.index - 1];
  const label = stepLabel(view, step);
  const belowLabel = below === undefined ? undefined : stepLabel(view, below);
  const noun = view.noun;
  const origin = radarOrigin(view);
  const applying = view.competencies.filter((c) => c.levels[step.id] !== undefined);
  const starting = applying.filter((c) => below === undefined || c.levels[below.id] === undefined);
  const first = view.scale[0];
  const inner = view.scale[1 - origin];
  const last = view.scale[view.scale.length - 1];
  const max = view.scale.length - 1 + origin;
  const scaleText =
    first === undefined || last === undefined
      ? ''
      : `${stepLabel(view, first)} is ${origin}, ${stepLabel(view, last)} is ${max}`;
  const description = [
    `Radar chart with one spoke per competency. A competency's value is the position of the ${noun} (${scaleText}) where it applies, and 0 before its first ${noun}.`,
    `At ${label}, ${applying.length} of ${view.competencies.length} competencies apply, each at ${step.index + origin}.`,
    belowLabel === undefined
      ? `${label} is the first ${noun}, so there is nothing below to compare with.`
      : `The dashed outline is ${belowLabel}. ${
          starting.length === 0
            ? 'No competency starts here.'
            : `Starting at ${label}: ${starting.map((c) => c.title).join(', ')}.`
        }`,
  ].join(' ');
  const rings =
    inner === undefined || last === undefined
      ? ''
      : origin === 0 && first !== undefined
        ? `Each ring is a ${noun}, from ${stepLabel(view, inner)} (innermost) to ${stepLabel(view, last)} (the edge); the centre is ${stepLabel(view, first)}, or a competency that does not apply yet.`
        : `Each ring is a ${noun}, from ${stepLabel(view, inner)} (innermost) to ${stepLabel(view, last)} (the edge); a competency at the centre does not apply yet.`;
  const chartId = 'chart';
  const value = (competency: Competency, s: ScaleStep) => {
    const v = stepValue(view, competency, s);
    return competency.levels[s.id] === undefined
      ? html`<span class="muted">does not apply yet</span> (0)`
      : html`${stepLabel(view, s)} (${v})`;
  };
  const chart =
    view.competencies.length >= MIN_RADAR_AXES
      ? html`<figure class="chart">
          ${renderRadarChart({
            id: `${chartId}-radar`,
            title: belowLabel === undefined ? `${label}` : `${label} compared with ${belowLabel}`,
            description,
            max,
            axes: view.competencies.map((c) => ({
              label: c.title,
              value: stepValue(view, c, step),
              ...(below === undefined ? {} : { previous: stepValue(view, c, below) }),
            })),
          })}
          <figcaption>
            <ul class="legend">
              <li><span class="swatch" aria-hidden="true"></span>${label}</li>
              ${belowLabel === undefined ? '' : html`<li><span class="swatch swatch-previous" aria-hidden="true"></span>${belowLabel} (the ${noun} below)</li>`}
            </ul>
            <p class="muted">${rings} The table below has the same numbers.</p>
          </figcaption>
        </figure>`
      : html`<p class="muted">
          With fewer than ${MIN_RADAR_AXES} competencies a radar says little; the table shows the values.
        </p>`;
  return html`<section aria-labelledby="${chartId}">
    <h2 id="${chartId}">
      ${belowLabel === undefined ? html`${label} at a glance` : html`${label} against ${belowLabel}`}
    </h2>
    ${chart}
    <div class="table-scroll data-table">
      <table>
        <caption>
          Value of each competency at ${label}${belowLabel === undefined ? '' : html` and ${belowLabel}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            ${belowLabel === undefined ? '' : html`<th scope="col">${belowLabel}</th>`}
            <th scope="col">${label}</th>
          </tr>
        </thead>
        <tbody>
          ${view.competencies.map(
            (c) =>
              html`<tr>
                <th scope="row"><a href="${links.to(paths.competency(c.id))}">${c.title}</a></th>
                ${below === undefined ? '' : html`<td>${value(c, below)}</td>`}
                <td>${value(c, step)}</td>
              </tr> `,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

// ---------------------------------------------------------------------------
// A level page under the points policy: its threshold among the others.

function renderPointsLevelPage(site: Site, points: PointsPolicy, view: TrackView, level: Level): SiteFile {
  const links = new PageLinks(paths.level(site, view, level.id));
  const index = view.track.levels.indexOf(level);
  const below = view.track.levels[index - 1];
  const above = view.track.levels[index + 1];
  const from = threshold(points, level.id);
  const nextWithThreshold = view.track.levels
    .slice(index + 1)
    .map((l) => ({ level: l, points: threshold(points, l.id) }))
    .find((entry) => entry.points !== undefined);
  const label = levelLabel(view, level);
  const eyebrow = [
    `Level ${index + 1} of ${view.track.levels.length}`,
    ...(site.multi ? [`${view.track.title} track`] : []),
  ].join(' · ');
  const reach =
    from === undefined
      ? html`The ladder sets no points threshold for ${label}.`
      : html`${label} is reached with <strong>${count(from, 'point')}</strong>${
            nextWithThreshold === undefined || nextWithThreshold.points === undefined
              ? html`; it is the highest level.`
              : html`; ${levelLabel(view, nextWithThreshold.level)} starts at
                ${count(nextWithThreshold.points, 'point')}.`
          }`;
  const top = view.scale[view.scale.length - 1];
  const body = html`<p class="eyebrow">${eyebrow}</p>
    <h1>${label}</h1>
    ${paragraphs(level.summary, 'lead')}
    <p class="prose">${reach}</p>
    ${renderPager('Neighbouring levels', [
      below === undefined
        ? undefined
        : { href: links.to(paths.level(site, view, below.id)), text: `← ${levelLabel(view, below)}` },
      above === undefined
        ? undefined
        : { href: links.to(paths.level(site, view, above.id)), text: `${levelLabel(view, above)} →` },
    ])}
    <section aria-labelledby="thresholds">
      <h2 id="thresholds">Thresholds</h2>
      ${renderThresholdTable(site, points, links, view)}
    </section>
    <section aria-labelledby="points">
      <h2 id="points">How points add up</h2>
      <p class="prose">
        Each of the ${count(view.competencies.length, 'competency', 'competencies')} is rated at a milestone and earns
        its
        points${
          top?.points === undefined ? '' : html`, up to ${count(top.points * view.competencies.length, 'point')} in all`
        }.
        Open a milestone for what each competency expects there.
      </p>
      ${renderMilestoneTable(site, links, view)}
    </section>
    ${
      (level.readiness ?? []).length === 0
        ? ''
        : html`<section aria-labelledby="readiness">
            <h2 id="readiness">
              ${above === undefined ? 'Signs of growing beyond this level' : html`Ready for ${levelLabel(view, above)} when`}
            </h2>
            <ul class="prose">
              ${(level.readiness ?? []).map((sign) => html`<li>${sign}</li>`)}
            </ul>
          </section>`
    }`;
  return renderPage(site, links, { title: label, section: 'levels', body });
}

// ---------------------------------------------------------------------------
// A comparison of two adjacent steps.

function renderComparisonPage(site: Site, view: TrackView, pair: StepPair): SiteFile {
  const links = new PageLinks(pair.path);
  const { from, to } = pair;
  const fromLabel = stepLabel(view, from);
  const toLabel = stepLabel(view, to);
  const fromLevel = site.points === undefined ? view.track.levels[from.index] : undefined;
  const toLevel = site.points === undefined ? view.track.levels[to.index] : undefined;
  const previous = view.pairs[from.index - 1];
  const next = view.pairs[to.index];
  const readiness = fromLevel?.readiness ?? [];
  const relevant = view.competencies.filter((c) => c.levels[from.id] !== undefined || c.levels[to.id] !== undefined);
  const neither = view.competencies.filter((c) => !relevant.includes(c));
  const side = (step: ScaleStep, level: Level | undefined) =>
    html`<section>
      <h2><a href="${links.to(stepPath(site, view, step))}">${stepLabel(view, step)}</a></h2>
      ${step.points === undefined ? '' : html`<p class="muted">${count(step.points, 'point')}</p>`}
      ${level?.summary === undefined ? (level === undefined ? '' : html`<p class="muted">No summary.</p>`) : paragraphs(level.summary)}
    </section>`;
  const body = html`<p class="eyebrow">Comparison${site.multi ? html` · ${view.track.title} track` : ''}</p>
    <h1>From ${fromLabel} to ${toLabel}</h1>
    <div class="side-by-side">${side(from, fromLevel)} ${side(to, toLevel)}</div>
    ${
      readiness.length === 0
        ? ''
        : html`<section aria-labelledby="readiness">
            <h2 id="readiness">Signs that someone at ${fromLabel} is ready for ${toLabel}</h2>
            <ul class="prose">
              ${readiness.map((sign) => html`<li>${sign}</li>`)}
            </ul>
          </section>`
    }
    <section aria-labelledby="changes">
      <h2 id="changes">What changes, competency by competency</h2>
      ${byCategory(site, relevant).map(
        ({ category, members }) =>
          html`<h3>${category.title}</h3>
            ${members.map((competency) => {
              const before = competency.levels[from.id];
              const after = competency.levels[to.id];
              return html`<article class="change" id="competency-${competency.id}">
                <h4>
                  <a href="${links.to(paths.competency(competency.id))}">${competency.title}</a>${
                    before === undefined && after !== undefined
                      ? html` <span class="tag tag-new">starts at ${toLabel}</span>`
                      : ''
                  }
                </h4>
                <div class="side-by-side">
                  <div>
                    <p class="side-label">${fromLabel}</p>
                    ${
                      before === undefined
                        ? html`<p class="muted">Does not apply yet.</p>`
                        : paragraphs(before.expectation)
                    }
                  </div>
                  <div>
                    <p class="side-label">${toLabel}</p>
                    ${after === undefined ? html`<p class="muted">Does not apply yet.</p>` : paragraphs(after.expectation)}${
                      after === undefined || (after.signals ?? []).length + (after.notYet ?? []).length === 0
                        ? ''
                        : html`<p>
                            <a href="${links.to(paths.competency(competency.id), stepAnchor(site, view, to))}"
                              >Signals and “not yet” at ${toLabel}<span class="visually-hidden">
                                for ${competency.title}</span
                              ></a
                            >
                          </p>`
                    }
                  </div>
                </div>
              </article> `;
            })}`,
      )}
      ${
        neither.length === 0
          ? ''
          : html`<p class="muted">
              Not yet applicable at either:
              ${neither.map((c, i) => html`${i === 0 ? '' : ', '}<a href="${links.to(paths.competency(c.id))}">${c.title}</a>`)}.
            </p>`
      }
    </section>
    ${renderPager('Neighbouring comparisons', [
      previous === undefined
        ? undefined
        : {
            href: links.to(previous.path),
            text: `← ${stepLabel(view, previous.from)} to ${stepLabel(view, previous.to)}`,
          },
      { href: links.to(paths.comparisons), text: 'All comparisons' },
      next === undefined
        ? undefined
        : { href: links.to(next.path), text: `${stepLabel(view, next.from)} to ${stepLabel(view, next.to)} →` },
    ])}`;
  return renderPage(site, links, { title: `${fromLabel} to ${toLabel}`, section: 'comparisons', body });
}

// ---------------------------------------------------------------------------
// A competency page: its description and its progression across the scale.

function renderCompetencyPage(site: Site, competency: Competency): SiteFile {
  const links = new PageLinks(paths.competency(competency.id));
  const views = site.views.filter((view) => view.competencies.includes(competency));
  const stepDepth = site.multi ? 3 : 2;
  const formerly = competency.formerly ?? [];
  const weighted = site.ladder.policy.kind === 'weighted-average';
  const requiredAt = views.flatMap((view) =>
    view.track.levels
      .filter((level) => level.required?.includes(competency.id) === true)
      .map((level) => ({ view, level })),
  );
  const body = html`<p class="eyebrow">
      <a href="${links.to(paths.competencies, `category-${competency.category}`)}"
        >${categoryTitle(site, competency)}</a
      >
    </p>
    <h1>${competency.title}</h1>
    ${paragraphs(competency.description, 'lead')}
    ${
      formerly.length === 0
        ? ''
        : html`<p class="muted">
            Formerly ${formerly.map((id, i) => html`${i === 0 ? '' : ', '}<code>${id}</code>`)}: ratings and evidence
            recorded under ${formerly.length === 1 ? 'that id' : 'those ids'} count here.
          </p>`
    }
    ${competency.track === undefined || !site.multi ? '' : html`<p class="muted">Applies to the ${views[0]?.track.title ?? competency.track} track only.</p>`}
    ${weighted ? html`<p class="muted">Weight ${competency.weight ?? 1} in the weighted average.</p>` : ''}
    ${
      requiredAt.length === 0
        ? ''
        : html`<p class="prose">
            <strong>Required</strong> to reach
            ${requiredAt.map(
              ({ view, level }, i) =>
                html`${i === 0 ? '' : ', '}<a href="${links.to(paths.level(site, view, level.id))}"
                    >${levelLabel(view, level)}</a
                  >`,
            )}.
          </p>`
    }
    ${views.map((view) => {
      const firstIndex = firstStepIndex(competency, view.scale);
      const first = view.scale[firstIndex];
      return html`${trackHeading(site, view, 2)}
        ${
          first === undefined || firstIndex === 0
            ? ''
            : html`<p class="muted">
                Does not apply before <a href="${links.to(stepPath(site, view, first))}">${stepLabel(view, first)}</a>.
              </p>`
        }
        <ol class="progression">
          ${view.scale.map((step) => {
            const expectation = competency.levels[step.id];
            if (expectation === undefined) return '';
            return html`<li class="step" id="${stepAnchor(site, view, step)}">
              ${heading(stepDepth, html`<a href="${links.to(stepPath(site, view, step))}">${stepLabel(view, step)}</a>${step.points === undefined ? '' : html` <span class="muted">· ${count(step.points, 'point')}</span>`}`)}
              ${expectationDetails(expectation, stepDepth + 1)}
            </li> `;
          })}
        </ol>`;
    })}`;
  return renderPage(site, links, { title: competency.title, section: 'competencies', body });
}
