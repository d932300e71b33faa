import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceListPage } from './pages/evidence-list.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { tabTo } from './support/keyboard.js';

/*
 * Evidence bodies in the list: the demo's Markdown (a table among it)
 * renders, a long write-up folds behind "Show more", and HTML shows as text.
 */

const LONG_TITLE = 'Wrote the migration runbook for the ledger database';
const SHORT_TITLE = 'Paired on the flaky payout test';
const HOSTILE_TITLE = 'Pasted a snippet with HTML in it';
const WIDE_TITLE = 'Compared the replica metrics before and after';

/** A table far wider than a phone, with cells that cannot wrap. */
const WIDE_BODY = [
  '| metric | before | after | change |',
  '| --- | --- | --- | --- |',
  '| replication_lag_seconds_p99_primary_to_replica | 12.5 | 0.8 | -93.6% |',
  '| checkpoint_write_time_milliseconds_average | 950 | 310 | -67.4% |',
].join('\n');

/** Forty short paragraphs: far taller than the fold. */
const LONG_BODY = [
  ...Array.from({ length: 40 }, (_, i) => `Step ${i + 1}: check the replica lag, then move on.`),
  'The last paragraph, with [the runbook](https://wiki.example.com/runbook).',
].join('\n\n');

describe('Markdown in the evidence list', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  let list: EvidenceListPage;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Sam Okafor', demo: true }));
    const me = (await (await page.request.get(`${server.url}/api/me`)).json()) as { person: { id: string } };
    const log = async (title: string, body: string) => {
      const response = await page.request.post(`${server.url}/api/people/${me.person.id}/evidence`, {
        data: { title, body, kind: 'delivery', competencies: ['reliability'] },
      });
      expect(response.status()).toBe(201);
    };
    await log(LONG_TITLE, LONG_BODY);
    await log(WIDE_TITLE, WIDE_BODY);
    await log(SHORT_TITLE, 'We found a clock in the **fixture**.');
    await log(
      HOSTILE_TITLE,
      'Before <img src=x onerror="document.title=\'owned\'"> after <script>document.title="owned"</script>',
    );
    list = new EvidenceListPage(page);
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it("renders the demo's table as a table, not as pipes", async () => {
    await list.open();
    const headers = await list.tableHeaders();
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.every((row) => row.length > 1)).toBe(true);
    expect(await list.main.getByRole('article').filter({ hasText: '| --- |' }).count()).toBe(0);
  });

  it('keeps a wide table in its own scrolling box at 375 px, so the page does not scroll sideways', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await list.open();
      const box = list.item(WIDE_TITLE).locator('.table-scroll');
      expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('folds a long body behind "Show more" and unfolds it from the keyboard', async () => {
    await list.open();
    const button = list.foldButton(LONG_TITLE);
    expect(await button.textContent()).toBe(`Show more of ${LONG_TITLE}`);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await list.bodyShowsWhole(LONG_TITLE)).toBe(false);

    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await button.textContent()).toBe(`Show less of ${LONG_TITLE}`);
    expect(await list.bodyShowsWhole(LONG_TITLE)).toBe(true);

    await page.keyboard.press('Space');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await list.bodyShowsWhole(LONG_TITLE)).toBe(false);
  });

  it('unfolds a long body when Tab reaches a link below the fold', async () => {
    await list.open();
    const button = list.foldButton(LONG_TITLE);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await list.item(LONG_TITLE).getByRole('link', { name: LONG_TITLE, exact: true }).focus();
    await tabTo(page, list.item(LONG_TITLE).getByRole('link', { name: 'the runbook' }), 10);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await list.bodyShowsWhole(LONG_TITLE)).toBe(true);
  });

  it('shows a short body whole, with no button', async () => {
    await list.open();
    expect(await list.bodyShowsWhole(SHORT_TITLE)).toBe(true);
    expect(await list.foldButton(SHORT_TITLE).count()).toBe(0);
    expect((await list.card(SHORT_TITLE)).bodyHtml).toContain('<strong>fixture</strong>');
  });

  it('shows HTML in a body as text and runs none of it', async () => {
    await list.open();
    const card = list.item(HOSTILE_TITLE);
    expect(await card.locator('.prose').textContent()).toContain('Before <img src=x onerror=');
    expect(await card.locator('.prose img, .prose script').count()).toBe(0);
    expect(await page.title()).not.toBe('owned');
  });
});
