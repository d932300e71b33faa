import type { Locator, Page } from 'playwright-core';
import { textOf, textsOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** One assessment as the history table lists it. */
export interface HistoryRow {
  date: string;
  kind: string;
  demonstrated: string;
  /** Lines such as "Design and trade-offs: Mid-level → Senior", or "No change". */
  changes: string[];
}

/** My levels over time (`/history`): a trend chart and the table of assessments. */
export class HistoryPage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly chart: Locator;
  readonly table: Locator;
  readonly show: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    this.chart = this.main.getByRole('img', { name: /^Your levels over time\b/ });
    this.table = this.main.getByRole('table', { name: /newest first$/ });
    this.show = this.main.getByLabel('Show', { exact: true });
  }

  /** Opens History and waits for its table. */
  async open(): Promise<void> {
    await this.page.goto('/history');
    await this.shell.waitForHeading('History');
    await this.table.waitFor();
  }

  /** The assessments, newest first. */
  async assessments(): Promise<HistoryRow[]> {
    await this.table.waitFor();
    const rows = await this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader') })
      .all();
    return Promise.all(
      rows.map(async (row) => {
        const cells = row.getByRole('cell');
        const changeItems = cells.nth(2).getByRole('listitem');
        const changes = (await changeItems.count()) === 0 ? [await textOf(cells.nth(2))] : await textsOf(changeItems);
        return {
          date: await textOf(row.getByRole('rowheader')),
          kind: await textOf(cells.nth(0)),
          demonstrated: await textOf(cells.nth(1)),
          changes,
        };
      }),
    );
  }
}
