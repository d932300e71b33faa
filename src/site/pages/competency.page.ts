import { firstStepIndex } from '../../shared/ladder.js';
import type { Competency } from '../../core/ladder.schema.js';
import { html, paragraphs } from '../html.js';
import { expectationDetails, heading, PageLinks, renderPage, trackHeading } from '../page-layout.js';
import {
  categoryTitle,
  count,
  levelLabel,
  paths,
  stepAnchor,
  stepLabel,
  stepPath,
  type Site,
  type SiteFile,
} from '../site-model.js';

/** A competency page: its description and its progression across the scale. */
export function renderCompetencyPage(site: Site, competency: Competency): SiteFile {
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
