import { html } from '../html.js';
import { PageLinks, renderMilestoneTable, renderPage, trackHeading } from '../page-layout.js';
import { count, paths, type PointsPolicy, type Site, type SiteFile } from '../site-model.js';

/** milestones.html, under the points policy: the milestones and their points. */
export function renderMilestonesPage(site: Site, points: PointsPolicy): SiteFile {
  const links = new PageLinks(paths.milestones);
  const body = html`<h1>Milestones</h1>
    <p class="prose">
      Each competency is rated at one of ${count(points.milestones.length, 'milestone')}. A milestone earns its points;
      the total of all competencies decides the level (see <a href="${links.to(paths.levels)}">Levels</a>).
    </p>
    ${site.views.map((view) => html`${trackHeading(site, view, 2)}${renderMilestoneTable(site, links, view)}`)}`;
  return renderPage(site, links, { title: 'Milestones', section: 'milestones', body });
}
