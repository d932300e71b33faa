import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/* The admin's Settings page, from the header's admin links, at 1280 and 375 px, with screenshots. */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

describe("the admin's settings page", { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Ada Lovelace' }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('says how people sign in and how big the organisation is, and where each setting is changed (1280 px)', async () => {
    await page.goto('/');
    await page.getByRole('group', { name: 'Admin' }).getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('main').getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const main = page.getByRole('main');
    await main.getByText('Off. People sign in with a password.').waitFor();
    expect(await main.textContent()).toMatch(/LONGHAUL_OIDC_ISSUER/);
    expect(await main.getByText('1 active person', { exact: true }).count()).toBe(1);
    expect(await main.getByText('1 admin', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'admin-settings-1280.png'), fullPage: true });
  });

  it('fits a phone (375 px)', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/admin/settings');
    await page.getByRole('main').getByText('Off. People sign in with a password.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(SHOTS, 'admin-settings-375.png'), fullPage: true });
  });
});
