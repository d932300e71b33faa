import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from './pages/app-shell.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * A person's data in the browser: the Your data page (both downloads, and the
 * delete form, which the database's own person cannot use), Who has looked
 * at my data, and the admin's Audit log with a filter in the address bar, at
 * 1280 and at 375 px. Screenshots land in test/e2e/screenshots/ (not committed).
 */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('your data, who has looked at it, and the audit log', () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Ada Lovelace' }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('offers both downloads of what Longhaul holds, from the header link', async () => {
    const shell = new AppShell(page);
    await page.goto('/');
    await shell.waitForHeading('My progress');
    await page.getByRole('link', { name: 'Your data', exact: true }).click();
    await shell.waitForHeading('Your data');
    const json = page.getByRole('link', { name: 'Download as JSON' });
    const markdown = page.getByRole('link', { name: 'Download as Markdown' });
    const fromJson = await page.request.get((await json.getAttribute('href')) ?? '');
    expect(fromJson.status()).toBe(200);
    expect(((await fromJson.json()) as { person: { name: string } }).person.name).toBe('Ada Lovelace');
    const fromMarkdown = await page.request.get((await markdown.getAttribute('href')) ?? '');
    expect(await fromMarkdown.text()).toMatch(/^# What Longhaul holds about Ada Lovelace/);
    await shot(page, 'your-data-1280');
  });

  it("says at the field why the database's own person cannot be deleted, and deletes nothing", async () => {
    const field = page.getByLabel('Type your email to confirm');
    await field.fill('someone@example.com');
    await page.getByRole('button', { name: 'Delete my account and data' }).click();
    await page.getByText(`type your email, ${server.email ?? ''}, to confirm`).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill(server.email ?? '');
    await page.getByRole('button', { name: 'Delete my account and data' }).click();
    await page.getByText("is the database's own person").waitFor();
    expect((await page.request.get('/api/me')).status()).toBe(200);
  });

  it('lists who has looked at the data: here only the sign-in, made before anyone was signed in', async () => {
    await page.getByRole('link', { name: 'See who has looked at your data' }).click();
    await new AppShell(page).waitForHeading('Who has looked at your data');
    const list = page.getByRole('list', { name: 'Who has looked at your data' });
    await list.getByText('Someone signed in to your account').first().waitFor();
    // Her own reads (the downloads above) are not "someone else".
    expect(await list.textContent()).not.toContain('asked for everything');
  });

  it('shows an admin the audit log, filtered from the address bar, with the export of what is shown', async () => {
    const shell = new AppShell(page);
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await shell.waitForHeading('Audit log');
    const rows = page.getByRole('region', { name: 'Audit events' }).locator('tbody tr');
    await rows.first().waitFor();
    await page.getByLabel('Action').fill('signIn');
    await page.waitForURL(/\/admin\/audit\?action=signIn$/);
    await page.getByRole('region', { name: 'Audit events' }).getByText('signIn').first().waitFor();
    const texts = await page
      .getByRole('region', { name: 'Audit events' })
      .locator('tbody tr td:nth-child(3)')
      .allTextContents();
    expect(texts.every((text) => text.startsWith('signIn'))).toBe(true);
    expect(await page.getByRole('link', { name: 'Export as JSON Lines' }).getAttribute('href')).toBe(
      '/api/audit/export?action=signIn',
    );
    await shot(page, 'audit-log-1280');
  });

  it('fits the three pages at 375 px', async () => {
    const narrow = await context.newPage();
    narrow.setDefaultTimeout(15_000);
    try {
      await narrow.setViewportSize({ width: 375, height: 800 });
      const shell = new AppShell(narrow);
      for (const [path, heading, name] of [
        ['/settings/data', 'Your data', 'your-data-375'],
        ['/settings/data/access', 'Who has looked at your data', 'data-access-375'],
        ['/admin/audit', 'Audit log', 'audit-log-375'],
      ] as const) {
        await narrow.goto(path);
        await shell.waitForHeading(heading);
        expect(await shell.documentScrollWidth(), path).toBeLessThanOrEqual(375);
        await shot(narrow, name);
      }
    } finally {
      await narrow.close();
    }
  });
});
