import { html, paragraphs, type Html } from '../html.js';
import { PageLinks, renderMilestoneTable, renderPage, trackHeading } from '../page-layout.js';
import {
  byCategory,
  count,
  levelLabel,
  levelRule,
  paths,
  stepAnchor,
  stepLabel,
  stepPath,
  threshold,
  type Site,
  type SiteFile,
  type TrackView,
} from '../site-model.js';

/** index.html: the ladder, its levels and the matrix of every competency at every step. */
export function renderIndexPage(site: Site): SiteFile {
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
        ${
          site.points === undefined
            ? 'The first row says what it takes to reach each level.'
            : 'Below the matrix, what it takes to reach each level.'
        }
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
        ${
          site.points === undefined
            ? html`<tbody class="matrix-rules">
                <tr>
                  <th scope="row">What it takes</th>
                  ${view.track.levels.map((level) => html`<td data-rule="${level.id}">${levelRule(view, level)}</td>`)}
                </tr>
              </tbody>`
            : ''
        }
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
    </div>
    ${
      site.points === undefined
        ? ''
        : html`<dl class="level-rules">
            ${view.track.levels.map(
              (level) =>
                html`<dt><a href="${links.to(paths.level(site, view, level.id))}">${levelLabel(view, level)}</a></dt>
                  <dd data-rule="${level.id}">${levelRule(view, level)}</dd>`,
            )}
          </dl>`
    }`;
}
