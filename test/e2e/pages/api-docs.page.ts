import type { Locator, Page } from 'playwright-core';
import { textsOf } from '../support/text.js';

/** The server-rendered API reference (`/api/docs`). */
export class ApiDocsPage {
  readonly heading: Locator;
  readonly operations: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.operations = page.getByRole('navigation', { name: 'Operations' });
  }

  /** Opens the reference; returns the HTTP status it answered with. */
  async open(): Promise<number> {
    const response = await this.page.goto('/api/docs');
    await this.heading.waitFor();
    return response?.status() ?? 0;
  }

  /** The operations the table of contents lists, like "GET /api/me". */
  async operationNames(): Promise<string[]> {
    return textsOf(this.operations.getByRole('link').locator('code'));
  }

  /** Everything the reference says, as a reader sees it. */
  async text(): Promise<string> {
    return (await this.page.locator('body').innerText()).replace(/\s+/g, ' ');
  }

  /** How wide the page is: wider than the window means a sideways scroll. */
  async scrollWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }

  /** The section of the reference that documents one operation, found by its method and path. */
  operation(method: string, path: string): Locator {
    return this.page.getByRole('article', { name: `${method} ${path}`, exact: true });
  }
}
