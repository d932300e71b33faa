import { html, paragraphs } from '../html.js';
import { PageLinks, renderPage, renderThresholdTable, trackHeading } from '../page-layout.js';
import { levelLabel, paths, stepLabel, type Site, type SiteFile } from '../site-model.js';

/** levels.html: the levels of each track, or their points thresholds. */
export function renderLevelsPage(site: Site): SiteFile {
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
