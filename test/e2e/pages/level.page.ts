import type { Locator, Page } from 'playwright-core';
import { textOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** One level of the ladder (`/ladder/levels/:levelId`): its summary, its rule, and what it asks. */
export class LevelPage {
  readonly shell: AppShell;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
  }

  /** Opens a level by its id and waits for its heading. */
  async open(levelId: string, title: string): Promise<void> {
    await this.page.goto(`/ladder/levels/${encodeURIComponent(levelId)}`);
    await this.shell.waitForHeading(title);
  }

  /** The rule the level states under "What it takes to demonstrate <level>". */
  async rule(title: string): Promise<string> {
    const section = this.main.getByRole('region', { name: `What it takes to demonstrate ${title}`, exact: true });
    return textOf(section.getByRole('paragraph'));
  }
}
