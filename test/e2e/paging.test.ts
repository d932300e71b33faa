import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceListPage } from './pages/evidence-list.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * A long evidence list comes a page at a time: the first fifty, then
 * "Show older evidence" for the next, on a desktop and on a phone, with
 * delete and undo keeping what was loaded.
 */

const PIECES = 62;

describe('a long evidence list', { timeout: 120_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  let list: EvidenceListPage;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Noor Haddad', demo: false }));
    const me = (await (await page.request.get(`${server.url}/api/me`)).json()) as { person: { id: string } };
    for (let i = 1; i <= PIECES; i += 1) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
      const response = await page.request.post(`${server.url}/api/people/${me.person.id}/evidence`, {
        data: { title: `Piece ${i}`, kind: 'review', competencies: ['quality'], date: `2026-${month}-${day}` },
      });
      expect(response.status()).toBe(201);
    }
    list = new EvidenceListPage(page);
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('shows the newest fifty, then the rest with "Show older evidence"', async () => {
    await list.open();
    expect(await list.titles()).toHaveLength(50);
    expect(await list.countText()).toBe('The newest 50 pieces of evidence; older ones follow.');
    await list.showOlderEvidence();
    const titles = await list.titles();
    expect(titles).toHaveLength(PIECES);
    expect(new Set(titles).size).toBe(PIECES);
    expect(await list.showOlder.count()).toBe(0);
    expect(await list.countText()).toBe(`${PIECES} pieces of evidence.`);
  });

  it('keeps the older pages loaded through a delete and its undo', async () => {
    await list.open();
    await list.showOlderEvidence();
    const [oldest] = (await list.titles()).slice(-1);
    if (oldest === undefined) throw new Error('the list is empty');
    await list.deleteItem(oldest);
    expect(await list.titles()).toHaveLength(PIECES - 1);
    await list.undoDelete(oldest);
    expect(await list.titles()).toHaveLength(PIECES);
  });

  it('reaches the button from the keyboard and fits a phone', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await list.open();
      await list.showOlder.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((count) => document.querySelectorAll('main article').length === count, PIECES);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('starts again at the first page when the filters change', async () => {
    await list.open();
    await list.showOlderEvidence();
    await list.filterByCompetency('Code quality and testing');
    expect(await list.titles()).toHaveLength(50);
    expect(await list.showOlder.count()).toBe(1);
  });
});
