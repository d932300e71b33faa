import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPerson } from '../../src/store/people.repository.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/* An admin renames a team from the People screen, by keyboard; a taken name is marked at the field. 375 px. */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

describe('renaming a team', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Ada Lovelace' }));
    await insertPerson(server.db, { name: 'Ann Lee', email: 'ann@example.com', team: 'Payments', title: null });
    await insertPerson(server.db, { name: 'Cy Diaz', email: 'cy@example.com', team: 'Search', title: null });
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('refuses a name another team has, then renames it; its people follow', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/admin/people?team=Payments');
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Rename Payments…' }).click();
    const field = main.getByLabel('New name');
    await field.fill('search');
    await field.press('Enter');
    await main.getByText(/another team is already called "Search"/).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'admin-team-rename-375.png'), fullPage: true });

    await field.fill('Payments Platform');
    await field.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('team') === 'Payments Platform');
    await main.getByRole('list', { name: 'People' }).getByText('Ann Lee', { exact: true }).first().waitFor();
    expect(await main.getByLabel('Team').inputValue()).toBe('Payments Platform');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
