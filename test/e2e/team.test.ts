import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/sign-in.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { textsOf } from './support/text.js';

/*
 * A manager's view, in the demo: Kwame Asante signs in, opens his team, and
 * goes from a report's line to their progress, the evidence they share with
 * him and their history, through the same screens as his own, with the
 * person in the address. A person outside his chain is refused with the
 * policy's sentence. An engineer with no reports has no Team link.
 * Screenshots at 1280 and 375 px land in test/e2e/screenshots/.
 */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

describe("a manager's view of their team", { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Sam Okafor', demo: true, signIn: false }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it("an engineer without reports has no Team link, and a peer's screens show them nothing", async () => {
    const signIn = new SignInPage(page);
    await signIn.open('/');
    await signIn.signInAsDemo('Sam Okafor');
    await signIn.shell.waitForHeading('My progress');
    expect(await signIn.shell.navLink('Team').count()).toBe(0);

    // A peer on the same team opens a colleague's progress at its address: refused, with the policy's reason.
    const people = (await (await page.request.get('/api/people?team=Payments&limit=50')).json()) as {
      items: { id: string; name: string }[];
    };
    const colleague = people.items.find((p) => p.name === 'Arjun Mehta');
    expect(colleague).toBeDefined();
    await page.goto(`/people/${colleague?.id ?? ''}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(
      /the assessments and progress of Arjun Mehta are visible to them and their managers only/,
    );
    await page.goto(`/people/${colleague?.id ?? ''}/evidence`);
    await page.getByRole('main').getByRole('heading', { level: 1, name: "Arjun Mehta's evidence" }).waitFor();
    // Nothing of Arjun's evidence is shared with a peer unless he named them.
    await page.getByRole('main').getByRole('heading', { name: 'Nothing shared with you yet' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'peer-refused-1280.png'), fullPage: true });
    await signIn.shell.signOut();
    await signIn.open('/');
  });

  it('lists the reports with level, readiness and last assessment, and opens one (1280 px)', async () => {
    const signIn = new SignInPage(page);
    await signIn.signInAsDemo('Kwame Asante');
    await signIn.shell.waitForHeading('My progress');
    await signIn.shell.goTo('Team');
    await signIn.shell.waitForHeading('My team');
    const names = await textsOf(page.getByRole('main').getByRole('row').getByRole('link'));
    expect(names).toContain('Sam Okafor');
    const sam = page.getByRole('main').getByRole('row').filter({ hasText: 'Sam Okafor' });
    expect(await sam.textContent()).toMatch(/Mid-level/);
    expect(await sam.textContent()).toMatch(/% of Senior/);
    await page.screenshot({ path: join(SHOTS, 'team-1280.png'), fullPage: true });

    await page.getByRole('main').getByRole('link', { name: 'Everyone beneath me' }).click();
    await page.waitForURL((url) => url.search === '?scope=all');

    await page.getByRole('main').getByRole('link', { name: 'Sam Okafor' }).first().click();
    await signIn.shell.waitForHeading("Sam Okafor's progress");
    expect(new URL(page.url()).pathname).toMatch(/^\/people\/[^/]+$/);
    // Only Sam changes Sam's self-assessment.
    expect(await page.getByRole('link', { name: 'Update my self-assessment' }).count()).toBe(0);
    expect(await page.getByTestId('demonstrated-level').textContent()).toBe('Mid-level');
    await page.screenshot({ path: join(SHOTS, 'report-progress-1280.png'), fullPage: true });
  });

  it("shows only the evidence the report shares, with no way to change it, and the report's history", async () => {
    const nav = page.getByRole('navigation', { name: "Sam Okafor's screens" });
    await nav.getByRole('link', { name: 'Evidence shared with you' }).click();
    const list = new SignInPage(page);
    await list.shell.waitForHeading("Sam Okafor's evidence");
    await page.getByRole('main').getByRole('article').first().waitFor();
    const cards = await textsOf(page.getByRole('main').getByRole('article').locator('.evidence-card__meta'));
    expect(cards.length).toBeGreaterThan(0);
    // The demo's private evidence of Sam's stays Sam's.
    expect(cards.every((meta) => !meta.includes('Private'))).toBe(true);
    expect(
      await page
        .getByRole('main')
        .getByRole('button', { name: /^Delete/ })
        .count(),
    ).toBe(0);
    expect(await page.getByRole('main').getByRole('link', { name: /^Edit/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Add evidence' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'report-evidence-1280.png'), fullPage: true });

    await nav.getByRole('link', { name: 'History' }).click();
    await list.shell.waitForHeading("Sam Okafor's history");
  });

  it('refuses a person outside his chain with the reason, not an empty page', async () => {
    const people = (await (await page.request.get('/api/people?team=Platform&limit=50')).json()) as {
      items: { id: string; name: string }[];
    };
    const outsider = people.items.find((p) => p.name === 'Grace Whitfield');
    expect(outsider).toBeDefined();
    await page.goto(`/people/${outsider?.id ?? ''}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(
      /the assessments and progress of Grace Whitfield are visible to them and their managers only/,
    );
  });

  it('fits a phone: the team page stacks without sideways scrolling (375 px)', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/team');
    await page.getByRole('main').getByRole('heading', { level: 1, name: 'My team' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sam Okafor' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(SHOTS, 'team-375.png'), fullPage: true });
  });
});
