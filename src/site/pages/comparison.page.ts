import { type ScaleStep } from '../../shared/ladder.js';
import type { Level } from '../../core/ladder.schema.js';
import { html, paragraphs } from '../html.js';
import { PageLinks, renderPage, renderPager } from '../page-layout.js';
import {
  byCategory,
  count,
  paths,
  stepAnchor,
  stepLabel,
  stepPath,
  type Site,
  type SiteFile,
  type StepPair,
  type TrackView,
} from '../site-model.js';

/** A comparison of two adjacent steps, competency by competency. */
export function renderComparisonPage(site: Site, view: TrackView, pair: StepPair): SiteFile {
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
