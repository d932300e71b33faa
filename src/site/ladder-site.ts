import type { Ladder } from '../core/ladder.js';
import { renderCompetenciesPage } from './pages/competencies.page.js';
import { renderComparisonPage } from './pages/comparison.page.js';
import { renderComparisonsPage } from './pages/comparisons.page.js';
import { renderCompetencyPage } from './pages/competency.page.js';
import { renderIndexPage } from './pages/index.page.js';
import { renderLevelsPage } from './pages/levels.page.js';
import { renderMilestonesPage } from './pages/milestones.page.js';
import { renderPointsLevelPage } from './pages/points-level.page.js';
import { renderStepPage } from './pages/step.page.js';
import { describeSite, type LadderSiteOptions, type SiteFile } from './site-model.js';
import { SITE_CSS } from './site-style.js';

/**
 * The static website of a ladder: plain HTML files and one stylesheet that work
 * from file:// with no server, no script and nothing fetched from elsewhere, so
 * a company can publish its ladder the way others publish theirs. Pure: the
 * caller writes the files.
 *
 * One module per page under pages/; the model (paths, labels) is in
 * site-model.ts and the frame every page shares in page-layout.ts.
 */

export { SITE_MARKER } from './page-layout.js';
export type { LadderSiteOptions, SiteFile } from './site-model.js';

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
