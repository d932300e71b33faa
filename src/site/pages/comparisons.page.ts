import { html } from '../html.js';
import { PageLinks, renderPage, trackHeading } from '../page-layout.js';
import { count, paths, stepLabel, type Site, type SiteFile, type StepPair, type TrackView } from '../site-model.js';

/** comparisons.html: the list of comparisons of adjacent steps. */
export function renderComparisonsPage(site: Site): SiteFile {
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
