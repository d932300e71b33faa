import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/services/account.service.js';
import { insertAccount } from '../../src/store/account.repository.js';
import { insertPerson } from '../../src/store/people.repository.js';
import { AdminPeoplePage } from './pages/admin-people.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { E2E_PASSWORD, type AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * The admin People screen in Chromium: the admin adds a person, moves them to
 * another team and manager with the keyboard, sees a refused change at its
 * field, and deactivates them after a confirmation. An engineer who is not an
 * admin has no People link and gets the policy's sentence at the address.
 * Screenshots at 1280 and 375 px land in test/e2e/screenshots/.
 */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

describe('the admin People screen', { timeout: 90_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Olu Owner' }));
    const mia = await insertPerson(server.db, { name: 'Mia Chen', email: 'mia@example.com', team: 'Payments' });
    await insertPerson(server.db, { name: 'Lee Moss', email: 'lee@example.com', team: 'Search' });
    const eve = await insertPerson(server.db, {
      name: 'Eve Stone',
      email: 'eve@example.com',
      team: 'Payments',
      managerId: mia.id,
    });
    await insertAccount(server.db, {
      personId: eve.id,
      passwordHash: await hashPassword(E2E_PASSWORD),
      now: new Date().toISOString(),
    });
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('an admin adds a person, with the field at fault marked first (1280 px)', async () => {
    const screen = new AdminPeoplePage(page);
    await page.goto('/');
    await screen.shell.waitForHeading('My progress');
    await page.getByRole('group', { name: 'Your account' }).getByRole('link', { name: 'People', exact: true }).click();
    await screen.shell.waitForHeading('People');
    await screen.person('Mia Chen').waitFor();

    const form = await screen.openAddForm();
    await form.getByLabel('Name').fill('Kim Park');
    await form.getByLabel('Email').fill('mia@example.com');
    await form.getByLabel('Team', { exact: true }).fill('Payments');
    await form.getByLabel('Manager').selectOption({ label: 'Mia Chen (mia@example.com)' });
    await form.getByLabel('Track').selectOption('ic');
    await form.getByLabel('Level').selectOption('mid-level');
    await form.getByRole('button', { name: 'Add the person' }).click();
    const emailError = form.locator('#add-person-email-error');
    await emailError.waitFor();
    expect(await emailError.textContent()).toMatch(/Mia Chen already has the email mia@example.com/);
    expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'admin-people-error-1280.png'), fullPage: true });

    await form.getByLabel('Email').fill('kim.park@example.com');
    await form.getByRole('button', { name: 'Add the person' }).click();
    await screen.shell.waitForToast('Added Kim Park.');
    const kim = screen.person('Kim Park');
    await kim.waitFor();
    expect(await kim.textContent()).toMatch(/kim\.park@example\.com · Payments/);
    expect(await kim.textContent()).toMatch(/Manager: Mia Chen · Mid-level/);
    await page.screenshot({ path: join(SHOTS, 'admin-people-1280.png'), fullPage: true });
  });

  it('moves them to another team and manager with the keyboard, and refuses a cycle at the manager', async () => {
    const screen = new AdminPeoplePage(page);
    const mia = await screen.openEditForm('Mia Chen');
    // Eve reports to Mia: Mia under Eve would go round.
    await mia.getByLabel('Manager').selectOption({ label: 'Eve Stone (eve@example.com)' });
    await mia.getByRole('button', { name: 'Save changes' }).click();
    const managerError = mia.locator('[id$="-managerId-error"]');
    await managerError.waitFor();
    expect(await managerError.textContent()).toMatch(/Eve Stone reports to Mia Chen/);
    await mia.getByRole('button', { name: 'Cancel' }).click();

    const form = await screen.openEditForm('Kim Park');
    const team = form.getByLabel('Team', { exact: true });
    await team.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Search');
    await page.keyboard.press('Tab');
    const manager = form.getByLabel('Manager');
    expect(await manager.evaluate((el) => el === document.activeElement)).toBe(true);
    await manager.selectOption({ label: 'Lee Moss (lee@example.com)' });
    await form.getByRole('button', { name: 'Save changes' }).focus();
    await page.keyboard.press('Enter');
    await screen.shell.waitForToast('Saved Kim Park.');
    const kim = screen.person('Kim Park');
    await kim.getByText('Manager: Lee Moss', { exact: false }).waitFor();
    expect(await kim.textContent()).toMatch(/Search/);

    await screen.teamFilter.selectOption('Search');
    await page.waitForURL((url) => url.search === '?team=Search');
    await screen.person('Lee Moss').waitFor();
    await kim.waitFor();
    expect(await screen.person('Mia Chen').count()).toBe(0);
    await screen.search.fill('kim');
    expect(await screen.person('Lee Moss').count()).toBe(0);
    await screen.search.fill('');
  });

  it('deactivates them after a confirmation, and fits a phone (375 px)', async () => {
    const screen = new AdminPeoplePage(page);
    await page.setViewportSize({ width: 375, height: 800 });
    const kim = screen.person('Kim Park');
    await kim.getByRole('button', { name: 'Deactivate… Kim Park' }).click();
    const confirm = kim.getByRole('group', { name: 'Confirm deactivating Kim Park' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toMatch(/They can no longer sign in/);
    const yes = confirm.getByRole('button', { name: 'Deactivate Kim Park' });
    expect(await yes.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'admin-people-confirm-375.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await screen.shell.waitForToast('Kim Park is deactivated.');
    await kim.getByText(/Deactivated \d{4}-\d{2}-\d{2}/).waitFor();
    await kim.getByRole('button', { name: 'Reactivate Kim Park' }).waitFor();
    expect(await screen.shell.documentScrollWidth()).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(SHOTS, 'admin-people-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('keeps the last admin: removing their own role is refused with the reason', async () => {
    const screen = new AdminPeoplePage(page);
    await page.goto('/admin/people');
    const owner = screen.person('Olu Owner (you)');
    await owner.getByRole('button', { name: 'Remove admin (Olu Owner)' }).click();
    await screen.shell.waitForToast('Olu Owner is the last active admin; make someone else an admin first');
    expect(await owner.textContent()).toMatch(/Active · admin/);
  });

  it('a person who is not an admin has no People link and gets the policy sentence at the address', async () => {
    const signIn = new SignInPage(page);
    await signIn.shell.signOut();
    await signIn.email.fill('eve@example.com');
    await signIn.password.fill(E2E_PASSWORD);
    await signIn.submit.click();
    // Signing in returns to the address it was asked at.
    await signIn.shell.waitForHeading('People');
    await page.goto('/');
    await signIn.shell.waitForHeading('My progress');
    expect(
      await page
        .getByRole('group', { name: 'Your account' })
        .getByRole('link', { name: 'People', exact: true })
        .count(),
    ).toBe(0);
    await page.goto('/admin/people');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(
      /only an admin can change the organisation, and Eve Stone is not one/,
    );
    expect(await page.getByRole('button', { name: 'Add a person' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'admin-people-refused-1280.png'), fullPage: true });
  });
});
