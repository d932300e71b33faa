import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceFormPage } from './pages/evidence-form.page.js';
import { EvidenceListPage } from './pages/evidence-list.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * Who sees a piece of evidence, in the browser: the demo's piece shared with
 * a named mentor says so in the list; the form offers three audiences and,
 * for named people, a search of the directory whose chips the keyboard
 * removes; at 375 px the picker fits. Screenshots land in
 * test/e2e/screenshots/ (not committed).
 */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('the audience of evidence', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Sam Okafor', demo: true }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it("shows in the list whom each piece is shared with: the demo's write-up, with its mentor", async () => {
    const list = new EvidenceListPage(page);
    await list.open();
    const card = await list.card('Shadowed on call through the duplicate payout incident and wrote up the timeline');
    expect(card.meta).toMatch(/Shared with Sofia Lindqvist$/);
  });

  it('shares a new piece with named people found in the directory; a chip goes with the Delete key', async () => {
    const form = new EvidenceFormPage(page);
    await form.open();
    // Only me is the default, and the people search appears only for named people.
    expect(await form.audience.getByRole('radio', { name: /^Only me/ }).isChecked()).toBe(true);
    expect(await form.peopleSearch.count()).toBe(0);
    await form.fill({
      title: 'Walked Grace through the payout reconciliation',
      kind: 'Mentoring',
      date: '2026-11-20',
      competencies: ['Mentoring and multiplying impact'],
      audience: 'Named people',
      sharedWith: [
        { search: 'grace', name: 'Grace Whitfield' },
        { search: 'sofia lind', name: 'Sofia Lindqvist' },
      ],
    });
    expect(await form.chosenNames()).toEqual(['Grace Whitfield', 'Sofia Lindqvist']);
    // Someone already chosen is not offered again.
    await form.peopleSearch.fill('grace');
    expect(await form.main.getByRole('button', { name: /^Add Grace Whitfield/ }).count()).toBe(0);
    await form.peopleSearch.fill('');
    await shot(page, 'audience-form-1280');

    await form.chosenPeople.getByRole('button', { name: 'Remove Grace Whitfield' }).focus();
    await page.keyboard.press('Delete');
    expect(await form.chosenNames()).toEqual(['Sofia Lindqvist']);
    // The focus stays in the picker, on the chip that took the removed one's place.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Remove Sofia Lindqvist',
    );

    expect(await form.submit()).toBe(201);
    const list = new EvidenceListPage(page);
    await list.shell.waitForHeading('Evidence');
    const card = await list.card('Walked Grace through the payout reconciliation');
    expect(card.meta).toMatch(/Shared with Sofia Lindqvist$/);
    await shot(page, 'audience-list-1280');
  });

  it('at 375 px the three choices and the picker fit the screen', async () => {
    const narrow = await context.newPage();
    try {
      await narrow.setViewportSize({ width: 375, height: 800 });
      const form = new EvidenceFormPage(narrow);
      await form.open();
      await form.chooseAudience('Named people');
      await form.addPerson('kwame', 'Kwame Asante');
      await form.peopleSearch.fill('a');
      await form.main.getByRole('button', { name: /^Add / }).first().waitFor();
      expect(await form.shell.documentScrollWidth()).toBeLessThanOrEqual(375);
      await form.audience.scrollIntoViewIfNeeded();
      await shot(narrow, 'audience-form-375');
    } finally {
      await narrow.close();
    }
  });
});
