import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.page.js';
import { textOf, textsOf } from '../support/text.js';

/** The admin "Import people" screen (/admin/import). */
export class ImportPeoplePage {
  readonly shell: AppShell;
  readonly file: Locator;
  readonly text: Locator;
  readonly check: Locator;
  readonly import: Locator;
  readonly alert: Locator;
  readonly plan: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    const main = page.getByRole('main');
    this.file = main.getByLabel('CSV file');
    this.text = main.getByLabel('Or paste it here');
    this.check = main.getByRole('button', { name: 'Check the file' });
    this.import = main.getByRole('button', { name: 'Import', exact: true });
    this.alert = main.getByRole('alert');
    this.plan = main.getByRole('region', { name: /^(The plan|Imported)$/ });
  }

  /** Chooses a file as a person would, from a name and its text. */
  async chooseFile(name: string, text: string): Promise<void> {
    await this.file.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await this.page.waitForFunction(
      ([label, start]) => {
        const area = [...document.querySelectorAll('textarea')].find((t) => t.labels?.[0]?.textContent === label);
        return area !== undefined && area.value.startsWith(start ?? '');
      },
      ['Or paste it here', text.slice(0, 20)],
    );
  }

  /** Checks the file and waits for the plan or the problems. */
  async checkFile(): Promise<void> {
    await this.check.click();
    await this.page.getByRole('main').locator('.import-answer :is([role="alert"], section)').first().waitFor();
  }

  /** The problems listed, each "Line 3, column 4: …". */
  async problems(): Promise<string[]> {
    return textsOf(this.alert.getByRole('listitem'));
  }

  /** The plan's items under a heading such as "To update". */
  async planItems(heading: string): Promise<string[]> {
    const list = this.plan
      .getByRole('heading', { name: heading, exact: true })
      .locator('xpath=following-sibling::ul[1]');
    return textsOf(list.locator(':scope > li'));
  }

  async summary(): Promise<string> {
    return textOf(this.plan.getByRole('status'));
  }
}

/** The admin "Ladder versions" screen (/admin/ladder). */
export class LadderVersionsPage {
  readonly shell: AppShell;
  readonly rows: Locator;
  readonly confirmation: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    const main = page.getByRole('main');
    this.rows = main.getByRole('region', { name: 'Ladder versions' }).getByRole('row');
    this.confirmation = main.getByRole('alertdialog');
    this.status = main.locator('p.callout[role="status"]');
  }

  /** The row of a version, by its short hash. */
  row(shortHash: string): Locator {
    return this.rows.filter({ hasText: shortHash });
  }
}
