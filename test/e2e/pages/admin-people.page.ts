import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.page.js';

/** The admin People screen: the filters, the add form, and one card per person. */
export class AdminPeoplePage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly teamFilter: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    const filters = page.getByRole('search', { name: 'Filter the people' });
    this.teamFilter = filters.getByLabel('Team');
    this.search = filters.getByLabel('Search by name or email');
  }

  /** The card of one person, by their name. */
  person(name: string): Locator {
    return this.main.getByTestId('admin-person').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  /** The add form, opened from the page's button. */
  async openAddForm(): Promise<Locator> {
    await this.main.getByRole('button', { name: 'Add a person' }).click();
    return this.main.getByRole('form', { name: 'Add a person' });
  }

  /** The edit form of one person, opened from their card. */
  async openEditForm(name: string): Promise<Locator> {
    await this.person(name)
      .getByRole('button', { name: `Edit ${name}` })
      .click();
    return this.main.getByRole('form', { name: `Edit ${name}` });
  }
}
