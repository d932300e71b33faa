import type { Locator, Page } from 'playwright-core';
import { startsWithWord, textOf, textsOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** Two levels side by side (`/ladder/compare?from=<level>&to=<level>`). */
export class ComparePage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly summaries: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    this.from = this.main.getByLabel('From', { exact: true });
    this.to = this.main.getByLabel('To', { exact: true });
    this.summaries = this.main.getByRole('region', { name: 'Level summaries' });
  }

  /** Opens the comparison at an address, such as one someone shared. */
  async openUrl(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.waitForHeading('Compare levels');
  }

  /** Picks the two levels by title with the From and To selects. */
  async compare(from: string, to: string): Promise<void> {
    await this.shell.waitForHeading('Compare levels');
    await this.from.selectOption({ label: from });
    await this.to.selectOption({ label: to });
    await this.changesHeading(from, to).waitFor();
  }

  /** The titles the From and To selects show. */
  async chosen(): Promise<{ from: string; to: string }> {
    const selected = async (select: Locator) =>
      select.evaluate((element) => {
        const s = element as HTMLSelectElement;
        return s.options[s.selectedIndex]?.text ?? '';
      });
    return { from: await selected(this.from), to: await selected(this.to) };
  }

  /** The heading over the per-competency comparison. */
  changesHeading(from: string, to: string): Locator {
    return this.main.getByRole('heading', { name: `What changes from ${from} to ${to}`, exact: true });
  }

  /** The levels shown side by side, left to right. */
  async sideBySide(): Promise<string[]> {
    return textsOf(this.summaries.getByRole('heading', { level: 2 }));
  }

  /** For one competency, the level each column is for and what it asks, left to right. */
  async competencyRow(competency: string): Promise<Array<{ level: string; expectation: string }>> {
    const row = this.main.getByRole('article', { name: startsWithWord(competency) });
    const cells = await row.locator('.compare-cell').all();
    return Promise.all(
      cells.map(async (cell) => ({
        level: await textOf(cell.locator('.compare-cell__level')),
        expectation: await textOf(cell.locator('p').nth(1)),
      })),
    );
  }

  /** The current address's from and to parameters. */
  params(): { from: string | null; to: string | null } {
    const url = new URL(this.page.url());
    return { from: url.searchParams.get('from'), to: url.searchParams.get('to') };
  }
}
