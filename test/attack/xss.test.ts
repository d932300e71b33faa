import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROUTES } from '../../src/shared/app-routes.js';
import type { AppServer } from '../e2e/support/app-server.js';
import { closeBrowserApp, openBrowserApp } from '../e2e/support/browser-app.js';

/*
 * Stored cross-site scripting: HTML and script go into every text field the
 * API stores (evidence title, body, links; assessment notes; the person's
 * name), then every screen of the web app is opened. Nothing from stored data
 * may run (window.__pwned stays unset, no dialog opens) and the Content
 * Security Policy reports no violation: the app must not even try.
 */

const payloads = [
  '<script>window.__pwned="script"</script>',
  '<img src=x onerror="window.__pwned=\'img\'">',
  '<svg onload="window.__pwned=\'svg\'"></svg>',
  '<iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe>',
  '<a href="javascript:window.__pwned=\'href\'">click</a>',
  "[md link](javascript:window.__pwned='md')",
  '![md image](x" onerror="window.__pwned=\'mdimg\')',
  '"><script>alert(1)</script>',
  "'-alert(1)-'",
  '{{constructor.constructor("window.__pwned=\'tpl\'")()}}',
  '<style>@import "https://evil.example/x.css";</style>',
];
const ALL = payloads.join(' ');
/** A name for the local person that is itself an attack. */
const PERSON_NAME = '<img src=x onerror="window.__pwned=\'name\'">Sam';

describe('stored HTML and script never run', { timeout: 120_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  let evidenceId = '';
  const dialogs: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: PERSON_NAME }));
    await context.addInitScript(() => {
      const seen: string[] = [];
      Object.defineProperty(window, '__cspViolations', { value: seen });
      document.addEventListener('securitypolicyviolation', (event) => {
        seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
      });
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/content security policy|refused to (execute|load|apply)/i.test(message.text())) {
        violations.push(message.text());
      }
    });
    const api = (path: string) => `${server.url}${path}`;
    const me = (await (await page.request.get(api('/api/me'))).json()) as { person: { id: string } };
    const personId = me.person.id;
    const competencies = server.ladder.competencies.map((c) => c.id);
    for (const payload of payloads) {
      const created = await page.request.post(api(`/api/people/${personId}/evidence`), {
        data: {
          title: payload.slice(0, 200),
          body: `${payload}\n\n${ALL}`,
          kind: 'delivery',
          competencies: competencies.slice(0, 2),
          links: [`https://example.com/?q=${encodeURIComponent(payload)}`, 'https://example.com/"><script>x</script>'],
          visibility: 'managers',
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      evidenceId = ((await created.json()) as { id: string }).id;
    }
    // A javascript: link must be refused, not stored.
    const scriptLink = await page.request.post(api(`/api/people/${personId}/evidence`), {
      data: {
        title: 'js link',
        kind: 'delivery',
        competencies: competencies.slice(0, 1),
        links: ['javascript:alert(1)'],
      },
    });
    expect(scriptLink.status()).toBe(422);
    const assessed = await page.request.post(api(`/api/people/${personId}/assessments`), {
      data: {
        ratings: Object.fromEntries(competencies.map((id) => [id, 'not-observed'])),
        notes: Object.fromEntries(competencies.map((id, i) => [id, payloads[i % payloads.length] ?? ''])),
        note: ALL,
      },
    });
    expect(assessed.status(), await assessed.text()).toBe(201);
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  /** Every screen of the route table, with real ids for its parameters. */
  const screens = (): string[] => {
    const track = server.ladder.tracks[0];
    const values: Record<string, string> = {
      levelId: track?.levels.at(-1)?.id ?? 'x',
      competencyId: server.ladder.competencies[0]?.id ?? 'x',
      evidenceId,
    };
    return [
      ...new Set(APP_ROUTES.map((route) => route.pattern.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x'))),
      '/no/such/screen/<script>window.__pwned=1</script>',
    ];
  };

  it('opens every screen without running stored script or breaking the CSP', async () => {
    const visited: string[] = [];
    for (const path of screens()) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      // Show everything hidden behind "Show more" and similar, so folded text is rendered too.
      for (const more of await page.getByRole('button', { name: /show more/i }).all()) {
        await more.click().catch(() => undefined);
      }
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        csp: [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])],
        text: document.body.innerText,
      }));
      expect(state.pwned, `stored script ran on ${path}`).toBeNull();
      expect(state.csp, `CSP violations on ${path}`).toEqual([]);
      expect(state.text.length, `${path} shows nothing`).toBeGreaterThan(0);
      visited.push(path);
    }
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    expect(visited.length).toBeGreaterThanOrEqual(APP_ROUTES.length - 1);
  });

  it('shows the stored HTML as text where it is listed', async () => {
    await page.goto('/evidence');
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.getByText('<script>window.__pwned="script"</script>').count()).toBeGreaterThan(0);
    expect(await page.locator('main script, main iframe, main svg[onload], main img[onerror]').count()).toBe(0);
  });

  it('would notice: HTML put into the page as markup is caught by the CSP and reported', async () => {
    const probe = await context.newPage();
    try {
      await probe.goto('/evidence');
      await probe.waitForLoadState('networkidle');
      const state = await probe.evaluate(async () => {
        const div = document.createElement('div');
        div.innerHTML = '<img src="data:," onerror="window.__pwned=\'probe\'">';
        document.body.append(div);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
          csp: [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])],
        };
      });
      // The policy blocks the inline handler, and the listener this suite relies on sees it.
      expect(state.pwned).toBeNull();
      expect(state.csp.length).toBeGreaterThan(0);
    } finally {
      await probe.close();
    }
  });
});
