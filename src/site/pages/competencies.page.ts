import { firstStepIndex } from '../../shared/ladder.js';
import { html, paragraphs } from '../html.js';
import { PageLinks, renderPage } from '../page-layout.js';
import { byCategory, count, paths, stepLabel, type Site, type SiteFile } from '../site-model.js';

/** competencies.html: every competency by category, with where it starts. */
export function renderCompetenciesPage(site: Site): SiteFile {
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
