import type { BrowserContext, Page } from 'playwright-core';
import {
  E2E_PASSWORD,
  requireWebBuild,
  startAppServer,
  type AppServer,
  type StartAppServerOptions,
} from './app-server.js';
import { launchBrowser, type LaunchOptions } from './chromium.js';

/** A running Longhaul server and a browser page pointed at it: what every browser suite starts from. */
export interface BrowserApp {
  server: AppServer;
  context: BrowserContext;
  page: Page;
}

/**
 * Starts the server over a fresh database and opens a page on it in a fresh
 * browser profile, signed in as the local person (the session cookie is in
 * the profile) unless `signIn` is false; `browser` places the browser in a
 * time zone or a locale.
 */
export async function openBrowserApp(
  options: StartAppServerOptions & { signIn?: boolean },
  browser: Omit<LaunchOptions, 'baseURL'> = {},
): Promise<BrowserApp> {
  requireWebBuild();
  const server = await startAppServer(options);
  const context = await launchBrowser({ ...browser, baseURL: server.url });
  if (options.signIn !== false && server.email !== null) await signInContext(context, server);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { server, context, page };
}

/** Closes what openBrowserApp opened; safe after a start that failed half-way. */
export async function closeBrowserApp(app: Partial<BrowserApp>): Promise<void> {
  await app.context?.close();
  await app.server?.close();
}

/**
 * Signs a browser profile in as the server's local person through the API, as
 * the sign-in page would: the session cookie lands in the profile's jar.
 */
export async function signInContext(context: BrowserContext, server: AppServer): Promise<void> {
  const response = server.demo
    ? await context.request.post('/api/demo-session', { data: { email: server.email } })
    : await context.request.post('/api/session', { data: { email: server.email, password: E2E_PASSWORD } });
  if (response.status() !== 200) throw new Error(`signing the browser in failed: ${response.status()}`);
  // The suites' own requests through the context (context.request, page.request) carry the session's
  // CSRF token, as the web app's do.
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  await context.setExtraHTTPHeaders({ 'x-csrf-token': csrfToken });
}
