import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressPage } from './pages/progress.page.js';
import { SetupPage, SignInPage } from './pages/sign-in.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { tabTo } from './support/keyboard.js';

/*
 * Signing in, in the browser: a first start without the demo (the first
 * visit creates the admin, who then signs out and in again with the
 * password, by keyboard, at 1280 and 375 px), the Security page (a token
 * shown once, then revoked), and the demo's accounts with one click each.
 * Screenshots of each new page land in test/e2e/screenshots/ (not committed).
 */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PASSWORD = 'a long and private passphrase';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('a first start without the demo', () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Ada Lovelace', account: false, signIn: false }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('asks for the admin account on the first visit, points at the password field, then signs in as it', async () => {
    const setup = new SetupPage(page);
    await page.goto('/');
    await setup.shell.waitForHeading('Create the admin account');
    expect(await setup.name.inputValue()).toBe('Ada Lovelace');
    await setup.email.fill('ada@example.com');
    await setup.password.fill('too short');
    await setup.submit.click();
    const signIn = new SignInPage(page);
    await page.getByText('the password has 9 characters; use at least 12').waitFor();
    expect(await signIn.fieldError(setup.password)).toMatch(/use at least 12/);
    expect(await setup.password.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'setup-1280');
    await setup.password.fill(PASSWORD);
    await setup.submit.click();
    await new ProgressPage(page).shell.waitForHeading('My progress');
    expect(await signIn.shell.footerText()).toMatch(/^Signed in as Ada Lovelace/);
  });

  it('signs out, refuses a wrong password at the field, and signs in with the password by keyboard alone (1280 px)', async () => {
    const signIn = new SignInPage(page);
    await signIn.shell.signOut();
    expect(await signIn.shell.navigation.count()).toBe(0);
    expect(await signIn.demoPanel.count()).toBe(0);
    await shot(page, 'sign-in-1280');

    await tabTo(page, signIn.email);
    await page.keyboard.type('ada@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await page.getByText('the email or the password is wrong').first().waitFor();
    expect(await signIn.fieldError(signIn.password)).toBe('the email or the password is wrong');
    await shot(page, 'sign-in-error-1280');

    await tabTo(page, signIn.password);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await signIn.shell.waitForHeading('My progress');
  });

  it('makes an API token on the Security page, shows it once, and revokes it', async () => {
    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('main').getByRole('heading', { level: 1, name: 'Security' }).waitFor();
    await page.getByLabel('Name').fill('backup script');
    await page.getByRole('button', { name: 'Make a token' }).click();
    const token = await page.getByTestId('new-token').textContent();
    expect(token).toMatch(/^lh_[A-Za-z0-9_-]{43}$/);
    await page.getByText('it is shown only this once').waitFor();
    const list = page.getByRole('list', { name: 'Your tokens' });
    await list.getByText('backup script').waitFor();
    expect(await list.textContent()).not.toContain(token ?? 'no token');
    await shot(page, 'security-1280');
    const me = await page.request.get('/api/me', { headers: { authorization: `Bearer ${token ?? ''}` } });
    expect(me.status()).toBe(200);

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Revoke backup script' }).click();
    await list.getByText('Revoked').waitFor();
    const after = await page.request.get('/api/me', { headers: { authorization: `Bearer ${token ?? ''}` } });
    expect(after.status()).toBe(401);
  });

  it('at 375 px the sign-in page fits, and signing in with the password works there too', async () => {
    const narrow = await context.newPage();
    narrow.setDefaultTimeout(15_000);
    try {
      await narrow.setViewportSize({ width: 375, height: 800 });
      await narrow.goto('/');
      const signIn = new SignInPage(narrow);
      await signIn.shell.waitForHeading('My progress');
      await signIn.shell.signOut();
      expect(await signIn.shell.documentScrollWidth()).toBeLessThanOrEqual(375);
      await shot(narrow, 'sign-in-375');
      await signIn.email.fill('ada@example.com');
      await signIn.password.fill(PASSWORD);
      await signIn.submit.click();
      await signIn.shell.waitForHeading('My progress');
      expect(await signIn.shell.documentScrollWidth()).toBeLessThanOrEqual(375);
      await narrow.goto('/settings/security');
      await narrow.getByRole('main').getByRole('heading', { level: 1, name: 'Security' }).waitFor();
      expect(await signIn.shell.documentScrollWidth()).toBeLessThanOrEqual(375);
      await shot(narrow, 'security-375');
    } finally {
      await narrow.close();
    }
  });
});

describe('the demo', () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Sam Okafor', demo: true, signIn: false }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('lists its four accounts, says they exist only in the demo, and signs in as one with one click', async () => {
    const signIn = new SignInPage(page);
    await signIn.open('/');
    expect(await signIn.demoAccounts()).toEqual([
      expect.stringMatching(/^Sign in as Sam Okafor Engineer/),
      expect.stringMatching(/^Sign in as Kwame Asante Manager/),
      expect.stringMatching(/^Sign in as Amara Nwosu Skip-level manager/),
      expect.stringMatching(/^Sign in as Grace Whitfield Admin/),
    ]);
    expect(await signIn.demoPanel.textContent()).toContain('These accounts exist only in the demo.');
    await shot(page, 'sign-in-demo-1280');
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await signIn.shell.documentScrollWidth()).toBeLessThanOrEqual(375);
    await shot(page, 'sign-in-demo-375');
    await page.setViewportSize({ width: 1280, height: 900 });

    await signIn.signInAsDemo('Kwame Asante');
    await signIn.shell.waitForHeading('My progress');
    expect(await signIn.shell.noticeText()).toBe(
      'Demo: you are signed in as Kwame Asante. The demo accounts exist only in the demo.',
    );
    await shot(page, 'demo-signed-in-1280');
  });
});
