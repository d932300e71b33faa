import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * The web app under its Content-Security-Policy: every screen renders with no
 * violation (a refused script or style breaks a page silently), and a script
 * slipped into the page is refused and reported.
 */

/** Console lines Chromium writes when the policy refuses something. */
const VIOLATION = /Content Security Policy/i;

describe('the web app under its Content-Security-Policy', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Sam Okafor', demo: true }));
    page.on('console', (message) => {
      if (VIOLATION.test(message.text())) violations.push(message.text());
    });
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('renders every screen and the API reference with no violation', async () => {
    for (const path of ['/', '/ladder', '/evidence', '/evidence/new', '/history', '/compare', '/api/docs']) {
      const response = await page.goto(path);
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await page.waitForLoadState('networkidle');
      if (path !== '/api/docs') await page.locator('main, [role="main"], h1').first().waitFor();
    }
    expect(violations).toEqual([]);
  });

  it('refuses an inline script slipped into the page, and says so', async () => {
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    const ran = await page.evaluate(async () => {
      const reported = new Promise<boolean>((resolve) => {
        document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
        setTimeout(() => resolve(false), 2000);
      });
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      const violation = await reported;
      return { injected: (window as unknown as { __injected?: boolean }).__injected === true, violation };
    });
    expect(ran).toEqual({ injected: false, violation: true });
    // The console watcher the first test relies on sees such a refusal.
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });
});
