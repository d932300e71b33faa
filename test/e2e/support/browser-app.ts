import type { BrowserContext, Page } from 'playwright-core';
import { requireWebBuild, startAppServer, type AppServer, type StartAppServerOptions } from './app-server.js';
import { launchBrowser, type LaunchOptions } from './chromium.js';

/** A running Longhaul server and a browser page pointed at it: what every browser suite starts from. */
export interface BrowserApp {
  server: AppServer;
  context: BrowserContext;
  page: Page;
}

/**
 * Starts the server over a fresh database and opens a page on it in a fresh
 * browser profile; `browser` places the browser in a time zone or a locale.
 */
export async function openBrowserApp(
  options: StartAppServerOptions,
  browser: Omit<LaunchOptions, 'baseURL'> = {},
): Promise<BrowserApp> {
  requireWebBuild();
  const server = await startAppServer(options);
  const context = await launchBrowser({ ...browser, baseURL: server.url });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { server, context, page };
}

/** Closes what openBrowserApp opened; safe after a start that failed half-way. */
export async function closeBrowserApp(app: Partial<BrowserApp>): Promise<void> {
  await app.context?.close();
  await app.server?.close();
}
