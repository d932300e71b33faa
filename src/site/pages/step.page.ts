import { firstStepIndex, type ScaleStep } from '../../shared/ladder.js';
import type { Competency } from '../../core/ladder.schema.js';
import { html, paragraphs, type Html } from '../html.js';
import { MIN_RADAR_AXES, renderRadarChart } from '../radar-chart.js';
import { expectationDetails, PageLinks, renderLevelRule, renderPage, renderPager } from '../page-layout.js';
import {
  byCategory,
  count,
  paths,
  stepAnchor,
  stepLabel,
  stepPath,
  type Site,
  type SiteFile,
  type TrackView,
} from '../site-model.js';

/** A step page: a level (or, under points, a milestone) with its chart and its expectations. */
export function renderStepPage(site: Site, view: TrackView, step: ScaleStep): SiteFile {
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
    ${paragraphs(level?.summary, 'lead')} ${level === undefined ? '' : renderLevelRule(view, level)}
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
            // Ring k is the step at value k: levels count from 1, milestones from 0 (at the centre).
            rings: view.scale.slice(1 - origin).map((s) => stepLabel(view, s)),
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
