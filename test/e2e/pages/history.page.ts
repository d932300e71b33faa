import type { Locator, Page } from 'playwright-core';
import { textOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** Where an element sits on the screen, in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One assessment as the history table lists it. */
export interface HistoryRow {
  date: string;
  kind: string;
  demonstrated: string;
  /** Lines such as "Design and trade-offs: Mid-level → Senior", or "No change". */
  changes: string[];
  /** The notes written with the changed ratings, as "Design and trade-offs: <note>". */
  notes: string[];
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

  /** Where the chart and each assessment's card sit on the screen, to check a phone shows them whole. */
  async layout(): Promise<{ chart: Box; rows: Box[] }> {
    await this.table.waitFor();
    const box = async (locator: Locator): Promise<Box> => {
      const found = await locator.boundingBox();
      if (found === null) throw new Error(`${String(locator)} is not on the screen`);
      return found;
    };
    const rows = await this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader') })
      .all();
    return { chart: await box(this.chart), rows: await Promise.all(rows.map(box)) };
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
        const changeItems = await cells.nth(2).getByRole('listitem').all();
        const changes =
          changeItems.length === 0
            ? [await textOf(cells.nth(2))]
            : await Promise.all(changeItems.map((item) => textOf(item.locator('.change-list__change'))));
        const notes: string[] = [];
        for (const item of changeItems) {
          const note = item.locator('.change-list__note');
          if ((await note.count()) === 0) continue;
          const title = (await textOf(item.locator('.change-list__change'))).replace(/:.*$/, '');
          notes.push(`${title}: ${(await textOf(note)).replace(/^Note: /, '')}`);
        }
        return {
          date: await textOf(row.getByRole('rowheader')),
          kind: await textOf(cells.nth(0)),
          demonstrated: await textOf(cells.nth(1)),
          changes,
          notes,
        };
      }),
    );
  }
}
