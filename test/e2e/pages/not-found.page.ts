import type { Locator, Page } from 'playwright-core';
import { textOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** The view for an address the app does not know. */
export class NotFoundPage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly homeLink: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    this.homeLink = this.main.getByRole('link', { name: 'Go to my progress' });
  }

  /** Opens an address and waits for the not-found view; returns the HTTP status the server answered with. */
  async open(path: string): Promise<number> {
    const response = await this.page.goto(path);
    await this.shell.waitForHeading('Page not found');
    return response?.status() ?? 0;
  }

  /** The path the view says has no page. */
  async missingPath(): Promise<string> {
    return textOf(this.main.getByRole('code'));
  }
}
