import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followSignIn, startTestProvider, type TestProvider } from '../../src/services/oidc-provider.fixtures.js';
import { createOidcClient } from '../../src/services/oidc.service.js';
import { insertPerson } from '../../src/store/people.repository.js';
import { SignInPage } from './pages/sign-in.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * Single sign-on in the browser, against a real OpenID provider on
 * 127.0.0.1 (oidc-provider; it signs in the account the test picks without
 * a page of its own): a person opens a page of Longhaul, clicks "Sign in with
 * single sign-on", and lands back on that page signed in; a person the
 * organisation does not know is brought back to the sign-in page with a
 * sentence saying why. At 1280 and 375 px, with screenshots.
 */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

describe('single sign-on in the browser', () => {
  let provider: TestProvider;
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    provider = await startTestProvider({
      accounts: [
        { sub: 'ann', email: 'ann.lee@example.com', emailVerified: true, name: 'Ann Lee' },
        { sub: 'stranger', email: 'nobody@elsewhere.example', emailVerified: true },
      ],
      redirectUri: `http://127.0.0.1:${port}/auth/oidc/callback`,
    });
    const oidc = createOidcClient({ issuer: provider.issuer, ...provider.clients.longhaul });
    ({ server, context, page } = await openBrowserApp({ personName: 'Sam Okafor', signIn: false, port, oidc }));
    await insertPerson(server.db, {
      name: 'Ann Lee',
      email: 'ann.lee@example.com',
      team: 'Payments',
      title: 'Engineer',
    });
  }, 600_000);

  afterAll(async () => {
    await closeBrowserApp({ server, context });
    await provider?.close();
  }, 60_000);

  it('signs in from the page the person opened and brings them back to it (1280 px)', async () => {
    provider.signInAs('ann');
    const signIn = new SignInPage(page);
    await signIn.open('/evidence');
    const button = page.getByRole('link', { name: 'Sign in with single sign-on' });
    expect(await button.isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'sso-sign-in-1280.png'), fullPage: true });
    await button.click();
    await page.waitForURL((url) => url.pathname === '/evidence');
    await signIn.shell.waitForHeading('Evidence');
    expect(await signIn.shell.footerText()).toMatch(/^Signed in as Ann Lee/);
    expect(provider.serverErrors).toEqual([]);
  });

  it('brings a person nobody in the organisation has back to the sign-in page, saying why (375 px)', async () => {
    await signOut(page);
    provider.signInAs('stranger');
    await page.setViewportSize({ width: 375, height: 800 });
    const signIn = new SignInPage(page);
    await signIn.open('/');
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/nobody in this organisation has that email/);
    expect(await signIn.shell.documentScrollWidth()).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(SHOTS, 'sso-refused-375.png'), fullPage: true });
  });

  it('the start and the callback are plain links: a callback replayed in the browser does not sign in again', async () => {
    provider.signInAs('ann');
    const start = await page.request.get('/auth/oidc/start', { maxRedirects: 0 });
    expect(start.status()).toBe(303);
    const callback = await followSignIn(start.headers()['location'] ?? '', provider.clients.longhaul.redirectUri);
    const first = await page.request.get(callback, { maxRedirects: 0 });
    expect(first.headers()['location']).toBe('/');
    const replay = await page.request.get(callback, { maxRedirects: 0 });
    expect(replay.headers()['location']).toMatch(/^\/sign-in\?sso_error=/);
  });
});

/** Signs the browser out through the API, as the app's sign-out button does, and forgets the cookie. */
async function signOut(page: Page): Promise<void> {
  await page.context().clearCookies();
}
