import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressPage } from './pages/progress.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * The progress radar as a person reads it: a competency that is not observed
 * leaves a gap (a point at the centre would read as "rated lowest"), a rating
 * without the evidence it needs is drawn apart and the legend says so, and the
 * ring names stay readable on a phone.
 */

const PERSON = 'Rae Okonkwo';

/**
 * Junior needs no evidence on the default ladder; Senior needs two pieces, and
 * this person has logged none, so the Senior rating is unsupported.
 */
const RATINGS: Record<string, string> = {
  scope: 'junior',
  autonomy: 'junior',
  reliability: 'not-observed',
  debugging: 'senior',
  design: 'junior',
  technology: 'junior',
  mentoring: 'not-observed',
  communication: 'junior',
  'time-horizon': 'junior',
  complexity: 'junior',
  quality: 'junior',
};

/** The numbers of an SVG path's coordinates, as [x, y] pairs. */
function vertices(d: string): Array<[number, number]> {
  const numbers = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) pairs.push([numbers[i] ?? NaN, numbers[i + 1] ?? NaN]);
  return pairs;
}

/** The on-screen size of each ring name and where it is, in CSS pixels. */
async function ringLabels(radar: Locator) {
  return radar.locator('text.radar__ring-label').evaluateAll((texts) =>
    texts.map((text) => {
      const element = text as SVGTextElement;
      const scale = element.getScreenCTM()?.a ?? 0;
      const rect = element.getBoundingClientRect();
      return {
        text: element.textContent ?? '',
        pixels: parseFloat(getComputedStyle(element).fontSize) * scale,
        top: rect.top,
        bottom: rect.bottom,
        left: rect.left,
        right: rect.right,
      };
    }),
  );
}

describe('the progress radar', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: PERSON }));
    const me = (await (await context.request.get('/api/me')).json()) as { person: { id: string } };
    const saved = await context.request.post(`/api/people/${me.person.id}/assessments`, {
      data: { kind: 'self', ratings: RATINGS },
    });
    expect(saved.status()).toBe(201);
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  const radarOn = async (target: Page) => {
    const progress = new ProgressPage(target);
    await target.goto('/progress?target=senior');
    await progress.shell.waitForHeading('My progress');
    await progress.waitForProgress();
    return progress.radar('Senior').locator('xpath=ancestor::figure[1]');
  };

  it('leaves a gap where a competency is not observed, instead of a point at the centre', async () => {
    const radar = await radarOn(page);
    const outline = (await radar.locator('path.radar__value').getAttribute('d')) ?? '';
    expect(outline).not.toBe('');
    // Nine rated competencies in two runs: the outline is broken twice and never closes through the centre.
    expect(outline).not.toContain('Z');
    expect(outline.match(/M/g)).toHaveLength(2);
    expect(vertices(outline)).toHaveLength(9);
    for (const [x, y] of vertices(outline)) expect(Math.hypot(x, y), `vertex ${x},${y}`).toBeGreaterThan(1);
    for (const id of ['reliability', 'mentoring']) {
      await expect.poll(() => radar.locator(`circle.radar__dot[data-competency="${id}"]`).count()).toBe(0);
      const axis = radar.locator(`line.radar__axis[data-competency="${id}"]`);
      expect(await axis.evaluate((line) => getComputedStyle(line).strokeDasharray)).not.toBe('none');
    }
    const legend = (await radar.locator('figcaption').textContent()) ?? '';
    expect(legend).toContain('Gap: not observed');
    const names = await radar
      .locator('text.radar__label')
      .evaluateAll((texts) => texts.map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')));
    expect(names).toContain('Reliability and blast radius (not observed)');
  });

  it('draws a rating without the evidence it needs as a hollow dot, and the legend and table say so', async () => {
    const radar = await radarOn(page);
    const paintOf = (id: string) =>
      radar.locator(`circle.radar__dot[data-competency="${id}"]`).evaluate((circle) => {
        const style = getComputedStyle(circle);
        return { fill: style.fill, stroke: style.stroke };
      });
    const supported = await paintOf('scope');
    const unsupported = await paintOf('debugging');
    // Hollow: a ring in the colour of my ratings around an inside that is not.
    expect(unsupported.stroke).toBe(supported.fill);
    expect(unsupported.fill).not.toBe(supported.fill);
    expect(await radar.locator('circle.radar__dot--unsupported').count()).toBe(1);
    expect(await radar.locator('figcaption').textContent()).toContain('Unsupported: not enough evidence to count');
    await radar.getByText('Show the ratings as a table').click();
    const row = radar.getByRole('row', { name: /Debugging and operations/ });
    expect(await row.textContent()).toContain('Senior, unsupported (needs 2 pieces of evidence to count at Senior)');
  });

  it('at 375 px keeps every ring name at least 11 px tall, apart from the others and on the screen', async () => {
    const narrow = await context.newPage();
    try {
      await narrow.setViewportSize({ width: 375, height: 800 });
      const radar = await radarOn(narrow);
      const labels = await ringLabels(radar);
      expect(labels.map((l) => l.text)).toEqual(['Junior', 'Mid-level', 'Senior', 'Architect']);
      for (const label of labels) {
        expect(label.pixels, `${label.text} in px`).toBeGreaterThanOrEqual(11);
        expect(label.right, `${label.text} fits`).toBeLessThanOrEqual(375);
        expect(label.left).toBeGreaterThanOrEqual(0);
      }
      for (let i = 1; i < labels.length; i += 1) {
        const [outer, inner] = [labels[i], labels[i - 1]];
        expect(outer && inner && outer.bottom <= inner.top + 1, `${outer?.text} above ${inner?.text}`).toBe(true);
      }
      // The axis numbers that stand in for the names are as readable.
      const numbers = await radar
        .locator('text.radar__number')
        .evaluateAll((texts) =>
          texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * ((t as SVGTextElement).getScreenCTM()?.a ?? 0)),
        );
      expect(numbers).toHaveLength(11);
      for (const size of numbers) expect(size).toBeGreaterThanOrEqual(14);
    } finally {
      await narrow.close();
    }
  });

  it('at 1280 px names the axes beside the chart with ring names no smaller than 11 px', async () => {
    const radar = await radarOn(page);
    await expect.poll(() => radar.locator('text.radar__label').count()).toBe(11);
    for (const label of await ringLabels(radar)) expect(label.pixels).toBeGreaterThanOrEqual(11);
  });
});
