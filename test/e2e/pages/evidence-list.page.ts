import type { Locator, Page } from 'playwright-core';
import { textOf, textsOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** `text` as a regular expression that matches it literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What one piece of evidence shows in the list. */
export interface EvidenceCard {
  title: string;
  /** "28 November 2026 · Incident · Private", as the card's line under the title reads. */
  meta: string;
  competencies: string[];
  links: string[];
  /** The Markdown body as HTML, to check it was rendered rather than shown raw. */
  bodyHtml: string;
}

/** My evidence (`/evidence?kind=&competency=&since=&until=`): the list, its filters, delete and Undo. */
export class EvidenceListPage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly addLink: Locator;
  readonly filters: Locator;
  readonly emptyState: Locator;
  readonly resultCount: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    this.addLink = this.main.getByRole('link', { name: 'Add evidence', exact: true });
    this.filters = this.main.getByRole('search', { name: 'Filter evidence' });
    this.emptyState = this.main.getByRole('heading', { name: 'No evidence yet' });
    this.resultCount = this.main.getByRole('status').filter({ hasText: /of evidence/ });
  }

  /** Opens the list and waits until it has loaded. */
  async open(): Promise<void> {
    await this.page.goto('/evidence');
    await this.waitForList();
  }

  /** Waits for the list, or its empty state, to be on the screen and settled. */
  async waitForList(): Promise<void> {
    await this.shell.waitForHeading('Evidence');
    await this.main.getByRole('region', { name: 'Results' }).waitFor({ state: 'attached' });
    await this.main.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
  }

  /** One piece of evidence, found by its title. */
  item(title: string): Locator {
    return this.main.getByRole('article', { name: title, exact: true });
  }

  /** The titles of the listed evidence, in order. */
  async titles(): Promise<string[]> {
    await this.waitForList();
    const headings = this.main.getByRole('article').getByRole('heading', { level: 3 });
    return textsOf(headings);
  }

  /** What a card shows. */
  async card(title: string): Promise<EvidenceCard> {
    const item = this.item(title);
    await item.waitFor();
    const body = item.locator('.prose');
    return {
      title,
      meta: await textOf(item.locator('header p').first()),
      competencies: await textsOf(item.getByRole('list', { name: 'Competencies' }).getByRole('link')),
      links: await textsOf(item.getByRole('list', { name: 'Links' }).getByRole('link')),
      bodyHtml: (await body.count()) === 0 ? '' : await body.innerHTML(),
    };
  }

  /** The button that folds and unfolds a long body ("Show more" / "Show less"); absent for a short one. */
  foldButton(title: string): Locator {
    return this.item(title).getByRole('button', { name: new RegExp(`^Show (more|less) of ${escapeRegExp(title)}$`) });
  }

  /** Whether the body shows whole: nothing of it is cut off below the fold. */
  async bodyShowsWhole(title: string): Promise<boolean> {
    const body = this.item(title).locator('.prose');
    await body.waitFor();
    return body.evaluate((element) => {
      const box = element.parentElement ?? element;
      return element.getBoundingClientRect().bottom <= box.getBoundingClientRect().bottom + 1;
    });
  }

  /** The tables that the Markdown bodies on the page render, as header rows. */
  async tableHeaders(): Promise<string[][]> {
    await this.waitForList();
    const tables = this.main.getByRole('article').getByRole('table');
    const headers: string[][] = [];
    for (const table of await tables.all()) headers.push(await textsOf(table.getByRole('columnheader')));
    return headers;
  }

  /** The count line, such as "15 pieces of evidence." */
  async countText(): Promise<string> {
    await this.waitForList();
    return textOf(this.resultCount);
  }

  /** The button under a long list that loads the next page; absent on the last page. */
  get showOlder(): Locator {
    return this.main.getByRole('button', { name: /^(Show older evidence|Loading older evidence…)$/ });
  }

  /** Loads the next page with "Show older evidence" and waits until the list has grown. */
  async showOlderEvidence(): Promise<void> {
    const before = await this.main.getByRole('article').count();
    await this.showOlder.click();
    await this.page.waitForFunction((count) => document.querySelectorAll('main article').length > count, before);
    await this.waitForList();
  }

  /** Narrows the list to one competency, by title, with the filter form. */
  async filterByCompetency(title: string): Promise<void> {
    await this.filters.getByLabel('Competency', { exact: true }).selectOption({ label: title });
    await this.resultCount.filter({ hasText: /\bmatch(es)? these filters/ }).waitFor();
    await this.waitForList();
  }

  /** Follows "Add evidence" to the form. */
  async addEvidence(): Promise<void> {
    await this.addLink.click();
    await this.shell.waitForHeading('Add evidence');
  }

  /** Deletes one piece of evidence with its Delete button and waits for it to leave the list. */
  async deleteItem(title: string): Promise<void> {
    await this.item(title)
      .getByRole('button', { name: `Delete ${title}`, exact: true })
      .click();
    await this.item(title).waitFor({ state: 'detached' });
  }

  /** Takes back the last deletion with the toast's Undo, and waits for the item to return. */
  async undoDelete(title: string): Promise<void> {
    await this.shell.undo();
    await this.item(title).waitFor();
  }
}
