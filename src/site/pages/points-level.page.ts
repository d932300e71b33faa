import type { Level } from '../../core/ladder.schema.js';
import { html, paragraphs } from '../html.js';
import {
  PageLinks,
  renderLevelRule,
  renderMilestoneTable,
  renderPage,
  renderPager,
  renderThresholdTable,
} from '../page-layout.js';
import {
  count,
  levelLabel,
  paths,
  threshold,
  type PointsPolicy,
  type Site,
  type SiteFile,
  type TrackView,
} from '../site-model.js';

/** A level page under the points policy: its threshold among the others. */
export function renderPointsLevelPage(site: Site, points: PointsPolicy, view: TrackView, level: Level): SiteFile {
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
    ${renderLevelRule(view, level)}
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
